"""Words that name a degree (and its level) or a school, in the spellings resumes
use: "B.Sc.", "BSC", "bsc"; "Class XII", "10th"; "R.D.S COLLEGE", "amity college".

Short abbreviations that are also words or codes ("BA", "MA", "MS", "BE", a
state's "MA") stay case-sensitive; longer ones that are no English word ("MSC",
"btech", "mba", "B.C.A") match in any case."""

import re

from domain.parsing.model import EducationLevel

_B = r"(?<![\w.])"  # no letter or dot before an abbreviation
_E = r"(?![\w])"
# "B.Sc", "B.SC.", "BSc", "bsc", "B. Sc"; the same pattern for M.
_SC = r"\.?\s?(?i:sc)\.?"
_TECH = r"[.\s-]{0,2}(?i:tech)\.?"
# "MS Excel", "MS-Office": Microsoft's products, not a master's degree.
_MS_PRODUCT = (
    r"[-\s]+(?:Office|Excel|Word|Access|SQL|Power\s?Point|Project|Outlook|Visio|"
    r"Dynamics|Windows|DOS|Paint|Teams|Exchange|CRM|BI)\b"
)
LEVELS: list[tuple[EducationLevel, re.Pattern[str]]] = [
    (
        EducationLevel.DOCTORATE,
        re.compile(
            rf"{_B}(?:Ph\.?\s?D\.?|D\.?Phil\.?|Ed\.?D\.?|Pharm\.?D\.?|M\.D\.|J\.D\.|"
            rf"DBA|Doctor(?:ate)?(?: of| in| degree)?|Doctoral|Doktor|Doctorat)(?!\w)",
        ),
    ),
    (
        EducationLevel.MASTER,
        re.compile(
            rf"{_B}(?:(?:Master|MASTER)(?:'s|\u2019s|s|S)?|"
            rf"(?i:masters?)(?= (?:in|of|degree)\b)|"
            rf"[Mm]{_SC}|M\.S\.?|MS(?!{_MS_PRODUCT})|M\.A\.|MA|M\.?B\.?A\.?|mba|"
            rf"M\.?Eng\.?|[Mm]{_TECH}|M\.?Phil\.?|LL\.?M\.?|MPH|M\.?F\.?A\.?|M\.?Ed\.?|"
            rf"MSW|(?i:m\.?c\.?a)\.?|M\.M\.|M\.?Mus\.?|M\.?Arch\.?|MSN|M\.?Pharm\.?|"
            rf"M E(?= in\b)|M [BC] A|Mestrado|Máster|Magister|Diplom-\w+){_E}"
        ),
    ),
    (
        EducationLevel.BACHELOR,
        re.compile(
            rf"{_B}(?:(?:Bachelor|BACHELOR)(?:'s|\u2019s|s|S)?|"
            rf"(?i:bachelors?)(?= (?:in|of|degree)\b)|"
            rf"[Bb]{_SC}|B\.S\.?|BS|B\.A\.|BA|B\.?Eng\.?|"
            rf"[Bb]{_TECH}|B\.\s?E\.?|BE|B E(?= in\b)|B B [AM]|B C A|"
            rf"B\.?B\.?A\.?|(?i:b\.?b\.?m)\.?|"
            rf"B\.?F\.?A\.?|[Bb]\.?\s?(?i:com)\.?|"
            rf"LL\.?B\.?|(?i:b\.?c\.?a)\.?|"
            rf"B\.M\.|B\.?Mus\.?|B\.?Arch\.?|BSN|B\.?Ed\.?|B\.?Pharm\.?|"
            rf"Licence|Licenciatura|Licenciad[oa]|Grado|Laurea|"
            rf"Undergraduate degree){_E}"
        ),
    ),
    (
        EducationLevel.ASSOCIATE,
        re.compile(
            rf"{_B}(?:Associate(?:'s|\u2019s)?(?= of| in| degree)|A\.A\.S?\.?|A\.S\.|"
            rf"AAS|Associate Degree|HNC|HND){_E}",
            re.IGNORECASE,
        ),
    ),
    (
        EducationLevel.HIGH_SCHOOL,
        re.compile(
            r"\b(?:High School(?: Diploma)?|Secondary School|GED|A[- ]Levels?|"
            r"Baccalaur[ée]at|International Baccalaureate|Bachillerato|Abitur|"
            r"GCSEs?|Matura|Lyc[ée]e)\b|"
            r"(?<!\w)['\u2018\u2019][AO]['\u2018\u2019][- ]Levels?\b",
            re.IGNORECASE,
        ),
    ),
    (
        # Indian school-leaving certificates and years: "S.S.C", "HSC", "CBSE",
        # "Class XII", "10th", "Intermediate", "+2".
        EducationLevel.HIGH_SCHOOL,
        re.compile(
            r"(?:\b(?:S\.?S\.?L?\.?C|H\.?S\.?C|C\.?B\.?S\.?E|I\.?C\.?S\.?E|PUC|"
            r"Higher Secondary|Senior Secondary|Pre-University|"
            r"(?:Class|Std\.?|Standard)\s+(?:X|XII|10|12)|Matriculation|"
            r"(?:10|12)(?:th|TH)(?!\s+(?:of|percentile|century|floor|place)\b)|"
            r"Intermediate(?=\s*(?:$|[(,]|Education\b|in\b)))\b|(?<!\w)\+2(?!\w))\.?"
        ),
    ),
    (
        EducationLevel.OTHER,
        re.compile(
            r"\b(?:Diploma|Certificate|Bootcamp|Postgraduate|Post Graduate|"
            r"Graduate Certificate|PG[- ]?D[A-Z]{1,3}|P\.G\.D\.[A-Z.]{1,6})\b"
        ),
    ),
]
_INSTITUTION_WORDS = (
    r"Universit(?:y|ies|é|e|ät|ä|at|à|ad|ade|eit)|Universidade|Uniwersytet|"
    r"Faculdade|Facultad|Faculty|Hogeschool|Escola|College|Institute|Institut|"
    r"Instituto|School|Polytechnic|Politecnico|Polytechnique|Academy|Académie|"
    r"Academia|Universidad|Hochschule|Conservatory|Conservatoire|Seminary|Lyc[ée]e|"
    r"[ÉE]cole|Escuela|Fachhochschule|Vidyalaya|Vidyapeeth|Vidyapith"
)
INSTITUTION = re.compile(rf"\b(?:{_INSTITUTION_WORDS}|IIT|MIT|UCLA|NYU|ETH|EPFL)\b")
# The same words in any case ("R.D.S COLLEGE", "amity university"), and an
# examination board, which awards school-leaving certificates ("State Board",
# "U.P. Board", "Board of Secondary Education", "State board" after a capital),
# in a piece short enough to be a name rather than a sentence that mentions a
# school or a board.
_NAME_ONLY = re.compile(
    rf"\b(?i:{_INSTITUTION_WORDS})\b|(?:\b[A-Z][\w.]*\s)?\bBoard\b(?:\s+of\s+\w+)?|"
    r"\b[A-Z][\w.]*\sboard\b"
)
# A school whose name says it teaches up to school-leaving age: "Army Public
# School", "Holy Cross Convent School", "Hr. Sec. School", "Vani Jr college",
# "AG&SGS Intermediate College", "Vidyodaya P.U. College", "Kendriya Vidyalaya".
SECONDARY_SCHOOL = re.compile(
    r"\b(?:(?:high|secondary|secondry|public|grammar|convent|matric(?:ulation)?|"
    r"hr\.?\s?sec\.?|sr\.?\s?sec\.?|higher sec\.?)\s*school|"
    r"(?:junior|jr\.?|inter(?:mediate)?|p\.?\s?u\.?|pre[- ]?university)\s*college|"
    r"pre[- ]?university|vidyalaya|council (?:of|for) (?:higher )?secondary)\b",
    re.IGNORECASE,
)
BOARD = re.compile(r"\bBoard\b|\b[A-Z][\w.]*\sboard\b")
INSTITUTION_NAME_WORDS = 8


