"""The resume's sections: cut at their headings, or found by content when there
are none."""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from domain.parsing import dates
from domain.parsing.education_words import degree_level
from domain.parsing.headings import (
    SectionKind,
    heading_kind,
    heading_shape,
    known_heading,
    letter_spaced,
    loose_heading,
    normalise_heading,
    side_by_side,
)
from domain.parsing.job_words import title_score
from domain.parsing.lines import Line
from domain.parsing.places import is_location


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    heading: Line | None
    lines: tuple[Line, ...]
    inferred: bool = False


def find_sections(
    lines: Sequence[Line], emphasised: frozenset[str] = frozenset()
) -> list[Section]:
    """Cut the lines at their headings; text before the first one is the header.
    Unheaded runs of dated entries become inferred experience/education sections."""
    sections: list[Section] = []
    current = Section(SectionKind.HEADER, None, ())
    seen_heading = False
    kinds = [heading_kind(line, emphasised) for line in lines]
    upper_style = (
        sum(
            k is not None and _upper(line) for k, line in zip(kinds, lines, strict=True)
        )
        >= 3
    )
    inner = _InnerHeadings(lines, kinds)
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind is None and seen_heading and _emphasised_heading(line, emphasised):
            kind = SectionKind.OTHER
        if inner.inside_experience(index, kind, current):
            kind = None  # the other column's "Skills" between two jobs
        if _inside_education(lines, kinds, index, current):
            kind = None  # "First Class Honours" between two degrees
        if (
            kind is not None
            and upper_style
            and current.kind is SectionKind.EXPERIENCE
            and not _upper(line)
            and normalise_heading(line.text) not in emphasised
        ):
            kind = None  # "Technical Skills:" inside a job, under "WORK EXPERIENCE"
        current, kind, used = _join_wrapped(current, line, kind)
        if used:
            continue
        if kind is None:
            current = Section(current.kind, current.heading, (*current.lines, line))
            continue
        sections.append(current)
        current = Section(kind, line, ())
        seen_heading = True
    sections.append(current)
    return _infer_unheaded(
        _split_inline_labels([s for s in sections if s.lines or s.heading])
    )


def _join_wrapped(
    current: Section, line: Line, kind: SectionKind | None
) -> tuple[Section, SectionKind | None, bool]:
    """A letter-spaced heading wrapped over two lines is one heading. On its
    second line the section its first line opened takes the joined kind (True:
    the line is used up); a heading line after a letter-spaced last line of the
    section takes that line back as its first."""
    heading = current.heading
    if heading is not None and not current.lines:
        wrapped = _wrapped_heading(heading, line)
        if wrapped is not None:  # "C E R T I F I C A T E S" / "& ..."
            return Section(wrapped, heading, ()), kind, True
    if kind is not None and current.lines:
        wrapped = _wrapped_heading(current.lines[-1], line)
        if wrapped is not None:  # "S P O K E N" / "L A N G U A G E S"
            return Section(current.kind, heading, current.lines[:-1]), wrapped, False
    return current, kind, False


def _wrapped_heading(first: Line, second: Line) -> SectionKind | None:
    """A letter-spaced heading a narrow column wrapped ("S P O K E N" over
    "L A N G U A G E S"): the kind of the two lines read as one heading."""
    if first.index + 1 != second.index or first.bullet or second.bullet:
        return None
    head, tail = letter_spaced(first.text), letter_spaced(second.text)
    if head is None or tail is None:
        return None
    return heading_kind(replace(second, text=f"{head} {tail}"))


_LIST_HEADINGS = frozenset({SectionKind.SKILLS, SectionKind.SUMMARY})
# The other column's labels under "Experience Skills" ("Languages:", "Other:").
_COLUMN_LABELS = frozenset(
    {SectionKind.SKILLS, SectionKind.LANGUAGES, SectionKind.OTHER}
)


def _inside_education(
    lines: Sequence[Line],
    kinds: Sequence[SectionKind | None],
    index: int,
    current: Section,
) -> bool:
    """A loose heading under "Education" ("First Class Honours", read as awards by
    its last word) with the next line naming a degree ("BSc Economics, 2017") is
    the grade of the degree above, not a section of its own."""
    if kinds[index] is None or current.kind is not SectionKind.EDUCATION:
        return False
    following = lines[index + 1] if index + 1 < len(lines) else None
    return (
        loose_heading(lines[index])
        and following is not None
        and kinds[index + 1] is None
        and degree_level(following.text) is not None
    )


