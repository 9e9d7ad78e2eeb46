"""Small resumes in several layouts, and `document()` to wrap text as extracted."""

from datetime import date

from domain.extraction.document import ExtractedDocument, TextBlock

TODAY = date(2024, 6, 15)


def document(
    text: str, blocks: tuple[TextBlock, ...] = (), pages: int = 1
) -> ExtractedDocument:
    return ExtractedDocument(
        text=text,
        blocks=blocks,
        pages=pages,
        method="txt",
        ocr_pages=(),
        warnings=(),
        encoding="utf-8",
    )


# Headings in capitals, "Title at Company", a CEFR languages line, certifications.
CLASSIC = """\
Marie-Claire van der Berg
Senior Backend Engineer
marie.vdberg@example.com | 020 123 4567 | Amsterdam, Netherlands
linkedin.com/in/mcvdberg | github.com/mcvdberg

PROFILE
Backend engineer with 9 years of experience building payment platforms.

WORK EXPERIENCE
Senior Backend Engineer at Adyen
Jan 2020 \u2013 Present | Amsterdam, Netherlands
- Led the migration of the settlement service to Go, cutting batch time by 40%.
- Introduced contract tests across 12 services.

Software Engineer at Booking.com
03/2016 - 12/2019
- Built the pricing API in Python and PostgreSQL.

EDUCATION
Master of Science in Computer Science
Delft University of Technology, 2015

TECHNICAL SKILLS
Languages: Go, Python, SQL
Tools: Docker, k8s, Postgres (5 years)

LANGUAGES
Dutch (native), English \u2013 C2, German: B1

CERTIFICATIONS
- AWS Certified Solutions Architect \u2013 Associate (2021)
- Certified Kubernetes Administrator, CNCF, 2022
"""

# "Company | Location | Dates" with the title below, ISO and season dates that
# overlap, a one-line education entry and a bullet-separated competencies list.
PIPES = """\
DANIEL OKAFOR
Lagos, Nigeria · daniel.okafor@example.com · 0803 123 4567

Professional Experience
Paystack | Lagos, Nigeria | 2019-01 to 2021-06
Data Analyst
- Built churn dashboards in Power BI.
Flutterwave | Remote | 2020-06 to Present
Analytics Engineer
- Maintains dbt models and Airflow DAGs.
Andela | Lagos | Summer 2018 \u2013 Fall 2018
Data Science Intern

Education & Training
University of Lagos — B.Sc. Statistics — 2014 - 2018

Core Competencies
SQL • Python • R • Tableau
"""

# No headings at all: contacts, a summary sentence, dated jobs, a degree line and
# a bare list of skills.
NO_HEADINGS = """\
Ana Sofía Núñez
ana.nunez@example.com
+34 612 345 678
Madrid, Spain

Product designer focused on accessible mobile apps for public services and banking.

Lead Product Designer, Cabify
2021 - Present
- Designed the rider safety flows.

Product Designer, BBVA
2017 - 2021
- Ran usability studies with 200 participants.

Bachelor of Fine Arts, Universidad Complutense de Madrid, 2016

Figma, Sketch, user research, prototyping
"""
