"""Building the taxonomy from O*NET and ESCO rows (small inline samples)."""

from pathlib import Path

import pytest

from domain.parsing.taxonomy import SkillKind
from domain.parsing.taxonomy_build import (
    _esco_skill,
    add_spelling_variants,
    ambiguous_keys,
    merge,
    spelling_variants,
)
from domain.parsing.taxonomy_curated import curated_entries
from domain.parsing.taxonomy_onet import (
    _generic,
    _Skill,
    brands_to_makers,
    onet_aliases,
    onet_skills,
    slugify,
)


@pytest.mark.parametrize(
    ("name", "aliases"),
    [
        ("Structured query language SQL", ["SQL", "Structured query language"]),
        ("Oracle Java", ["Java"]),
        ("SAP software", ["SAP"]),
        (
            "Amazon Elastic Compute Cloud EC2",
            ["EC2", "Amazon Elastic Compute Cloud", "Elastic Compute Cloud EC2"],
        ),
        (
            "AWS Elastic MapReduce (EMR)",
            ["EMR", "AWS Elastic MapReduce", "Elastic MapReduce (EMR)"],
        ),
        ("Microsoft Power BI", ["Power BI"]),
        ("Hypertext markup language HTML", ["HTML", "Hypertext markup language"]),
        ("Single sign-on SSO", ["SSO", "Single sign-on"]),
        # "SAS" does not abbreviate the words before it.
        ("Digital analysis tests and statistics DATAS for SAS", []),
        ("Python", []),
    ],
)
def test_onet_aliases(name, aliases):
    assert onet_aliases(name) == aliases


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Web browser software", True),
        ("Statistical analysis software", True),
        ("Hypertext markup language HTML", False),
        ("Microsoft Excel", False),
        ("C shell", False),
        ("Python", False),
    ],
)
def test_generic_descriptions_are_left_out(name, generic):
    assert _generic(name) is generic


def test_slugs_keep_plus_and_sharp_apart():
    assert [slugify(n) for n in ("C", "C++", "C#", ".NET", "Node.js")] == [
        "c",
        "c-plus-plus",
        "c-sharp",
        "dot-net",
        "node-js",
    ]


def test_curated_table_reads_categories_and_aliases():
    entries = curated_entries("[Database]\nPostgreSQL = Postgres, psql; MySQL\n")

    assert entries == {
        "PostgreSQL": ("Database", ["Postgres", "psql"]),
        "MySQL": ("Database", []),
    }


def test_onet_rows_give_one_skill_per_example(tmp_path: Path):
    path = tmp_path / "Technology Skills.txt"
    path.write_text(
        "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\t"
        "Hot Technology\tIn Demand\n"
        "1\tOracle Java\t1\tObject oriented software\tY\tN\n"
        "2\tOracle Java\t1\tObject oriented software\tY\tN\n"
        "3\tWeb browser software\t2\tInternet browser software\tN\tN\n",
        encoding="utf-8",
    )

    skills = onet_skills(path)

    assert [(s.canonical_id, s.name, s.category, s.aliases) for s in skills] == [
        ("onet:oracle-java", "Oracle Java", "Object oriented software", ["Java"])
    ]


def test_a_short_form_several_products_give_names_none_of_them(tmp_path: Path):
    path = tmp_path / "Technology Skills.txt"
    rows = [
        "Google Cloud software",
        "IBM Cloud",
        "Apple iOS",
        "Cisco IOS",
        "Oracle Java",
    ]
    path.write_text(
        "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\t"
        "Hot Technology\tIn Demand\n"
        + "".join(f"1\t{name}\t1\tSome software\tN\tN\n" for name in rows),
        encoding="utf-8",
    )

    aliases = {s.name: s.aliases for s in onet_skills(path)}

    # "Cloud" is a kind of product; "iOS" is a product's own spelling.
    assert aliases == {
        "Apple iOS": ["iOS"],
        "Google Cloud software": ["Google Cloud"],
        "IBM Cloud": [],
        "Oracle Java": ["Java"],
    }


