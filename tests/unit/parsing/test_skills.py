"""Skills: taxonomy matches, list items, ambiguous names by context, years."""

from domain.parsing.lines import split_lines
from domain.parsing.model import Skill
from domain.parsing.sections import find_sections
from domain.parsing.skills import extract_skills
from domain.parsing.taxonomy import load_taxonomy
from tests.unit.parsing.samples import document

HEADER = "Jane Doe\njane@example.com\n"


def _skills(text: str) -> list[Skill]:
    doc = document(HEADER + text)
    lines = split_lines(doc)
    return list(extract_skills(find_sections(lines), doc.text, lines, load_taxonomy()))


def _names(text: str) -> list[tuple[str, str]]:
    return [(s.name, s.source_section) for s in _skills(text)]


def test_skills_list_items_resolve_to_canonical_names():
    skills = _skills("Skills\nJS, TypeScript, Postgres, k8s, Node, React.js, GCP")

    assert [(s.name, s.canonical_id, s.category) for s in skills] == [
        ("JavaScript", "onet:javascript", "Programming language"),
        ("TypeScript", "onet:typescript", "Programming language"),
        ("PostgreSQL", "onet:postgresql", "Database"),
        ("Kubernetes", "onet:kubernetes", "DevOps"),
        ("Node.js", "onet:node-js", "Framework"),
        ("React", "onet:react", "Framework"),
        ("Google Cloud Platform", "curated:google-cloud-platform", "Cloud platform"),
    ]


def test_short_ambiguous_names_count_inside_a_skills_list():
    assert _names("Technical Skills\nLanguages: Go, R, C, Swift") == [
        ("Go", "skills"),
        ("R", "skills"),
        ("C", "skills"),
        ("Swift", "skills"),
    ]


def test_ambiguous_name_next_to_technical_skills_counts_in_prose():
    text = "Experience\nEngineer, Acme\n2019 - 2021\n- Built services in Go and Python."

    assert _names(text) == [("Go", "experience"), ("Python", "experience")]


def test_ambiguous_name_with_a_cue_word_counts_in_prose():
    text = "Summary\nStatistician who models survival data with the R language."

    assert _names(text) == [("R", "summary")]


def test_ambiguous_names_without_context_do_not_count():
    text = (
        "Summary\nLed the Go to market plan and the R&D budget, worked in the "
        "Spring for a Swift response, and wrote a project report."
    )

    assert _names(text) == []


def test_lower_case_everyday_words_are_not_skills_in_a_list():
    skills = _skills("Skills\nfast learner, Excel, budget planning")

    assert [(s.name, s.canonical_id is None) for s in skills] == [
        ("fast learner", True),
        ("Microsoft Excel", False),
        ("budget planning", True),
    ]


def test_unknown_list_items_are_kept_without_an_id():
    skills = _skills("Skills\nXilinx, PSpice")

    assert [(s.name, s.canonical_id, s.confidence) for s in skills] == [
        ("Xilinx", None, 0.55),
        ("PSpice", None, 0.55),
    ]


def test_an_item_wrapped_onto_the_next_line_is_one_skill():
    assert _names("Skills\nKafka, Terraform, Distributed\nSystems") == [
        ("Apache Kafka", "skills"),
        ("Terraform", "skills"),
        ("Distributed systems", "skills"),
    ]


def test_rows_that_list_interests_or_spoken_languages_are_no_skills():
    text = (
        "Skills\nTools: Docker\nInterests: Chess, Hiking, Cooking\n"
        "Languages: Spanish, French"
    )

    assert _names(text) == [("Docker", "skills")]


def test_years_of_experience_next_to_a_skill():
    skills = _skills(
        "Summary\n7 years of experience with Python and Django (3 yrs) at scale.\n"
        "Skills\nKubernetes: 4+ years, SQL"
    )

    assert [(s.name, s.years) for s in skills] == [
        ("Kubernetes", 4.0),
        ("SQL", None),
        ("Python", 7.0),
        ("Django", 3.0),
    ]


def test_a_skill_is_listed_once_preferring_the_skills_section():
    skills = _skills("Summary\nBackend engineer using Python.\nSkills\nPython, Go")

    assert [(s.name, s.source_section, s.confidence) for s in skills] == [
        ("Python", "skills", 0.92),
        ("Go", "skills", 0.85),
    ]


