"""What the model is asked about a resume and the shape its answer must have: a
strict JSON schema (every key required, nothing extra) validated with pydantic."""

import hashlib
import json
import re
from typing import Any

import phonenumbers
from pydantic import BaseModel, ConfigDict

from domain.parsing.contacts import EMAIL
from domain.parsing.model import ParsedResume
from domain.parsing.places import DEFAULT_REGION

PROMPT_VERSION = "resume-structure-v1"  # change it when the prompt or schema changes
MAX_TEXT_CHARS = 24_000  # about 6k tokens: a long resume's tail adds little
MASK = "[contact removed]"
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b(?:linkedin|github|gitlab)\.com/\S+", re.IGNORECASE
)

SYSTEM_PROMPT = """You structure resumes. Use only facts written in the resume text.
Copy names of employers, job titles, schools, degrees and skills exactly as written;
never guess or complete a value: use null when the text does not say it. Dates are
"YYYY-MM" (a year alone is "YYYY-01"). `summary` is a neutral two-sentence profile
of the person from the text; `strengths` are at most five short phrases, each backed
by the text. The locally parsed draft may be wrong or incomplete: correct it."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LlmExperience(_Strict):
    title: str | None
    company: str | None
    location: str | None
    start: str | None
    end: str | None
    current: bool


class LlmEducation(_Strict):
    degree: str | None
    field: str | None
    institution: str | None
    graduation_year: int | None


class LlmResume(_Strict):
    """The model's answer; nothing in it is trusted until `merge` checks it
    against the resume text."""

    name: str | None
    email: str | None
    phone: str | None
    location: str | None
    headline: str | None
    summary: str
    strengths: list[str]
    skills: list[str]
    experience: list[LlmExperience]
    education: list[LlmEducation]


def strip_contacts(text: str) -> str:
    """The text with e-mail addresses, phone numbers and profile links masked."""
    text = EMAIL.sub(MASK, text)
    text = _URL.sub(MASK, text)
    spans = [
        (m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, DEFAULT_REGION)
    ]
    for start, end in reversed(spans):
        text = text[:start] + MASK + text[end:]
    return text


def _draft(parsed: ParsedResume) -> dict[str, Any]:
    """The local result, short: what the model should check and complete."""

    def value(field: Any) -> Any:
        return None if field is None else field.value

    return {
        "name": value(parsed.name),
        "headline": value(parsed.headline),
        "location": value(parsed.location),
        "skills": [skill.name for skill in parsed.skills],
        "experience": [
            {
                "title": value(e.title),
                "company": value(e.company),
                "start": value(e.start),
                "end": value(e.end),
            }
            for e in parsed.experience
        ],
        "education": [
            {"degree": value(e.degree), "institution": value(e.institution)}
            for e in parsed.education
        ],
    }


def user_prompt(text: str, parsed: ParsedResume, *, send_contacts: bool) -> str:
    sent = text if send_contacts else strip_contacts(text)
    return (
        "Resume text:\n<<<\n"
        + sent[:MAX_TEXT_CHARS]
        + "\n>>>\n\nLocally parsed draft (JSON):\n"
        + json.dumps(_draft(parsed), ensure_ascii=False)
    )


def content_hash(prompt: str) -> str:
    """The cache key's content part: what was sent, so a change in the local
    parse or in redaction is a new question."""
    return hashlib.sha256(prompt.encode()).hexdigest()
