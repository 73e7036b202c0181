"""The library API: what the CLI and the tests call. One Session per store.

The composition root: it opens the event log and the read models of a location, builds the
ledger over the log, resolves names through one gazetteer, and keeps the read models caught
up before every read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from events import actor_id, make_source, parse_date, parse_timestamp
from events.commands import AddAlias, Command, CorrectFact, Outcome, RegisterActor, RetractAssessment, RetractFact
from tracker.application import Ledger, utc_now
from tracker.errors import OperationFailed, UsageError
from tracker.gcpause import bulk_work
from tracker.input.facts import check_name, parse_reason
from tracker.input.gazetteer import ChannelRef, Gazetteer
from tracker.input.jsonl import parse_jsonl
from tracker.input.options import parse_dyad, parse_kind
from tracker.records import Record
from tracker.session.feeds import FeedUseCases
from tracker.session.peer import PeerUseCases
from tracker.session.reports import ReportUseCases
from tracker.session.review import ReviewUseCases
from tracker.session.storage import StorageUseCases
from tracker.store import EventLog, StoreLocation, locate, open_log, writable
from tracker.views import Views, catch_up, open_views, queries, rebuild_views, views_copy, views_known_at

__all__ = ["Session", "open_session", "parse_jsonl"]

Progress = Callable[[int], None]


@dataclass
class Session(FeedUseCases, ReportUseCases, PeerUseCases, ReviewUseCases, StorageUseCases):
    """An open store: its event log, the ledger that writes to it, and its read models (feeds: FeedUseCases)."""

    location: StoreLocation
    store: EventLog
    views: Views
    now: Callable[[], datetime] = utc_now
    default_dyad: str = "CHN-USA"
    views_set_aside: Path | None = None
    notes: list[str] = field(default_factory=list)  # one-line notices for stderr (e.g. views built in memory)
    ledger: Ledger = field(init=False)
    _caught_up: bool = field(default=False, repr=False)
    _gazetteer: Gazetteer | None = field(default=None, repr=False)
    _gazetteer_at: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        self.ledger = Ledger(self.store, self.now)

    # -- plumbing ---------------------------------------------------------------------

    def catch_up(self, progress: Progress | None = None) -> int:
        """Bring the read models up to the end of the log."""
        with bulk_work():
            applied = catch_up(self.views, self.store.read_batch, now=self.now().isoformat(), progress=progress)
        self._caught_up = True
        return applied

    @property
    def conn(self) -> sqlite3.Connection:
        """The read-model connection, caught up with the log first if a write may have left it behind."""
        if not self._caught_up:
            self.catch_up()
        return self.views.conn

    def _known_at_conn(self, known_at: str) -> sqlite3.Connection:
        """Read models built from only what was recorded by a time: `--known-at`."""
        limit = parse_timestamp(known_at, field="known-at")
        return views_known_at(self.store.read_batch, limit, now=self.now()).conn

    def gazetteer(self) -> Gazetteer:
        """Every name of every actor and channel, as the read models stand: loaded once a session.

        Appending does not wait for the read models to catch up: a name they do not know yet
        sends them to catch up and the gazetteer to be loaded again (`_refresh_gazetteer`).
        """
        if self._gazetteer is None:
            self._gazetteer_at = self.views.position()
            self._gazetteer = Gazetteer.from_rows(*queries.names(self.views.conn))
        return self._gazetteer

    def _refresh_gazetteer(self) -> bool:
        """Catch up and load the gazetteer again if the log has moved on since it was loaded; whether it did."""
        if self._gazetteer is not None and self._gazetteer_at >= self.store.max_position():
            return False
        self.catch_up()
        self._gazetteer = None
        self.gazetteer()
        return True

    def _names(self) -> Gazetteer:
        # For reads and corrections: their queries see the read models caught up, so the names must too.
        if not self._caught_up:
            self.catch_up()
        if self._gazetteer is not None and self._gazetteer_at < self.views.position():
            self._gazetteer = None
        return self.gazetteer()

    def _execute(self, commands: list[Command]) -> list[Outcome]:
        outcomes = self.ledger.execute(commands)
        self._caught_up = False
        return outcomes

    def close(self) -> None:
        """Close the read models and the event store."""
        self.views.close()
        self.store.close()

    # -- writing ----------------------------------------------------------------------

    def init(self) -> dict[str, int]:
        """Create the store and load (or top up) the reference data."""
        from tracker.data import load
        from tracker.input.reference import count, reference_commands

        outcomes = self._execute(reference_commands(load("states"), load("actors"), load("channels")))
        self._gazetteer = None
        return count(outcomes)

    def append(self, facts: Iterable[dict[str, Any]], *, new_actor: bool = False) -> list[Outcome]:
        """Validate every fact, then append them all in one transaction, or none."""
        with bulk_work():
            return self._append(list(facts), new_actor)

    def _append(self, facts: list[dict[str, Any]], new_actor: bool) -> list[Outcome]:
        if not facts:
            raise UsageError("no facts given")
        lines = [raw.pop("__line__", None) for raw in facts]
        if new_actor:
            self._refresh_gazetteer()  # an actor registered elsewhere must not be registered again
        try:
            commands = self._parse(facts, lines, new_actor)
        except UsageError:
            if not self._refresh_gazetteer():
                raise
            commands = self._parse(facts, lines, new_actor)
        return self._execute(commands)

    def _parse(self, facts: list[dict[str, Any]], lines: list[int | None], new_actor: bool) -> list[Command]:
        from tracker.input.batch import parse_facts

        return parse_facts(facts, lines, self.gazetteer(), self.default_dyad, self._register if new_actor else None)

    def _register(self, slug: str, names: dict[str, str]) -> None:
        self._execute([RegisterActor(slug, "person", None, names)])

    def correct(self, fact: str, changes: dict[str, Any], reason: str, source: dict[str, Any]) -> Outcome:
        """Correct a fact given by id or prefix, resolving dates and names in the changes first."""
        from tracker.input.facts import parse_changes

        if self._names().find_channel(fact, self.default_dyad):
            raise UsageError(f"{fact!r} is a channel: its assessments are retracted (retract --on DATE), not corrected")
        fact_id = self.resolve_fact(fact)
        parsed = parse_changes(changes, self._names(), self.default_dyad)
        return self._execute([CorrectFact(fact_id, parsed, parse_reason(reason), make_source(**source))])[0]

    def retract(
        self, fact: str, reason: str, source: dict[str, Any], *, on: str | None = None, kind: str | None = None
    ) -> Outcome:
        """Retract a fact given by id or prefix, with a reason and a source.

        A channel's assessment is retracted by the channel (slug, alias or id) and the date it
        was recorded for (on), with kind (channel-suspended, -stalled or -resumed) when that day
        holds more than one.
        """
        reason = parse_reason(reason)
        if on is not None:
            return self._retract_assessment(fact, reason, source, on, kind)
        return self._execute([RetractFact(self.resolve_fact(fact), reason, make_source(**source))])[0]

    def _retract_assessment(self, name: str, reason: str, source: dict[str, Any], on: str, kind: str | None) -> Outcome:
        gaz = self._names()
        channel: ChannelRef = gaz.channel_by_id(name) or gaz.channel(name, self.default_dyad)
        day = parse_date(on, field="on")[0]
        if kind is not None:
            status = kind.removeprefix("channel-")
            if status not in ("suspended", "stalled", "resumed"):
                raise UsageError(f"--kind {kind!r} is not channel-suspended, channel-stalled or channel-resumed")
        else:
            statuses = queries.assessments_on(self.conn, channel.id, day.isoformat())
            if not statuses:
                raise UsageError(f"nothing was recorded of channel {name!r} on {day}; see `tracker channels show`")
            if len(statuses) > 1:
                raise UsageError(f"{name!r} has {', '.join(statuses)} on {day}: say which with --kind channel-…")
            status = statuses[0]
        command = RetractAssessment(channel.dyad, channel.slug, status, day, reason, make_source(**source))
        return self._execute([command])[0]

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
        names, aliases = {lang: check_name(n) for lang, n in names.items()}, [check_name(a, "alias") for a in aliases]
        if state:
            state = self._names().actor(state).home
        self._execute([RegisterActor(slug, kind, state, names, aliases, wikidata)])
        self._gazetteer = None
        return str(actor_id(slug))

    def add_alias(self, actor: str, alias: str) -> str:
        """Add an alias to an actor and return the actor's slug; a name that already means another actor is refused."""
        alias = check_name(alias, "alias")
        gaz = self._names()
        ref = gaz.actor(actor)
        other = gaz.find_actor(alias)
        if other is not None and other.id != ref.id:
            raise UsageError(f"alias {alias!r} already names {other.slug}")
        self._execute([AddAlias(ref.slug, alias)])
        self._gazetteer = None
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
        from tracker.views.changes import changes_since as changes
        from tracker.views.changes import channel_histories

        result["channel_history"] = channel_histories(conn, dyad=dyad, until=result["as_of"])
        if changes_since:
            day = parse_date(changes_since, field="changes-since")[0].isoformat()
            result["changes"] = changes(conn, dyad=dyad, since=day, as_of=result["as_of"])
        # Feed health is operational and current, whatever the date asked about.
        result["feeds"] = self.with_health(result["feeds"])
        return result

    def _dyad(self, dyad: str | None) -> str:
        return parse_dyad(dyad, {a["id"] for a in queries.actors(self.conn, "state")}) if dyad else self.default_dyad

    def timeline(self, **filters: Any) -> list[dict[str, Any]]:
        """The timeline of dated facts, filtered by dyad, dates, kind or actor (any of its names)."""
        if filters.get("dyad"):
            filters["dyad"] = self._dyad(filters["dyad"])
        filters["kind"] = parse_kind(filters.get("kind"))
        for name in ("since", "until"):
            if filters.get(name):
                filters[name] = parse_date(filters[name], field=name)[0].isoformat()
        if filters.get("actor"):
            filters["actor"] = self._names().actor(filters["actor"]).slug
        return queries.timeline(self.conn, **filters)

    def actors(self, kind: str | None = None, state: str | None = None) -> list[dict[str, Any]]:
        """Every actor, optionally only those of one kind or one state."""
        return queries.actors(self.conn, kind, state)

    def actor(self, name: str) -> dict[str, Any]:
        """One actor, found by any of its names, with the offices it has held."""
        ref = self._names().actor(name)
        row = next(a for a in queries.actors(self.conn) if a["id"] == ref.slug)
        return {**row, "offices": queries.actor_offices(self.conn, ref.id)}

    def channels(self, dyad: str | None = None, as_of: str | None = None) -> list[dict[str, Any]]:
        """The channels of one dyad (or all), each with its status as of a date (today by default)."""
        day = parse_date(as_of, field="as-of")[0] if as_of else self.now().date()
        return queries.channels(self.conn, self._dyad(dyad) if dyad else None, day.isoformat())

    def channel(self, name: str, as_of: str | None = None) -> dict[str, Any]:
        """One channel, found by any of its names, with its status as of a date and its whole history."""
        ref = self._names().channel(name, self.default_dyad)
        row = next(c for c in self.channels(ref.dyad, as_of) if c["id"] == ref.id)
        return {**row, "history": queries.channel_history(self.conn, ref.id)}

    def history(self, fact: str) -> list[dict[str, Any]]:
        """Every event of one fact (full id or prefix) or channel (any name), as JSON; these carry no log position."""
        try:
            fact_id = UUID(fact)
        except ValueError:
            channel = self._names().find_channel(fact, self.default_dyad)
            fact_id = UUID(channel.id) if channel else self.resolve_fact(fact)
        records = self.store.read_aggregate(fact_id)
        if not records:
            raise UsageError(f"no fact with id {fact!r}")
        return [r.as_json() | {"position": None} for r in records]

    def log(self, after: int = 0, limit: int | None = None) -> Iterator[Record]:
        """Stored events after a position, oldest first, stopping after limit of them if given."""
        for number, record in enumerate(self.store.read(after=after), start=1):
            yield record
            if limit is not None and number >= limit:
                return

    # -- export, import, verify, backup, projections ----------------------------------

    def projections_status(self) -> dict[str, Any]:
        """Each projection's position and lag, and the rows of every read-model table."""
        end = self.store.max_position()
        return {
            "log_position": end,
            "views": str(self.views.path) if self.views.path else ":memory:",
            "projections": [
                {"name": name, "position": pos, "behind": end - pos} for name, pos in self.views.positions().items()
            ],
            "tables": self.views.table_counts(),
        }

    def rebuild(self, progress: Progress | None = None) -> int:
        """Recreate the read models from the log, beside the old ones, which readers keep using meanwhile."""
        if self.views.path is None:
            raise OperationFailed("in-memory views cannot be rebuilt")
        with bulk_work():
            self.views, count = rebuild_views(self.views, self.store.read_batch, now=self.now(), progress=progress)
        count += self.catch_up()
        return count


def open_session(
    store: str | None = None,
    views: str | None = None,
    *,
    create: bool = False,
    setup: bool | None = None,
    now: Callable[[], datetime] = utc_now,
) -> Session:
    """Open the store at --store/TRACKER_STORE (created when create is true); see tracker.store.open_log for setup."""
    location = locate(store, views)
    log = open_log(location, create=create, setup=setup)
    notes: list[str] = []
    try:
        if writable(location.views_path):
            views_db, set_aside = open_views(location.views_path, now)
        else:  # a read-only store or snapshot gets read models for this command only
            views_db, how = views_copy(location.views_path)
            set_aside, notes = None, [f"cannot write {location.views_path}; {how}"]
    except BaseException:
        log.close()
        raise
    return Session(location=location, store=log, views=views_db, now=now, views_set_aside=set_aside, notes=notes)
