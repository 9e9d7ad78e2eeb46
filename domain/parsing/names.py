"""The person's name from the first lines of a resume."""

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from domain.parsing.contacts import EMAIL
from domain.parsing.fields import Entity, make_field
from domain.parsing.lines import Line, Span, split_spans, sub_span
from domain.parsing.model import Field
from domain.parsing.places import is_location

_PARTICLES_TEXT = """
van von der den de del della di da das dos du la le bin binti al el ibn ten ter y e
st st. mac
"""
_PARTICLES = frozenset(_PARTICLES_TEXT.split())
_NOT_NAME_TEXT = """
resume résumé curriculum vitae cv page confidential contact phone email e-mail
address mobile linkedin github portfolio references profile summary tel position
applying objective career
"""
_NOT_NAME = frozenset(_NOT_NAME_TEXT.split())
# "Dr. Elena Petrova, PhD", "Prof. A. Rossi", "John Smith MBA, PMP": the forms of
# address and letters after a name that are not part of it.
_HONORIFIC = re.compile(
    r"^(?:dr|mr|mrs|ms|mx|miss|prof|professor|sir|dame|rev|eng|engr|adv)\b\.?\s+",
    re.IGNORECASE,
)
_POST_NOMINALS_TEXT = """
phd ph.d ph.d. dphil md m.d. do d.o. dds dmd pharmd jd j.d. llb llm esq mba cpa cfa
cma pe p.e. rn bsn msn np pa-c pmp cissp cisa cism shrm-cp shrm-scp sphr phr mcse ccna
ccnp csm frcs mrcp frcp acca aca fca ceng msc bsc ma ms mph mpa mfa edd
"""
_POST_NOMINALS = frozenset(_POST_NOMINALS_TEXT.split())
_ALSO_SURNAMES = frozenset({"do", "ma", "ms", "pe", "np"})  # "Anh Do", "Jack Ma"
_LABELLED = re.compile(
    r"^(?:full\s+)?name\s*[:\-]\s*(?P<name>\S.{1,60})$", re.IGNORECASE
)


@dataclass(frozen=True)
class _Candidate:
    span: Span
    score: float


def find_name(
    top: Sequence[Line],
    lines: Sequence[Line],
    *,
    entities: Callable[[], Sequence[Entity]],
    rejects: Callable[[str], bool],
    email: str | None = None,
) -> Field[str] | None:
    """The person's name from the first lines; the model's PERSON entities decide
    when the layout rules are unsure."""
    spaced = _spaced_name(top[:3], email)
    if spaced is not None:
        return make_field(spaced[0], spaced[1], lines, 0.85)
    inverted = _inverted_name(top[:3], rejects)
    if inverted is not None:
        return make_field(inverted[0], inverted[1], lines, 0.85)
    for line in top:
        match = _LABELLED.match(line.text)
        if match and looks_like_name(match.group("name").strip()):
            start = line.start + match.start("name")
            span = Span(
                match.group("name").strip(),
                start,
                start + len(match.group("name").strip()),
            )
            return make_field(span.text, span, lines, 0.95)
    confirmed = _confirmed_by_profile(top, lines, email)
    if confirmed is not None:
        return make_field(confirmed.text, confirmed, lines, 0.95)
    candidates = _name_candidates(top, rejects)
    best = max(candidates, key=lambda c: c.score, default=None)
    if best is None or best.score < 0.75:
        person = _person_entity(entities(), rejects)
        if person is not None and (best is None or best.span.start != person.start):
            return make_field(person.text, person, lines, 0.7)
    if best is None:
        return None
    return make_field(
        " ".join(best.span.text.split()), best.span, lines, min(best.score, 0.98)
    )


_INVERTED = re.compile(r"^(?P<family>[^,]{2,40}),\s*(?P<given>[^,]{2,40})$")


def _inverted_name(
    top: Sequence[Line], rejects: Callable[[str], bool]
) -> tuple[str, Span] | None:
    """A name written family name first, in capitals, then a comma ("GARCÍA-LÓPEZ,
    María José", "VAN DER BERG, Marcus"), as academic and European CVs head
    themselves: read in the usual order. A given part in capitals is no name
    ("SMITH, RN", "BOSTON, MA")."""
    for line in top:
        match = _INVERTED.match(line.text)
        if match is None:
            continue
        family, given = match.group("family").strip(), match.group("given").strip()
        if not family.isupper() or given.isupper() or is_location(line.text):
            continue
        if _HONORIFIC.match(family) or _POST_NOMINALS & set(given.lower().split()):
            continue  # "DR. ELENA PETROVA, PhD"
        family = " ".join(
            w.lower() if w.lower() in _PARTICLES else w.title() for w in family.split()
        )
        if not (looks_like_name(family) and looks_like_name(given)) or rejects(given):
            continue
        return f"{given} {family}", line.span
    return None


_PROFILE = re.compile(
    r"(?:linkedin\.com/in|indeed\.com/r|github\.com|xing\.com/profile)/"
    r"([^\W\d_][\w-]{2,80})",
    re.IGNORECASE,
)


def _confirmed_by_profile(
    top: Sequence[Line], lines: Sequence[Line], email: str | None
) -> Span | None:
    """A first line of two to four words, in any case ("kimaya sonawane"), that a
    profile address or the e-mail's local part spells out word for word
    ("indeed.com/r/kimaya-sonawane/1f2...", "kimaya.sonawane@...")."""
    head = "".join(
        line.text if line.text.endswith("-") else line.text + " " for line in lines[:20]
    )
    slugs = [m.group(1) for m in _PROFILE.finditer(head)]
    slugs += [email.split("@")[0]] if email else []
    spelled = [[w.lower() for w in re.split(r"[-_.]", slug) if w] for slug in slugs]
    for line in top[:3]:
        words = [w.lower() for w in line.text.split()]
        if not 2 <= len(words) <= 4 or not all(w.isalpha() for w in words):
            continue
        if any(slug[: len(words)] == words for slug in spelled):
            return line.span
    return None


