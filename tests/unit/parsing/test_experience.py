"""Jobs: entries anchored on dates, title and company in every common layout."""

import pytest

from domain.parsing.experience import parse_experience
from domain.parsing.job_words import looks_like_title
from domain.parsing.lines import split_lines
from domain.parsing.model import Experience
from tests.unit.parsing.samples import document


def _jobs(text: str) -> list[Experience]:
    lines = split_lines(document(text))
    return [job for job, _ in parse_experience(lines, lines)]


def _rows(text: str) -> list[tuple[str | None, ...]]:
    def value(field):
        return field.value if field else None

    return [
        (value(j.title), value(j.company), value(j.start), value(j.end))
        for j in _jobs(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Software Engineer at Globex\nJan 2020 - Mar 2022",
        "Software Engineer @ Globex\nJan 2020 - Mar 2022",
        "Software Engineer, Globex\nJan 2020 - Mar 2022",
        "Globex \u2014 Software Engineer\nJan 2020 - Mar 2022",
        "Software Engineer \u2013 Globex\nJan 2020 - Mar 2022",
        "Software Engineer | Globex | Jan 2020 - Mar 2022",
        "Software Engineer\nGlobex\nJan 2020 - Mar 2022",
        "Globex\nSoftware Engineer \u00b7 Jan 2020 - Mar 2022",
        "Globex | Austin, TX | Jan 2020 - Mar 2022\nSoftware Engineer",
        "Jan 2020 - Mar 2022\nSoftware Engineer\nGlobex",
        "Jan 2020 - Mar 2022\n- Software Engineer, Globex\n- Built the API",
    ],
)
def test_title_and_company_in_every_layout(text):
    assert _rows(text) == [("Software Engineer", "Globex", "2020-01", "2022-03")]


def test_location_is_peeled_off_the_company():
    jobs = _jobs(
        "Senior Staff Engineer \u00b7 Acme Corp, Springfield, IL \u00b7 Platform Team\n"
        "01/2019 - 02/2022"
    )

    assert [(j.title.value, j.company.value, j.location.value) for j in jobs] == [
        ("Senior Staff Engineer", "Acme Corp", "Springfield, IL")
    ]


@pytest.mark.parametrize(
    ("text", "company", "place"),
    [
        ("Head of Customer Service\nNorthwind Retail, London\nJan 2019 - Current",
         "Northwind Retail", "London"),
        ("Finance Manager\nContoso Group \u2014 Lagos\nFebruary 2019 \u2013 Present",
         "Contoso Group", "Lagos"),
        ("Lead Product Designer \u00b7 Globex\nLisbon \u00b7 Oct 2021 \u2013 Present",
         "Globex", "Lisbon"),
    ],
)  # fmt: skip
def test_a_city_beside_the_company_is_its_place(text, company, place):
    jobs = _jobs(text)

    assert [(j.company.value, j.location.value) for j in jobs] == [(company, place)]
    assert jobs[0].title.value in ("Head of Customer Service", "Finance Manager",
                                   "Lead Product Designer")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Training Coordinator\nM-Squared Software - Kerala -  Kerala, IN -\n"
         "July 2010 to December 2011", "M-Squared Software"),
        ("Sales Specialist\nAtlas Trading - Dubai, AE -\nFebruary 2017 to October 2017",
         "Atlas Trading"),
        ("Test Analyst\nOracle SSI - London -\nMay 2015 to June 2016", "Oracle SSI"),
    ],
)  # fmt: skip
def test_a_place_joined_by_a_dash_is_no_part_of_the_company(text, company):
    assert _jobs(text)[0].company.value == company


def test_company_keeps_its_sub_organisation():
    text = (
        "Ohio Valley State University \u2014 IT Service Desk \u2014 Columbus, Ohio"
        "    Jan 2023 - May 2024\nData Analyst\n- Analysed tickets"
    )

    assert _rows(text) == [
        (
            "Data Analyst",
            "Ohio Valley State University \u2014 IT Service Desk",
            "2023-01",
            "2024-05",
        )
    ]


