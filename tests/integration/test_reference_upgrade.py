"""`tracker init` after an upgrade corrects what the old reference data said, and only that."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from tracker.data import load
from tracker.input.reference import reference_commands
from tracker.session import Session

USER_SOURCE = {"url": "https://example.org/appointment", "outlet": "Example", "language": "en"}


def _old_data() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The reference data as an older release had it: Kahl leaving on 07-01, Burns from March, fewer aliases."""
    people = copy.deepcopy(load("actors"))
    kahl = next(p for p in people if p["slug"] == "colin-kahl")
    kahl["offices"][0]["until"] = "2023-07-01"
    burns = next(p for p in people if p["slug"] == "nicholas-burns")
    burns["offices"][0]["since"] = "2022-03-01"
    channels = copy.deepcopy(load("channels"))
    dpct = next(c for c in channels if c["slug"] == "dpct")
    dpct["aliases"] = [a for a in dpct["aliases"] if a != "国防部工作会晤"]
    return load("states"), people, channels


def _terms(session: Session, name: str) -> list[tuple[str, str | None]]:
    return [(o["since"], o["until"]) for o in session.actor(name)["offices"]]


def test_a_store_built_from_old_data_is_corrected_by_init(
    make_store: Callable[[str], Any], make_session: Callable[..., Session]
) -> None:
    """A store loaded with the old data, then `init`, holds the terms the data gives now, once each."""
    s = make_session(make_store("old"), create=True)
    s._execute(reference_commands(*_old_data()))
    assert _terms(s, "Colin Kahl")[0][1] == "2023-07-01"
    assert [since for since, _ in _terms(s, "Nicholas Burns")] == ["2022-03-01"]
    s.add_actor("zhang-san", "person", "CHN", {"en": "Zhang San"}, [], None)
    s.append([{"kind": "office-assumed", "actor": "Colin Kahl", "office": "Visiting Fellow", "occurred_on": "2023-09-01",
               "source": USER_SOURCE}])  # fmt: skip
    s.init()
    kahl = s.actor("Colin Kahl")["offices"]
    assert [(o["office"], o["until"]) for o in kahl] == [
        ("Under Secretary of Defense for Policy", None),
        ("Visiting Fellow", None),
    ]
    assert [since for since, _ in _terms(s, "Nicholas Burns")] == ["2022-01-25"]
    assert s.channel("国防部工作会晤")["slug"] == "dpct"
    before = s.store.max_position()
    s.init()
    assert s.store.max_position() == before  # nothing more to correct
