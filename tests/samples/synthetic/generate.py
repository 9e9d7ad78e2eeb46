"""Seeded generation of synthetic resumes with known truth (`generate(count, seed)`):
the same seed always gives the same resumes."""

import dataclasses
import random
import unicodedata

import phonenumbers

from tests.samples.synthetic.occupations import OCCUPATIONS, Occupation
from tests.samples.synthetic.pools import (
    COLLEGES,
    HEADINGS,
    HIGH_SCHOOLS,
    LEVEL_WORDS,
    MAIL_DOMAINS,
    NAMES,
    PLACES,
    SPOKEN,
    UNIVERSITIES,
    Place,
)
from tests.samples.synthetic.truth import Job, Resume, School, Spoken, Style

TODAY = (2026, 11)
_FOLD = str.maketrans(
    {"ø": "o", "\u0131": "i", "ł": "l", "æ": "ae", "ß": "ss", "'": ""}
)
# level -> degree wordings; {f} is the field of study
DEGREES: dict[str, tuple[str, ...]] = {
    "associate": (
        "Associate of Applied Science in {f}",
        "Associate Degree in {f}",
        "A.A.S. {f}",
    ),
    "bachelor": (
        "Bachelor of Science in {f}",
        "B.Sc. {f}",
        "BA in {f}",
        "Bachelor of Arts, {f}",
        "B.S. in {f}",
    ),
    "master": (
        "Master of Science in {f}",
        "M.Sc. {f}",
        "MBA",
        "Master of Arts in {f}",
        "MS in {f}",
    ),
    "doctorate": ("PhD in {f}", "Doctor of Philosophy in {f}", "Ph.D., {f}"),
}


def generate(count: int = 36, seed: int = 2026) -> list[Resume]:
    rng = random.Random(seed)  # noqa: S311  # test data, seeded
    kinds = sorted(OCCUPATIONS)
    return [
        _resume(rng, f"synth-{i:03d}", kinds[i % len(kinds)], NAMES[i % len(NAMES)])
        for i in range(count)
    ]


def _resume(
    rng: random.Random, key: str, kind: str, parts: tuple[str, str, str]
) -> Resume:
    occupation = OCCUPATIONS[kind]
    place = rng.choice(PLACES)
    given, middle, family = parts
    name = " ".join(
        p for p in (given, middle if rng.random() < 0.7 else "", family) if p
    )
    style = _extras(rng, _style(rng), kind, place)
    jobs = _jobs(rng, occupation, place, style)
    first_year = int(jobs[-1].start[:4])
    phone, phone_text = _phone(rng, place)
    github = kind in ("software", "data")
    slug = _ascii(f"{given}-{family}").lower().replace(" ", "-")
    links = [f"linkedin.com/in/{slug}"] if rng.random() < 0.7 else []
    if github and rng.random() < 0.7:
        links.append(f"github.com/{slug.replace('-', '')}")
    return Resume(
        key=key,
        occupation=kind,
        name=name,
        email=_email(rng, given, family),
        phone=phone,
        phone_text=phone_text,
        location=f"{place.city}, {place.region}",
        links=tuple(links),
        summary=occupation.summary,
        jobs=jobs,
        schools=_schools(rng, occupation, place, first_year),
        skills=tuple(
            rng.sample(
                occupation.skills, rng.randint(5, min(9, len(occupation.skills)))
            )
        ),
        certifications=tuple(rng.sample(occupation.certifications, rng.randint(0, 2))),
        languages=_languages(rng, place),
        style=style,
    )


def _style(rng: random.Random) -> Style:
    month_form = rng.choice(("mon", "month", "mm/yyyy", "yyyy-mm", "year", "mon."))
    return Style(
        upper_headings=rng.random() < 0.5,
        colon_headings=rng.random() < 0.15,
        headings={kind: rng.choice(words) for kind, words in HEADINGS.items()},
        job_header=rng.choice(
            (
                "comma",
                "company_dash",
                "stacked",
                "at_pipe",
                "company_first",
                "dates_first",
                "one_line",
            )
        ),
        month_form=month_form,
        date_sep=rng.choice((" \u2013 ", " - ", " to ", "\u2013", " \u2014 ")),
        present=rng.choice(("Present", "Present", "Current", "present", "Now")),
        dates_right=rng.random() < 0.4,
        bullet=rng.choice(("\u2022", "-", "\u2013", "*", "\u25aa", "\u2022")),
        skills_form=rng.choice(("comma", "bullets", "pipes", "grouped")),
        contact_form=rng.choice(("pipes", "stacked", "labelled")),
        education_form=rng.choice(("stacked", "one_line", "school_first", "parens")),
        language_form=rng.choice(("parens", "dash", "colon")),
        upper_name=rng.random() < 0.3,
        headline=rng.random() < 0.5,
        sidebar_right=rng.random() < 0.3,
        heading_styles=rng.random() < 0.6,
        credentials="",
        icons=rng.random() < 0.25,
        street="",
        order=rng.choice(
            ("experience_first",) * 3 + ("education_first", "skills_first")
        ),
        school_extra=rng.choice(
            ("",) * 3 + ("GPA: 3.7/4.0", "Graduated cum laude", "First Class Honours")
        ),
        skill_levels=rng.random() < 0.2,
        footer=rng.random() < 0.3,
        split_name=rng.random() < 0.25,
        underline=rng.choice(("", "", "=", "-")),
        labels=rng.choice(
            (
                ("Email", "Phone", "Location"),
                ("E-mail", "Mobile", "Address"),
                ("Mail", "Tel", "City"),
                ("Email", "Cell", "Based in"),
            )
        ),
        cert_years=rng.random() < 0.4,
    )


