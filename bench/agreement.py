#!/usr/bin/env python3
"""How far two labellers agree: a second analyst's facts scored against a split's labels.

Usage: python bench/agreement.py [--split dev7] [--second tests/extraction/labelled_dev7_second.jsonl]

The second labeller read only the reports' texts and tests/extraction/README.md, never the first
labels or the extractor. Their facts are scored as if they were an extractor's predictions, by the
same matching rule (tracker.extract.evaluate), so the figures say how much of the labels the written
conventions pin down: an extractor cannot be expected to agree with one labeller more than a second
careful labeller does. The second labeller's background facts are left out of the predictions (the
first labeller's background facts still excuse a prediction that matches one).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.extract.evaluate import load_labelled, match, score  # noqa: E402
from tracker.extract.same_actors import renamed, same_names  # noqa: E402

LABELS = ROOT / "tests" / "extraction"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example: python bench/agreement.py --split dev7 --second tests/extraction/labelled_dev7_second.jsonl",
    )
    parser.add_argument("--split", default="dev7", help="the split whose labels are the first (default dev7)")
    parser.add_argument("--second", type=Path, default=None, help="the second labeller's file (id, facts, new_actors)")
    args = parser.parse_args()
    second_path = args.second or LABELS / f"labelled_{args.split}_second.jsonl"
    try:
        labels = load_labelled(LABELS / f"labelled_{args.split}.jsonl", ROOT.parent / "shared" / "corpus")
        second = [json.loads(line) for line in second_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if not all(isinstance(row, dict) and isinstance(row.get("id"), str) for row in second):
            raise ValueError("every line needs an object with an id")
    except (OSError, ValueError, KeyError) as e:
        print(f"error: cannot read the labels: {e}", file=sys.stderr)
        return 2
    first = {r.id: r for r in labels}
    results = []
    for row in second:
        labelled = first.get(row["id"])
        if labelled is None:
            print(f"note: {row['id']} is not in the {args.split} split", file=sys.stderr)
            continue
        slugs = same_names(row.get("new_actors", []), labelled.new_actors)
        predicted = [renamed(dict(f), slugs) for f in row.get("facts", []) if not f.get("background")]
        results.append(match(predicted, labelled.facts, language=labelled.language, report=labelled.id))
    scores = score(results)
    print(f"the second labeller against the {args.split} labels, {scores.reports} reports")
    print(f"  {'kind':<22}{'tp':>4}{'fp':>5}{'fn':>5}  precision  recall")

    def row_of(name: str, c: Any) -> str:
        p = "-" if c.precision is None else f"{c.precision:.3f}"
        r = "-" if c.recall is None else f"{c.recall:.3f}"
        return f"  {name:<22}{c.tp:>4}{c.fp:>5}{c.fn:>5}  {p:>9}  {r:>6}"

    for kind, counts in sorted(scores.kinds.items()):
        print(row_of(kind, counts))
    for language, counts in sorted(scores.languages.items()):
        print(row_of(language, counts))
    print(row_of("all", scores.overall))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
