"""The skills taxonomy shipped with the package: loaded once per process, looked up
by normalised alias and matched over text as longest token n-grams."""

import functools
import gzip
import json
import logging
import re
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

DATA_FILE = "skills.json.gz"
FORMAT_VERSION = 1
_VERSION = re.compile(r"(?:\s+(?:v|ver\.?|version)?\s*\d[\w.]*|\.x)+$", re.IGNORECASE)
_TOKEN = re.compile(r"[/&]|\.?[^\W_]\w*(?:[.\-'\u2019][^\W_]\w*)*[+#]*")


class SkillKind(StrEnum):
    TECH = "tech"  # O*NET technology skills and the curated aliases
    SKILL = "skill"  # ESCO skill/competence
    KNOWLEDGE = "knowledge"  # ESCO knowledge


@dataclass(frozen=True)
class Token:
    key: str
    surface: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word tokens that keep "C++", "C#", ".NET", "Node.js" and "scikit-learn"
    whole; "/" and "&" are tokens of their own."""
    return [
        Token(m.group(0).lower(), m.group(0), offset + m.start(), offset + m.end())
        for m in _TOKEN.finditer(text)
    ]


def alias_key(text: str) -> str:
    """The lookup form of an alias: its tokens, lower case, one space apart."""
    if text.replace(" ", "").isalnum():
        return " ".join(text.lower().split())  # the tokenizer's result, faster
    return " ".join(token.key for token in tokenize(text))


@dataclass(frozen=True)
class SkillEntry:
    canonical_id: str
    name: str
    category: str | None
    kind: SkillKind


@dataclass(frozen=True)
class Match:
    entry: SkillEntry
    key: str
    surface: str
    start: int
    end: int
    ambiguous: bool
    acronym: bool


class Taxonomy:
    def __init__(
        self,
        entries: list[SkillEntry],
        index: dict[str, int],
        ambiguous: frozenset[str],
        acronyms: frozenset[str] = frozenset(),
    ) -> None:
        self.entries = entries
        self._index = index
        self.ambiguous = ambiguous
        self.acronyms = acronyms
        # First token of an alias -> the most tokens an alias starting with it has.
        self._first: dict[str, int] = {}
        for key in index:
            head = key.split(" ", 1)[0]
            self._first[head] = max(self._first.get(head, 0), key.count(" ") + 1)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, text: str) -> SkillEntry | None:
        """The entry an alias names, compared after normalisation; a trailing
        version ("Oracle 10g", "Python 3.8", "Windows 10") names its product."""
        position = self._index.get(alias_key(text))
        if position is None:
            bare = _VERSION.sub("", text)
            position = self._index.get(alias_key(bare)) if bare != text else None
        return None if position is None else self.entries[position]

    def matches(self, text: str, offset: int = 0) -> list[Match]:
        """Longest alias matches, left to right, not overlapping. An alias never
        spans punctuation other than its own ("Python, Go" is two matches)."""
        tokens = tokenize(text, offset)
        reach = _reach(text, offset, tokens)
        found: list[Match] = []
        index = 0
        while index < len(tokens):
            longest = self._first.get(tokens[index].key, 0)
            limit = min(longest, reach[index] - index + 1)
            match = self._longest(text, offset, tokens, index, limit)
            if match is None:
                index += 1
                continue
            found.append(match)
            index += match.key.count(" ") + 1
        return found

    def _longest(
        self, text: str, offset: int, tokens: list[Token], index: int, limit: int
    ) -> Match | None:
        for size in range(limit, 0, -1):
            window = tokens[index : index + size]
            key = " ".join(token.key for token in window)
            position = self._index.get(key)
            if position is None:
                continue
            start, end = window[0].start, window[-1].end
            return Match(
                self.entries[position],
                key,
                text[start - offset : end - offset],
                start,
                end,
                ambiguous=key in self.ambiguous,
                acronym=key in self.acronyms,
            )
        return None


def _reach(text: str, offset: int, tokens: list[Token]) -> list[int]:
    """For each token, the last token an alias starting there may extend to: the
    gaps up to it are spaces and at most one line break."""
    reach = list(range(len(tokens)))
    for index in range(len(tokens) - 2, -1, -1):
        gap = text[tokens[index].end - offset : tokens[index + 1].start - offset]
        if not gap.strip() and gap.count("\n") <= 1:
            reach[index] = reach[index + 1]
    return reach


def taxonomy_from_json(data: dict[str, Any]) -> Taxonomy:
    if data.get("format") != FORMAT_VERSION:
        raise ValueError(
            f"skills taxonomy format {data.get('format')!r} is not supported"
        )
    entries: list[SkillEntry] = []
    index: dict[str, int] = {}
    for canonical_id, name, category, kind, aliases in data["skills"]:
        entries.append(SkillEntry(canonical_id, name, category, SkillKind(kind)))
        for alias in [name, *aliases]:
            index.setdefault(alias_key(alias), len(entries) - 1)
    index.pop("", None)
    return Taxonomy(
        entries,
        index,
        frozenset(data.get("ambiguous", ())),
        frozenset(data.get("acronyms", ())),
    )


def read_taxonomy(path: Path) -> Taxonomy:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return taxonomy_from_json(json.load(handle))


@functools.cache
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy, read once per process."""
    source = resources.files("domain.parsing").joinpath("data", DATA_FILE)
    with resources.as_file(source) as path:
        taxonomy = read_taxonomy(path)
    logger.info("skills taxonomy loaded", extra={"skills": len(taxonomy)})
    return taxonomy
