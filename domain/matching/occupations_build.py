"""Builds `data/occupations.json.gz` from O*NET Occupation Data and Alternate Titles:
`python -m domain.matching.occupations_build EVAL_DATA_DIR OUT_FILE`."""

import argparse
import csv
import gzip
import json
import logging
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from domain.matching.occupations import FORMAT_VERSION, singular_key, title_key

logger = logging.getLogger(__name__)

MIN_VOTES = 3


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def build(eval_data: Path) -> dict[str, Any]:
    """Occupations sorted by code; title keys (own titles, their singular, alternate
    and short titles) each name one occupation; head-word votes for the rest."""
    onet = eval_data / "onet"
    occupations = sorted(
        (row["O*NET-SOC Code"], row["Title"])
        for row in _rows(onet / "Occupation Data.txt")
    )
    position = {code: index for index, (code, _) in enumerate(occupations)}
    alternates = sorted(
        (row["O*NET-SOC Code"], row["Alternate Title"], row["Short Title"])
        for row in _rows(onet / "Alternate Titles.txt")
    )
    claims: dict[str, set[int]] = defaultdict(set)
    for code, title in occupations:
        claims[title_key(title)].add(position[code])
        claims[singular_key(title_key(title))].add(position[code])
    for code, title, short in alternates:
        for name in (title, short):
            if code in position and name != "n/a":
                claims[title_key(name)].add(position[code])
    titles = {
        key: _best_claim(key, sorted(owners), occupations)
        for key, owners in claims.items()
    }
    titles.pop("", None)
    return {
        "format": FORMAT_VERSION,
        "occupations": [list(pair) for pair in occupations],
        "titles": dict(sorted(titles.items())),
        "heads": _head_votes(alternates, position),
    }


def _best_claim(key: str, owners: list[int], occupations: list[tuple[str, str]]) -> int:
    """A title several occupations list goes to the one whose own title shares the
    most of its words ("truck driver" -> Truck Drivers, not Freight Forwarders)."""
    words = set(singular_key(key).split())

    def shared(owner: int) -> int:
        return len(words & set(singular_key(title_key(occupations[owner][1])).split()))

    return max(owners, key=lambda owner: (shared(owner), -owner))


def _head_votes(
    alternates: list[tuple[str, str, str]], position: dict[str, int]
) -> dict[str, list[float]]:
    """For each ending of two or fewer words ("developer", "web developer"), the
    occupation most alternate titles ending with it belong to, and that share."""
    votes: dict[str, Counter[int]] = defaultdict(Counter)
    for code, title, _ in alternates:
        words = title_key(title).split()
        for size in (1, 2):
            if code in position and len(words) > size:
                votes[" ".join(words[-size:])][position[code]] += 1
    heads: dict[str, list[float]] = {}
    for key, counter in sorted(votes.items()):
        total = sum(counter.values())
        if total >= MIN_VOTES:
            best, count = max(counter.items(), key=lambda item: (item[1], -item[0]))
            heads[key] = [best, round(count / total, 3)]
    return heads


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("eval_data", type=Path)
    parser.add_argument("out_file", type=Path)
    args = parser.parse_args(argv)
    data = build(args.eval_data)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # mtime=0 keeps the file byte-identical across rebuilds of the same sources.
    with gzip.GzipFile(args.out_file, "wb", compresslevel=9, mtime=0) as handle:
        handle.write(payload.encode("utf-8"))
    logger.info("occupations written", extra={"titles": len(data["titles"])})


if __name__ == "__main__":
    main()
