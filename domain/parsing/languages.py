"""Spoken languages and how well the person speaks them (native .. basic, CEFR)."""

import re
from collections.abc import Sequence

from domain.parsing.fields import evidence_for
from domain.parsing.headings import SectionKind
from domain.parsing.language_grid import GridLanguage, language_blocks
from domain.parsing.lines import Line, Span, split_spans, sub_span
from domain.parsing.model import Language, Proficiency
from domain.parsing.sections import Section

_NAMES_TEXT = """
English Spanish French German Italian Portuguese Dutch Russian Ukrainian Polish Czech
Slovak Hungarian Romanian Bulgarian Serbian Croatian Bosnian Slovenian Greek Turkish
Arabic Hebrew Persian Farsi Urdu Hindi Bengali Bangla Punjabi Gujarati Marathi Tamil
Telugu Kannada Malayalam Nepali Sinhala Chinese Mandarin Cantonese Japanese Korean
Vietnamese Thai Indonesian Malay Tagalog Filipino Swahili Amharic Yoruba Igbo Hausa
Zulu Xhosa Afrikaans Somali Swedish Norwegian Danish Finnish Icelandic Estonian
Latvian Lithuanian Albanian Macedonian Armenian Georgian Azerbaijani Kazakh Uzbek
Mongolian Catalan Basque Galician Irish Welsh Latin Esperanto Haitian Kurdish Pashto
Dari Tigrinya
"""
LANGUAGE_NAMES: dict[str, str] = {name.lower(): name for name in _NAMES_TEXT.split()}
LANGUAGE_NAMES.update(
    {
        "español": "Spanish",
        "castellano": "Spanish",
        "français": "French",
        "deutsch": "German",
        "italiano": "Italian",
        "português": "Portuguese",
        "nederlands": "Dutch",
        "sign language": "Sign Language",
        "american sign language": "American Sign Language",
        "asl": "American Sign Language",
    }
)
# Proficiency words, most to least; CEFR C2 reads as fluent, C1 as professional.
_LEVELS: list[tuple[str, Proficiency]] = [
    (
        r"native|mother\s+tongue|first\s+language|bilingual|muttersprache|"
        r"langue maternelle|nativo",
        Proficiency.NATIVE,
    ),
    (
        r"fluent|fluency|full\s+professional|advanced|courant|fließend|fluido|c2",
        Proficiency.FLUENT,
    ),
    (
        r"professional(?:\s+working)?|working\s+proficiency|business|c1",
        Proficiency.PROFESSIONAL,
    ),
    (
        r"intermediate|conversational|upper[- ]intermediate|b1|b2",
        Proficiency.INTERMEDIATE,
    ),
    (r"basic|beginner|elementary|limited|notions|a1|a2", Proficiency.BASIC),
]
_CEFR = re.compile(r"\b([ABC][12])\b")
_NAME = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted(map(re.escape, LANGUAGE_NAMES), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# A row that lists languages: "Languages:", Europass's "Foreign language(s):" and
# "Mother tongue(s):" (whose languages are native unless the row says otherwise).
LANGUAGE_LABEL = re.compile(
    r"^\s*(?:(?:spoken|foreign|other)\s+languages?|languages?|"
    r"(?P<native>mother\s+tongues?|native\s+languages?|first\s+languages?))"
    r"(?:\s*\(s\))?\s*:",
    re.IGNORECASE,
)
_LABEL = LANGUAGE_LABEL
_PHRASE = re.compile(
    r"\b(?:fluent|native|bilingual|proficient|conversational)\s+(?:in\s+|speaker\s+of\s+)?"
    r"|\b(?:native|fluent)\s+(?=\w+\s+speaker)",
    re.IGNORECASE,
)


# A level right after a language's name: "Spanish (conversational)", "French: B2".
_TRAIL = (
    r"\s*[(:\-\u2013\u2014]\s*(native|fluent|bilingual|advanced|intermediate|"
    r"conversational|basic|beginner|elementary|professional|mother\s+tongue|"
    r"[ABC][12])\b"
)


def proficiency(text: str) -> tuple[Proficiency | None, str | None]:
    """(proficiency, CEFR level) stated in `text`. Europass's grid gives a level per
    skill ("C1 C1 B2 B2 C1": listening, reading, spoken interaction, spoken
    production, writing): the most frequent reads, the higher on a tie."""
    levels = _CEFR.findall(text)
    cefr = max(levels, key=lambda lv: (levels.count(lv), lv)) if levels else None
    lowered = (_CEFR.sub(" ", text) + (f" {cefr}" if cefr else "")).lower()
    for pattern, level in _LEVELS:
        if re.search(rf"\b(?:{pattern})\b", lowered):
            return level, cefr
    return None, cefr


def is_language(text: str) -> bool:
    return text.strip().lower() in LANGUAGE_NAMES


def extract_languages(
    sections: Sequence[Section], doc_lines: Sequence[Line]
) -> tuple[Language, ...]:
    found: dict[str, Language] = {}
    for section in sections:
        for block in language_blocks(section.lines, is_language):
            for row in block.languages:
                language = _grid_language(row, doc_lines)
                if language is not None:
                    found.setdefault(language.name, language)
    for section in sections:
        listed = section.kind is SectionKind.LANGUAGES
        last: Language | None = None
        for line in section.lines:
            if listed or _LABEL.match(line.text):
                items = _items(line, doc_lines, confidence=0.9)
            else:
                items = _phrases(line, doc_lines)
            if listed and not items and last is not None:
                items = [_with_level(last, line.text)]  # a table's level cell
                found.pop(last.name, None)
            for language in items:
                found.setdefault(language.name, language)
            last = items[-1] if items else None
    return tuple(found.values())


def _with_level(language: Language, cell: str) -> Language:
    """A language without a level takes the one its table row's next cell states
    ("English" beside "Native"), whether the row reads as one line or two."""
    level, cefr = proficiency(cell)
    if language.proficiency is not None or level is None:
        return language
    return language.model_copy(update={"proficiency": level, "cefr": cefr})


def _grid_language(row: GridLanguage, doc_lines: Sequence[Line]) -> Language | None:
    """A row of a Europass language block: native under "Mother tongue(s)", else
    the level of its grid (`proficiency`)."""
    match = _NAME.search(row.line.text)
    if match is None:
        return None
    level, cefr = proficiency(" ".join(row.levels))
    if row.native and level is None:
        level = Proficiency.NATIVE
    return _language(match, row.line.span, level, cefr, doc_lines, 0.9)


def _items(line: Line, doc_lines: Sequence[Line], confidence: float) -> list[Language]:
    label = _LABEL.match(line.text)
    span = sub_span(line.span, label.end(), len(line.text)) if label else line.span
    if span is None:
        return []
    languages: list[Language] = []
    for item in split_spans(span, re.compile(r"\s*(?:[,;|•·]|\s{3,}|\band\b)\s*")):
        match = _NAME.search(item.text)
        if match is None:
            if languages:
                languages[-1] = _with_level(languages[-1], item.text)
            continue
        level, cefr = proficiency(
            item.text[: match.start()] + " " + item.text[match.end() :]
        )
        if level is None and label is not None and label.group("native"):
            level = Proficiency.NATIVE
        languages.append(_language(match, item, level, cefr, doc_lines, confidence))
    return languages


def _phrases(line: Line, doc_lines: Sequence[Line]) -> list[Language]:
    """Languages named with a level: "Fluent in Spanish", "native English speaker",
    "Spanish (native)"."""
    languages = []
    for match in _NAME.finditer(line.text):
        before = line.text[max(0, match.start() - 30) : match.start()]
        after = line.text[match.end() : match.end() + 20]
        lead = _PHRASE.search(before)
        near_lead = lead is not None and lead.end() == len(before)
        trail = re.match(_TRAIL, after, re.I)
        if near_lead or trail:
            context = (lead.group(0) if lead and near_lead else "") + (
                trail.group(1) if trail else ""
            )
            level, cefr = proficiency(context)
            languages.append(_language(match, line.span, level, cefr, doc_lines, 0.75))
    return languages


def _language(
    match: re.Match[str],
    item: Span,
    level: Proficiency | None,
    cefr: str | None,
    doc_lines: Sequence[Line],
    confidence: float,
) -> Language:
    name = LANGUAGE_NAMES[match.group(1).lower()]
    start = item.start + match.start()
    evidence = evidence_for(
        Span(match.group(1), start, start + len(match.group(1))), doc_lines
    )
    return Language(
        name=name,
        proficiency=level,
        cefr=cefr,
        confidence=confidence,
        evidence=evidence,
    )
