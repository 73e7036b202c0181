"""Extraction: precision and recall on the labelled set (dev and test apart), and extraction time per report.

Runs `tracker.extract.pipeline.extract` over tests/extraction/labelled.jsonl (the two seed texts are read from
../shared/corpus and skipped with a note when it is absent) and scores it with `tracker.extract.evaluate`, the
README's matching rule: per kind, per language and overall; background facts apart; traps hit; confusions.
`--verbose` lists the first `--show` misses and false positives of the dev split with their evidence (of the
test split too with `--details all`: the test split is for measuring, not for tuning rules on). `--only SPLIT`
prints that split's tables alone, so tuning one split shows no other's kinds or traps.

Speed: the labelled texts repeated (each copy with its own url) to 10,000 reports, extracted one after another
in this process with one Context (its build is timed apart). The budget is half the first poll of bench/poll.py
(10,000 new reports in 5.5 s on the reference machine, bench/README.md): 2.75 s.
"""

from __future__ import annotations

import dataclasses
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

from tracker.extract.evaluate import Counts, LabelledReport, MatchResult, Scores, evaluate, load_labelled, score
from tracker.extract.model import Candidate, Report

LABELLED = common.ROOT / "tests" / "extraction" / "labelled.jsonl"
DEV2 = common.ROOT / "tests" / "extraction" / "labelled_dev2.jsonl"  # a second development split
DEV3 = common.ROOT / "tests" / "extraction" / "labelled_dev3.jsonl"  # a third, on the kinds it got wrong
DEV4 = common.ROOT / "tests" / "extraction" / "labelled_dev4.jsonl"  # a fourth, written apart from the extractor
DEV5 = common.ROOT / "tests" / "extraction" / "labelled_dev5.jsonl"  # a fifth, also written apart
DEV6 = common.ROOT / "tests" / "extraction" / "labelled_dev6.jsonl"  # a sixth, written apart from the extractor
# a seventh and an eighth, written apart and scored once before tuning
DEV7 = common.ROOT / "tests" / "extraction" / "labelled_dev7.jsonl"
DEV8 = common.ROOT / "tests" / "extraction" / "labelled_dev8.jsonl"
DEV9 = common.ROOT / "tests" / "extraction" / "labelled_dev9.jsonl"  # a ninth, written blind
DEV10 = common.ROOT / "tests" / "extraction" / "labelled_dev10.jsonl"  # a tenth, written blind
DEV11 = common.ROOT / "tests" / "extraction" / "labelled_dev11.jsonl"  # an eleventh, written blind
DEV12 = common.ROOT / "tests" / "extraction" / "labelled_dev12.jsonl"  # a twelfth, written blind
DEV13 = common.ROOT / "tests" / "extraction" / "labelled_dev13.jsonl"  # a thirteenth, written blind
CORPUS = common.ROOT.parent / "shared" / "corpus"
SPEED_REPORTS = 10_000
POLL_FIRST_S = 5.5  # bench/poll.py, first poll of 10,000 new reports (bench/README.md)
BUDGET_S = POLL_FIRST_S / 2
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.85
SPLITS = ("dev", *(f"dev{n}" for n in range(2, 14)), "test")
Extractor = Callable[[Report], Sequence[Candidate]]
Evaluated = list[tuple[LabelledReport, list[Candidate], MatchResult]]


def pipeline_extractor() -> tuple[Extractor, float]:
    """The pipeline's extract with a Context from the shipped reference data, and the seconds the Context took."""
    from tracker.extract.pipeline import Context, extract

    t0 = time.perf_counter()
    context = Context.shipped()
    built = time.perf_counter() - t0
    return (lambda report: extract(report, context)), built


def guarded(extractor: Extractor, errors: list[str]) -> Extractor:
    """The extractor, with an exception noted (and no candidates) instead of ending the bench."""

    def run(report: Report) -> Sequence[Candidate]:
        try:
            return extractor(report)
        except Exception as e:  # a bench reports, it does not stop at the first bad report
            errors.append(f"{report.url}: {type(e).__name__}: {e}")
            traceback.print_exc(limit=3)
            return []

    return run


