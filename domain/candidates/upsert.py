"""A parsed resume becomes a candidate: matched by e-mail or phone within the pool
(tier-1 duplicates update the existing profile), otherwise created."""

import logging
from typing import Any
from uuid import UUID

from tortoise import connections
from tortoise.expressions import Q

from domain.access import Viewer, candidates_with_merged
from domain.candidates.fields import clean_fields
from domain.candidates.merges import flag_possible_duplicates
from domain.candidates.preferences import CandidatePreferences
from domain.candidates.stated_preferences import preferences_from_text
from domain.drive.links import source_link
from domain.errors import DomainError
from domain.models import Candidate, CandidateSource, Resume, SourceKind
from domain.parsing.model import ParsedResume

logger = logging.getLogger(__name__)

MAX_MERGE_HOPS = 10
PROFILE_FIELDS = ("name", "email", "phone", "location", "headline", "summary")


def _value(parsed: ParsedResume, name: str) -> Any:
    field = getattr(parsed, name)
    return field.value if field is not None else None


def candidate_values(parsed: ParsedResume) -> dict[str, Any]:
    """Profile values read from `parsed`; a value that fails validation is left out
    (a resume's typo must not fail the whole resume)."""
    values: dict[str, Any] = {}
    raw = {name: _value(parsed, name) for name in PROFILE_FIELDS}
    raw["skills"] = [skill.name for skill in parsed.skills]
    for name, value in raw.items():
        if value in (None, "", []):
            continue
        try:
            values.update(clean_fields({name: value}))
        except DomainError as exc:  # InvalidInput included
            logger.info("parsed value dropped field=%s reason=%s", name, exc)
    if parsed.total_experience_months:
        values["years_experience"] = round(parsed.total_experience_months / 12, 1)
    values["profile"] = parsed.model_dump(mode="json")
    return values


def _stated_preferences(text: str) -> dict[str, Any]:
    """`{"preferences": ...}` when the resume states valid ones, else {}."""
    stated = preferences_from_text(text)
    try:
        wanted = CandidatePreferences.model_validate(stated) if stated else None
    except ValueError as exc:  # pydantic's ValidationError included
        logger.info("stated preferences dropped reason=%s", exc)
        return {}
    return {"preferences": wanted.model_dump(mode="json")} if wanted else {}


async def _tier_one_match(pool_id: object, values: dict[str, Any]) -> Candidate | None:
    """The profile with the same e-mail or phone; a profile merged into another
    leads to the one it was merged into (which keeps its own e-mail)."""
    keys = [Q(**{key: values[key]}) for key in ("email", "phone") if values.get(key)]
    if not keys:
        return None
    scope = candidates_with_merged(Viewer.system()).filter(pool_id=pool_id)
    query = scope.filter(Q(*keys, join_type=Q.OR))
    candidate = await query.order_by("merged_into_id", "created_at").first()
    for _ in range(MAX_MERGE_HOPS):
        if candidate is None or candidate.merged_into_id is None:
            return candidate
        if candidate.email == values.get("email"):
            values.pop("email")
        candidate = await scope.get_or_none(id=candidate.merged_into_id)
    return candidate


async def upsert_from_resume(
    resume: Resume,
    parsed: ParsedResume,
    *,
    profile_of: UUID | None = None,
    pool_id: UUID | None = None,
    source: SourceKind | None = None,
) -> Candidate:
    """The candidate for `resume` (call inside the resume's transaction) in
    `pool_id` (default: the resume's pool). Fields a recruiter edited by hand
    (`manual_fields`) are never overwritten. `profile_of` links a new candidate
    to the user whose own profile it is; `source` defaults to the resume's."""
    values = candidate_values(parsed)
    values.setdefault("name", f"Unnamed candidate ({resume.filename})"[:200])
    if resume.text:
        values["resume_text"] = resume.text
        values.update(_stated_preferences(resume.text))
    target_pool = pool_id or resume.pool_id
    # Two resumes of one person parsed at once by two jobs would both find no
    # match and both insert (a unique violation): one upsert per pool at a time,
    # until the transaction ends.
    await connections.get("default").execute_query(
        "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
        [f"candidate-upsert:{target_pool}"],
    )
    candidate = await _tier_one_match(target_pool, values)
    if candidate is None:
        candidate = await Candidate.create(
            pool_id=target_pool, user_id=profile_of, **values
        )
        await flag_possible_duplicates(candidate)
    else:
        changes = {k: v for k, v in values.items() if k not in candidate.manual_fields}
        candidate.update_from_dict(changes)
        await candidate.save(update_fields=[*changes, "updated_at"])
    await CandidateSource.create(
        candidate=candidate,
        kind=source or resume.source,
        resume_id=resume.id,
        **await source_link(resume),
    )
    return candidate
