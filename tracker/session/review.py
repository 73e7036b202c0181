"""The Session's extraction and review use cases: propose facts from reports, accept or reject them (issue 10).

Extraction is tracker.extract's (pure); this mixin feeds it the reports and what the read models know of
actors, records its candidates on each Report (CandidatesExtracted), appends the confident ones of trusted
feeds at once, and leaves the others in the review queue (`tracker review`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from events.commands import Command, Outcome, ProposeCandidates, RegisterActor, ReviewCandidate
from events.values import DomainError
from tracker.errors import UsageError
from tracker.views import candidates as queue

if TYPE_CHECKING:
    from tracker.extract.pipeline import Context

__all__ = ["AUTO_THRESHOLD", "BACKGROUND_THRESHOLD", "NOT_STATED", "ReviewUseCases"]

NOT_STATED = "not stated in the report"

# A trusted feed's candidate at or above this confidence is appended without review (and never a background one).
AUTO_THRESHOLD = 0.8
# "Li has been under U.S. sanctions since 2018": a background sanction records or corroborates the sanction.
BACKGROUND_THRESHOLD = 0.6
_BATCH = 200


class ReviewUseCases:
    """Extraction from reports, and the review queue."""

    now: Callable[[], datetime]
    _extraction: Context | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # Session's

    def _execute(self, commands: list[Command]) -> list[Outcome]:
        raise NotImplementedError  # Session's

    if TYPE_CHECKING:  # Session's, declared for the type checker only

        def append(self, facts: Iterable[dict[str, Any]], *, new_actor: bool = False) -> list[Outcome]: ...

    def extraction_context(self) -> Context:
        """The extractor's knowledge: the actors and offices the read models hold, states, channels and places."""
        from tracker.extract.pipeline import Context

        if self._extraction is None:
            self._extraction = Context.shipped(queue.extraction_actors(self.conn))
        return self._extraction

    def extract_reports(
        self, ids: list[str] | None = None, *, every: bool = False, progress: Callable[[int], None] | None = None
    ) -> dict[str, int]:
        """Propose facts from reports (those given, every one, or those never extracted), then accept the
        confident candidates of trusted feeds. A candidate proposed before, by any version, is not proposed again."""
        from tracker.extract import EXTRACTOR_VERSION
        from tracker.extract.model import Report
        from tracker.extract.pipeline import extract

        context = self.extraction_context()
        commands: list[Command] = []
        counts = {"reports": 0, "proposed": 0, "accepted": 0}
        for row in queue.reports_to_extract(self.conn, every=every, ids=ids):
            counts["reports"] += 1
            published = datetime.fromisoformat(row["published_at"] or row["ingested_at"])
            report = Report(
                row["text"], row["language"] or "en", published, row["url"], row["outlet"], row["title"],
                row["derived_from"],
            )  # fmt: skip
            found = [c.as_json() for c in extract(report, context)]
            original = self._original_of(report, row["id"]) if found else None
            for c in found:
                if original is not None:
                    c["derived_from"] = original
            if found:
                commands.append(ProposeCandidates(row["url"], found, EXTRACTOR_VERSION))
            if len(commands) >= _BATCH:
                counts["proposed"] += self._propose(commands)
                commands = []
            if progress is not None:
                progress(1)
        if commands:
            counts["proposed"] += self._propose(commands)
        counts["accepted"] = self.accept_trusted()
        return counts

    def _original_of(self, report: Any, report_id: str) -> str | None:
        """The URL of the story a report retells, when it names the outlet and the ledger holds that outlet's
        report from the days before (a rewrite is recorded with derived_from: not an independent source)."""
        from tracker.extract.rewrite import rewrite_of

        outlet = rewrite_of(report)
        if outlet is None:
            return None
        return queue.original_report(self.conn, outlet, report.published_at.isoformat(), report_id)

    def _propose(self, commands: list[Command]) -> int:
        return sum(1 for o in self._execute(commands) if o.action == "proposed")

    def accept_trusted(self) -> int:
        """Accept every pending candidate of a trust=auto feed at or above the threshold (background ones wait)."""
        accepted = 0
        for c in queue.candidates(self.conn, status="pending", min_confidence=BACKGROUND_THRESHOLD):
            if c["feed"]["trust"] != "auto":
                continue
            if (c["background"] and c["kind"] != "sanction-imposed") or (
                not c["background"] and c["confidence"] < AUTO_THRESHOLD
            ):
                # Background is not news; only a sanction in force is worth recording (or corroborating) from it.
                continue
            try:
                self._accept(c)
            except (DomainError, UsageError):
                continue  # it stays in the queue for an analyst, who sees the same error on accepting it
            accepted += 1
        return accepted

    # -- the queue ---------------------------------------------------------------------------------------

    def review_list(
        self, *, feed: str | None = None, kind: str | None = None, min_confidence: float | None = None,
        status: str | None = "pending", limit: int | None = None,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """The candidates waiting for review (or of another status), most confident first."""
        if status not in (None, "pending", "accepted", "rejected"):
            raise UsageError(f"--status {status!r} is not one of pending, accepted, rejected, all")
        return queue.candidates(
            self.conn, status=status, feed=feed, kind=kind, min_confidence=min_confidence, limit=limit
        )

    def review_candidate(self, cid: str) -> dict[str, Any]:
        """One candidate by its id (REPORT#N, the report given by 6 or more leading characters of its id)."""
        prefix, sep, number = cid.strip().partition("#")
        if not sep or not number.isdigit() or len(prefix) < 6:
            raise UsageError(f"{cid!r} is not a candidate id such as 2f257ad3#0 (see `tracker review list`)")
        found = queue.candidate(self.conn, prefix.lower(), int(number))
        if not found:
            raise UsageError(f"no candidate {cid}; see `tracker review list`")
        if len(found) > 1:
            raise UsageError(f"{prefix} names more than one report; give more characters")
        return found[0]

    def accept(self, ids: list[str] | None = None, *, left: list[str] | None = None) -> list[Outcome]:
        """Append the facts of the candidates given, each citing its report; with ids None, every pending one
        that can be appended (those that cannot stay in the queue, their reasons added to `left`)."""
        chosen = [self.review_candidate(i) for i in ids] if ids is not None else self.review_list()
        outcomes = []
        for c in chosen:
            if c["status"] != "pending":
                raise UsageError(f"candidate {c['id']} was already {c['status']}")
            if ids is not None:
                outcomes.append(self._accept(c))
                continue
            try:
                outcomes.append(self._accept(c))
            except (DomainError, UsageError) as e:
                if left is not None:
                    left.append(f"{c['id']}: {e}")
        return outcomes

    def reject(self, cid: str, reason: str) -> Outcome:
        """Reject a candidate, with the reason (kept on the report's history)."""
        from tracker.input.facts import parse_reason

        c = self.review_candidate(cid)
        if c["status"] != "pending":
            raise UsageError(f"candidate {c['id']} was already {c['status']}")
        return self._execute([ReviewCandidate(c["report"]["url"], c["index"], reason=parse_reason(reason))])[0]

    def _accept(self, c: dict[str, Any]) -> Outcome:
        report = c["report"]
        if not str(report["url"]).startswith(("http://", "https://")):
            raise UsageError(f"candidate {c['id']}: its report has no web address to cite")
        self._register_new(c["new_actors"])
        fact = dict(c["fact"])
        fact["source"] = {
            k: v for k, v in {
                "url": report["url"], "outlet": report["outlet"], "language": report["language"],
                "published_at": report["published_at"], "title": report["title"],
                "derived_from": c.get("derived_from") or report["derived_from"],
            }.items() if v
        }  # fmt: skip
        self._complete_sanction(fact)
        [outcome] = self.append([fact])
        self._execute([ReviewCandidate(report["url"], c["index"], fact_id=outcome.fact_id)])
        return outcome

    def _register_new(self, actors: list[dict[str, Any]]) -> None:
        if not actors:
            return  # most candidates name no one new: no need to read every actor for each
        known = {a["slug"] for a in queue.extraction_actors(self.conn)}
        fresh = [a for a in actors if a["slug"] not in known]
        if fresh:
            self._execute(
                [RegisterActor(a["slug"], a.get("kind") or "person", a.get("state"), a["names"]) for a in fresh]
            )
            self._extraction = None

    def _complete_sanction(self, fact: dict[str, Any]) -> None:
        """A sanction told without its authority and program is the one in force on that target by that state."""
        if not fact["kind"].startswith("sanction-") or (fact.get("authority") and fact.get("program")):
            return
        rows = queue.sanction_programs(self.conn, fact.get("target"), fact.get("imposed_by"))
        found = set(rows)
        if len(found) > 1:
            raise UsageError(
                f"{len(found)} sanctions by {fact.get('imposed_by')} on {fact.get('target')}: "
                "accept it with the one meant, by appending it with --authority and --program"
            )
        if found:
            fact["authority"], fact["program"] = found.pop()
        else:
            # Recorded as the report tells it; an analyst who knows the program corrects it.
            fact["authority"] = f"government of {fact.get('imposed_by')}"
            fact["program"] = NOT_STATED
