"""The shipped taxonomy: tokens, alias lookup and longest matching."""

from domain.parsing.taxonomy import (
    SkillEntry,
    SkillKind,
    alias_key,
    load_taxonomy,
    taxonomy_from_json,
    tokenize,
)


def _small():
    return taxonomy_from_json(
        {
            "format": 1,
            "ambiguous": ["spring"],
            "acronyms": ["apps"],
            "skills": [
                ["t:spring", "Spring", "Framework", "tech", []],
                ["t:boot", "Spring Boot", "Framework", "tech", ["SpringBoot"]],
                ["t:ci", "CI/CD", "DevOps", "tech", ["CICD"]],
                ["t:apps", "APPS", "Tool", "tech", []],
            ],
        }
    )


def test_tokens_keep_symbols_that_belong_to_names():
    tokens = tokenize("C++, C#, .NET, Node.js and scikit-learn; CI/CD. R&D")

    assert [t.key for t in tokens] == [
        "c++",
        "c#",
        ".net",
        "node.js",
        "and",
        "scikit-learn",
        "ci",
        "/",
        "cd",
        "r",
        "&",
        "d",
    ]


def test_alias_key_ignores_case_and_spacing():
    assert alias_key("  Power   BI ") == "power bi"
    assert alias_key("CI / CD") == alias_key("ci/cd") == "ci / cd"


def test_shipped_taxonomy_knows_common_spellings():
    taxonomy = load_taxonomy()

    assert [
        taxonomy.lookup(a).name for a in ("k8s", "Postgres", "JS", "Node", "GCP")
    ] == [
        "Kubernetes",
        "PostgreSQL",
        "JavaScript",
        "Node.js",
        "Google Cloud Platform",
    ]
    assert taxonomy.lookup("no such skill at all") is None
    assert len(taxonomy) > 15000


def test_shipped_taxonomy_has_esco_entries_with_uuids():
    entry = load_taxonomy().lookup("machine learning")

    assert entry == SkillEntry(
        "curated:machine-learning", "Machine learning", "Data & ML", SkillKind.TECH
    )
    esco = load_taxonomy().lookup("manage musical staff")
    assert esco is not None
    assert esco.canonical_id.startswith("esco:")
    assert esco.kind is SkillKind.SKILL


def test_longest_alias_wins_and_matches_do_not_overlap():
    matches = _small().matches("Spring Boot, Spring and CI/CD")

    assert [(m.entry.canonical_id, m.surface, m.ambiguous) for m in matches] == [
        ("t:boot", "Spring Boot", False),
        ("t:spring", "Spring", True),
        ("t:ci", "CI/CD", False),
    ]


def test_an_alias_never_spans_a_comma():
    assert [m.surface for m in _small().matches("Spring, Boot")] == ["Spring"]


def test_an_alias_may_span_one_line_break():
    matches = _small().matches("Spring\nBoot")

    assert [(m.surface, m.start, m.end) for m in matches] == [("Spring\nBoot", 0, 11)]


def test_offsets_are_shifted_by_the_offset_given():
    match = _small().matches("use CICD", offset=100)[0]

    assert (match.start, match.end, match.acronym) == (104, 108, False)
    assert _small().matches("apps")[0].acronym is True


def test_lookup_reads_a_trailing_version_as_its_product():
    taxonomy = load_taxonomy()

    names = [
        entry.name if (entry := taxonomy.lookup(text)) else None
        for text in ("Python 3.8", "Windows 10", "Jenkins v1.6", "HTML5", "Version 3")
    ]

    assert names == ["Python", "Microsoft Windows", "Jenkins", "HTML", None]


def test_shipped_taxonomy_knows_common_spelling_variants():
    taxonomy = load_taxonomy()

    names = [
        entry.name if (entry := taxonomy.lookup(text)) else None
        for text in ("Angular JS", "MS Word", "Power Point", "Java Script")
    ]

    assert names == ["Angular", "Microsoft Word", "Microsoft PowerPoint", "JavaScript"]


def test_the_shipped_epic_is_the_health_records_maker_written_in_capitals_in_prose():
    taxonomy = load_taxonomy()

    assert taxonomy.lookup("Epic").canonical_id == "onet:epic-systems"
    assert "epic" in taxonomy.acronyms
    assert "epic" not in taxonomy.ambiguous
