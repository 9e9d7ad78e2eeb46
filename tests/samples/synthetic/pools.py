"""The word pools synthetic resumes are drawn from: names of many cultures, places
with their countries, occupations (titles, employers, skills the taxonomy knows,
certifications, fields of study) and the wordings real resumes use for headings."""

from dataclasses import dataclass

# (given, middle, family): accents, hyphens, particles, with and without middle names.
NAMES: tuple[tuple[str, str, str], ...] = (
    ("María", "José", "García-López"),
    ("Oluwaseun", "", "Adeyemi"),
    ("Priya", "", "Raghunathan"),
    ("Søren", "", "Lindqvist-Holm"),
    ("Zoë", "A.", "Fitzgerald"),
    ("Mohammed", "", "Al-Farsi"),
    ("Wei", "", "Zhang"),
    ("Yuki", "", "Tanaka"),
    ("Jean-Luc", "", "Moreau"),
    ("Anna", "Maria", "Kowalska"),
    ("Chidi", "", "Okafor"),
    ("Rahul", "K.", "Mehta"),
    ("Carlos", "Eduardo", "Silva"),
    ("Thomas", "J.", "O'Brien"),
    ("Siobhán", "", "Murphy"),
    ("Dmitri", "", "Ivanov"),
    ("Hana", "", "Kim"),
    ("José", "", "Núñez"),
    ("Emily", "Rose", "Carter"),
    ("Kwame", "", "Mensah"),
    ("Lucía", "", "Fernández"),
    ("Ahmet", "", "Y\u0131lmaz"),
    ("Ingrid", "", "Johansson"),
    ("Sarah", "", "Cohen"),
    ("Nikhil", "", "Bhattacharya"),
    ("Grace", "", "Wanjiru"),
    ("Amélie", "", "Dubois-Martin"),
    ("Marcus", "", "van der Berg"),
    ("Tariq", "", "Hussain"),
    ("Olga", "", "Petrenko"),
    ("Daniel", "", "Müller"),
    ("Linh", "", "Nguyen"),
    ("Aisha", "", "Bello"),
    ("Mateo", "", "Rossi"),
    ("Fatima", "", "Khan"),
    ("Robert", "Allen", "Jackson"),
)
MAIL_DOMAINS = (
    "gmail.com",
    "outlook.com",
    "example.com",
    "yahoo.co.uk",
    "proton.me",
    "mail.com",
    "web.de",
)


@dataclass(frozen=True)
class Place:
    city: str
    region: str  # the state or province code in "City, ST", else the country
    country: str  # ISO 3166 alpha-2, the phone's region
    mobile: str  # a national mobile prefix that makes valid numbers


PLACES: tuple[Place, ...] = (
    Place("Austin", "TX", "US", "512"),
    Place("Seattle", "WA", "US", "206"),
    Place("Chicago", "IL", "US", "312"),
    Place("Boston", "MA", "US", "617"),
    Place("Denver", "CO", "US", "303"),
    Place("Atlanta", "GA", "US", "404"),
    Place("Toronto", "ON", "CA", "416"),
    Place("London", "United Kingdom", "GB", "7700"),
    Place("Manchester", "United Kingdom", "GB", "7911"),
    Place("Berlin", "Germany", "DE", "151"),
    Place("Munich", "Germany", "DE", "170"),
    Place("Paris", "France", "FR", "6"),
    Place("Bangalore", "India", "IN", "98"),
    Place("Sydney", "Australia", "AU", "4"),
    Place("São Paulo", "Brazil", "BR", "119"),
    Place("Lagos", "Nigeria", "NG", "803"),
    Place("Madrid", "Spain", "ES", "6"),
    Place("Amsterdam", "Netherlands", "NL", "6"),
    Place("Nairobi", "Kenya", "KE", "7"),
    Place("Singapore", "Singapore", "SG", "9"),
)


UNIVERSITIES: dict[str, tuple[str, ...]] = {
    "US": (
        "University of Michigan",
        "Georgia Institute of Technology",
        "Arizona State University",
        "University of Texas at Austin",
        "Boston University",
        "Ohio State University",
    ),
    "CA": ("University of Toronto", "McGill University"),
    "GB": ("University of Manchester", "King's College London"),
    "DE": ("Technische Universität München", "Humboldt University of Berlin"),
    "FR": ("Université de Lyon", "Sorbonne University"),
    "IN": ("Indian Institute of Technology Bombay", "University of Delhi"),
    "AU": ("University of Sydney", "Monash University"),
    "BR": ("Universidade de São Paulo",),
    "NG": ("University of Lagos",),
    "ES": ("Universidad Complutense de Madrid",),
    "NL": ("Delft University of Technology", "University of Amsterdam"),
    "KE": ("University of Nairobi",),
    "SG": ("National University of Singapore",),
}
COLLEGES = ("Austin Community College", "Santa Monica College", "Seneca College")
HIGH_SCHOOLS = ("Lincoln High School", "St. Joseph's College", "Roosevelt High School")

HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "Summary",
        "Professional Summary",
        "Profile",
        "About Me",
        "Career Objective",
    ),
    "experience": (
        "Work Experience",
        "Professional Experience",
        "Employment History",
        "Experience",
        "Career History",
        "Work History",
    ),
    "education": (
        "Education",
        "Academic Background",
        "Education and Training",
        "Academic Qualifications",
    ),
    "skills": (
        "Skills",
        "Core Competencies",
        "Technical Skills",
        "Key Skills",
        "Areas of Expertise",
    ),
    "certifications": ("Certifications", "Licenses & Certifications", "Certificates"),
    "languages": ("Languages", "Language Skills"),
}
SPOKEN = (
    "English",
    "Spanish",
    "French",
    "German",
    "Portuguese",
    "Hindi",
    "Mandarin",
    "Arabic",
    "Italian",
    "Dutch",
    "Japanese",
    "Swahili",
    "Russian",
    "Turkish",
)
# proficiency value -> the words resumes use for it
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "native": ("Native", "Mother tongue", "native speaker"),
    "fluent": ("Fluent", "Advanced", "C2"),
    "professional": ("Professional working proficiency", "C1", "Business level"),
    "intermediate": ("Intermediate", "Conversational", "B1"),
    "basic": ("Basic", "Beginner", "A2"),
}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