def _ratio(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def table(title: str, counts: dict[str, Counts]) -> list[str]:
    width = max([len(title), *(len(k) for k in counts)])
    lines = [f"  {title.ljust(width)}  {'tp':>4} {'fp':>4} {'fn':>4}  {'precision':>9} {'recall':>6} {'F1':>5}"]
    for name, c in sorted(counts.items()):
        lines.append(
            f"  {name.ljust(width)}  {c.tp:>4} {c.fp:>4} {c.fn:>4}  {_ratio(c.precision):>9} "
            f"{_ratio(c.recall):>6} {_ratio(c.f1):>5}"
        )
    return lines


def report_lines(split: str, scores: Scores, *, reveal: bool = True) -> list[str]:
    """The tables of one split: per kind, per language, overall; background, traps, confusions.

    Without reveal, the traps hit and the confusions are counted only: their lines tell what the
    reports say, and the test split is for measuring, not for reading while writing rules.
    """
    o = scores.overall
    lines = [f"-- {split}: {scores.reports} reports --"]
    lines += table("kind", scores.kinds)
    lines += table("language", scores.languages)
    lines += table("overall", {"all": o})
    b = scores.background
    lines.append(f"  background facts: {b.labelled} labelled, {b.found} predicted ({b.flagged} flagged background)")
    lines.append(f"  traps hit: {len(scores.traps)}")
    if not reveal:
        lines.append(f"  confusions: {sum(scores.confusions.values())} (lines shown with --verbose --details {split})")
        return lines
    lines += [f"    {report} {kind}: {why}" for report, kind, why in scores.traps]
    confusions = ", ".join(f"{p} for {lab} x{n}" for (p, lab), n in scores.confusions.most_common())
    lines.append(f"  confusions (predicted for labelled): {confusions or 'none'}")
    return lines


def _fact(fact: dict[str, Any]) -> str:
    shown = {k: v for k, v in fact.items() if k not in ("background", "why") and v not in (None, [], "")}
    return " ".join(f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in shown.items())


def detail_lines(evaluated: Evaluated, show: int) -> list[str]:
    """The first `show` misses and false positives, with the report and the candidate's evidence."""
    misses, wrong = [], []
    for labelled, candidates, result in evaluated:
        where = f"{labelled.id} ({labelled.language}) {labelled.report.title or ''}"
        misses += [f"    {where}\n      {_fact(result.labelled[f])}" for f in result.misses]
        traps = dict(result.traps)
        for p in result.false_positives:
            c = candidates[p]
            trap = f"\n      trap: {result.not_facts[traps[p]].get('why')}" if p in traps else ""
            flag = " (flagged background)" if c.background else ""
            wrong.append(f"    {where}\n      {_fact(c.fact)} [{c.rule}]{flag}\n      evidence: {c.evidence!r}{trap}")
    return [
        f"  misses ({len(misses)}, first {min(show, len(misses))}):",
        *misses[:show],
        f"  false positives ({len(wrong)}, first {min(show, len(wrong))}):",
        *wrong[:show],
    ]


def speed(reports: Sequence[Report], extractor: Extractor, count: int) -> dict[str, Any]:
    """Extract `count` reports: the labelled texts in turn, each copy with its own url."""
    turns = (reports[i % len(reports)] for i in range(count))
    copies = [dataclasses.replace(report, url=f"{report.url}#{i}") for i, report in enumerate(turns)]
    candidates = 0
    t0 = time.perf_counter()
    for report in copies:
        candidates += len(extractor(report))
    seconds = time.perf_counter() - t0
    return {"reports": count, "seconds": seconds, "per_s": count / seconds, "ms": 1000 * seconds / count,
            "candidates": candidates, "chars": sum(len(r.text) for r in copies) / count}  # fmt: skip


def main(
    speed_reports: int = SPEED_REPORTS,
    verbose: bool = False,
    details: str = "dev",
    show: int = 10,
    extractor: Extractor | None = None,
    only: str | None = None,
    **_: Any,
) -> dict[str, Any]:
    labelled = [
        r
        for path in (LABELLED, DEV2, DEV3, DEV4, DEV5, DEV6, DEV7, DEV8, DEV9, DEV10, DEV11, DEV12, DEV13)
        if path.exists()
        for r in load_labelled(path, CORPUS)
    ]
    built = 0.0
    if extractor is None:
        extractor, built = pipeline_extractor()
    errors: list[str] = []
    run = guarded(extractor, errors)
    result: dict[str, Any] = {"measure": "extraction", "reports": len(labelled), "context_s": built}
    rows = []
    for split in SPLITS:
        evaluated = evaluate([r for r in labelled if r.split == split], run)
        scores = score(r for _, _, r in evaluated)
        shown = only in (None, split)  # (--only: a helper tuning one split sees no other split's kinds or traps)
        if shown:
            reveal = split != "test" or (verbose and details in ("test", "all"))
            print("\n".join(report_lines(split, scores, reveal=reveal)))
        if shown and verbose and details in (split, "all"):
            print("\n".join(detail_lines(evaluated, show)))
        o = scores.overall
        result[split] = {"tp": o.tp, "fp": o.fp, "fn": o.fn, "precision": o.precision, "recall": o.recall,
                         "traps": len(scores.traps), "background": dataclasses.asdict(scores.background)}  # fmt: skip
        measured = split == "test"  # the README reports the test split; dev is for tuning
        for name, value, target in (("precision", o.precision, TARGET_PRECISION), ("recall", o.recall, TARGET_RECALL)):
            ok = None if not measured or value is None else value >= target
            rows.append(common.row(f"extraction {name} ({split})", value, "", target=f"≥ {target}", ok=ok))
    s = speed([r.report for r in labelled], run, speed_reports)
    result["speed"] = s
    scaled = s["seconds"] * SPEED_REPORTS / speed_reports
    print(f"-- speed: {s['reports']:,} reports (mean {s['chars']:.0f} characters) in {s['seconds']:.2f} s: "
          f"{s['per_s']:,.0f} reports/s, {s['ms']:.3f} ms a report, {s['candidates']:,} candidates --")  # fmt: skip
    print(f"  10,000 reports: {scaled:.2f} s; budget {BUDGET_S:.2f} s (half the first poll, {POLL_FIRST_S} s); "
          f"context built in {built * 1000:.0f} ms")  # fmt: skip
    rows.append(common.row("extraction per report", s["ms"], "ms"))
    # The target (at most half the poll's time) is measured on the poll benchmark's own reports, in bench/poll.py;
    # these reports are all about US–China defence diplomacy, the dense case.
    rows.append(common.row("extraction of 10,000 labelled-set reports", scaled, "s", note="target: bench/poll.py"))
    if errors:
        print(f"  {len(errors)} extraction errors, first: {errors[0]}")
        rows.append(common.row("extraction errors", len(errors), "reports", ok=False, note=errors[0][:300]))
    result["errors"] = errors
    result["rows"] = rows
    return result


if __name__ == "__main__":
    parser = common.base_parser(__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list the first misses and false positives")
    parser.add_argument(
        "--details",
        choices=(
            "dev",
            "dev2",
            "dev3",
            "dev4",
            "dev5",
            "dev6",
            "dev7",
            "dev8",
            "dev9",
            "dev10",
            "dev11",
            "dev12",
            "dev13",
            "test",
            "all",
        ),
        default="dev",
        help="whose failures --verbose lists",
    )
    parser.add_argument(
        "--only",
        choices=SPLITS,
        help="print the per-kind tables of this split alone (the totals still list every split)",
    )
    parser.add_argument("--show", type=int, default=10, help="how many misses and false positives to list")
    parser.add_argument("--reports", type=int, default=SPEED_REPORTS, help="reports to extract for the speed figure")
    args = parser.parse_args()
    common.finish(main(args.reports, verbose=args.verbose, details=args.details, show=args.show, only=args.only), args)