def _spaced_name(top: Sequence[Line], email: str | None) -> tuple[str, Span] | None:
    """A letter-spaced name ("J O R D A N  R E Y E S"): words from wide gaps, else
    from the e-mail's local
    part when its letters spell the same name."""
    for line in top:
        letters = line.text.split()
        if len(letters) < 4 or not all(len(w) == 1 and w.isalpha() for w in letters):
            continue
        words = ["".join(w.split()) for w in re.split(r"\s{2,}", line.text)]
        local = re.split(r"[._-]", email.split("@")[0]) if email else []
        if len(words) == 1 and "".join(local).lower() == words[0].lower():
            joined, words = words[0], []
            for part in local:
                words.append(joined[: len(part)])
                joined = joined[len(part) :]
        return " ".join(w.capitalize() if w.isupper() else w for w in words), line.span
    return None


def _name_candidates(
    top: Sequence[Line], rejects: Callable[[str], bool]
) -> list[_Candidate]:
    found: list[_Candidate] = []
    for position, line in enumerate(top[:8]):
        segments = split_spans(line.span)
        for segment in [_bare_name(s) for s in segments[:2]]:
            if not looks_like_name(segment.text) or rejects(segment.text):
                continue
            score = 0.62 + max(0.0, 0.3 - 0.12 * position)
            words = len(segment.text.split())
            score += 0.1 if 2 <= words <= 4 else 0.0
            score += 0.04 if len(segments) == 1 else 0.0
            if words == 1:
                score = _mononym_score(top, position, score)
            found.append(_Candidate(segment, score))
        if found and position >= 2:
            break
    return found


def _bare_name(segment: Span) -> Span:
    """The name without a form of address before it or the degrees and
    credentials after it; the segment unchanged when that leaves under 2 words."""
    text = segment.text
    begin = match.end() if (match := _HONORIFIC.match(text)) else 0
    stop = len(text)
    while True:
        head, _, last = text[begin:stop].rstrip(" ,").rpartition(" ")
        letters = last.strip(",")
        if not head or letters.lower() not in _POST_NOMINALS:
            break
        if letters.lower() in _ALSO_SURNAMES and not letters.isupper():
            break
        stop = begin + len(head)
    if (begin, stop) == (0, len(text)):
        return segment
    bare = sub_span(segment, begin, stop)
    if bare is None or len(bare.text.split()) < 2:
        return segment
    return bare


def _mononym_score(top: Sequence[Line], position: int, score: float) -> float:
    """A single word on the first line is a name when a contact line follows it, and
    "Jane" above "Smith" is one name over two lines."""
    following = top[position + 1].text if position + 1 < len(top) else ""
    if position == 0 and looks_like_name(following) and len(following.split()) == 1:
        return 0.9
    contact_next = bool(EMAIL.search(following) or re.search(r"\d{3}", following))
    return score - 0.05 if position == 0 and contact_next else 0.3


def looks_like_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 50:
        return False
    if any(ch.isdigit() for ch in text) or any(ch in text for ch in "@/:|()&,"):
        return False
    if is_location(text) or {w.lower().strip(".") for w in words} & _NOT_NAME:
        return False
    capitalised = [w for w in words if w.lower() not in _PARTICLES]
    if words[0] in ("A", "I") or not any(_full_word(w) for w in capitalised):
        return False  # "A Team Player"; "J. K." alone is no name
    return all(_full_word(w) or _initial(w) for w in capitalised)


def _full_word(word: str) -> bool:
    letters = (
        word.replace("'", "").replace("\u2019", "").replace("-", "").replace(".", "")
    )
    return word[0].isupper() and letters.isalpha() and len(letters) > 1


def _initial(word: str) -> bool:
    """ "K", "K." or "J.K." as in "Kavitha K" or "J.K. Rowling"."""
    return re.fullmatch(r"(?:[A-Z]\.?){1,3}", word) is not None


def _person_entity(
    entities: Sequence[Entity], rejects: Callable[[str], bool]
) -> Span | None:
    for entity in entities:
        text = entity.text.strip()
        if (
            entity.label == "PERSON"
            and len(text.split()) >= 2
            and looks_like_name(text)
            and not rejects(text)
        ):
            return Span(text, entity.start, entity.start + len(text))
    return None


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if ch.isalpha() and ch.isascii())


def join_split_name(
    name: Field[str] | None,
    top: Sequence[Line],
    lines: Sequence[Line],
    email: str | None = None,
) -> Field[str] | None:
    """A one-word name above another name-like word ("Jane" over "Smith") is one
    name over two lines; so are two words ("Anna Maria" over "Kowalska") when
    the e-mail address spells the word below. Particles do not count as words
    ("Marcus van der" over "Berg" is one word over another)."""
    if name is None or name.evidence is None or len(top) < 2:
        return name
    first, second = top[0], top[1]
    words = sum(w.lower() not in _PARTICLES for w in name.value.split())
    if name.evidence.start != first.start or words > 2:
        return name
    spelled = email is not None and _folded(second.text) in _folded(email.split("@")[0])
    if words == 2 and not spelled:
        return name
    if len(second.text.split()) == 1 and looks_like_name(second.text):
        span = Span(f"{first.text} {second.text}", first.start, second.end)
        return make_field(span.text, span, lines, 0.85)
    return name
