"""The "what changed" query over a real store's read models, on SQLite and on PostgreSQL."""

from __future__ import annotations

from tracker.session import Session
from tracker.views.changes import changes_since, channel_histories

REUTERS = {"url": "https://www.reuters.com/a", "outlet": "Reuters", "language": "en"}
MFA = {"url": "https://www.fmprc.gov.cn/b", "outlet": "MFA", "language": "zh"}
CORRECTION = {"url": "https://www.reuters.com/correction", "outlet": "Reuters", "language": "en"}


def test_changes_since_lists_channels_sanctions_interactions_and_corrections(session: Session) -> None:
    """Channels, sanctions and interactions change by their own dates in (since, as_of]; corrections by the day recorded."""
    s = session
    s.append(
        [
            {"kind": "channel-suspended", "channel": "mmca", "occurred_on": "2022-08-05", "by": "CHN", "source": MFA},
            {"kind": "channel-resumed", "channel": "mmca", "occurred_on": "2023-07-10", "source": MFA},
            {"kind": "channel-stalled", "channel": "dpct", "occurred_on": "2023-06-01", "source": MFA},
            {"kind": "sanction-imposed", "target": "Li Shangfu", "imposed_by": "USA", "authority": "State",
             "program": "CAATSA 231", "occurred_on": "2023-07-15", "source": REUTERS},
            {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12",
             "summary": "Xie meets Ratner", "source": REUTERS},
        ]
    )  # fmt: skip
    meeting = next(r for r in s.timeline() if r["kind"] == "meeting")
    s.retract(meeting["id"], reason="wrong date", source=CORRECTION)
    s.append(
        [
            {
                "kind": "call",
                "participants": ["Lloyd Austin", "Li Shangfu"],
                "occurred_on": "2023-07-20",
                "summary": "A call",
                "source": REUTERS,
            },
            {
                "kind": "call",
                "participants": ["Lloyd Austin", "Li Shangfu"],
                "occurred_on": "2023-08-05",
                "summary": "A call after the as-of date",
                "source": REUTERS,
            },
        ]
    )
    status = s.status(as_of="2023-07-31")
    today = s.now().date().isoformat()
    got = changes_since(s.conn, dyad=status["dyad"], since="2023-07-01", as_of="2023-07-31")
    later = changes_since(s.conn, dyad=status["dyad"], since="9999-01-01", as_of="9999-12-31")
    recorded = changes_since(s.conn, dyad=status["dyad"], since="2023-12-31", as_of="2024-12-31")
    history = channel_histories(s.conn, dyad=status["dyad"], until="2023-07-31")

    assert [(c["slug"], c["from"], c["to"], c["on"]) for c in got["channels"]] == [
        ("mmca", "suspended", "active", "2023-07-10")
    ]
    assert [(x["event"], x["target"]["id"], x["on"]) for x in got["sanctions"]] == [
        ("imposed", "li-shangfu", "2023-07-15")
    ]
    # By their own dates in (since, as_of]: the retracted meeting is gone, the August call is after as_of.
    assert [i["summary"] for i in got["interactions"]] == ["A call"]
    assert all(i["recorded_at"] >= today for i in got["interactions"])
    # Corrections by the day they were recorded: the retraction (recorded in 2024) is not in July 2023.
    assert got["corrections"] == []
    assert [(c["event"], c["reason"], c["source"]) for c in recorded["corrections"]] == [
        ("InteractionRetracted", "wrong date", CORRECTION["url"])
    ]
    assert recorded["interactions"] == []
    assert later["interactions"] == [] and later["corrections"] == [] and later["channels"] == []
    mmca = next(c["id"] for c in status["channels"] if c["slug"] == "mmca")
    assert [(h["on"], h["status"]) for h in history[mmca]] == [("2022-08-05", "suspended"), ("2023-07-10", "resumed")]


def test_a_correction_citing_a_known_url_still_shows_with_its_reason(session: Session) -> None:
    """An amendment whose source the fact already cites is listed, with its reason and changes."""
    s = session
    fact = s.append(
        [
            {
                "kind": "meeting",
                "participants": ["Xie Feng", "Ely Ratner"],
                "occurred_on": "2023-07-12",
                "source": REUTERS,
            }
        ]
    )[0].fact_id
    s.correct(fact, {"summary": "about 90 minutes"}, "Pentagon readout gives the length", REUTERS)
    found = changes_since(s.conn, dyad="CHN-USA", since="2000-01-01", as_of="2024-12-31")["corrections"]
    assert [(c["event"], c["reason"], c["changes"]) for c in found] == [
        ("InteractionAmended", "Pentagon readout gives the length", {"summary": "about 90 minutes"})
    ]
