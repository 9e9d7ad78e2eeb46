"""What a synthetic resume says (its truth) and how it is written (its style)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    title: str
    company: str
    city: str
    start: str  # "YYYY-MM", or "YYYY" when the resume writes only years
    end: str | None  # None: the current job
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class School:
    degree: str  # as written, e.g. "Bachelor of Science in Nursing"
    level: str  # an EducationLevel value
    field: str | None
    institution: str
    city: str
    start_year: int
    end_year: int  # the graduation year


@dataclass(frozen=True)
class Spoken:
    name: str
    proficiency: str  # a Proficiency value
    words: str  # how the resume states it


@dataclass(frozen=True)
class Style:
    """The writing choices of one resume; each is one of several common conventions."""

    upper_headings: bool
    colon_headings: bool
    headings: dict[str, str]  # section kind -> its heading wording
    job_header: str  # see compose.JOB_HEADERS
    month_form: str  # "mon", "month", "mm/yyyy", "yyyy-mm", "year"
    date_sep: str
    present: str
    dates_right: bool  # dates right-aligned on the job's first line
    bullet: str
    skills_form: str  # "comma", "bullets", "pipes", "grouped"
    contact_form: str  # "pipes", "stacked", "labelled"
    education_form: str  # see compose.EDUCATION_FORMS
    language_form: str  # "parens", "dash", "colon"
    upper_name: bool
    headline: bool
    sidebar_right: bool
    heading_styles: bool  # DOCX: Word heading styles, else bold runs
    credentials: str  # letters after the name ("RN", "CPA"), not part of it
    icons: bool  # contact lines led by glyphs (envelope, telephone)
    street: str  # a street address before the city, or ""
    order: str  # "experience_first", "education_first", "skills_first"
    school_extra: str  # a GPA or honours line under a school, or ""
    skill_levels: bool  # "Python (Advanced)"
    footer: bool  # "Name - Page 1 of 2" at the foot of each PDF page
    split_name: bool  # given and family names on two lines (two-column PDF)
    underline: str  # TXT headings underlined with this character, or ""
    labels: tuple[str, str, str]  # e-mail, phone and place labels
    cert_years: bool  # "PMP (2021)"


@dataclass(frozen=True)
class Fresh:
    """The second template family's writing choices (`fresh.py`): conventions the
    first family does not use. Its resumes are laid out by `fresh_compose`."""

    banner: str  # "CURRICULUM VITAE", "RÉSUMÉ" above the name, or ""
    name_form: str  # "plain", "upper", "last_first"
    contact_sep: str  # between the contact values on one line (" • ", "\t", ...)
    contact_order: tuple[int, int, int]  # of (e-mail, phone, place)
    heading_form: str  # "spaced", "upper_rule", "title_rule", "upper_colon"
    headings: dict[str, str]  # section kind -> wording ("" : no heading)
    job_form: str  # "margin", "company_first", "title_right", "dash_parens"
    date_form: str  # "sept", "short_year", "slash", "dots", "upper", "season"
    date_sep: str
    present: str
    multi_role: bool  # the two latest jobs are two roles at one company
    school_form: str  # "margin", "institution_first", "years_parens"
    school_lines: tuple[str, ...]  # GPA, honours, thesis, coursework lines
    skills_form: str  # "table", "categories", "dots"
    language_form: str  # "inline", "table"
    volunteer: bool
    projects: bool
    references: bool


@dataclass(frozen=True)
class Resume:
    key: str
    occupation: str
    name: str
    email: str
    phone: str  # E.164
    phone_text: str  # as written
    location: str
    links: tuple[str, ...]
    summary: str
    jobs: tuple[Job, ...]
    schools: tuple[School, ...]
    skills: tuple[str, ...]
    certifications: tuple[str, ...]
    languages: tuple[Spoken, ...]
    style: Style
    fresh: Fresh | None = None  # set for the second family
