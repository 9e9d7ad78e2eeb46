"""The local `ParsedResume` and the model's answer merged field by field. The model
only adds or corrects what the text holds: a fact it returns that is not written
in the resume (employer, title, school, e-mail, phone, date) is dropped and listed
in `rejected`; softer values (location, headline, degree, field) are kept at low
confidence. `sources` says, per field, whether the value is local or the model's."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal, TypeVar

from rapidfuzz import fuzz

from domain.llm.grounding import ResumeText, e164, same_value
from domain.llm.structuring import LlmEducation, LlmExperience, LlmResume
from domain.parsing.dates import MonthDate, Precision, total_months
from domain.parsing.model import (
    Education,
    EducationLevel,
    Evidence,
    Experience,
    Field,
    ParsedResume,
    Skill,
)

Source = Literal["local", "llm"]
M = TypeVar("M", Experience, Education)
GROUNDED = 0.85  # the model's value, found in the text
UNGROUNDED = 0.3  # a soft value the text does not hold word for word
REPLACE_BELOW = 0.6  # a local value this unsure gives way to a grounded one
SKILL_CONFIDENCE = 0.6
SAME_ENTRY = 85  # rapidfuzz ratio for "the same employer/school"


@dataclass(frozen=True)
class Merged:
    parsed: ParsedResume
    sources: dict[str, Source]
    rejected: tuple[str, ...]


@dataclass
class _Merge:
    text: ResumeText
    sources: dict[str, Source] = field(default_factory=dict)
    rejected: list[str] = field(default_factory=list)

    def fact(
        self,
        path: str,
        value: str | None,
        find: Callable[[str], Evidence | None] | None = None,
    ) -> Field[str] | None:
        """A grounded fact, or None (listed as rejected when it was invented)."""
        if value is None or not value.strip():
            return None
        evidence = (find or self.text.find)(value)
        if evidence is None:
            self.rejected.append(f"{path}: {value!r} is not in the resume text")
            return None
        return Field[str](value=value.strip(), confidence=GROUNDED, evidence=evidence)

    def soft(self, value: str | None) -> Field[str] | None:
        if value is None or not value.strip():
            return None
        evidence = self.text.find(value)
        confidence = GROUNDED if evidence else UNGROUNDED
        return Field[str](value=value.strip(), confidence=confidence, evidence=evidence)

    def pick(
        self, path: str, local: Field[Any] | None, model: Field[Any] | None
    ) -> Field[Any] | None:
        """The local value unless it is missing or unsure and the model's is
        better grounded."""
        use_model = model is not None and (
            local is None
            or (
                local.confidence < REPLACE_BELOW
                and model.confidence > local.confidence
                and not same_value(str(local.value), str(model.value))
            )
        )
        chosen = model if use_model else local
        if chosen is not None:
            self.sources[path] = "llm" if use_model else "local"
        return chosen


def merge(local: ParsedResume, answer: LlmResume, text: str) -> Merged:
    state = _Merge(ResumeText(text))
    email = state.fact("email", answer.email and answer.email.lower())
    phone = state.fact("phone", e164(answer.phone), state.text.find_phone)
    merged = local.model_copy(
        update={
            "name": state.pick("name", local.name, state.fact("name", answer.name)),
            "email": state.pick("email", local.email, email),
            "phone": state.pick("phone", local.phone, phone),
            "location": state.pick(
                "location", local.location, state.soft(answer.location)
            ),
            "headline": state.pick(
                "headline", local.headline, state.soft(answer.headline)
            ),
            "experience": _experience(state, local.experience, answer.experience),
            "education": _education(state, local.education, answer.education),
            "skills": _skills(state, local.skills, answer.skills),
        }
    )
    months = max(local.total_experience_months, _months_of(merged.experience))
    merged = merged.model_copy(update={"total_experience_months": months})
    checked = ParsedResume.model_validate(merged.model_dump())
    return Merged(checked, state.sources, tuple(state.rejected))


def _months_of(experience: tuple[Experience, ...], today: date | None = None) -> int:
    """Months covered by the merged jobs, overlaps counted once (a job the model
    added with grounded dates counts; one without an end that is not current
    does not)."""
    ranges = []
    for job in experience:
        start, end = _month(job.start), _month(job.end)
        if start is not None and (end is not None or job.current):
            ranges.append((start, end))
    return total_months(ranges, today or datetime.now(UTC).date())


def _month(value: Field[str] | None) -> MonthDate | None:
    if value is None:
        return None
    year, month = value.value.split("-")
    return MonthDate(int(year), int(month), Precision.MONTH)


def _match(
    candidates: list[tuple[str | None, str | None]], key: tuple[str | None, str | None]
) -> int | None:
    """The index of the local entry with the same employer/school or title."""
    for index, pair in enumerate(candidates):
        for mine, theirs in zip(pair, key, strict=True):
            if (
                mine
                and theirs
                and fuzz.ratio(mine.lower(), theirs.lower()) >= SAME_ENTRY
            ):
                return index
    return None


def _value(item: Field[Any] | None) -> Any:
    return None if item is None else item.value


def _experience(
    state: _Merge, local: tuple[Experience, ...], answer: list[LlmExperience]
) -> tuple[Experience, ...]:
    entries = list(local)
    for index, entry in enumerate(entries):
        for name in ("title", "company", "start", "end"):
            if getattr(entry, name) is not None:
                state.sources[f"experience.{index}.{name}"] = "local"
    keys = [(_value(e.company), _value(e.title)) for e in entries]
    for number, item in enumerate(answer):
        path = f"experience[{number}]"
        found = {
            "title": state.fact(f"{path}.title", item.title),
            "company": state.fact(f"{path}.company", item.company),
            "start": state.fact(
                f"{path}.start", item.start, state.text.find_year_month
            ),
            "end": state.fact(f"{path}.end", item.end, state.text.find_year_month),
        }
        if found["title"] is None and found["company"] is None:
            continue  # nothing grounded to hang the entry on
        at = _match(keys, (_value(found["company"]), _value(found["title"])))
        if at is None:
            at = len(entries)
            entries.append(_new_experience(state, item))
            keys.append((None, None))
        entries[at] = _fill(state, f"experience.{at}", entries[at], found)
    return tuple(entries)


def _new_experience(state: _Merge, item: LlmExperience) -> Experience:
    return Experience(
        title=None,
        company=None,
        location=state.soft(item.location),
        start=None,
        end=None,
        current=item.current,
        description=None,
        achievements=(),
    )


def _fill(state: _Merge, path: str, entry: M, found: dict[str, Field[Any] | None]) -> M:
    """`entry` with its missing fields taken from the model's grounded ones."""
    update = {
        name: value
        for name, value in found.items()
        if value is not None and getattr(entry, name) is None
    }
    for name in update:
        state.sources[f"{path}.{name}"] = "llm"
    return entry.model_copy(update=update)


