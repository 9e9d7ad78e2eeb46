"""The items of a skills list: how a row splits, what an item is without its
bullet, label or stated experience, and which matches in it count."""

import itertools
import re

from domain.parsing.languages import is_language
from domain.parsing.lines import Line, Span
from domain.parsing.taxonomy import Match, SkillKind
from domain.parsing.taxonomy_curated import AMBIGUOUS

ITEM_SPLIT = re.compile(r"\s*(?:[,;|•·●▪]|\s{3,}|\t|\s/\s|\sand\s|\((?=[^()]*,))\s*")
LABEL = re.compile(r"^(?P<label>[A-Za-zÀ-ÿ &/+-]{2,40})(?:\(s\))?:\s*")
_CELL_LABEL = re.compile(r"^(?P<label>[A-Za-zÀ-ÿ &/+-]{2,40})(?:\(s\))?\s+\|\s+")
# The last word of a label that names a kind of skill ("Web Technologies:").
CATEGORY = re.compile(
    r"\b(?:tools?|technolog(?:y|ies)|languages?|databases?|frameworks?|platforms?|"
    r"software|skills?|systems?|servers?|environments?|packages?|methodolog(?:y|ies)|"
    r"librar(?:y|ies)|ides?|utilities|protocols?|scripting|os|testing|"
    r"version control|cloud|devops)\s*$",
    re.IGNORECASE,
)
# An item that only names a category ("Languages", "Web Technologies") labels a row.
_LABEL_ONLY = re.compile(
    r"(?:(?:programming|scripting|web|other|technical|soft|software|development|"
    r"testing|build|operating)\s+)?(?:tools|technologies|languages|databases|"
    r"frameworks|platforms|skills|servers|systems|environments|packages|"
    r"methodologies|libraries|utilities|protocols)",
    re.IGNORECASE,
)
_LEVEL_AFTER = re.compile(r"\d|(?:expert|advanced|intermediate|beginner)\b", re.I)
_SKIPPED_LABELS = re.compile(
    r"^(?:interests?|hobbies|certifications?|awards?|(?:spoken|foreign)\s+languages?|"
    r"mother\s+tongues?|native\s+languages?)$",
    re.IGNORECASE,
)
# A list item's stated experience: "Java (3 years)", "CSS (Less than 1 year)".
YEARS_NOTE = re.compile(
    r"\s*\((?:less\s+than\s+)?\d{1,2}(?:\.\d)?\+?\s*(?:years?|yrs?|months?)\)",
    re.IGNORECASE,
)
# A list item's stated level: "Pharmacology (Expert)", "Excel - Advanced".
LEVEL_NOTE = re.compile(
    r"\s*(?:\(|\s[-\u2013]\s)(?:expert|advanced|intermediate|beginner|basic|"
    r"proficient|fluent|working knowledge)\)?$",
    re.IGNORECASE,
)
_VERSION_TAIL = re.compile(r"(?:[\s/.,-]*(?:v?\d[\w.+]*|x))*\s*", re.IGNORECASE)
# Latin abbreviations that end a list ("..., etc"): never a skill.
_ABBREVIATIONS = frozenset({"etc", "eg", "ie", "viz", "misc"})


def list_item(item: Span) -> Span:
    """A list item without its bullet ("❖ Teamwork"), its stated experience
    ("FLEXCUBE (5 years)") or level ("SQL (Advanced)") and a parenthesis cut open
    by the split."""
    begin = len(item.text) - len(item.text.lstrip(_BULLETS))
    note = YEARS_NOTE.search(item.text) or LEVEL_NOTE.search(item.text)
    stop = note.start() if note else len(item.text)
    # A parenthesis the split cut open: "(Word" or "PowerPoint)".
    if item.text[begin : begin + 1] == "(" and ")" not in item.text:
        begin += 1
    if item.text[stop - 1 : stop] == ")" and "(" not in item.text[:stop]:
        stop -= 1
    opened = item.text.rfind("(", begin, stop)
    if opened > begin and ")" not in item.text[opened:stop]:
        stop = opened  # "BPM (Less" + "than 1 year)" on the next line
    stop = begin + len(item.text[begin:stop].rstrip())
    if begin >= stop:
        return item
    return Span(item.text[begin:stop], item.start + begin, item.start + stop)


