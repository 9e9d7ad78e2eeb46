"""O*NET occupations by job title: the shipped title index (56k alternate titles) and
`classify_title`, which names the occupation a posting's title belongs to."""

import functools
import gzip
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

DATA_FILE = "occupations.json.gz"
FORMAT_VERSION = 1
_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*")
# Words that say how senior or which grade, not which occupation.
_MODIFIERS_TEXT = """senior sr junior jr lead principal staff entry level mid midlevel
associate intern trainee apprentice experienced i ii iii iv v 1 2 3 remote hybrid onsite
contract temporary temp part full time"""
_MODIFIERS = frozenset(_MODIFIERS_TEXT.split())
_TRAILER = re.compile(r"\s(?:-|\u2013|\u2014|\||/)\s.*$|\(.*?\)|,.*$")


@dataclass(frozen=True)
class Occupation:
    code: str  # O*NET-SOC code, e.g. "15-1252.00"
    title: str


@dataclass(frozen=True)
class OccupationMatch:
    occupation: Occupation
    matched_title: str  # the title key that matched
    confidence: float


class OccupationIndex:
    def __init__(
        self,
        occupations: list[Occupation],
        titles: dict[str, int],
        heads: dict[str, tuple[int, float]],
    ) -> None:
        self.occupations = occupations
        self._titles = titles
        self._heads = heads

    def __len__(self) -> int:
        return len(self._titles)

    def by_code(self, code: str) -> Occupation | None:
        return next((o for o in self.occupations if o.code == code), None)

    def lookup(self, key: str) -> Occupation | None:
        position = self._titles.get(key)
        return None if position is None else self.occupations[position]

    def head(self, key: str) -> tuple[Occupation, float] | None:
        """The occupation most titles ending with `key` belong to, and their share."""
        found = self._heads.get(key)
        return None if found is None else (self.occupations[found[0]], found[1])


def title_key(title: str) -> str:
    """Lower-case words of a title, one space apart ("Sr. Dev" -> "sr dev")."""
    return " ".join(_WORD.findall(title.lower()))


def singular_key(key: str) -> str:
    """Each word without a plural "s" ("registered nurses" -> "registered nurse")."""
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in key.split()
    )


def classify_title(title: str, index: OccupationIndex) -> OccupationMatch | None:
    """The occupation of a job title: the exact title (0.95), the title without
    grade words and trailers such as " - Remote" (0.9), else the longest run of its
    words that is a known title, preferring runs that end on its last word (the
    head noun); confidence falls with the share of words left out."""
    key = title_key(title)
    found = index.lookup(key)
    if found is not None:
        return OccupationMatch(found, key, 0.95)
    words = [
        w for w in title_key(_TRAILER.sub("", title)).split() if w not in _MODIFIERS
    ]
    core = " ".join(words)
    found = index.lookup(core)
    if found is not None:
        return OccupationMatch(found, core, 0.9)
    return _longest_run(words, index)


def _longest_run(words: list[str], index: OccupationIndex) -> OccupationMatch | None:
    """Endings of the title that are titles themselves (longest first, at least two
    words), then the vote of titles sharing its last two words or last word."""
    for size in range(len(words) - 1, 1, -1):
        key = " ".join(words[-size:])
        found = index.lookup(key)
        if found is not None:
            return OccupationMatch(found, key, round(0.5 + 0.4 * size / len(words), 2))
    for size in (2, 1):
        key = " ".join(words[-size:])
        head = index.head(key) if len(words) >= size else None
        if head is not None:
            confidence = round(0.3 + 0.4 * head[1] * size / max(len(words), 2), 2)
            return OccupationMatch(head[0], key, confidence)
    return None


def index_from_json(data: dict[str, Any]) -> OccupationIndex:
    if data.get("format") != FORMAT_VERSION:
        raise ValueError(f"occupations format {data.get('format')!r} is not supported")
    occupations = [Occupation(code, title) for code, title in data["occupations"]]
    heads = {key: (int(i), float(share)) for key, (i, share) in data["heads"].items()}
    return OccupationIndex(occupations, dict(data["titles"]), heads)


def read_index(path: Path) -> OccupationIndex:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return index_from_json(json.load(handle))


@functools.cache
def load_occupations() -> OccupationIndex:
    """The shipped index, read once per process."""
    source = resources.files("domain.matching").joinpath("data", DATA_FILE)
    with resources.as_file(source) as path:
        return read_index(path)
