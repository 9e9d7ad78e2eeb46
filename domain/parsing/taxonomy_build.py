"""Builds `data/skills.json.gz` from O*NET Technology Skills, ESCO skills and a
curated alias list: `python -m domain.parsing.taxonomy_build EVAL_DATA_DIR OUT_FILE`."""

import argparse
import csv
import gzip
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from domain.parsing.languages import LANGUAGE_NAMES
from domain.parsing.taxonomy import FORMAT_VERSION, SkillKind, alias_key, tokenize
from domain.parsing.taxonomy_curated import AMBIGUOUS, curated_entries
from domain.parsing.taxonomy_onet import (
    _marked,
    _Skill,
    brands_to_makers,
    onet_skills,
    slugify,
)

logger = logging.getLogger(__name__)

MAX_WORDS = 4


def _unique_ids(skills: list[_Skill]) -> None:
    seen: Counter[str] = Counter()
    for skill in skills:
        seen[skill.canonical_id] += 1
        if seen[skill.canonical_id] > 1:
            skill.canonical_id = f"{skill.canonical_id}-{seen[skill.canonical_id]}"


def acronym_keys(skills: list[_Skill]) -> list[str]:
    """Keys whose every alias is written in capitals ("APPS", "FAST"): in prose
    they count only when written in capitals too."""
    upper: dict[str, bool] = {}
    for skill in skills:
        for alias in [skill.name, *skill.aliases]:
            key = alias_key(alias)
            shouting = alias.isupper() and sum(ch.isalpha() for ch in alias) >= 2
            upper[key] = upper.get(key, True) and shouting
    return sorted(key for key, flag in upper.items() if flag and " " not in key)