def test_entries_follow_the_layout_of_the_first_one():
    text = (
        "Northwind Labs\nJan 2021 - Present\nSenior Software Engineer\n"
        "Led migration of the ingestion pipeline to a streaming architecture, cutting\n"
        "latency by 40% across twelve downstream consumers and two regions.\n"
        "Brightwater Systems\nJun 2017 - Dec 2020\nSoftware Engineer\n"
        "Built a billing reconciliation service processing 2M transactions daily.\n"
    )

    assert _rows(text) == [
        ("Senior Software Engineer", "Northwind Labs", "2021-01", None),
        ("Software Engineer", "Brightwater Systems", "2017-06", "2020-12"),
    ]


def test_title_without_title_words_takes_the_order_of_other_entries():
    text = (
        "Voice Instructor\nCommunity Music School \u00b7 Boston, MA 2019 - 2022\n"
        "Ensemble Member\nHarborlight Chorale \u00b7 Boston, MA 2018 - 2020\n"
    )

    assert _rows(text) == [
        ("Voice Instructor", "Community Music School", "2019-01", "2022-01"),
        ("Ensemble Member", "Harborlight Chorale", "2018-01", "2020-01"),
    ]


def test_dateless_entries_are_cut_at_their_header_lines():
    text = (
        "Production Intern\nExample Opera Company\n- Supported ticketing\n"
        "Retail Sales Associate\nExample Music Store LLC\n- Matched customers\n"
    )

    assert _rows(text) == [
        ("Production Intern", "Example Opera Company", None, None),
        ("Retail Sales Associate", "Example Music Store LLC", None, None),
    ]


def test_bullets_become_achievements_and_wrapped_lines_join_them():
    text = (
        "Data Engineer, Initech\nMar 2019 - Present\n"
        "Owns the ingestion platform for the analytics teams.\n"
        "- Rebuilt the pipeline handling 3M events per day, cutting the cost by\n"
        "half across three regions\n- Mentored four engineers.\n"
    )

    job = _jobs(text)[0]

    assert job.current is True
    assert job.end is None
    assert job.description is not None
    assert (
        job.description.value == "Owns the ingestion platform for the analytics teams."
    )
    assert [a.value for a in job.achievements] == [
        "Rebuilt the pipeline handling 3M events per day, cutting the cost by half "
        "across three regions",
        "Mentored four engineers.",
    ]


def test_text_after_the_dates_on_the_anchor_line_is_description():
    text = (
        "QA Engineer, Contoso Labs, Seattle, WA (Jun 2018 - Feb 2021) Leads the guild."
    )

    job = _jobs(text)[0]

    assert (job.title.value, job.company.value, job.location.value) == (
        "QA Engineer",
        "Contoso Labs",
        "Seattle, WA",
    )
    assert job.description is not None
    assert job.description.value == "Leads the guild."


def test_evidence_points_at_the_text_read():
    text = "Intro line\nStaff Engineer at Globex\nMar 2021 - Present"
    lines = split_lines(document(text))

    job = parse_experience(lines, lines)[0][0]

    assert job.title is not None
    assert job.title.evidence is not None
    assert job.start is not None
    assert job.start.evidence is not None
    title, start = job.title.evidence, job.start.evidence
    assert text[title.start : title.end] == "Staff Engineer"
    assert text[start.start : start.end] == "Mar 2021 - Present"
    assert (job.title.confidence, job.start.confidence) == (0.9, 0.95)


def test_year_only_dates_are_less_certain():
    job = _jobs("Analyst, Acme Corp\n2015 - 2017")[0]

    assert job.start is not None
    assert (job.start.value, job.start.confidence) == ("2015-01", 0.75)