def test_an_acronym_that_is_another_maker_s_brand_names_that_maker(tmp_path: Path):
    path = tmp_path / "Technology Skills.txt"
    rows = [
        "Cost Estimating Toolkit for Aerospace CETA",
        "Ceta Technologies software",
        "Ceta Scheduler",
        "Portable Document Format PDF",
    ]
    path.write_text(
        "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\t"
        "Hot Technology\tIn Demand\n"
        + "".join(f"1\t{name}\t1\tSome software\tN\tN\n" for name in rows),
        encoding="utf-8",
    )
    skills = onet_skills(path)

    brands = brands_to_makers(skills)

    assert brands == {"ceta"}
    assert {s.name: s.aliases for s in skills} == {
        "Ceta Scheduler": [],
        "Ceta Technologies software": ["Ceta Technologies", "Ceta"],
        "Cost Estimating Toolkit for Aerospace CETA": [
            "Cost Estimating Toolkit for Aerospace"
        ],
        "Portable Document Format PDF": ["PDF", "Portable Document Format"],
    }


def test_esco_rows_keep_short_labels_and_drop_language_skills():
    uris = {"python (computer programming)": "ccd0a1d9"}
    row = {
        "preferredLabel": "Python (computer programming)",
        "altLabels": "Python3\nPython prog\nwrite long programs in Python language",
        "skillType": "knowledge",
    }
    spanish = {
        "preferredLabel": "write Spanish",
        "altLabels": "",
        "skillType": "skill/competence",
    }

    skill = _esco_skill(row, uris)

    assert skill is not None
    assert (skill.canonical_id, skill.name, skill.category, skill.aliases) == (
        "esco:ccd0a1d9",
        "Python",
        "ESCO knowledge",
        ["Python3", "Python prog"],
    )
    assert _esco_skill(spanish, uris) is None


def test_curated_names_take_over_onet_entries_and_win_aliases():
    curated = [
        _Skill("curated:go", "Go", "Programming language", SkillKind.TECH, ["Golang"])
    ]
    onet = [_Skill("onet:go", "Go", "Development software", SkillKind.TECH, [])]
    esco = [_Skill("esco:1", "Golang", "ESCO knowledge", SkillKind.KNOWLEDGE, [])]

    merged = merge(curated, onet, esco)

    assert [(s.canonical_id, s.name, s.category, s.aliases) for s in merged] == [
        ("onet:go", "Go", "Programming language", ["Golang"])
    ]


def test_everyday_words_and_letters_are_ambiguous_but_curated_names_are_not():
    skills = [
        _Skill("a", "Blink", None, SkillKind.TECH, []),
        _Skill("b", "Tableau", None, SkillKind.TECH, ["TB"]),
        _Skill("c", "PowerShell", None, SkillKind.TECH, []),
    ]

    keys = ambiguous_keys(skills, everyday={"blink", "powershell", "python"})

    assert {"blink", "tb"} <= set(keys)
    assert "tableau" not in keys
    assert "powershell" not in keys
    assert "python" not in keys


@pytest.mark.parametrize(
    ("alias", "variants"),
    [
        ("Microsoft Word", ["MS Word"]),
        (
            "Microsoft PowerPoint",
            ["MS PowerPoint", "Microsoft Power Point", "MS Power Point"],
        ),
        ("AngularJS", ["Angular JS", "Angular.js"]),
        ("Node.js", ["Node JS", "NodeJS"]),
        ("PowerShell", ["Power Shell"]),
        ("Python", []),
        ("JS", []),
    ],
)
def test_spelling_variants(alias, variants):
    assert spelling_variants(alias) == variants


def test_spelling_variants_never_take_another_entry_s_key():
    skills = [
        _Skill("a", "JavaScript", None, SkillKind.TECH),
        _Skill("b", "Java Script", None, SkillKind.TECH),
        _Skill("c", "Microsoft Teams", None, SkillKind.TECH),
        _Skill("d", "SharePoint", None, SkillKind.KNOWLEDGE),
    ]

    add_spelling_variants(skills)

    assert [s.aliases for s in skills] == [[], [], ["MS Teams"], []]
