"""What a candidate wants from a job (roles, places, work mode, pay, job types),
and the filter it puts on candidate -> jobs matching.

The filter drops a job only on a stated conflict: a work mode the candidate
does not accept, an employment type outside the ones they want, a salary range
wholly below their minimum (same currency), or an on-site/hybrid job in none of
their locations. A job that leaves a field blank is never dropped for it.
Desired roles are stored and shown, not filtered on (titles vary too much)."""

import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    StringConstraints,
    ValidationError,
    model_validator,
)

from domain.errors import DomainError
from domain.models import RemotePolicy

Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)
]
MAX_ITEMS = 20
_CURRENCY = re.compile(r"[A-Z]{3}")


def job_type_key(value: str) -> str:
    """`Full-time`, `full time` and `FULL_TIME` are one type: `full_time`."""
    return re.sub(r"[\s\-]+", "_", value.strip().lower())


class CandidatePreferences(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    desired_roles: tuple[Text, ...] = ()
    locations: tuple[Text, ...] = ()
    work_modes: tuple[RemotePolicy, ...] = ()  # accepted ones; empty: any
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = None
    job_types: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> "CandidatePreferences":
        lists = (self.desired_roles, self.locations, self.job_types)
        if any(len(items) > MAX_ITEMS for items in lists):
            raise ValueError(f"give at most {MAX_ITEMS} roles, locations and types")
        low, high = self.salary_min, self.salary_max
        if (low is not None and low < 0) or (high is not None and high < 0):
            raise ValueError("salaries are not negative")
        if low is not None and high is not None and low > high:
            raise ValueError("salaryMin is above salaryMax")
        if self.salary_currency and not _CURRENCY.fullmatch(self.salary_currency):
            raise ValueError("salaryCurrency is a 3-letter ISO code such as EUR")
        return self


def parse_preferences(values: Mapping[str, Any]) -> CandidatePreferences:
    """Validated preferences; the problems raise one DomainError that names them."""
    try:
        return CandidatePreferences.model_validate(dict(values))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'preferences'}:"
            f" {error['msg'].removeprefix('Value error, ')}"
            for error in exc.errors()
        )
        raise DomainError(
            f"These preferences are not valid: {problems}.", field="preferences"
        ) from exc


def stored(preferences: Mapping[str, Any] | None) -> CandidatePreferences:
    """The preferences kept on a candidate row ({} when none were given)."""
    return CandidatePreferences.model_validate(dict(preferences or {}))


def _place_fits(wanted: tuple[str, ...], place: str) -> bool:
    here = place.lower()
    return any(w.lower() in here or here in w.lower() for w in wanted)


def job_fits(preferences: CandidatePreferences, job: Mapping[str, Any]) -> bool:
    """Whether `job` (remote, employment_type, salary_min/max/currency,
    location) conflicts with none of the stated preferences."""
    remote = job.get("remote")
    if preferences.work_modes and remote and remote not in preferences.work_modes:
        return False
    kind = job.get("employment_type")
    wanted_kinds = {job_type_key(t) for t in preferences.job_types}
    if wanted_kinds and kind and job_type_key(kind) not in wanted_kinds:
        return False
    top, floor = job.get("salary_max"), preferences.salary_min
    currencies = {job.get("salary_currency"), preferences.salary_currency} - {None}
    if top is not None and floor is not None and len(currencies) <= 1 and top < floor:
        return False
    location = job.get("location")
    on_site = remote != RemotePolicy.REMOTE
    return not (
        preferences.locations
        and on_site
        and location
        and not _place_fits(preferences.locations, location)
    )