def _jobs_follow(
    lines: Sequence[Line], kinds: Sequence[SectionKind | None], index: int
) -> bool:
    """A job (dates with a job title on their line or the line above or below)
    follows the heading at `index` before the next heading other than a loose one
    or a label. Such a heading inside an experience section does not end it: a
    list's ("SKILLS") or a loose one ("Risk management expertise", "Local
    municipality projects"), as a sidebar's items land between the jobs when a
    two-column page is flattened, or a label that heads a job's own parts
    ("Accomplishments:")."""
    for at in range(index + 1, len(lines)):
        line = lines[at]
        kind = kinds[at]
        if kind is not None and not (loose_heading(line) or _label(line, kind)):
            return False
        if line.bullet or not is_entry_anchor(line):
            continue
        head = line.text[: dates.find_ranges(line.text)[0].begin]
        near = [lines[i].text for i in (at - 1, at + 1) if index < i < len(lines)]
        if title_score(head) or (not head.strip() and any(map(title_score, near))):
            return True
    return False


class _InnerHeadings:
    """Which headings inside an experience section do not end it: a list's
    ("SKILLS"), a loose one ("Risk management expertise"), a label ("Accomplish-
    ments:"), one right under the experience heading, or one the resume writes more
    than once (each job's "Accomplishments"), when a job follows it; a repeated one
    once one of its kind was passed over; under two headings side by side
    ("Experience Skills"), the other column's list headings."""

    def __init__(
        self, lines: Sequence[Line], kinds: Sequence[SectionKind | None]
    ) -> None:
        self.lines, self.kinds = lines, kinds
        counts = Counter(
            normalise_heading(line.text)
            for line, kind in zip(lines, kinds, strict=True)
            if kind is not None
        )
        self.repeated = {key for key, count in counts.items() if count > 1}
        self.passed: set[str] = set()

    def inside_experience(
        self, index: int, kind: SectionKind | None, current: Section
    ) -> bool:
        if kind in (None, SectionKind.EXPERIENCE):
            return False
        if current.kind is not SectionKind.EXPERIENCE:
            self.passed.clear()
            return False
        line = self.lines[index]
        key = normalise_heading(line.text)
        if key in self.passed:
            return True
        if not (
            kind in _LIST_HEADINGS
            or loose_heading(line)
            or _label(line, kind)
            or (kind is not SectionKind.EDUCATION and not current.lines)
            or key in self.repeated
        ):
            return False
        columns = current.heading is not None and side_by_side(current.heading)
        if not (columns and kind in _COLUMN_LABELS) and not _jobs_follow(
            self.lines, self.kinds, index
        ):
            return False
        if key in self.repeated:
            self.passed.add(key)
        return True


def _label(line: Line, kind: SectionKind | None) -> bool:
    """A heading written as a label ("Accomplishments:"), as a job's own parts are
    headed; an education label still opens education."""
    return line.text.endswith(":") and kind is not SectionKind.EDUCATION


def _upper(line: Line) -> bool:
    """Written in capitals, as some resumes write every top-level heading."""
    return line.text.isupper()


def _emphasised_heading(line: Line, emphasised: frozenset[str]) -> bool:
    text = line.text.rstrip(":")
    return (
        heading_shape(text)
        and len(text.split()) <= 4
        and normalise_heading(text) in emphasised
        and (text.isupper() or text.istitle())
    )


_INLINE_LABEL = re.compile(r"^(?P<label>[A-Za-zÀ-ÿ &/]{3,30}):\s*\S")
_INLINE_KINDS = frozenset(
    {SectionKind.SKILLS, SectionKind.LANGUAGES, SectionKind.CERTIFICATIONS}
)
_LIST_KINDS = frozenset({SectionKind.SKILLS, SectionKind.LANGUAGES})


def _split_inline_labels(sections: list[Section]) -> list[Section]:
    """A labelled line such as "Skills: Python, SQL" outside a skills list becomes a
    one-line section of its own."""
    result: list[Section] = []
    for section in sections:
        if section.kind in _LIST_KINDS:
            result.append(section)
            continue
        run: list[Line] = []
        heading = section.heading
        for line in section.lines:
            kind = _inline_kind(line)
            if kind is None:
                run.append(line)
                continue
            result.append(Section(section.kind, heading, tuple(run), section.inferred))
            result.append(Section(kind, None, (line,), inferred=True))
            run, heading = [], None
        result.append(Section(section.kind, heading, tuple(run), section.inferred))
    return [s for s in result if s.lines or s.heading]


