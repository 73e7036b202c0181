"""`tracker append`'s work, with no typer: the typer command (tracker.cli.ledger) and the fast path
of a one-fact append (tracker.cli.quick) both call run_append."""

from __future__ import annotations

from typing import Any

from tracker.cli.base import check_format, echo, emit_json, fail, plural, read_input, session

__all__ = ["run_append"]


def _source_of(
    url: str | None, outlet: str | None, language: str | None, published: str | None, title: str | None
) -> dict[str, Any] | None:
    if url is None:
        return None
    return {
        k: v
        for k, v in {
            "url": url,
            "outlet": outlet,
            "language": language,
            "published_at": published,
            "title": title,
        }.items()
        if v is not None
    }


def run_append(
    kind: str | None,
    *,
    actor: list[str] | None = None,
    initiator: str | None = None,
    recipient: str | None = None,
    on: str | None = None,
    until: str | None = None,
    status: str | None = None,
    location: str | None = None,
    channel: str | None = None,
    summary: str | None = None,
    source: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    published: str | None = None,
    title: str | None = None,
    target: str | None = None,
    by: str | None = None,
    authority: str | None = None,
    program: str | None = None,
    legal_basis: str | None = None,
    reason: str | None = None,
    office: str | None = None,
    state: str | None = None,
    file: str | None = None,
    new_actor: bool = False,
    fmt: str = "text",
    store: str | None = None,
    views: str | None = None,
) -> None:
    """Append one fact (KIND with options), or many with --file (all or nothing), and print the outcomes."""
    check_format(fmt, ("text", "json"))
    if file is not None and kind is not None:
        fail("give either KIND with options or --file, not both", 2)
    # Never create a store here: a missing one is a usage error that says to run `tracker init`.
    with session(store, views, setup=False, flags=file is None, catch_up=False) as s:
        from tracker.input.jsonl import parse_jsonl

        if file is not None:
            from tracker.gcpause import bulk_work

            with bulk_work():
                facts = parse_jsonl(read_input(file), what=file if file != "-" else "stdin")
            if not facts:
                fail(f"{file}: no facts in it", 2)
        else:
            if kind is None:
                fail("give a KIND (e.g. meeting) or --file FACTS.jsonl; see tracker append --help", 2)
            raw: dict[str, Any] = {
                "kind": kind, "initiator": initiator, "recipient": recipient, "occurred_on": on, "until": until,
                "status": status, "location": location, "channel": channel, "summary": summary,
                "source": _source_of(source, outlet, language, published, title), "target": target,
                "authority": authority, "program": program, "legal_basis": legal_basis, "reason": reason,
                "office": office, "state": state,
            }  # fmt: skip
            if kind.startswith("office-"):
                raw["actor"] = actor[0] if actor else None
                if actor and len(actor) > 1:
                    fail("office facts take one --actor", 2)
            else:
                raw["participants"] = actor or []
            if kind == "sanction-imposed":
                raw["imposed_by"] = by
            else:
                raw["by"] = by
            # An empty --summary "" is kept, for the domain to refuse: only options not given are left out.
            facts = [{k: v for k, v in raw.items() if v is not None and v != []}]
        outcomes = s.append(facts, new_actor=new_actor)
        if fmt == "json":
            emit_json([o.as_json() for o in outcomes])
        elif file is not None:
            counts: dict[str, int] = {}
            for o in outcomes:
                counts[o.action] = counts.get(o.action, 0) + 1
            echo(f"{plural(len(outcomes), 'fact')}: " + ", ".join(f"{n} {a}" for a, n in sorted(counts.items())))
        else:
            for o in outcomes:
                echo(f"{o.action} {o.kind} {o.fact_id}")
                if o.differs:
                    # The report merged into a recorded interaction but tells it differently: say so.
                    from tracker.reports.common import FIELD_WORDS

                    differs = ", ".join(FIELD_WORDS.get(f, f) for f in o.differs)
                    echo(f"  this report differs on {differs}; see tracker history {o.fact_id[:8]}")