def _education(
    state: _Merge, local: tuple[Education, ...], answer: list[LlmEducation]
) -> tuple[Education, ...]:
    entries = list(local)
    for index, entry in enumerate(entries):
        for name in ("degree", "institution", "graduation_year"):
            if getattr(entry, name) is not None:
                state.sources[f"education.{index}.{name}"] = "local"
    keys = [(_value(e.institution), _value(e.degree)) for e in entries]
    for number, item in enumerate(answer):
        path = f"education[{number}]"
        found: dict[str, Field[Any] | None] = {
            "institution": state.fact(f"{path}.institution", item.institution),
            "degree": state.soft(item.degree),
            "field": state.soft(item.field),
            "graduation_year": _year(state, f"{path}.graduation_year", item),
        }
        if found["institution"] is None and found["degree"] is None:
            continue
        at = _match(keys, (_value(found["institution"]), _value(found["degree"])))
        if at is None:
            at = len(entries)
            entries.append(_new_education())
            keys.append((None, None))
        entries[at] = _fill(state, f"education.{at}", entries[at], found)
    return tuple(entries)


def _year(state: _Merge, path: str, item: LlmEducation) -> Field[int] | None:
    if item.graduation_year is None:
        return None
    evidence = state.text.find_year(item.graduation_year)
    if evidence is None:
        state.rejected.append(f"{path}: {item.graduation_year} is not in the text")
        return None
    return Field[int](
        value=item.graduation_year, confidence=GROUNDED, evidence=evidence
    )


def _new_education() -> Education:
    return Education(
        degree=None,
        level=EducationLevel.OTHER,
        field=None,
        institution=None,
        start=None,
        end=None,
        graduation_year=None,
    )


def _skills(
    state: _Merge, local: tuple[Skill, ...], answer: list[str]
) -> tuple[Skill, ...]:
    known = {skill.name.lower() for skill in local}
    for skill in local:
        state.sources[f"skills.{skill.name}"] = "local"
    added: list[Skill] = []
    for name in answer:
        if name.lower() in known:
            continue
        grounded = state.fact(f"skills.{name}", name)
        if grounded is None:
            continue
        known.add(name.lower())
        state.sources[f"skills.{grounded.value}"] = "llm"
        added.append(
            Skill(
                name=grounded.value,
                canonical_id=None,
                category=None,
                source_section="llm",
                years=None,
                confidence=SKILL_CONFIDENCE,
                evidence=grounded.evidence,
            )
        )
    return (*local, *added)