def _inline_kind(line: Line) -> SectionKind | None:
    match = _INLINE_LABEL.match(line.text)
    if match is None:
        return None
    key = normalise_heading(match.group("label"))
    kind = known_heading(key)
    return kind if kind in _INLINE_KINDS and len(key.split()) <= 3 else None


_DEGREE_CUE = re.compile(
    r"\b(?:bachelor\w*|master\w*|ph\.?\s?d|doctor(?:ate)?|degree|diploma|"
    r"B\.?\s?(?:S|A|Sc|Eng|Tech)\b\.?|M\.?\s?(?:S|A|Sc|Eng|BA)\b\.?|MBA|"
    r"high school|GED)",
    re.IGNORECASE,
)
_LIST_ITEM_SPLIT = re.compile(r"\s*(?:[,;|•·]|\s/\s)\s*")
_INFERABLE = frozenset(
    {SectionKind.HEADER, SectionKind.SUMMARY, SectionKind.OTHER, SectionKind.CONTACT}
)


def _infer_unheaded(sections: list[Section]) -> list[Section]:
    """Entries sitting in the header, summary or an unknown section become sections
    of their own: dated entries are experience (education when they name a degree),
    a line naming a degree starts education, a bare list of short items is skills."""
    result: list[Section] = []
    for section in sections:
        starts = _entry_starts(section.lines) if section.kind in _INFERABLE else []
        if not starts:
            result.append(section)
            continue
        head = section.lines[: starts[0]]
        if head or section.heading:
            result.append(
                Section(section.kind, section.heading, head, section.inferred)
            )
        for begin, stop in zip(starts, [*starts[1:], len(section.lines)], strict=True):
            entry = section.lines[begin:stop]
            kind = _entry_kind(entry)
            if result and result[-1].inferred and result[-1].kind is kind:
                previous = result.pop()
                entry = (*previous.lines, *entry)
            result.append(Section(kind, None, tuple(entry), inferred=True))
    return result


def _entry_kind(entry: Sequence[Line]) -> SectionKind:
    if _skills_line(entry[0]):
        return SectionKind.SKILLS
    head: list[str] = []
    for line in entry[:3]:
        if line.bullet:
            break
        head.append(line.text)
    if any(_DEGREE_CUE.search(text) for text in head):
        return SectionKind.EDUCATION
    return SectionKind.EXPERIENCE


def _entry_starts(lines: Sequence[Line]) -> list[int]:
    starts: list[int] = []
    for index in range(len(lines)):
        begin = _entry_start(lines, index)
        if begin is not None and (not starts or begin > starts[-1]):
            starts.append(begin)
    return starts


def _entry_start(lines: Sequence[Line], index: int) -> int | None:
    """Where an entry anchored at line `index` starts, or None when it anchors none."""
    line = lines[index]
    if line.bullet or line.index < 3:
        return None
    if _skills_line(line) or _degree_line(line):
        return index
    if not is_entry_anchor(line):
        return None
    begin = index
    while begin > 0 and index - begin < 2 and _title_like(lines[begin - 1]):
        begin -= 1
    return begin


_SCHOOL_WORD = re.compile(
    r"\b(?:universit\w+|college|school|institute|academy|faculty|certificat\w+|"
    r"course|bootcamp)\b",
    re.IGNORECASE,
)


def names_study(text: str) -> bool:
    """Names a degree, a course or a place of study ("B.Sc", "State University",
    "Certificate in Front End")."""
    return bool(_DEGREE_CUE.search(text) or _SCHOOL_WORD.search(text))


def _degree_line(line: Line) -> bool:
    """A line naming a degree; "Boston, MA" or "Jackson, MS" is a place."""
    return (
        bool(_DEGREE_CUE.search(line.text))
        and len(line.text.split()) <= 15
        and not is_location(line.text)
    )


def _skills_line(line: Line) -> bool:
    """A bare list such as "Figma, Sketch, user research, prototyping"."""
    items = _LIST_ITEM_SPLIT.split(line.text)
    return (
        len(items) >= 4
        and all(0 < len(item.split()) <= 3 for item in items)
        and not re.search(r"[@\d]", line.text)
    )


def is_entry_anchor(line: Line) -> bool:
    """A line holding a date range and little else: the anchor of a dated entry."""
    found = dates.find_ranges(line.text)
    if not found:
        return False
    before = line.text[: found[0].begin]
    return len(before.split()) <= 14 and "@" not in before


def _title_like(line: Line) -> bool:
    text = line.text
    return (
        not line.bullet
        and len(text.split()) <= 12
        and not text.endswith(".")
        and "@" not in text
        and not re.search(r"\d{3}", text)
        and not is_entry_anchor(line)
    )