def esco_skills(northstar: Path, matchkey: Path | None) -> list[_Skill]:
    """ESCO skills whose labels are short enough to appear in a resume; language
    skills are left to the languages extractor."""
    uris: dict[str, str] = {}
    if matchkey is not None and matchkey.exists():
        with matchkey.open(encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                uris[row["preferred_label"].strip().lower()] = row[
                    "concept_uri"
                ].rsplit("/", 1)[-1]
    skills = []
    with northstar.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            skill = _esco_skill(row, uris)
            if skill is not None:
                skills.append(skill)
    return skills


def _esco_skill(row: dict[str, str], uris: dict[str, str]) -> _Skill | None:
    label = row["preferredLabel"].strip()
    kind = {"knowledge": SkillKind.KNOWLEDGE, "skill/competence": SkillKind.SKILL}.get(
        row["skillType"].strip()
    )
    if kind is None or _mentions_language(label):
        return None
    name = re.sub(r"\s*\([^)]*\)$", "", label)
    labels = [a.strip() for a in row["altLabels"].split("\n")] + [name]
    aliases = [
        a for a in dict.fromkeys(labels) if _short(a) and not _mentions_language(a)
    ]
    if not _short(name) and not aliases:
        return None
    uuid = uris.get(label.lower())
    canonical_id = f"esco:{uuid}" if uuid else f"esco:label/{slugify(label)}"
    category = "ESCO knowledge" if kind is SkillKind.KNOWLEDGE else "ESCO skill"
    return _Skill(canonical_id, name, category, kind, [a for a in aliases if a != name])


def _short(label: str) -> bool:
    return bool(label) and len(label.split()) <= MAX_WORDS and len(label) <= 40


def _mentions_language(label: str) -> bool:
    return any(token.key in LANGUAGE_NAMES for token in tokenize(label))


def english_words(data_dir: Path) -> set[str]:
    """Words written in lower case in O*NET's task statements and occupation texts
    and in ESCO's skill/competence labels (not its knowledge labels, which name
    technologies): an alias equal to one of them is an everyday word, ambiguous in
    prose."""
    words: set[str] = set()
    esco = data_dir / "esco-skills-northstar" / "skills_en.csv"
    if esco.exists():
        with esco.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["skillType"] != "skill/competence":
                    continue
                labels = f"{row['preferredLabel']}\n{row['altLabels']}"
                words.update(re.findall(r"\b[a-z][a-z'-]+\b", labels))
    onet = data_dir / "onet"
    for name, column in (
        ("Task Statements.txt", "Task"),
        ("Occupation Data.txt", "Description"),
    ):
        path = onet / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                words.update(re.findall(r"\b[a-z][a-z'-]+\b", row[column]))
    return words


def merge(
    curated: list[_Skill], onet: list[_Skill], esco: list[_Skill]
) -> list[_Skill]:
    """A curated name takes over the O*NET entry it names (by name or alias, or one
    of its aliases being that entry's name); an alias belongs to the first entry
    that has it: curated first, then O*NET, then ESCO."""
    by_key: dict[str, _Skill] = {}
    by_name: dict[str, _Skill] = {}
    for skill in onet:
        by_name.setdefault(alias_key(skill.name), skill)
        for key in skill.alias_keys():
            by_key.setdefault(key, skill)
    first: list[_Skill] = []
    for entry in curated:
        keys = entry.alias_keys()
        target = by_key.get(keys[0]) or next(
            (by_name[k] for k in keys if k in by_name), None
        )
        if target is None or target in first:
            first.append(entry)
            continue
        names = [target.name, *target.aliases, *entry.aliases]
        target.aliases = [a for a in dict.fromkeys(names) if a != entry.name]
        target.name, target.category = entry.name, entry.category
        first.append(target)
    rest = [skill for skill in onet if skill not in first]
    return _dedupe([*first, *rest, *esco])


def _dedupe(skills: Iterable[_Skill]) -> list[_Skill]:
    taken: set[str] = set()
    kept = []
    for skill in skills:
        keys = [key for key in skill.alias_keys() if key and key not in taken]
        if not keys:
            continue
        skill.aliases = [a for a in skill.aliases if alias_key(a) in keys]
        taken.update(keys)
        kept.append(skill)
    return kept


def ambiguous_keys(skills: list[_Skill], everyday: set[str]) -> list[str]:
    """Single-token aliases needing context: the AMBIGUOUS list, letters and pairs,
    and everyday words (curated spellings excepted: they were chosen as names)."""
    found = set(AMBIGUOUS)
    curated = {
        alias_key(a)
        for name, (_, aliases) in curated_entries().items()
        for a in (name, *aliases)
    }
    everyday = everyday - curated
    for skill in skills:
        for alias in [skill.name, *skill.aliases]:
            key = alias_key(alias)
            if " " in key:
                continue
            if len(key) <= 2 or (key in everyday and not _marked(alias)):
                found.add(key)
    return sorted(found)


def build(data_dir: Path) -> dict[str, object]:
    curated = [
        _Skill(
            f"curated:{slugify(name)}",
            name,
            category,
            SkillKind.TECH,
            aliases,
        )
        for name, (category, aliases) in curated_entries().items()
    ]
    everyday = english_words(data_dir)
    onet = onet_skills(data_dir / "onet" / "Technology Skills.txt")
    brands = brands_to_makers(onet)
    esco = esco_skills(
        data_dir / "esco-skills-northstar" / "skills_en.csv",
        data_dir / "esco-matchkey" / "skills_en.csv",
    )
    skills = merge(curated, onet, esco)
    skills = [s for s in skills if not _stop_only(s)]
    add_spelling_variants(skills)
    _unique_ids(skills)
    return {
        "format": FORMAT_VERSION,
        "sources": {"onet": len(onet), "esco": len(esco), "curated": len(curated)},
        "ambiguous": ambiguous_keys(skills, everyday),
        "acronyms": sorted({*acronym_keys(skills), *brands}),
        "skills": [
            [s.canonical_id, s.name, s.category, str(s.kind), s.aliases] for s in skills
        ],
    }


_CAMEL_PAIR = re.compile(r"([A-Z][a-z]{2,})([A-Z][a-z]{2,})")
_JS_SUFFIX = re.compile(r"^(\w{3,}?)\.?js$", re.IGNORECASE)


def spelling_variants(alias: str) -> list[str]:
    """Other ways people write a product name: "MS Word" for "Microsoft Word",
    "Angular JS"/"Angular.js" for "AngularJS", "Power Point" for "PowerPoint"."""
    variants = []
    if alias.startswith("Microsoft ") and len(alias) > len("Microsoft ") + 1:
        variants.append("MS " + alias[len("Microsoft ") :])
    words = alias.split(" ")
    js = _JS_SUFFIX.match(words[-1])
    if js:
        head = " ".join([*words[:-1], js.group(1)])
        variants.extend([f"{head} JS", f"{head}.js", f"{head}JS"])
    camel = _CAMEL_PAIR.fullmatch(words[-1])
    if camel:
        spaced = " ".join([*words[:-1], camel.group(1), camel.group(2)])
        variants.extend([spaced, *spelling_variants(spaced)])
    return [v for v in dict.fromkeys(variants) if v != alias]


def add_spelling_variants(skills: list[_Skill]) -> None:
    """Adds the spelling variants of technology names, none taking a key that any
    entry already has."""
    taken = {key for skill in skills for key in skill.alias_keys()}
    for skill in skills:
        if skill.kind is not SkillKind.TECH:
            continue
        for alias in [skill.name, *skill.aliases]:
            for variant in spelling_variants(alias):
                key = alias_key(variant)
                if key not in taken:
                    taken.add(key)
                    skill.aliases.append(variant)


def _stop_only(skill: _Skill) -> bool:
    skill.aliases = [
        a for a in skill.aliases if len(alias_key(a)) > 1 or a in ("R", "C")
    ]
    return len(alias_key(skill.name)) <= 1 and skill.name not in ("R", "C")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path, help="the shared eval-data directory")
    parser.add_argument("out_file", type=Path, help="where to write skills.json.gz")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    data = build(args.data_dir)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # mtime=0 keeps the file byte-identical across rebuilds of the same sources.
    with gzip.GzipFile(args.out_file, "wb", compresslevel=9, mtime=0) as handle:
        handle.write(payload.encode("utf-8"))
    logger.info("wrote %s skills to %s", len(data["skills"]), args.out_file)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
