"""`analyze_job`: a posting's title and description in, a `JobAnalysis` out, by local
rules over the skills taxonomy (the resumes' canonical ids) and the O*NET titles.

How the description is read:
- Lines are grouped under headings. "Requirements", "Qualifications", "Must have",
  "What you'll need"... hold required skills; "Preferred", "Nice to have", "Bonus"...
  preferred ones; "Responsibilities" / "What you'll do" are duties (their skills are
  required when the posting has no requirements heading, else preferred); "About us",
  "Benefits"... are skipped. Text before any heading counts as a requirements list
  with lower confidence.
- A sentence that says "preferred", "a plus", "nice to have", "ideally"... is
  preferred wherever it stands; one that says "required", "must"... is required.
- Minimum years: the largest "N+ years" / "at least N years" / "N-M years" of a
  required sentence; a skill named right after the years ("3+ years of Python")
  carries them too. Education: the lowest level named in a required sentence
  ("Bachelor's or Master's" -> bachelor). Remote, location and seniority come from
  the title and cue phrases; the occupation from the title (`occupations`).
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from domain.matching.model import (
    EDUCATION_RANK,
    Finding,
    JobAnalysis,
    OccupationFinding,
    Seniority,
    SkillRequirement,
    WorkMode,
)
from domain.matching.occupations import OccupationIndex, classify_title
from domain.parsing.education_words import degree_level
from domain.parsing.languages import is_language
from domain.parsing.model import EducationLevel
from domain.parsing.taxonomy import Match, SkillKind, Taxonomy


class _Context(StrEnum):
    REQUIRED = "required"
    PREFERRED = "preferred"
    DUTIES = "duties"
    SKIPPED = "skipped"
    OPEN = "open"  # before any heading


_HEADINGS: tuple[tuple[_Context, re.Pattern[str]], ...] = (
    (
        _Context.PREFERRED,
        re.compile(
            r"prefer|nice[- ]to[- ]haves?|bonus|plus(?:es)?\b|desir|good to have|"
            r"extra credit|ideal(?:ly)?\b|would be great",
            re.I,
        ),
    ),
    (
        _Context.REQUIRED,
        re.compile(
            r"require|qualifications?|must[- ]haves?|"
            r"what you(?:'|\u2019)?ll? (?:need|bring)|"
            r"looking for|who you are|skills|your profile|you have|you bring|"
            r"experience|competenc|essential",
            re.I,
        ),
    ),
    (
        _Context.DUTIES,
        re.compile(
            r"responsibilit|dut(?:y|ies)|what you(?:'|\u2019)?ll do|the role|role|"
            r"day to day|you will|tasks|job description|overview",
            re.I,
        ),
    ),
    (
        _Context.SKIPPED,
        re.compile(
            r"about|benefits|perks|we offer|company|culture|compensation|salary|"
            r"equal opportunity|why join|how to apply|location",
            re.I,
        ),
    ),
)
_HEADING_LINE = re.compile(r"^[#*\s]*(?P<text>[A-Za-z][^.!?]{1,60}?)[:*\s]*$")
_BULLET = re.compile(r"^\s*(?:[-*•·●▪]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z])")
_PREFERRED_CUE = re.compile(
    r"\b(?:preferred|prefer(?:ably)?|a plus|an advantage|advantageous|nice[- ]to[- ]"
    r"have|bonus|ideally|desir(?:ed|able)|good to have|would be great)\b",
    re.I,
)
_REQUIRED_CUE = re.compile(r"\b(?:required|must|mandatory|essential|minimum)\b", re.I)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15,
}  # fmt: skip
_AMOUNT = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + ")"
_YEARS = re.compile(
    rf"(?P<low>{_AMOUNT})\s*(?:\+|plus)?\s*(?:(?:-|\u2013|to)\s*(?P<high>{_AMOUNT})\s*)?"
    r"(?:\+\s*)?(?:years?|yrs?)\b['\u2019]?",
    re.I,
)
_SKILL_AFTER_YEARS = re.compile(
    r"^\s*(?:of\s+)?(?:(?:professional|hands-on|commercial|industry|relevant|"
    r"working|practical)\s+)?(?:experience\s+)?(?:with|in|using|of)?\s*$",
    re.I,
)
_DEGREE_CUE = re.compile(
    r"degree|diploma|bachelor|master|ph\.?d|doctor|b\.?s\b|b\.?a\b|m\.?s\b|mba|"
    r"associate|high school|ged\b|graduate",
    re.I,
)
_LOWER_DEGREE = re.compile(
    r"\b(?:bachelor|master|doctorate|doctoral|high school|associate(?='?s? degree))",
)
_EQUIVALENT = re.compile(r"equivalent|or (?:relevant|comparable) experience", re.I)
_LOCATION_LINE = re.compile(
    r"^\s*(?:location|based in|office)\s*[:\-]\s*(?P<v>[^\n]{2,80})$", re.I | re.M
)
_HYBRID = re.compile(r"\bhybrid\b", re.I)
_REMOTE = re.compile(
    r"\b(?:fully remote|100\s?% remote|remote[- ]first|work from home|wfh|"
    r"remote(?:ly)?)\b",
    re.I,
)
_NOT_REMOTE = re.compile(r"\b(?:not|no|non)[- ]remote\b", re.I)
_ONSITE = re.compile(r"\b(?:on-?site|on site|in[- ]office|in[- ]person)\b", re.I)
_SENIORITY_WORDS: tuple[tuple[Seniority, re.Pattern[str]], ...] = (
    (Seniority.INTERN, re.compile(r"\b(?:intern|internship|trainee)\b", re.I)),
    (
        Seniority.EXECUTIVE,
        re.compile(r"\b(?:director|vp|vice president|head of|chief|c[etfo]o)\b", re.I),
    ),
    (Seniority.LEAD, re.compile(r"\b(?:lead|staff|principal|architect)\b", re.I)),
    (Seniority.SENIOR, re.compile(r"\b(?:senior|sr\.?|iii)\b", re.I)),
    (
        Seniority.JUNIOR,
        re.compile(r"\b(?:junior|jr\.?|entry[- ]level|graduate|i)\b", re.I),
    ),
    (Seniority.MID, re.compile(r"\b(?:mid[- ]level|intermediate|ii)\b", re.I)),
)
_CONFIDENCE = {
    _Context.REQUIRED: 0.9,
    _Context.PREFERRED: 0.8,
    _Context.OPEN: 0.6,
    _Context.DUTIES: 0.5,
}


@dataclass(frozen=True)
class _Sentence:
    text: str
    context: _Context


def analyze_job(
    *,
    title: str,
    description: str,
    taxonomy: Taxonomy,
    occupations: OccupationIndex,
) -> JobAnalysis:
    # The title is a requirement too: "Software Developer - .NET (1-4 years)".
    sentences = [_Sentence(title, _Context.REQUIRED), *_sentences(description)]
    has_requirements = any(s.context is _Context.REQUIRED for s in sentences)
    sentences = [_settled(s, has_requirements) for s in sentences]
    required, preferred = _skills(sentences, taxonomy)
    years = _min_years(sentences)
    occupation = classify_title(title, occupations)
    return JobAnalysis(
        required_skills=required,
        preferred_skills=preferred,
        min_years_experience=years,
        education=_education(sentences),
        remote=_remote(f"{title}\n{description}"),
        location=_location(description),
        seniority=_seniority(title, years),
        occupation=None
        if occupation is None
        else OccupationFinding(
            code=occupation.occupation.code,
            title=occupation.occupation.title,
            matched_title=occupation.matched_title,
            confidence=occupation.confidence,
        ),
    )


def _sentences(description: str) -> list[_Sentence]:
    """Sentences with the context of the heading above them."""
    context = _Context.OPEN
    found: list[_Sentence] = []
    for line in description.splitlines():
        heading = _heading_context(line)
        if heading is not None:
            context = heading
            continue
        body = _BULLET.sub("", line).strip()
        if body and context is not _Context.SKIPPED:
            found.extend(_Sentence(t, context) for t in _SENTENCE_END.split(body))
    return found


def _heading_context(line: str) -> _Context | None:
    """The context a heading line opens, or None when the line is no heading."""
    match = _HEADING_LINE.match(line)
    if match is None or _BULLET.match(line) or len(match["text"].split()) > 6:
        return None
    if not line.rstrip().endswith(":") and not line.strip()[0].isupper():
        return None
    text = match["text"]
    return next((c for c, pattern in _HEADINGS if pattern.search(text)), None)


def _settled(sentence: _Sentence, has_requirements: bool) -> _Sentence:
    """The sentence's own cue wins over its heading; duties count as requirements
    only when the posting lists none."""
    context = sentence.context
    if _PREFERRED_CUE.search(sentence.text):
        context = _Context.PREFERRED
    elif _REQUIRED_CUE.search(sentence.text):
        context = _Context.REQUIRED
    elif context is _Context.DUTIES and has_requirements:
        context = _Context.PREFERRED
    return _Sentence(sentence.text, context)


def _skills(
    sentences: Sequence[_Sentence], taxonomy: Taxonomy
) -> tuple[tuple[SkillRequirement, ...], tuple[SkillRequirement, ...]]:
    """Required and preferred skills, each once: a skill that is both is required,
    with its most confident reading."""
    best: dict[str, tuple[bool, SkillRequirement]] = {}
    for sentence in sentences:
        if _levels(sentence.text):  # "degree in Computer Science" names a field
            continue
        found = [m for m in taxonomy.matches(sentence.text) if _keep(m, sentence.text)]
        for match in found:
            requirement = _requirement(match, sentence, found)
            required = sentence.context is not _Context.PREFERRED
            key = match.entry.canonical_id
            if key not in best or _better((required, requirement), best[key]):
                best[key] = (required, requirement)
    required_skills = tuple(r for is_required, r in best.values() if is_required)
    preferred_skills = tuple(r for is_required, r in best.values() if not is_required)
    return required_skills, preferred_skills


def _better(
    new: tuple[bool, SkillRequirement], old: tuple[bool, SkillRequirement]
) -> bool:
    """Required over preferred, then the surer reading, then one that states years."""
    rank_new = (new[0], new[1].confidence, new[1].years is not None)
    return rank_new > (old[0], old[1].confidence, old[1].years is not None)


def _keep(match: Match, text: str) -> bool:
    """Drops spoken languages, acronyms written all in lower case ("fast"), and
    ambiguous names, but for technologies capitalised in a list ("Go, Rust")."""
    if is_language(match.surface):
        return False
    if match.acronym and match.surface.islower():
        return False
    if match.ambiguous:  # ESCO's ("security", "term") are never kept
        listed = "," in text or "/" in text
        tech = match.entry.kind is SkillKind.TECH
        return tech and listed and match.surface[:1].isupper()
    return True


def _requirement(
    match: Match, sentence: _Sentence, found: Sequence[Match]
) -> SkillRequirement:
    confidence = _CONFIDENCE[sentence.context]
    if match.ambiguous or match.entry.kind is not SkillKind.TECH:
        confidence -= 0.1
    return SkillRequirement(
        canonical_id=match.entry.canonical_id,
        name=match.entry.name,
        years=_skill_years(match, sentence.text, found),
        confidence=round(confidence, 2),
        evidence=sentence.text,
    )


def _skill_years(match: Match, text: str, found: Sequence[Match]) -> float | None:
    """Years stated right before the skill ("5+ years of Python") or before the
    list it belongs to ("3 years with Python, Go")."""
    stated: float | None = None
    for years in _YEARS.finditer(text):
        if years.end() > match.start:
            break
        head = next((m for m in found if m.start >= years.end()), None)
        if head is not None and _SKILL_AFTER_YEARS.match(
            text[years.end() : head.start]
        ):
            stated = _amount(years["low"])
    return stated


def _amount(text: str) -> float:
    return float(_NUMBER_WORDS.get(text.lower(), 0) or text)


def _min_years(sentences: Iterable[_Sentence]) -> Finding[float] | None:
    best: Finding[float] | None = None
    for sentence in sentences:
        if sentence.context is _Context.PREFERRED:
            continue
        for match in _YEARS.finditer(sentence.text):
            years = _amount(match["low"])
            confidence = 0.9 if "experience" in sentence.text.lower() else 0.7
            if best is None or years > best.value:
                best = Finding(
                    value=years, confidence=confidence, evidence=sentence.text
                )
    return best


def _education(sentences: Iterable[_Sentence]) -> Finding[EducationLevel] | None:
    for sentence in sentences:
        if sentence.context is _Context.PREFERRED:
            continue
        if not _DEGREE_CUE.search(sentence.text):
            continue
        levels = _levels(sentence.text)
        if levels:
            lowest = min(levels, key=lambda level: EDUCATION_RANK[level])
            equivalent = _EQUIVALENT.search(sentence.text) is not None
            return Finding(
                value=lowest,
                confidence=0.6 if equivalent else 0.85,
                evidence=sentence.text,
            )
    return None


def _levels(text: str) -> list[EducationLevel]:
    """Every ranked level a sentence names ("BS or MS" -> bachelor, master)."""
    levels: list[EducationLevel] = []
    # The resume rules expect capitals; postings write "a bachelor's degree".
    text = _LOWER_DEGREE.sub(lambda m: m[0].title(), text)
    for part in re.split(r"\bor\b|/|,|\band\b|\(", text):
        found = degree_level(part)
        if found is not None and found[0] in EDUCATION_RANK:
            levels.append(found[0])
    return levels


def _remote(text: str) -> Finding[WorkMode] | None:
    for mode, pattern, confidence in (
        (WorkMode.HYBRID, _HYBRID, 0.9),
        (WorkMode.ONSITE, _NOT_REMOTE, 0.9),
        (WorkMode.REMOTE, _REMOTE, 0.8),
        (WorkMode.ONSITE, _ONSITE, 0.8),
    ):
        match = pattern.search(text)
        if match is not None:
            return Finding(
                value=mode, confidence=confidence, evidence=_line_of(text, match)
            )
    return None


def _line_of(text: str, match: re.Match[str]) -> str:
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return text[start : end if end >= 0 else len(text)].strip()


def _location(description: str) -> Finding[str] | None:
    match = _LOCATION_LINE.search(description)
    if match is None:
        return None
    value = match["v"].strip().rstrip(".")
    return Finding(value=value, confidence=0.8, evidence=match.group(0).strip())


def _seniority(title: str, years: Finding[float] | None) -> Finding[Seniority] | None:
    """From the title's grade words, else from the minimum years (less sure)."""
    for level, pattern in _SENIORITY_WORDS:
        if pattern.search(title):
            return Finding(value=level, confidence=0.9, evidence=title)
    if years is None:
        return None
    value = years.value
    level = (
        Seniority.JUNIOR
        if value < 2
        else Seniority.MID
        if value < 5
        else Seniority.SENIOR
        if value < 8
        else Seniority.LEAD
    )
    return Finding(value=level, confidence=0.5, evidence=years.evidence)