CREDENTIALS = {"nursing": "RN", "accounting": "CPA", "engineering": "PE"}
STREETS = ("1200 Main St", "48 Oak Avenue, Apt 3", "350 W 5th Street")


def _extras(rng: random.Random, style: Style, kind: str, place: Place) -> Style:
    """Credentials after the name (nurses, accountants, engineers) and a US street
    address, where resumes of those people and places write them."""
    credentials = CREDENTIALS.get(kind, "") if rng.random() < 0.4 else ""
    street = rng.choice(STREETS) if place.country == "US" and rng.random() < 0.3 else ""
    return dataclasses.replace(style, credentials=credentials, street=street)


def _jobs(
    rng: random.Random, occupation: Occupation, place: Place, style: Style
) -> tuple[Job, ...]:
    count = rng.randint(2, 4)
    titles = sorted(rng.sample(range(len(occupation.titles)), count), reverse=True)
    companies = rng.sample(occupation.employers, count)
    year, month = TODAY[0], TODAY[1] - rng.randint(0, 10)
    if month < 1:
        year, month = year - 1, month + 12
    current = rng.random() < 0.6
    jobs = []
    for i in range(count):
        end = None if (i == 0 and current) else (year, month)
        length = rng.randint(10, 48)
        start_index = year * 12 + month - 1 - length
        start = (start_index // 12, start_index % 12 + 1)
        bullets = tuple(
            d.format(n=rng.randint(3, 40))
            for d in rng.sample(occupation.duties, rng.randint(1, 3))
        )
        jobs.append(
            Job(
                title=occupation.titles[titles[i]],
                company=companies[i],
                city=place.city,
                start=_truth_date(start, style),
                end=None if end is None else _truth_date(end, style),
                bullets=bullets,
            )
        )
        gap = rng.randint(0, 4)
        year, month = (start_index - gap) // 12, (start_index - gap) % 12 + 1
    return tuple(jobs)


def _truth_date(ym: tuple[int, int], style: Style) -> str:
    return str(ym[0]) if style.month_form == "year" else f"{ym[0]}-{ym[1]:02d}"


def _schools(
    rng: random.Random, occupation: Occupation, place: Place, first_job: int
) -> tuple[School, ...]:
    level = rng.choices(
        ("high_school", "associate", "bachelor", "master", "doctorate"),
        weights=(1, 1, 5, 2, 1),
    )[0]
    end = first_job - rng.randint(0, 1)
    schools = [_school(rng, occupation, place, level, end)]
    if level in ("master", "doctorate") and rng.random() < 0.7:
        schools.append(
            _school(
                rng,
                occupation,
                place,
                "bachelor",
                end - (5 if level == "doctorate" else 2),
            )
        )
    return tuple(schools)


def _school(
    rng: random.Random, occupation: Occupation, place: Place, level: str, end: int
) -> School:
    if level == "high_school":
        return School(
            "High School Diploma",
            level,
            None,
            rng.choice(HIGH_SCHOOLS),
            place.city,
            end - 4,
            end,
        )
    field = rng.choice(occupation.fields)
    institution = (
        rng.choice(COLLEGES)
        if level == "associate"
        else rng.choice(UNIVERSITIES.get(place.country, UNIVERSITIES["US"]))
    )
    degree = rng.choice(DEGREES[level])
    length = {"associate": 2, "bachelor": 4, "master": 2, "doctorate": 4}[level]
    return School(
        degree.format(f=field),
        level,
        None if degree == "MBA" else field,
        institution,
        place.city,
        end - length,
        end,
    )


def _languages(rng: random.Random, place: Place) -> tuple[Spoken, ...]:
    names = rng.sample(SPOKEN, rng.randint(1, 3))
    if "English" not in names:
        names[0] = "English"
    levels = [
        "native",
        *rng.sample(("fluent", "professional", "intermediate", "basic"), 2),
    ]
    return tuple(
        Spoken(name, level, rng.choice(LEVEL_WORDS[level]))
        for name, level in zip(names, levels, strict=False)
    )


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in folded if not unicodedata.combining(c))


def _email(rng: random.Random, given: str, family: str) -> str:
    g, f = (_ascii(p).lower().replace(" ", "") for p in (given, family))
    local = rng.choice(
        (
            f"{g}.{f}",
            f"{g[0]}{f}",
            f"{g}_{f}{rng.randint(1, 99)}",
            f"{f}.{g}",
            f"{g}{f}",
        )
    )
    return f"{local}@{rng.choice(MAIL_DOMAINS)}"


def _phone(rng: random.Random, place: Place) -> tuple[str, str]:
    """A valid mobile number of the place's country: (E.164, as written)."""
    for extra in range(4, 11):
        for _ in range(30):
            national = place.mobile + "".join(
                str(rng.randint(0, 9)) for _ in range(extra)
            )
            if place.country in ("US", "CA") and national[3] in "01":
                continue
            number = phonenumbers.parse(national, place.country)
            if phonenumbers.is_valid_number(number):
                return _written(rng, number)
    raise ValueError(f"no valid phone number for {place.country}")


def _written(rng: random.Random, number: phonenumbers.PhoneNumber) -> tuple[str, str]:
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    fmt = phonenumbers.PhoneNumberFormat
    forms = [
        phonenumbers.format_number(number, fmt.INTERNATIONAL),
        phonenumbers.format_number(number, fmt.INTERNATIONAL).replace(" ", "-"),
        phonenumbers.format_number(number, fmt.NATIONAL),
        e164,
    ]
    if number.country_code == 1:
        national = str(number.national_number)
        forms.append(f"{national[:3]}.{national[3:6]}.{national[6:]}")
    return e164, rng.choice(forms)