def degree_level(text: str) -> tuple[EducationLevel, re.Match[str]] | None:
    """The level a degree keyword in `text` names, and where it stands."""
    for level, pattern in LEVELS:
        for match in pattern.finditer(text):
            if not _state_code(text, match):
                return level, match
    return None


def _state_code(text: str, match: re.Match[str]) -> bool:
    """ "Boston, MA": a two-letter code after a comma is a state, not a degree."""
    return len(match.group(0)) == 2 and text[: match.start()].rstrip().endswith(",")


def names_institution(text: str) -> bool:
    """Whether `text` names a school: a school word in its usual capitals anywhere,
    or in any case in a piece short enough to be a name."""
    if INSTITUTION.search(text):
        return True
    return (
        len(text.split()) <= INSTITUTION_NAME_WORDS
        and _NAME_ONLY.search(text) is not None
    )


_SCHOOL_WORD = re.compile(rf"\s*(?:{_INSTITUTION_WORDS})\b")
# A table's column heading names only the kind of school: "University / Board",
# "Institute/Board", "Board/ University", "College or University".
_HEADING = re.compile(
    rf"(?:(?:{_INSTITUTION_WORDS}|Board|Name|Institution)(?:\s*(?:/|or|and|&)\s*|$))+",
    re.IGNORECASE,
)


def starts_with_school_word(text: str) -> bool:
    return _SCHOOL_WORD.match(text) is not None


def column_heading(text: str) -> bool:
    joined = "/" in text or " or " in text.lower()
    return joined and _HEADING.fullmatch(text) is not None
