"""The library API: what the CLI and the tests call. One Session per store.

The composition root: it builds the eventsourcing application from the store location,
opens the read models, and keeps them caught up before every read.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO
from uuid import UUID

from events import DomainError, make_source, parse_date, parse_timestamp
from tracker import queries
from tracker.application import Outcome, Tracker, utc_now
from tracker.bulk import bulk_work, parse_jsonl
from tracker.errors import OperationFailed, UsageError
from tracker.records import Record
from tracker.store import StoreLocation, locate
from tracker.transfer import export_events, import_events
from tracker.views import Views, catch_up

__all__ = ["Session", "open_session", "parse_jsonl"]

Progress = Callable[[int], None]


# Events per transaction when rebuilding: with no journal, each commit writes every dirty
# page, so fewer, larger transactions write the random-keyed index pages fewer times (1M
# events: 57 s at 5,000, 56 s and 231 MB at 10,000, 52 s at 20,000 but 353 MB peak RSS).
REBUILD_BATCH = int(os.environ.get("TRACKER_REBUILD_BATCH", "10000"))


@dataclass
class Session:
    """An open store: the event-sourced application plus its read models."""

    location: StoreLocation
    app: Tracker
    views: Views
    now: Callable[[], datetime] = utc_now
    default_dyad: str = "CHN-USA"
    _caught_up: bool = field(default=False, repr=False)
    views_set_aside: Path | None = None

    # -- plumbing ---------------------------------------------------------------------

    def catch_up(self, progress: Progress | None = None) -> int:
        """Bring the read models up to the end of the log."""
        with bulk_work():
            applied = catch_up(self.views, self.app.read_batch, now=self.now().isoformat(), progress=progress)
        self._caught_up = True
        return applied

    @property
    def conn(self) -> sqlite3.Connection:
        """The read-model connection, caught up with the log first if a write may have left it behind."""
        if not self._caught_up:
            self.catch_up()
            self._caught_up = True
        return self.views.conn

    def _known_at_conn(self, known_at: str) -> sqlite3.Connection:
        """Read models built from only what was recorded by a time: `--known-at`."""
        limit = parse_timestamp(known_at, field="known-at")
        views = Views(":memory:")
        catch_up(
            views,
            self.app.read_batch,
            now=self.now().isoformat(),
            keep=lambda r: datetime.fromisoformat(r.recorded_at) <= limit,
        )
        return views.conn

    def close(self) -> None:
        """Close the read models and the event store."""
        self.views.close()
        self.app.close()

    # -- writing ----------------------------------------------------------------------

    def init(self) -> dict[str, int]:
        """Create the store and load (or top up) the reference data."""
        from tracker.reference import load

        counts = self.app.load_reference(load("states"), load("actors"), load("channels"))
        self._caught_up = False
        return counts

    def append(self, facts: Iterable[dict[str, Any]], *, new_actor: bool = False) -> list[Outcome]:
        """Validate every fact, then append them all in one transaction, or none."""
        with bulk_work():
            return self._append(list(facts), new_actor)

    def _append(self, facts: list[dict[str, Any]], new_actor: bool) -> list[Outcome]:
        if not facts:
            raise UsageError("no facts given")
        lines = [raw.pop("__line__", None) for raw in facts]
        # Names are resolved against the read models as they stand: appending does not wait
        # for them to catch up (the next read does). Only a name they do not know yet sends
        # them to catch up and the facts to be read again.
        if new_actor:
            self.catch_up()
        try:
            commands = self._parse(facts, lines, new_actor)
        except UsageError:
            if self.views.position() >= self.app.max_position():
                raise
            self.catch_up()
            commands = self._parse(facts, lines, new_actor)
        outcomes = self.app.record(commands)
        self._caught_up = False
        return outcomes

    def _parse(self, facts: list[dict[str, Any]], lines: list[int | None], new_actor: bool) -> list[Any]:
        from tracker.facts import parse_fact

        gaz = queries.gazetteer(self.views.conn)
        commands = []
        for number, (raw, line) in enumerate(zip(facts, lines, strict=True), start=1):
            where = f"line {line}: " if line else (f"fact {number}: " if len(facts) > 1 else "")
            try:
                if new_actor:
                    self._register_unknown(raw, gaz)
                commands.append(parse_fact(dict(raw), gaz, self.default_dyad))
            except DomainError as e:
                raise UsageError(f"{where}{e}") from None
        return commands

    def _register_unknown(self, raw: dict[str, Any], gaz: Any) -> None:
        from tracker.gazetteer import ActorRef
        from tracker.naming import slugify

        names = raw.get("participants") or []
        if isinstance(names, str):
            names = [names]
        for name in [*names, raw.get("initiator"), raw.get("recipient"), raw.get("target"), raw.get("actor")]:
            if isinstance(name, str) and name.strip() and gaz.find_actor(name) is None:
                slug = slugify(name)
                lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in name) else "en"
                aid = self.app.register_actor(slug, "person", None, {lang: name.strip()}, [])
                gaz.add_actor([name, slug], ActorRef(aid, slug, "person", None, name.strip()))

    def correct(self, fact: str, changes: dict[str, Any], reason: str, source: dict[str, Any]) -> Outcome:
        """Correct a fact given by id or prefix, resolving dates and names in the changes first."""
        fact_id = self.resolve_fact(fact)
        gaz = queries.gazetteer(self.conn)
        parsed: dict[str, Any] = {}
        for name, value in changes.items():
            if name in ("occurred_on", "until", "effective_on"):
                parsed[name] = parse_date(value, field=name)[0]
            elif name in ("initiator", "recipient"):
                parsed[name] = gaz.actor(value).slug
            elif name == "participants":
                parsed[name] = [gaz.actor(v).slug for v in value]
            elif name == "location":
                place = gaz.place(value)
                parsed[name] = place.slug if place else None
            elif name == "channel":
                parsed[name] = gaz.channel(value, self.default_dyad).slug
            else:
                parsed[name] = value
        outcome = self.app.correct(fact_id, parsed, reason, make_source(**source))
        self._caught_up = False
        return outcome

    def retract(
        self, fact: str, reason: str, source: dict[str, Any], *, on: str | None = None, kind: str | None = None
    ) -> Outcome:
        """Retract a fact given by id or prefix, with a reason and a source.

        A channel's assessment is retracted by the channel (slug, alias or id) and the date it
        was recorded for (on), with kind (channel-suspended, -stalled or -resumed) when that day
        holds more than one.
        """
        if on is not None:
            return self._retract_assessment(fact, reason, source, on, kind)
        outcome = self.app.retract(self.resolve_fact(fact), reason, make_source(**source))
        self._caught_up = False
        return outcome

    def _retract_assessment(self, name: str, reason: str, source: dict[str, Any], on: str, kind: str | None) -> Outcome:
        channel_id = (
            queries.find_channel(self.conn, name) or queries.gazetteer(self.conn).channel(name, self.default_dyad).id
        )
        day = parse_date(on, field="on")[0]
        if kind is not None:
            status = kind.removeprefix("channel-")
            if status not in ("suspended", "stalled", "resumed"):
                raise UsageError(f"--kind {kind!r} is not channel-suspended, channel-stalled or channel-resumed")
        else:
            statuses = queries.assessments_on(self.conn, channel_id, day.isoformat())
            if not statuses:
                raise UsageError(f"nothing was recorded of channel {name!r} on {day}; see `tracker channels show`")
            if len(statuses) > 1:
                raise UsageError(f"{name!r} has {', '.join(statuses)} on {day}: say which with --kind channel-…")
            status = statuses[0]
        outcome = self.app.retract_assessment(UUID(channel_id), status, day, reason, make_source(**source))
        self._caught_up = False
        return outcome

    def resolve_fact(self, fact: str) -> UUID:
        """The full id of the interaction or sanction an id prefix (at least 6 characters) names."""
        if len(fact.strip()) < 6:
            raise UsageError(f"fact id {fact!r} is too short: give at least 6 characters")
        try:
            found = queries.find_fact(self.conn, fact)
        except ValueError as e:
            raise UsageError(str(e)) from None
        if found is None:
            raise UsageError(f"no interaction or sanction with id {fact!r}; see `tracker status` or `tracker timeline`")
        return UUID(found[0])

    def add_actor(
        self, slug: str, kind: str, state: str | None, names: dict[str, str], aliases: list[str], wikidata: str | None
    ) -> str:
        """Register an actor and return its id; state may name the state or an actor whose state is taken."""
        if state:
            gaz = queries.gazetteer(self.conn)
            ref = gaz.actor(state)
            state = ref.slug if ref.kind == "state" else ref.state
        aid = self.app.register_actor(slug, kind, state, names, aliases, wikidata)
        self._caught_up = False
        return aid

    def add_alias(self, actor: str, alias: str) -> str:
        """Add an alias to an actor and return the actor's slug; a name that already means another actor is refused."""
        ref = queries.gazetteer(self.conn).actor(actor)
        other = queries.gazetteer(self.conn).find_actor(alias)
        if other is not None and other.id != ref.id:
            raise UsageError(f"alias {alias!r} already names {other.slug}")
        self.app.add_alias(UUID(ref.id), alias)
        self._caught_up = False
        return ref.slug

    # -- reading ----------------------------------------------------------------------

    def status(
        self,
        *,
        dyad: str | None = None,
        as_of: str | None = None,
        known_at: str | None = None,
        since: str | None = None,
        changes_since: str | None = None,
    ) -> dict[str, Any]:
        """The status report as the JSON contract gives it."""
        dyad = self._dyad(dyad)
        as_of_date = parse_date(as_of, field="as-of")[0] if as_of else self.now().date()
        since_date = parse_date(since, field="since")[0] if since else None
        if since_date and since_date > as_of_date:
            raise UsageError(f"--since {since_date} is after --as-of {as_of_date}")
        conn = self._known_at_conn(known_at) if known_at else self.conn
        body = queries.status(conn, dyad=dyad, as_of=as_of_date, since=since_date)
        result = {
            "dyad": body.pop("dyad"),
            "as_of": body.pop("as_of"),
            "known_at": parse_timestamp(known_at).isoformat() if known_at else None,
            "generated_at": self.now().isoformat(timespec="seconds"),
            **body,
        }
        from tracker.changes import changes_since as changes
        from tracker.changes import channel_histories

        result["channel_history"] = channel_histories(conn, dyad=dyad, until=result["as_of"])
        if changes_since:
            day = parse_date(changes_since, field="changes-since")[0].isoformat()
            result["changes"] = changes(conn, dyad=dyad, since=day, as_of=result["as_of"])
        return result

    def _dyad(self, dyad: str | None) -> str:
        if not dyad:
            return self.default_dyad
        parts = sorted(p.strip().upper() for p in dyad.split("-"))
        if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
            raise UsageError(f"dyad {dyad!r} must be two ISO 3166 alpha-3 codes, e.g. CHN-USA")
        return "-".join(parts)

    def timeline(self, **filters: Any) -> list[dict[str, Any]]:
        """The timeline of dated facts, filtered by dyad, dates, kind or actor (any of its names)."""
        if filters.get("dyad"):
            filters["dyad"] = self._dyad(filters["dyad"])
        for name in ("since", "until"):
            if filters.get(name):
                filters[name] = parse_date(filters[name], field=name)[0].isoformat()
        if filters.get("actor"):
            filters["actor"] = queries.gazetteer(self.conn).actor(filters["actor"]).slug
        return queries.timeline(self.conn, **filters)

    def actors(self, kind: str | None = None, state: str | None = None) -> list[dict[str, Any]]:
        """Every actor, optionally only those of one kind or one state."""
        return queries.actors(self.conn, kind, state)

    def actor(self, name: str) -> dict[str, Any]:
        """One actor, found by any of its names, with the offices it has held."""
        ref = queries.gazetteer(self.conn).actor(name)
        row = next(a for a in queries.actors(self.conn) if a["id"] == ref.slug)
        return {**row, "offices": queries.actor_offices(self.conn, ref.id)}

    def channels(self, dyad: str | None = None, as_of: str | None = None) -> list[dict[str, Any]]:
        """The channels of one dyad (or all), each with its status as of a date (today by default)."""
        day = parse_date(as_of, field="as-of")[0] if as_of else self.now().date()
        return queries.channels(self.conn, self._dyad(dyad) if dyad else None, day.isoformat())

    def channel(self, name: str, as_of: str | None = None) -> dict[str, Any]:
        """One channel, found by any of its names, with its status as of a date and its whole history."""
        ref = queries.gazetteer(self.conn).channel(name, self.default_dyad)
        row = next(c for c in self.channels(ref.dyad, as_of) if c["id"] == ref.id)
        return {**row, "history": queries.channel_history(self.conn, ref.id)}

    def history(self, fact: str) -> list[dict[str, Any]]:
        """Every event of one fact, given by full id or prefix, as JSON; these events carry no log position."""
        try:
            fact_id = UUID(fact)
        except ValueError:
            fact_id = self.resolve_fact(fact)
        records = self.app.history(fact_id)
        if not records:
            raise UsageError(f"no fact with id {fact!r}")
        return [r.as_json() | {"position": None} for r in records]

    def log(self, after: int = 0, limit: int | None = None) -> Iterator[Record]:
        """Stored events after a position, oldest first, stopping after limit of them if given."""
        for count, record in enumerate(self.app.records(after=after), start=1):
            yield record
            if limit is not None and count >= limit:
                return

    # -- export, import, verify, backup, projections ----------------------------------

    def export(self, out: TextIO, fmt: str = "jsonl") -> int:
        """Write every stored event, oldest first; returns how many."""
        return export_events(self.app, out, fmt)

    def import_(self, text: str, *, what: str = "file") -> dict[str, int]:
        """Append exported events that the store lacks; all or nothing, idempotent."""
        with bulk_work():
            result = import_events(self.app, text, what)
        if result["imported"]:
            self._caught_up = False
        return result

    def verify(self, progress: Progress | None = None) -> dict[str, Any]:
        """Check the log: each fact's versions run 1, 2, 3… in log order, every event decodes."""
        return self.app.verify_log(progress)

    def projections_status(self) -> dict[str, Any]:
        """Each projection's position and lag, and the rows of every read-model table."""
        import sqlite_utils

        end = self.app.max_position()
        db = sqlite_utils.Database(self.views.conn)
        return {
            "log_position": end,
            "views": str(self.views.path) if self.views.path else ":memory:",
            "projections": [
                {"name": name, "position": pos, "behind": end - pos} for name, pos in self.views.positions().items()
            ],
            "tables": {name: db.table(name).count for name in db.table_names()},
        }

    def rebuild(self, progress: Progress | None = None) -> int:
        """Recreate the read models from the log.

        They are built in a new file beside the old one, which readers keep using meanwhile;
        the new file then takes the old one's place, and catches up with what was appended
        during the rebuild.
        """
        path = self.views.path
        if path is None:
            raise OperationFailed("in-memory views cannot be rebuilt")
        fresh_path = path.with_name(path.name + ".rebuilding")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(fresh_path) + suffix).unlink(missing_ok=True)
        with bulk_work():
            fresh = Views(fresh_path, bulk=True)
            try:
                count = catch_up(
                    fresh, self.app.read_batch, now=self.now().isoformat(), progress=progress, batch_size=REBUILD_BATCH
                )
                fresh.finish_bulk()
            finally:
                fresh.close()
        with self.views.writer_lock():
            self.views.close()
            # The old WAL must not outlive its database: a new file beside it would replay it.
            for suffix in ("-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            fresh_path.replace(path)
            fresh_path.with_suffix(".lock").unlink(missing_ok=True)
            self.views = Views(path)
        count += self.catch_up()
        self._caught_up = True
        return count

    def backup(self, target: Path) -> dict[str, Any]:
        """A consistent copy of the event store (SQLite online backup), safe while others write."""
        if self.location.backend != "sqlite" or self.location.events_path is None:
            raise UsageError("backup copies SQLite stores; back up PostgreSQL with pg_dump (see ops/)")
        target = target.expanduser()
        if target.is_dir():
            target = target / f"events-{self.now().strftime('%Y%m%dT%H%M%S')}.db"
        if target.exists():
            raise UsageError(f"{target} exists; choose a new file name")
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(str(self.location.events_path))
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
            count = dst.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
            src.close()
        if check != "ok":
            raise OperationFailed(f"backup at {target} failed its integrity check: {check}")
        return {"path": str(target), "events": count}


def open_session(
    store: str | None = None,
    views: str | None = None,
    *,
    create: bool = False,
    setup: bool | None = None,
    now: Callable[[], datetime] = utc_now,
) -> Session:
    """Open the store at --store/TRACKER_STORE (created when create is true).

    setup (default: create) runs the PostgreSQL schema statements. They are not safe to run
    from many processes at once (PostgreSQL answers "tuple concurrently updated"), so only
    commands that set a store up run them: writers that merely append do not.
    """
    location = locate(store, views)
    env = dict(location.env)
    if location.backend == "postgres":
        env["CREATE_TABLE"] = "y" if (create if setup is None else setup) else "n"
    if location.backend == "sqlite":
        assert location.folder is not None
        events_path = location.folder / "events.db"
        if not events_path.exists():
            if not create:
                raise UsageError(f"no store at {location.folder}; run `tracker init` (or give --store)")
            try:
                location.folder.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise OperationFailed(f"cannot create the store folder {location.folder}: {e.strerror}") from None
        elif create is False:
            _check_sqlite(events_path)
    try:
        app = Tracker(env=env, now=now)
    except Exception as e:
        raise OperationFailed(f"cannot open the store at {location.describe()}: {_first_line(e)}") from None
    if location.backend == "postgres" and env["CREATE_TABLE"] == "n" and not _has_events_table(app):
        app.close()
        raise UsageError(f"no tracker store at {location.describe()}; run `tracker init --store …` first")
    try:
        views_db, set_aside = _open_views(location.views_path, now)
    except BaseException:
        app.close()
        raise
    session = Session(location=location, app=app, views=views_db, now=now)
    session.views_set_aside = set_aside
    return session


def _open_views(path: Path, now: Callable[[], datetime]) -> tuple[Views, Path | None]:
    """Open the read models; unreadable or of another schema, they are set aside and rebuilt.

    They are disposable (the log is the truth), so a damaged views.db costs a rebuild, never
    a failed command. The old file is kept beside it for inspection.
    """
    try:
        return Views(path), None
    except OperationFailed:
        aside = path.with_name(f"{path.name}.unreadable-{now().strftime('%Y%m%dT%H%M%S')}")
        try:
            path.replace(aside)
            for suffix in ("-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        except OSError as e:
            raise OperationFailed(
                f"read models at {path} are unreadable and cannot be moved aside: {e.strerror}"
            ) from None
        return Views(path), aside


def _has_events_table(app: Tracker) -> bool:
    recorder: Any = app.recorder
    with recorder.datastore.transaction(commit=False) as c:
        c.execute(
            "SELECT to_regclass(%s) IS NOT NULL AS present",
            (f'"{recorder.datastore.schema}"."{recorder.events_table_name}"',),
        )
        row = c.fetchone()  # eventsourcing's PostgreSQL cursors return rows as dicts
    return bool(row and row["present"])


def _check_sqlite(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            header = f.read(16)
    except OSError as e:
        raise OperationFailed(f"cannot read the store {path}: {e.strerror}") from None
    if header and header != b"SQLite format 3\x00":
        raise OperationFailed(f"{path} is not an SQLite database; is --store pointing at the right folder?")


def _first_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__
