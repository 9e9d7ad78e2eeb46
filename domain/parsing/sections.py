"""Lines with offsets and pages, and the resume's sections: found by headings, or by
content when there are none."""

import bisect
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from domain.extraction.document import ExtractedDocument, TextBlock
from domain.parsing import dates


class SectionKind(StrEnum):
    HEADER = "header"
    CONTACT = "contact"
    SUMMARY = "summary"
    EXPERIENCE = "experience"
    EDUCATION = "education"
    SKILLS = "skills"
    LANGUAGES = "languages"
    CERTIFICATIONS = "certifications"
    PROJECTS = "projects"
    COURSES = "courses"
    AWARDS = "awards"
    PUBLICATIONS = "publications"
    VOLUNTEER = "volunteer"
    INTERESTS = "interests"
    REFERENCES = "references"
    OTHER = "other"


@dataclass(frozen=True)
class Span:
    """A piece of the document text; `[start, end)` are offsets into it."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Line:
    """One non-empty line, stripped; a bullet line keeps its text without the marker."""

    index: int
    text: str
    start: int
    end: int
    page: int | None
    bullet: bool
    blank_before: bool

    @property
    def span(self) -> Span:
        return Span(self.text, self.start, self.end)


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    heading: Line | None
    lines: tuple[Line, ...]
    inferred: bool = False


_BULLET = re.compile(
    r"^(?:[-\u2013—•●▪◦○■□►▶➢➤✓✔✗*·∙\u2043‣\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8]|\d{1,2}[.)])\s*"
)
_SPLIT_DEFAULT = re.compile(r"\s*(?:\||•|·|●|▪|\t|\s{3,})\s*")


def split_spans(span: Span, pattern: re.Pattern[str] = _SPLIT_DEFAULT) -> list[Span]:
    """The non-empty pieces of `span` between matches of `pattern`, trimmed."""
    pieces: list[Span] = []
    cursor = 0
    for match in [*pattern.finditer(span.text), None]:
        stop = match.start() if match else len(span.text)
        pieces.extend(_trimmed(span, cursor, stop))
        cursor = match.end() if match else stop
    return pieces


_TRIM = " \t,;:-\u2013—|·•"


def _trimmed(span: Span, begin: int, stop: int) -> list[Span]:
    raw = span.text[begin:stop]
    text = raw.strip(_TRIM).rstrip("([{").lstrip(")]}").strip(_TRIM)
    if not text:
        return []
    offset = begin + raw.index(text)
    return [Span(text, span.start + offset, span.start + offset + len(text))]


def sub_span(span: Span, begin: int, stop: int) -> Span | None:
    """The trimmed piece `[begin, stop)` of `span`, or None when it is blank."""
    pieces = _trimmed(span, begin, stop)
    return pieces[0] if pieces else None


def split_lines(document: ExtractedDocument) -> tuple[Line, ...]:
    pages = _page_starts(document)
    lines: list[Line] = []
    offset = 0
    blank = True
    marker_only = False
    for raw in document.text.split("\n"):
        line = _line(raw, offset, len(lines), blank, pages, document.pages)
        offset += len(raw) + 1
        if line is not None and marker_only and not line.bullet:
            line = replace(line, bullet=True)  # "•" alone, its text on the next line
        marker_only = line is None and bool(_BULLET.fullmatch(raw.strip()))
        blank = line is None and not marker_only
        if line is not None:
            lines.append(line)
    return tuple(lines)


def _line(
    raw: str,
    offset: int,
    index: int,
    blank: bool,
    pages: list[tuple[int, int]],
    page_count: int,
) -> Line | None:
    stripped = raw.strip()
    match = _BULLET.match(stripped)
    bullet = bool(match and _is_marker(match, stripped))
    text = stripped[match.end() :].strip() if match and bullet else stripped
    if not text:
        return None
    start = offset + raw.index(text)
    page = _page_at(pages, start, page_count)
    return Line(index, text, start, start + len(text), page, bullet, blank)


def _is_marker(match: re.Match[str], line: str) -> bool:
    # "- item" and "•item" are bullets; "-5%" and "2020." are not.
    marker = match.group(0).strip()
    if marker[0].isdigit():
        return len(line) > match.end() and match.group(0).endswith(" ")
    return marker not in "-*" or match.group(0).endswith(" ")


def _page_starts(document: ExtractedDocument) -> list[tuple[int, int]]:
    """(offset, page) pairs in text order: from form feeds, else from block texts."""
    text = document.text
    if "\f" in text:
        starts = [0] + [m.end() for m in re.finditer("\f", text)]
        return [(offset, page + 1) for page, offset in enumerate(starts)]
    blocks = document.blocks
    if not blocks:
        return []
    base = 1 if min(block.page for block in blocks) == 0 else 0
    pairs: list[tuple[int, int]] = []
    cursor = 0
    for block in blocks:
        probe = block.text.strip()[:40]
        found = text.find(probe, cursor) if probe else -1
        if found >= 0:
            pairs.append((found, block.page + base))
            cursor = found
    return pairs


def _page_at(pages: list[tuple[int, int]], offset: int, page_count: int) -> int | None:
    if not pages:
        return 1 if page_count == 1 else None
    index = bisect.bisect_right(pages, (offset, 1 << 30)) - 1
    return pages[max(index, 0)][1]


def emphasised_texts(blocks: Iterable[TextBlock]) -> frozenset[str]:
    """Normalised texts of short one-line blocks set in a larger font than the body.
    Bold alone does not count: company names and job titles are often bold."""
    blocks = list(blocks)
    sizes = [b.font_size for b in blocks if b.font_size]
    body = statistics.median(sizes) if sizes else 0.0
    found = set()
    for block in blocks:
        large = bool(block.font_size and body and block.font_size >= 1.15 * body)
        text = block.text.strip()
        if large and "\n" not in text and len(text) <= 40:
            found.add(_normalise(text))
    return frozenset(found)


def _normalise(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("\u2019", "'")
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)
    if len(words) > 3 and all(len(w) == 1 for w in words):
        words = ["".join(words)]  # spaced-out letters: "S K I L L S"
    return " ".join(words)


# Whole headings in English and common European languages: "kind: a|b|c" lines.
_EXACT_TEXT = """
experience: work history|employment history|career history|professional background
experience: work|employment|career|positions held|relevant work|work and leadership
experience: experience and leadership|berufserfahrung|experiencia
experience: experiencia laboral|experiencia profesional|expérience
experience: expérience professionnelle|expériences professionnelles|esperienza
experience: esperienze lavorative
education: education|educational background|academic background|academic history
education: academic qualifications|educational qualifications|academics|formation
education: éducation|educación|formación académica|formación|ausbildung|studium
education: istruzione|formação académica|formação
summary: about me|about|profile|summary of qualifications|career objective|objective
summary: qualifications|key qualifications|professional profile|profil|perfil|résumé
summary: zusammenfassung|personal profile|who i am
skills: compétences|habilidades|kenntnisse|fähigkeiten|competencias|competenze
skills: what i do|tech stack|toolbox|it skills
languages: langues|idiomas|sprachen|lingue|línguas
contact: contact|contact information|contact details|personal details
contact: personal information|personal data|details|info
interests: centres d'intérêt|loisirs|hobbies and interests
interests: extracurricular activities|activities|interessen
volunteer: leadership|community service
certifications: zertifikate|certificaciones
"""
# The last word of a heading ("Technical Skills", "Work Experience").
_HEAD_TEXT = """
experience: experience experiences employment history internships
education: education training studies
skills: skills skill competencies competences expertise technologies proficiencies
skills: tools toolkit strengths abilities stack software programs
languages: languages
certifications: certifications certification certificates licenses licences
certifications: credentials accreditations licensure
summary: summary profile objective overview introduction highlights statement
projects: projects project portfolio
courses: coursework courses
awards: awards honors honours achievements accomplishments distinctions scholarships
publications: publications papers patents presentations talks
volunteer: volunteering volunteer
interests: interests hobbies
references: references referees
other: memberships affiliations associations
"""


def _table(text: str, separator: str | None) -> dict[str, SectionKind]:
    table: dict[str, SectionKind] = {}
    for row in text.strip().splitlines():
        kind, _, entries = row.partition(": ")
        for entry in entries.split(separator):
            table[entry.strip()] = SectionKind(kind)
    return table


_EXACT = _table(_EXACT_TEXT, "|")
_HEAD_WORDS = _table(_HEAD_TEXT, None)
_CONNECTORS_TEXT = """
of at in for with on the to by
"""
_CONNECTORS = frozenset(_CONNECTORS_TEXT.split())


def heading_kind(
    line: Line, emphasised: frozenset[str] = frozenset()
) -> SectionKind | None:
    """The section a line opens when it reads as a heading, else None."""
    text = line.text.rstrip(":").strip()
    if line.bullet or not _heading_shape(text):
        return None
    key = _normalise(text)
    if key in _EXACT:
        return _EXACT[key]
    return _keyword_kind(key, emphasised_line=key in emphasised or text.isupper())


def _heading_shape(text: str) -> bool:
    if not text or len(text) > 48 or not text[0].isupper() or ":" in text:
        return False
    if any(ch.isdigit() for ch in text) or "@" in text or text[-1] in ".,;-\u2013":
        return False
    return len(text.split()) <= 6


def _keyword_kind(key: str, *, emphasised_line: bool) -> SectionKind | None:
    parts = [p.split() for p in re.split(r"\band\b|/|,", key) if p.strip()]
    words = key.split()
    for part in parts:
        kind = _HEAD_WORDS.get(part[-1])
        if kind is None:
            continue
        if {"volunteer", "volunteering"} & set(words):
            return SectionKind.VOLUNTEER
        if _CONNECTORS & set(words[:-1]) and not emphasised_line:
            return None
        unknown = [w for w in part[:-1] if w not in _MODIFIERS]
        if not unknown or len(words) <= 4 or emphasised_line:
            return kind
    return None


_MODIFIERS_TEXT = """
work professional relevant technical core key top career additional other selected
academic educational personal related industry employment language computer it
software programming soft hard transferable areas of and research teaching
management leadership skills summary executive profile certifications licenses
recent previous practical honors awards notable side open source volunteer community
spoken foreign
"""
_MODIFIERS = frozenset(_MODIFIERS_TEXT.split())


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
        sum(k is not None and _upper(line) for k, line in zip(kinds, lines)) >= 3
    )
    for line, kind in zip(lines, kinds, strict=True):
        if kind is None and seen_heading and _emphasised_heading(line, emphasised):
            kind = SectionKind.OTHER
        if (
            kind is not None
            and upper_style
            and current.kind is SectionKind.EXPERIENCE
            and not _upper(line)
            and _normalise(line.text) not in emphasised
        ):
            kind = None  # "Technical Skills:" inside a job, under "WORK EXPERIENCE"
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


def _upper(line: Line) -> bool:
    """Written in capitals, as some resumes write every top-level heading."""
    return line.text.isupper()


def _emphasised_heading(line: Line, emphasised: frozenset[str]) -> bool:
    text = line.text.rstrip(":")
    return (
        _heading_shape(text)
        and len(text.split()) <= 4
        and _normalise(text) in emphasised
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
    key = _normalise(match.group("label"))
    kind = _EXACT.get(key) or _HEAD_WORDS.get(key.split()[-1] if key else "")
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


def _degree_line(line: Line) -> bool:
    return bool(_DEGREE_CUE.search(line.text)) and len(line.text.split()) <= 15


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
