"""The words of job headers: job-title and company words, their scores, and the
labels and noise inside an entry that are neither."""

import re

from domain.parsing.lines import Span, sub_span

_TITLE_WORDS_TEXT = """
engineer engineers developer programmer architect analyst scientist manager director
lead head officer consultant specialist administrator designer intern internship
associate assistant coordinator representative technician tester tutor teacher
instructor professor lecturer researcher founder co-founder cofounder ceo cto cfo
coo cio cmo vp president partner owner principal chief supervisor advisor adviser
accountant auditor nurse physician writer editor producer recruiter clerk cashier
agent trainee apprentice fellow chair secretary treasurer executive strategist
marketer salesperson attorney lawyer paralegal counselor therapist pharmacist
chemist economist statistician mechanic electrician operator driver chef cook
bartender receptionist planner buyer estimator inspector surveyor photographer
artist journalist reporter librarian trainer coach generalist contractor freelancer
devops sre swe sde dba superintendent foreman worker technologist examiner
investigator underwriter broker banker dentist surgeon pilot ambassador evangelist
owner volunteer mentor scrum steward administrator officer assistant ta ra postdoc
postdoctoral handler dispatcher courier server host waiter waitress barista
caregiver aide paraprofessional counsellor copywriter animator illustrator modeler
modeller translator interpreter teller custodian janitor guard machinist welder
carpenter plumber electrician leader rep controller comptroller
"""
TITLE_WORDS = frozenset(_TITLE_WORDS_TEXT.split())
# Words that make a company name when they end it ("Cedar & Pine Software") ...
_COMPANY_SUFFIXES_TEXT = """
inc inc. llc llp ltd ltd. limited corp corp. corporation company co co. gmbh ag sa
s.a. plc pvt group labs lab systems technologies technology solutions software
studio studios analytics partners consulting services holdings industries
enterprises international global networks media capital ventures health
pharmaceuticals motors airlines robotics interactive games digital insurance
financial logistics energy telecom firm store stores restaurant hotel bv nv srl spa
ab oy kk
"""
COMPANY_SUFFIXES = frozenset(_COMPANY_SUFFIXES_TEXT.split())
# ... and words that make one wherever they stand ("Bank of Example").
_COMPANY_WORDS_TEXT = """
bank university college institute hospital clinic school agency foundation
associates ministry department council nonprofit association society academy center
centre government schools hospitals clinics colleges academies
"""
COMPANY_WORDS = frozenset(_COMPANY_WORDS_TEXT.split())
_WORD = re.compile(r"[\w.&'-]+")


def title_score(text: str) -> int:
    """Job-title words, the last word counting twice; a hyphenated compound counts
    by its last part ("Web-developer")."""
    words = [_last_part(w.lower().strip(".,()")) for w in _WORD.findall(text)]
    hits = sum(1 for w in words if w in TITLE_WORDS)
    return hits + (1 if words and words[-1] in TITLE_WORDS else 0)


def has_company_suffix(text: str) -> bool:
    """Ends in a company form or trade ("Infosys BPO Ltd", "Acme Software")."""
    words = [w.lower().strip(",()") for w in _WORD.findall(text)]
    return bool(words) and (
        words[-1] in COMPANY_SUFFIXES or words[-1].rstrip(".") in COMPANY_SUFFIXES
    )


def _last_part(word: str) -> str:
    return word if word in TITLE_WORDS else word.rsplit("-", 1)[-1]


def company_score(text: str) -> int:
    words = [w.lower().strip(",()") for w in _WORD.findall(text)]
    score = sum(1 for w in words if w in COMPANY_WORDS)
    last = words[-1] if words else ""
    return score + (
        1 if last in COMPANY_SUFFIXES or last.rstrip(".") in COMPANY_SUFFIXES else 0
    )


def looks_like_title(text: str) -> bool:
    return title_score(text) > 0 and company_score(text) == 0


# Labels inside a job entry: never a title or a company themselves.
_ENTRY_LABELS_TEXT = """
responsibilities|roles and responsibilities|role and responsibilities|
key responsibilities|job responsibilities|duties|key result areas|achievements|
key achievements|accomplishments|projects|project|project description|
project details|project summary|description|job description|duration|team size|
environment|technologies|technology|tools|tools used|skills used|
technologies used|client|clients|role|roles|summary|highlights|company profile
"""
_ENTRY_LABELS = frozenset(
    label.strip() for label in _ENTRY_LABELS_TEXT.replace("\n", "").split("|")
)
_VALUE_LABEL = re.compile(
    r"^(?:role|designation|title|job title|position|company|employer|organi[sz]ation)"
    r"\s*[:\-\u2013]\s*",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://|www\.|\w\.(?:com|in|org|net)/", re.IGNORECASE)


def _label_key(text: str) -> str:
    return " ".join(text.lower().replace("&", "and").strip(" :-").split())


def unlabelled(piece: Span) -> Span | None:
    """The value of "Role: Tester" / "Company: Acme"; None for a bare entry label."""
    if _label_key(piece.text) in _ENTRY_LABELS:
        return None
    match = _VALUE_LABEL.match(piece.text)
    if match is None:
        return piece
    return sub_span(piece, match.end(), len(piece.text))


def may_name_job(text: str, *, lenient: bool = False) -> bool:
    """Not a web address, a wrapped sentence's tail or a sentence of description
    (a final period after an abbreviation, as in "IBM India Pvt. Ltd.", ends no
    sentence). `lenient`: a short piece in lower case may still name a job or a
    company where the layout says one stands ("software", "teleperformance")."""
    if _URL.search(text) or ":" in text:
        return False
    short = len(text.split()) <= 5 and not text.endswith((".", ","))
    if text[0].islower() and title_score(text) == 0 and not (lenient and short):
        return False
    last = text.split()[-1].lower().rstrip(".")
    abbreviated = last in COMPANY_SUFFIXES or last in _TITLE_ABBREVIATIONS
    return not (text.endswith(".") and len(text.split()) >= 3 and not abbreviated)


_TITLE_ABBREVIATIONS = frozenset({"engg", "eng", "mgr", "asst", "exec", "dept"})


def is_url(text: str) -> bool:
    """A line that is only a web address (a page footer some exports repeat)."""
    return bool(_URL.match(text.strip())) and len(text.split()) == 1


_EMPLOYMENT_TYPES_TEXT = """
full-time|full time|part-time|part time|contract|contractor|temporary|temp|
permanent|freelance|self-employed|seasonal|internship|apprenticeship|volunteer|
fixed-term|fixed term
"""
_EMPLOYMENT_TYPES = frozenset(
    kind.strip() for kind in _EMPLOYMENT_TYPES_TEXT.replace("\n", "").split("|")
)


def is_employment_type(text: str) -> bool:
    """ "Full-time", "Contract": how a job was held, not what it was called."""
    return _label_key(text) in _EMPLOYMENT_TYPES


_SMALL_WORDS_TEXT = """
a an and at for in of on the to with per by from
"""
_SMALL_WORDS = frozenset(_SMALL_WORDS_TEXT.split())


def capitalised(text: str) -> bool:
    """Most words start with a capital, as in "Office Manager, Acme Corp" and unlike
    a sentence of description."""
    words = [
        w
        for w in re.findall(r"[^\W\d_][\w'\u2019-]*", text)
        if w.lower() not in _SMALL_WORDS
    ]
    return bool(words) and sum(w[0].isupper() for w in words) * 2 >= len(words)