def test_dates_inside_a_bullet_do_not_open_an_entry():
    text = "Engineer, Acme Corp\nJan 2019 - Present\n- Led the 2019 - 2021 migration"

    assert len(_jobs(text)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senior Product Designer", True),
        ("Founder & CEO", True),
        ("Aviation Platoon Leader", True),
        ("Customer Service Rep", True),
        ("Globex Corporation", False),
        ("State University", False),
        ("Northwind Labs", False),
    ],
)
def test_title_words(text, expected):
    assert looks_like_title(text) is expected


def test_entry_labels_are_neither_title_nor_company():
    text = (
        "Architect\nMicrosoft India - Hyderabad, Telangana -\n"
        "February 2005 to Present\nResponsibilities\n- Led the DevOps team.\n"
        "Project Description\nA billing system.\n"
    )

    assert _rows(text) == [("Architect", "Microsoft India", "2005-02", None)]


def test_labelled_role_gives_the_title():
    text = "Role: Test Engineer\nCompany: Infosys Limited\nJan 2019 - Dec 2020"

    assert _rows(text) == [("Test Engineer", "Infosys Limited", "2019-01", "2020-12")]


def test_web_addresses_and_sentence_tails_are_not_titles():
    text = (
        "Software Engineer\nGlobex\nJan 2019 - Dec 2020\n"
        "https://www.indeed.com/r/Jane-Doe/12ab\nwhich includes servers and storage.\n"
        "QA Analyst\nInitech\nJan 2017 - Dec 2018"
    )

    assert _rows(text) == [
        ("Software Engineer", "Globex", "2019-01", "2020-12"),
        ("QA Analyst", "Initech", "2017-01", "2018-12"),
    ]


def test_dates_first_lines_give_the_title_and_company_written_after_the_dates():
    text = (
        "2020 - now: Backend developer, Elpisor LTD (Israel, Rehovot)\n"
        "- Built the payments API\n"
        "2017 \u2013 2019: Full stack developer, Bank Otkritie (Russia, Moscow)\n"
    )

    jobs = _jobs(text)

    assert _rows(text) == [
        ("Backend developer", "Elpisor LTD", "2020-01", None),
        ("Full stack developer", "Bank Otkritie", "2017-01", "2019-01"),
    ]
    assert [j.location.value if j.location else None for j in jobs] == [
        "Israel, Rehovot",
        "Russia, Moscow",
    ]
    assert jobs[0].current is True


def test_abbreviations_do_not_make_a_title_a_sentence():
    text = (
        "Architect\nMicrosoft India -\nFebruary 2005 to Present\n- Led DevOps\n"
        "Sr. Program Manager\nInfosys Pvt. Ltd -\nMarch 2016 to January 2018\n"
    )

    assert _rows(text) == [
        ("Architect", "Microsoft India", "2005-02", None),
        ("Sr. Program Manager", "Infosys Pvt. Ltd", "2016-03", "2018-01"),
    ]


def test_dates_first_with_the_gap_squeezed_to_one_space():
    text = (
        "2018 \u2013 present Principal Scientist, Vertex Labs, Boston, MA\n"
        "Led phase II oncology trials.\n"
        "2014 \u2013 2018 Postdoctoral Fellow, Harvard Medical School, Boston, MA\n"
    )

    jobs = _jobs(text)

    assert [(j.title.value, j.company.value, j.location.value) for j in jobs] == [
        ("Principal Scientist", "Vertex Labs", "Boston, MA"),
        ("Postdoctoral Fellow", "Harvard Medical School", "Boston, MA"),
    ]


def test_dates_in_a_column_of_two_lines():
    text = (
        "2020, June MTS Group (mts.ru), Russia\n"
        "2021, August Python Developer\n"
        "Created an API for an ML model.\n"
        "2016, July Mapping Ltd, Russia\n"
        "September SWE Intern\n"
    )

    jobs = _jobs(text)

    assert _rows(text) == [
        ("Python Developer", "MTS Group", "2020-06", "2021-08"),
        ("SWE Intern", "Mapping Ltd", "2016-07", "2016-09"),
    ]
    evidence = jobs[0].end.evidence
    assert text[evidence.start : evidence.end] == "2021, August"
    assert jobs[0].location.value == "Russia"


