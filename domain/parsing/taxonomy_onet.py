"""O*NET Technology Skills as taxonomy entries: the names, the aliases a name
gives ("Structured query language SQL" -> SQL, "Oracle Java" -> Java), short forms
several products share, and acronyms that are another maker's brand."""

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from domain.parsing.taxonomy import SkillKind, alias_key

_VENDORS = (
    "Amazon Web Services AWS", "Amazon Web Services", "Amazon", "AWS", "Microsoft",
    "Oracle", "Adobe", "Apache", "Google", "IBM", "Atlassian", "Autodesk",
    "The MathWorks", "SAP", "Intuit", "Apple", "Red Hat", "Cisco", "VMware",
    "Salesforce", "Facebook", "Meta", "JetBrains", "GitHub", "Elastic", "HashiCorp",
    "Mozilla", "Unity Technologies", "Epic Games", "Bentley", "ESRI", "Esri",
    "SAS Institute", "Informatica", "Teradata", "Siemens", "Corel", "Alteryx",
)  # fmt: skip


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9/&+.-]{1,9}$")


@dataclass
class _Skill:
    canonical_id: str
    name: str
    category: str | None
    kind: SkillKind
    aliases: list[str] = field(default_factory=list)

    def alias_keys(self) -> list[str]:
        return list(dict.fromkeys(alias_key(a) for a in [self.name, *self.aliases]))


def onet_skills(path: Path) -> list[_Skill]:
    """O*NET technology examples, generic descriptions ("Web browser software")
    left out; the category is the example's most common UNSPSC commodity title."""
    categories: dict[str, Counter[str]] = defaultdict(Counter)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            categories[row["Example"].strip()][row["Commodity Title"].strip()] += 1
    skills = []
    for name, titles in sorted(categories.items()):
        if _generic(name):
            continue
        category = titles.most_common(1)[0][0]
        skills.append(
            _Skill(
                f"onet:{slugify(name)}",
                name,
                category,
                SkillKind.TECH,
                onet_aliases(name),
            )
        )
    _drop_shared_short_forms(skills)
    return skills


def _drop_shared_short_forms(skills: list[_Skill]) -> None:
    """A short form that several products' names give ("Cloud" of Google, Oracle
    and IBM Cloud, "Analytics" of Google and Adobe Analytics, "Database") names a
    kind of product, not one of them: no product gets it."""
    givers: Counter[str] = Counter(
        key for skill in skills for key in {alias_key(a) for a in _short_forms(skill)}
    )
    for skill in skills:
        shared = {a for a in _short_forms(skill) if givers[alias_key(a)] > 1}
        skill.aliases = [a for a in skill.aliases if a not in shared]


_MAKER_FORMS = re.compile(
    r"^(?P<brand>\S+) (?:Systems|Software|Solutions|Technologies|Corporation|Inc)"
    r"(?: software)?$"
)


def brands_to_makers(skills: list[_Skill]) -> set[str]:
    """An acronym a product's name spells ("Erosion Productivity Impact Calculator
    EPIC") that is another maker's brand, named alone as a product ("Epic
    Systems"), names that maker: "Epic" in a resume is the health-records
    system, not the erosion model. The acronym leaves its product and the brand,
    as the maker writes it, joins the maker's entry. Returns the brand keys: in
    prose they still count only in capitals ("EPIC"; "an epic win" is no skill)."""
    makers: dict[str, tuple[_Skill, str]] = {}
    for skill in skills:
        found = _MAKER_FORMS.match(skill.name)
        if found:
            makers.setdefault(alias_key(found["brand"]), (skill, found["brand"]))
    moved: set[str] = set()
    for skill in skills:
        words = re.sub(r"\s+software$", "", skill.name).split()
        if len(words) < 3 or not _spells(words[-1], words[:-1]):
            continue
        key = alias_key(words[-1])
        maker = makers.get(key)
        if maker is None or maker[0] is skill:
            continue
        skill.aliases = [a for a in skill.aliases if alias_key(a) != key]
        maker[0].aliases.append(maker[1])
        moved.add(key)
    return moved