_BULLETS = "❖~✓✔➢➤►▶■□◆◇○◦*-\u2013\u2014 \t"


def without_labels(matches: list[Match], items: list[Span], text: str) -> list[Match]:
    """A category name that opens an item and runs straight into a skill is the
    row's label written without a colon ("Operating Systems Linux"): an ESCO
    concept there is no skill of its own."""
    dropped = set()
    for first, second in itertools.pairwise(matches):
        gap = text[first.end : second.start]
        if (
            first.entry.kind is not SkillKind.TECH
            and not gap.strip()
            and "\n" not in gap
            and any(i.start == first.start and second.end <= i.end for i in items)
        ):
            dropped.add(id(first))
    return [m for m in matches if id(m) not in dropped]


def is_prose(body: Span, items: list[Span]) -> bool:
    """Many words an item: a sentence, not a list; a stated level or experience
    ("social media marketing - Advanced") is no part of the item."""
    words = len(LEVEL_NOTE.sub("", YEARS_NOTE.sub("", body.text)).split())
    return not items or words > 3.5 * len(items)


def list_confidence(match: Match, items: list[Span]) -> float:
    """Any match of a list counts; a product name that is also a word ("Java",
    "Word") as a whole item or written with a capital; another everyday word
    ("Database", "Cloud") only as a whole item."""
    if match.key in _ABBREVIATIONS:
        return 0.0
    if match.acronym and match.ambiguous and not match.surface.isupper():
        return 0.0  # "Basic knowledge", "fast learner": no BASIC, no FAST
    if not match.ambiguous:
        return 0.92
    whole = any(_whole_item(match, i) for i in items)
    if match.key not in AMBIGUOUS:
        return 0.85 if whole else 0.0  # "Database" of "Database MySQL"
    return 0.85 if whole or not match.surface.islower() else 0.0


def _whole_item(match: Match, item: Span) -> bool:
    """Whether the match is the whole item, a version aside ("Oracle 10g")."""
    if item.start != match.start or match.end > item.end:
        return False
    return _VERSION_TAIL.fullmatch(item.text[match.end - item.start :]) is not None


def list_body(line: Line) -> Span | None:
    """The line without a "Label:" prefix; None for rows that list no skills
    ("Interests: ...", "Mother tongue(s): Polish")."""
    label = LABEL.match(line.text)
    if label is None:
        # A table row's label cell: "Digital skills | SAP ERP, Excel".
        label = _CELL_LABEL.match(line.text)
        if label is not None and not CATEGORY.search(label.group("label")):
            label = None
    if label is None or _LEVEL_AFTER.match(line.text[label.end() :]):
        return line.span  # no label, or "Kubernetes: 4+ years"
    if _SKIPPED_LABELS.match(label.group("label").strip()):
        return None
    rest = line.text[label.end() :]
    return Span(rest, line.start + label.end(), line.end) if rest.strip() else None


def item_shape(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 4
        and len(text) <= 40
        and text[0].isalnum()
        and not text.endswith(".")
        and not re.search(r"\w[.!?]\s", text)
        and not is_language(text)
        and text.lower() not in _ABBREVIATIONS
        and not _LABEL_ONLY.fullmatch(text)
        and not re.fullmatch(r"[\d\W]+", text)
        and not re.search(r"\b(?:fluent|native|years?)\b", text, re.IGNORECASE)
        and not _TABLE_WORD.fullmatch(text)
    )


# A skills table's header cells and level cells ("Skill | Level | Years", "Expert"):
# no skill of their own. "BASIC" in capitals is the language.
_TABLE_WORD = re.compile(
    r"(?i:skills?|level|proficiency|rating|self[- ]rating)|"
    r"(?:[Ee]xpert|[Aa]dvanced|[Ii]ntermediate|[Bb]eginner|[Nn]ovice|[Pp]roficient)"
)