def test_an_ongoing_job_with_its_end_on_the_line_below():
    text = (
        "Joint Stock Company Alfa-Bank\n"
        "September 2021 Senior Team Manager\n"
        "currently working\n"
        "Process management of four teams.\n"
        "AT Consulting\n"
        "August 2012 Senior System Analyst\n"
        "December 2017\n"
    )

    jobs = _jobs(text)

    assert _rows(text) == [
        ("Senior Team Manager", "Joint Stock Company Alfa-Bank", "2021-09", None),
        ("Senior System Analyst", "AT Consulting", "2012-08", "2017-12"),
    ]
    assert [j.current for j in jobs] == [True, False]


def test_dates_on_two_lines_are_not_read_where_ranges_sit_on_one_line():
    text = (
        "Software Engineer, Globex\nJan 2020 - Mar 2022\n- Built the API\n"
        "March 2021 Launched the billing service\n"
        "June 2021 Moved the team to Kafka\n"
    )

    assert _rows(text) == [("Software Engineer", "Globex", "2020-01", "2022-03")]


def test_a_sentence_beside_the_company_line_is_no_company():
    text = (
        "Staff Engineer, Platform\nNorthwind Systems\nAug 2023 - Present\n"
        "Led the reliability program.\n"
        "Mentored six engineers on distributed systems design and on-call practice\n"
        "Senior Engineer, Backend\nJun 2021 - Aug 2023\nGlobex Corporation\n"
    )

    assert _rows(text)[1] == (
        "Senior Engineer, Backend",
        "Globex Corporation",
        "2021-06",
        "2023-08",
    )


def test_a_resume_that_writes_its_years_first():
    text = (
        "2022 - EPAM Systems. D2 (Middle) Software Engineer. Clinic of the Future\n"
        "project.\n"
        "2021 2022 UniqTrip. Junior web developer. Five projects in tourism.\n"
        "Tasks performed: features and UX.\n"
        "2020 Internship, Service Engineer, Finance Center\n"
        "2008 2010. Junior software developer.\n"
        "2006 2007. Protek, pharmaceutical company, IT-specialist\n"
    )

    jobs = _jobs(text)

    assert _rows(text) == [
        ("Software Engineer", "EPAM Systems", "2022-01", None),
        ("Junior web developer", "UniqTrip", "2021-01", "2022-01"),
        ("Service Engineer", "Finance Center", "2020-01", "2020-01"),
        ("Junior software developer", None, "2008-01", "2010-01"),
        ("IT-specialist", "Protek, pharmaceutical company", "2006-01", "2007-01"),
    ]  # fmt: skip
    assert jobs[0].current is True


def test_award_lines_that_open_with_a_year_are_no_jobs():
    text = (
        "2005 Georgia Society for Health Care Engineers: Vendor of the Year\n"
        "2007 Georgia Society for Hospital Engineers: Service Excellence Award\n"
    )

    assert [(j.start, j.end) for j in _jobs(text)] == [(None, None)]


def test_a_dates_first_header_that_ends_its_sentence():
    text = (
        "2021 - present, FULL STACK DEVELOPER, , Rehovot, Israel.\n"
        "Designed an ordering engine.\n"
        "2012 - 2021, Network Engineer, , Moscow, Russia. Full cycle of SWAP work.\n"
    )

    jobs = _jobs(text)

    assert [(j.title.value, j.location.value) for j in jobs] == [
        ("FULL STACK DEVELOPER", "Rehovot, Israel"),
        ("Network Engineer", "Moscow, Russia"),
    ]


def test_title_in_company():
    assert _rows(
        "Jr. ASP.NET Developer in True Vision Technology\nSeptember 2015 to May 2016"
    ) == [("Jr. ASP.NET Developer", "True Vision Technology", "2015-09", "2016-05")]
    assert _rows("Specialist in Marketing\nGlobex\nJune 2016 to May 2018") == [
        ("Specialist in Marketing", "Globex", "2016-06", "2018-05")
    ]
