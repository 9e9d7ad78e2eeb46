"""Scorecard: per-field accuracy of the local parser on every labelled resume set in
`../shared/eval-data` (read there at run time, never copied into the repository).

Run `pytest -m bench -s tests/bench/scorecard_parsing.py`, or
`python -m tests.bench.scorecard_parsing [--data-dir DIR] [--verbose]`."""

import argparse
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from domain.parsing.parser import load_nlp
from domain.parsing.taxonomy import load_taxonomy
from tests.bench.scorecard_common import DEFAULT_DIR, Card, tally_of
from tests.bench.scorecard_dataturks import score_dataturks
from tests.bench.scorecard_layouts import score_livecareer, score_vanetik
from tests.bench.scorecard_offlinecv import score_offlinecv
from tests.bench.scorecard_synthetic import OPTIONS, print_table, score_synthetic

# --- report ---------------------------------------------------------------------

DATASETS: dict[str, Callable[[Path, dict[str, list[float]]], Card]] = {
    "offlinecv": score_offlinecv,
    "dataturks": score_dataturks,
    "livecareer": score_livecareer,
    "vanetik": score_vanetik,
    "synthetic": score_synthetic,
}
# datasets printed as a table of their own (fields x formats)
TABLES: dict[str, Callable[[Card, bool], object]] = {"synthetic": print_table}


def run(data: Path, verbose: bool = False) -> dict[str, Card]:
    load_nlp(), load_taxonomy()
    cards: dict[str, Card] = {}
    print(f"\n{'dataset':<11}{'field':<28}{'n':>5} {'P':>5} {'R':>5} {'score':>6}")
    for name, scorer in DATASETS.items():
        timings: dict[str, list[float]] = defaultdict(list)
        cards[name] = card = scorer(data, timings)
        if not card:
            print(f"{name:<11}skipped: no data under {data}")
            continue
        if name in TABLES:
            TABLES[name](card, verbose)
            verbose_here = False
        else:
            verbose_here = verbose
            for key, score in card.items():
                print(f"{name:<11}{key:<28}{score.cells()}")
        files = len(timings["parse"])
        extract = (
            f"extract median {statistics.median(timings['extract']):.1f} ms, "
            if timings["extract"]
            else "extract + "  # the CLI's path times both at once
        )
        print(
            f"{name:<11}{files} files; {extract}parse median "
            f"{statistics.median(timings['parse']):.1f} ms"
        )
        if verbose_here:
            for key, score in card.items():
                for miss in score.misses:
                    print(f"  miss {name} {key}: {miss}")
    return cards


@pytest.mark.bench
def test_scorecard_over_every_labelled_dataset() -> None:
    if not DEFAULT_DIR.exists():
        pytest.skip(f"no evaluation data under {DEFAULT_DIR}")
    cards = run(DEFAULT_DIR)
    offline = cards["offlinecv"]
    if offline:
        assert tally_of(offline, "email").correct == tally_of(offline, "email").total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--only", choices=sorted(DATASETS), action="append")
    parser.add_argument("--synthetic-count", type=int, default=OPTIONS.count)
    parser.add_argument("--synthetic-seed", type=int, default=OPTIONS.seed)
    parser.add_argument(
        "--synthetic-formats", help="comma-separated, e.g. pdf1,scan (default: all)"
    )
    parser.add_argument(
        "--synthetic-family",
        choices=("first", "fresh"),
        default=OPTIONS.family,
        help="the template family: fresh writes conventions the first does not",
    )
    parser.add_argument(
        "--synthetic-keep", type=Path, help="write the synthetic files here"
    )
    args = parser.parse_args(argv)
    OPTIONS.count, OPTIONS.keep = args.synthetic_count, args.synthetic_keep
    OPTIONS.seed, OPTIONS.family = args.synthetic_seed, args.synthetic_family
    if args.synthetic_formats:
        OPTIONS.formats = tuple(args.synthetic_formats.split(","))
    if args.only:
        for name in list(DATASETS):
            if name not in args.only:
                del DATASETS[name]
    run(args.data_dir, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