def _short_forms(skill: _Skill) -> list[str]:
    """The aliases with fewer words than the name (less "software"), written as
    plain words: "Cloud" of "IBM Cloud", not "iOS" of "Apple iOS"."""
    words = len(re.sub(r"\s+software$", "", skill.name).split())
    return [a for a in skill.aliases if len(a.split()) < words and not _marked(a)]


def slugify(name: str) -> str:
    """An id-safe name: "C++" -> "c-plus-plus", "C#" -> "c-sharp"."""
    name = name.lower().replace("+", " plus ").replace("#", " sharp ")
    name = re.sub(r"(^|\s)\.", r"\1dot ", name)
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-")


def _generic(name: str) -> bool:
    words = name.split()
    if len(words) < 2 or len(words[0]) == 1 or _ACRONYM.match(words[0]):
        return False  # "C shell", "SAS Enterprise Miner": a product name
    if not words[0][0].isupper():
        return False
    if len(words) >= 3 and _spells(words[-1], words[:-1]):
        return False
    return all(w.islower() or _ACRONYM.match(w) for w in words[1:])


def onet_aliases(name: str) -> list[str]:
    """Aliases of an O*NET name: "Structured query language SQL" -> SQL; "Oracle
    Java" -> Java; "SAP software" -> SAP; "Amazon Elastic Compute Cloud EC2" -> EC2
    and the long form."""
    aliases: list[str] = []
    base = re.sub(r"\s+software$", "", name)
    if base != name:
        aliases.append(base)
    paren = re.search(r"\(([A-Z][A-Za-z0-9]{1,9})\)$", base)
    if paren:
        aliases.extend([paren.group(1), base[: paren.start()].strip()])
    words = base.split()
    if len(words) >= 3 and _spells(words[-1], words[:-1]):
        aliases.extend([words[-1], " ".join(words[:-1])])
    for vendor in _VENDORS:
        if base.startswith(vendor + " ") and len(base) > len(vendor) + 2:
            aliases.append(base[len(vendor) + 1 :])
            break
    return [a for a in dict.fromkeys(aliases) if a and a != name]


_LINKING_WORDS = frozenset({"of", "and", "for", "the", "to", "in", "on", "&"})


def _spells(acronym: str, words: list[str]) -> bool:
    """Whether `acronym` abbreviates the words before it, ending with the last
    ("SQL" after "Structured query language", "HTML" after "Hypertext markup
    language", "EC2" after "Amazon Elastic Compute Cloud"; not "BI" after
    "Microsoft Power", nor "SAS" after "Digital analysis tests and statistics
    DATAS for")."""
    if not _ACRONYM.match(acronym) or _ACRONYM.match(words[-1]):
        return False
    letters = [ch.lower() for ch in acronym if ch.isalpha()]
    kept = [w.lower() for w in words if w.lower() not in _LINKING_WORDS]
    return len(letters) >= 2 and bool(kept) and _abbreviates(letters, kept, 0, -1, 0)


def _abbreviates(
    letters: list[str], words: list[str], letter: int, word: int, at: int
) -> bool:
    """Letters from `letter` on, each the initial of a later word or a letter
    further inside the current one (`word`, past `at`), ending in the last word."""
    if letter == len(letters):
        return word == len(words) - 1
    wanted = letters[letter]
    if word >= 0:
        inside = words[word].find(wanted, at)
        if inside > 0 and _abbreviates(letters, words, letter + 1, word, inside + 1):
            return True
    return any(
        words[later][0] == wanted and _abbreviates(letters, words, letter + 1, later, 1)
        for later in range(word + 1, len(words))
    )


def _marked(alias: str) -> bool:
    """CamelCase, digits or symbols: a product name, not an everyday word."""
    camel = any(ch.isupper() for ch in alias[1:]) and any(ch.islower() for ch in alias)
    return camel or not alias.isalpha()
