"""Headings: whether a line opens a section and which kind, in any common wording
and several European languages."""

import re
import statistics
from collections.abc import Iterable
from enum import StrEnum

from domain.extraction.document import TextBlock
from domain.parsing.lines import Line
from domain.parsing.taxonomy import load_taxonomy


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


def emphasised_texts(blocks: Iterable[TextBlock]) -> frozenset[str]:
    """Normalised texts of short one-line blocks set in a larger font than the body.
    Bold alone does not count: company names and job titles are often bold. A text
    also set in body size elsewhere is no heading: a headline under the name
    ("Operations Manager") repeats the latest job's title in the jobs."""
    blocks = list(blocks)
    sizes = [b.font_size for b in blocks if b.font_size]
    body = statistics.median(sizes) if sizes else 0.0
    found: set[str] = set()
    plain: set[str] = set()
    for block in blocks:
        large = bool(block.font_size and body and block.font_size >= 1.15 * body)
        text = block.text.strip()
        if large and "\n" not in text and len(text) <= 40:
            found.add(normalise_heading(text))
        elif not large:
            plain.update(normalise_heading(line) for line in text.split("\n"))
    return frozenset(found - plain)


def normalise_heading(text: str) -> str:
    text = letter_spaced(text) or text
    text = text.lower().replace("&", " and ").replace("\u2019", "'")
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)
    if len(words) > 3 and all(len(w) == 1 for w in words):
        words = ["".join(words)]  # spaced-out letters: "S K I L L S"
    return " ".join(words)


def letter_spaced(text: str) -> str | None:
    """The words of a letter-spaced heading, its words set apart by wider gaps
    ("W O R K   E X P E R I E N C E" -> "WORK EXPERIENCE"); None for other text."""
    groups = [group.split() for group in re.split(r"\s{2,}", text.strip())]
    letters = [letter for group in groups for letter in group]
    if len(letters) <= 3 or any(len(letter) != 1 for letter in letters):
        return None
    if len(groups) == 1:  # the gaps between words lost: cut where heading words end
        return _heading_words("".join(letters)) or "".join(letters)
    return " ".join("".join(group) for group in groups)


def _heading_words(joined: str) -> str | None:
    """ "EXECUTIVESUMMARY" -> "EXECUTIVE SUMMARY": the fewest words of the headings'
    vocabulary that spell it, else None."""
    low = joined.lower()
    best: list[list[str] | None] = [[]] + [None] * len(low)
    for end in range(1, len(low) + 1):
        for begin in range(end):
            head, known = best[begin], best[end]
            shorter = known is None or (head is not None and len(head) + 1 < len(known))
            if head is not None and low[begin:end] in _VOCABULARY and shorter:
                best[end] = [*head, joined[begin:end]]
    found = best[-1]
    return " ".join(found) if found and len(found) > 1 else None


# A document's title above the name: furniture, not a section ("RÉSUMÉ" alone
# would read as the French heading of a summary).
_DOCUMENT_TITLES = frozenset({"resume", "résumé", "curriculum vitae", "cv", "vitae"})


def document_title(line: Line) -> bool:
    """ "CURRICULUM VITAE", "Résumé", "CV" as the first or second line."""
    return line.index <= 1 and normalise_heading(line.text) in _DOCUMENT_TITLES


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
education: academia|academic credentials|basic academic credentials|academic profile
education: education qualification|education qualifications|educational qualification
summary: about me|about|profile|summary of qualifications|career objective|objective
summary: qualifications|key qualifications|professional profile|profil|perfil|résumé
summary: zusammenfassung|personal profile|who i am
skills: compétences|habilidades|kenntnisse|fähigkeiten|competencias|competenze
skills: what i do|tech stack|toolbox|it skills|areas of expertise|fields of expertise
skills: skills summary|skill summary|summary of skills|technical summary
languages: langues|idiomas|sprachen|lingue|línguas|language skills|language proficiency
languages: languages spoken|linguistic skills
contact: contact|contact information|contact details|personal details
contact: personal information|personal data|details|info
other: additional information|other information|miscellaneous|links|declaration
interests: centres d'intérêt|loisirs|hobbies and interests
interests: extracurricular activities|activities|interessen
volunteer: leadership|community service
certifications: zertifikate|certificaciones
"""
# The last word of a heading ("Technical Skills", "Work Experience").
_HEAD_TEXT = """
experience: experience experiences employment history internships positions
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
volunteer: volunteering volunteer involvement
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
    text = letter_spaced(text) or text
    if line.bullet or not heading_shape(text) or document_title(line):
        return None
    key = normalise_heading(text)
    if key in _EXACT:
        return _EXACT[key]
    return _side_by_side(key) or _keyword_kind(
        key, emphasised_line=key in emphasised or text.isupper()
    )


_COLUMN_KINDS = frozenset({SectionKind.EXPERIENCE, SectionKind.EDUCATION})
_COLUMN_WORDS = frozenset({"experience", "education"})


def _side_by_side(key: str) -> SectionKind | None:
    """The first of two headings that a two-column page, flattened to lines, put
    side by side ("Experience Skills", "WORK EXPERIENCE SKILLS"): jobs or schools
    in one column, a list in the other. A describing second heading ("Experience
    Summary") makes one heading, not two."""
    words = key.split()
    for cut in range(1, len(words)):
        first = known_heading(" ".join(words[:cut]))
        second = known_heading(" ".join(words[cut:]))
        if (
            first in _COLUMN_KINDS
            and words[cut - 1] in _COLUMN_WORDS
            and second is not None
            and second not in (first, SectionKind.SUMMARY)
        ):
            return first
    return None


def heading_shape(text: str) -> bool:
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
        if unknown and not emphasised_line and load_taxonomy().lookup(key):
            return None  # a skill named like a heading: "Microsoft Project"
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


def side_by_side(line: Line) -> bool:
    """Two headings a flattened two-column page put on one line ("Experience
    Skills"): the other column's labels follow in the first one's section."""
    return _side_by_side(normalise_heading(line.text.rstrip(":"))) is not None


def loose_heading(line: Line) -> bool:
    """A heading read only by its last word, with words that no heading of that kind
    uses and not in capitals ("Risk management expertise", "Topographic studies",
    "Local municipality projects"): as often a sidebar's item or a sub-heading
    inside a job as a section of its own."""
    text = line.text.rstrip(":").strip()
    key = normalise_heading(text)
    if not key or key in _EXACT or text.isupper() or _side_by_side(key):
        return False
    return any(word not in _MODIFIERS for word in key.split()[:-1])


def known_heading(key: str) -> SectionKind | None:
    """The kind a normalised label names as a whole heading or by its last word."""
    return _EXACT.get(key) or _HEAD_WORDS.get(key.split()[-1] if key else "")


# Every word of the headings above: where a letter-spaced heading's words part.
_VOCABULARY = frozenset(
    word for key in (*_EXACT, *_HEAD_WORDS, *_MODIFIERS, "and") for word in key.split()
)
