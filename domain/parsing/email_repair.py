"""E-mail addresses as OCR misreads them: cut at a space ("mohammed _al-farsi79@",
"li. wei@") or one letter wrong ("tariqghussain@" for Tariq Hussain,
"rahul_mehtal7@" for rahul_mehta17). Only the owner's name or profile address can
tell what the address should be, so letters are repaired only towards them: a
letter too many or misread, never one lost (the name read "Mohammed AIl-Farsi" has
one too many itself, and its address "mohammed.al-farsi@" is right)."""

import re
import unicodedata
from collections.abc import Iterable

# "mohammed _al-farsi79@": a local part does not begin with a separator, so the word
# before the space is its beginning (unless it is a word that leads an address).
_WORD_BEFORE = re.compile(r"(?<![\w.+-])[\w+-]+ $")
_LEADING_WORDS = frozenset(
    {"mail", "email", "e-mail", "contact", "at", "me", "is", "to"}
)
# "li. wei@": a word ending in a separator before the address; joined only when the
# owner's name then spells the address ("work. jo@" stays as it is).
_DOTTED_BEFORE = re.compile(r"(?<![\w.+-])[a-z0-9+]*[a-z][a-z0-9+]*[._-] $")
_PROFILE = re.compile(r"linkedin\.com/in/([a-z][\w-]{2,80})", re.IGNORECASE)
_LOOK_ALIKE_DIGITS = {
    "l": "1",
    "i": "1",
    "o": "0",
    "s": "5",
    "z": "2",
    "b": "6",
    "g": "9",
}
_SPELLED = {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "þ": "th"}
_MIN_FORM = 10  # letters: a shorter name is too easily one from a nickname ("jon")


def split_start(text: str, start: int) -> int:
    """Where an address found at `start` of `text` really begins, when OCR cut it
    at a space before a separator; `start` otherwise."""
    before = _WORD_BEFORE.search(text[:start])
    if before is None or text[start] not in "._-":
        return start
    return (
        start if before.group(0).strip().lower() in _LEADING_WORDS else before.start()
    )


def joined(address: str) -> str:
    """The address without the space OCR put in it."""
    return re.sub(r"\s+", "", address)


def profile_names(text: str) -> list[str]:
    """The names that profile addresses spell ("linkedin.com/in/tariq-hussain")."""
    return [match.group(1) for match in _PROFILE.finditer(text)]


def repair_address(address: str, before: str, names: Iterable[str]) -> tuple[str, int]:
    """An OCR-read address made to spell the owner's name, and how many characters
    of `before` (the text ahead of it on its line) it took in: "li. " when "wei@"
    is Li Wei's "li.wei@". The address as it is when no name explains it."""
    names = list(names)
    dotted = _DOTTED_BEFORE.search(before)
    candidates = [(address, 0)]
    if dotted is not None:
        taken = len(before) - dotted.start()
        candidates.append((joined(dotted.group(0)) + address, taken))
    for candidate, taken in candidates:
        repaired = repair_local_part(candidate, names)
        if _spells_a_name(repaired, names):
            return repaired, taken
    return address, 0


def _spells_a_name(address: str, names: list[str]) -> bool:
    letters = "".join(char for char in address.partition("@")[0] if char.isalpha())
    return any(letters == form for name in names for form in _forms(name))


def repair_local_part(address: str, names: Iterable[str]) -> str:
    """`address` with its local part one letter closer to a spelling of the owner's
    name ("Tariq Hussain": tariqhussain, hussaintariq, thussain, ...) when exactly
    one letter keeps it from one; a letter next to digits that looks like a
    digit is that digit ("mehtal7" for Rahul Mehta is "mehta17")."""
    local, at, domain = address.partition("@")
    positions = [i for i, char in enumerate(local) if char.isalpha()]
    letters = "".join(local[i] for i in positions)
    forms = {form for name in names for form in _forms(name) if len(form) >= _MIN_FORM}
    if not at or not letters or letters in forms:
        return address
    for form in sorted(forms):
        fixed = _apply_one_edit(local, positions, letters, form)
        if fixed is not None:
            return f"{fixed}@{domain}"
    return address


def _forms(name: str) -> set[str]:
    """The ways an address spells a name, in lower-case ASCII letters; an
    apostrophe joins ("O'Brien": obrien) and a middle initial may be left out."""
    spelled = re.sub(r"['\u2019`]", "", _ascii(name))
    words = [w for w in re.split(r"[^a-z]+", spelled) if w]
    forms: set[str] = set()
    for kept in (words, [w for i, w in enumerate(words) if i == 0 or len(w) > 1]):
        if len(kept) < 2:
            continue
        first, last = kept[0], kept[-1]
        forms |= {
            "".join(kept),
            "".join(kept[1:] + kept[:1]),
            first + last,
            last + first,
            first[0] + "".join(kept[1:]),
            first + last[0],
        }
    return forms


def _ascii(name: str) -> str:
    lowered = "".join(_SPELLED.get(char, char) for char in name.lower())
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _apply_one_edit(
    local: str, positions: list[int], letters: str, form: str
) -> str | None:
    """`local` with the one edit that turns its letters into `form`, if one does."""
    if len(letters) == len(form) + 1:  # a letter too many
        for p in range(len(letters)):
            if letters[:p] + letters[p + 1 :] == form:
                i = positions[p]
                digit = _LOOK_ALIKE_DIGITS.get(local[i])
                beside = local[i - 1 : i] + local[i + 1 : i + 2]
                keep = digit if digit and any(c.isdigit() for c in beside) else ""
                return local[:i] + keep + local[i + 1 :]
    if len(letters) == len(form):  # a letter misread
        wrong = [p for p in range(len(form)) if letters[p] != form[p]]
        if len(wrong) == 1:
            i = positions[wrong[0]]
            return local[:i] + form[wrong[0]] + local[i + 1 :]
    return None