def test_capitalised_names_around_a_word_make_it_a_name_not_a_skill():
    text = (
        "Experience\nAnalyst, Initech Analytics\n2019 - 2021\n- Built Tableau reports."
    )

    assert _names(text) == [("Tableau", "experience")]


def test_skill_evidence_points_at_the_surface_text():
    doc_text = HEADER + "Skills\nk8s"

    skill = _skills("Skills\nk8s")[0]

    assert skill.evidence is not None
    assert doc_text[skill.evidence.start : skill.evidence.end] == "k8s"


def test_stated_experience_in_a_list_is_no_skill_and_gives_the_years():
    skills = _skills(
        "Skills\nFLEXCUBE (5 years), CSS (Less than 1 year), Java (3 years)"
    )

    assert [(s.name, s.canonical_id, s.years) for s in skills] == [
        ("FLEXCUBE", None, 5.0),
        ("CSS", "onet:cascading-style-sheets-css", None),
        ("Java", "onet:oracle-java", 3.0),
    ]


def test_a_row_label_without_a_colon_is_no_skill():
    skills = _skills(
        "Technical Skills\nOperating Systems Linux, Windows\nDatabases MySQL"
    )

    assert [s.name for s in skills] == ["Linux", "Microsoft Windows", "MySQL"]


def test_everyday_words_count_in_a_list_only_as_whole_items():
    skills = _skills("Skills\nDatabase MySQL, Cloud Azure, Exchange 2013, Jira v7")

    assert [(s.name, s.canonical_id) for s in skills] == [
        ("MySQL", "onet:mysql"),
        ("Microsoft Azure", "onet:microsoft-azure-software"),
        ("Microsoft Exchange", "onet:microsoft-exchange"),
        ("Jira", "curated:jira"),
    ]


def test_lower_case_acronyms_that_are_words_are_no_list_skills():
    skills = _skills("Skills\nBasic knowledge of MFC, fast learner, C, C++, etc")

    assert [(s.name, s.canonical_id is None) for s in skills] == [
        ("Basic knowledge of MFC", True),
        ("fast learner", True),
        ("C", False),
        ("C++", False),
    ]


def test_bullets_are_no_part_of_a_list_item():
    skills = _skills("Skills\n❖ Smart Working\n~ Requirement Gathering")

    assert [(s.name, s.source_section) for s in skills] == [
        ("Smart Working", "skills"),
        ("Requirement Gathering", "skills"),
    ]


def test_the_label_of_a_row_outside_a_skills_list_is_no_skill():
    text = (
        "Summary\nOperating systems: Linux, Unix\nWorked on operating systems: Linux."
    )

    assert [
        (s.name, s.evidence.start if s.evidence else None) for s in _skills(text)
    ] == [
        ("Linux", 53),
        ("Unix", 60),
        ("operating systems", 75),
    ]


def test_a_parenthesis_that_lists_skills_gives_items():
    skills = _skills("Skills\nHadoop (HDFS, Zookeeper), ALM (QC)")

    assert [(s.name, s.canonical_id) for s in skills] == [
        ("Hadoop", "onet:apache-hadoop"),
        ("HDFS", None),
        ("Zookeeper", None),
        ("ALM (QC)", None),
    ]


def test_a_category_row_outside_a_skills_section_is_read_as_a_list():
    text = (
        "Experience\nDeveloper, Acme\n2019 - 2021\nBuilt a billing system.\n"
        "Environment: Java, FlexBuilder, Spring\nClient: ABN AMRO, Netherlands"
    )

    assert [(s.name, s.canonical_id, s.source_section) for s in _skills(text)] == [
        ("Java", "onet:oracle-java", "experience"),
        ("FlexBuilder", None, "experience"),
        ("Spring", "onet:spring-framework", "experience"),
    ]


def test_a_note_broken_over_two_lines_and_a_category_alone_are_no_items():
    text = (
        "Skills\nBPM (Less\nthan 1 year), SPSS (2 years), Tools, Web Technologies, "
        "DevOps"
    )

    assert [(s.name, s.canonical_id, s.years) for s in _skills(text)] == [
        ("BPM", None, None),
        ("SPSS", None, 2.0),
        ("DevOps", "curated:devops", None),
    ]
