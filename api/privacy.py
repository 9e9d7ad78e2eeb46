"""Privacy in the API: erasure, export, consent records, retention and the audit log."""

from datetime import datetime
from typing import Any, Self
from uuid import UUID

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.candidates import READ, WRITE, Candidate
from api.context import Info
from api.errors import UserError, user_errors
from api.pagination import decode_id
from api.permissions import HasScope, IsAdmin, IsRecruiter, allow
from api.pools import Pool
from domain.access import Scope
from domain.errors import DomainError
from domain.models import AuditEntry as AuditEntryModel
from domain.models import Consent as ConsentModel
from domain.models import ConsentPurpose as DomainConsentPurpose
from domain.pagination import DEFAULT_PAGE_SIZE
from domain.privacy import audit_log, consents, erase, export, retention

ConsentPurpose = strawberry.enum(DomainConsentPurpose, name="ConsentPurpose")


def _gid(type_name: str, row_id: UUID | None) -> relay.GlobalID | None:
    return relay.GlobalID(type_name, str(row_id)) if row_id else None


@strawberry.type(description="One grant or withdrawal; the latest per purpose counts.")
class Consent:
    purpose: ConsentPurpose  # type: ignore[valid-type]  # strawberry.enum returns the enum
    granted: bool
    source: str
    valid_until: datetime | None
    recorded_at: datetime
    recorded_by_id: relay.GlobalID | None
    in_force: bool = strawberry.field(
        description="A grant whose validity has not ended."
    )

    @classmethod
    def from_model(cls, row: ConsentModel, now: datetime) -> Self:
        return cls(
            purpose=row.purpose,
            granted=row.granted,
            source=row.source,
            valid_until=row.valid_until,
            recorded_at=row.recorded_at,
            recorded_by_id=_gid("User", row.recorded_by_id),
            in_force=consents.is_in_force(row, now),
        )


@strawberry.type
class AuditEntry:
    id: str
    action: str
    entity_type: str
    entity_id: str | None = strawberry.field(description="The row's UUID.")
    actor_id: relay.GlobalID | None = strawberry.field(
        description="The user; null for the system's own work."
    )
    api_key_id: relay.GlobalID | None
    request_id: str | None
    details: JSON
    created_at: datetime

    @classmethod
    def from_model(cls, row: AuditEntryModel) -> Self:
        return cls(
            id=str(row.id),
            action=row.action,
            entity_type=row.entity_type,
            entity_id=str(row.entity_id) if row.entity_id else None,
            actor_id=_gid("User", row.actor_id),
            api_key_id=_gid("ApiKey", row.api_key_id),
            request_id=row.request_id,
            details=JSON(row.details),
            created_at=row.created_at,
        )


@strawberry.type
class AuditLogPage:
    entries: list[AuditEntry]
    end_cursor: str | None
    has_next_page: bool


@strawberry.input
class AuditLogFilter:
    candidate_id: relay.GlobalID | None = None
    actor_id: relay.GlobalID | None = None
    action: str | None = strawberry.field(
        default=None, description="E.g. candidate.read, candidate.erase."
    )
    from_: datetime | None = strawberry.field(
        default=None, name="from", description="Inclusive."
    )
    to: datetime | None = strawberry.field(default=None, description="Exclusive.")

    def to_domain(self) -> audit_log.AuditFilter:
        return audit_log.AuditFilter(
            candidate_id=decode_id(self.candidate_id, "Candidate", field="candidateId")
            if self.candidate_id
            else None,
            actor_id=decode_id(self.actor_id, "User", field="actorId")
            if self.actor_id
            else None,
            action=self.action,
            since=self.from_,
            until=self.to,
        )


@strawberry.input
class CandidateEraseInput:
    candidate_id: relay.GlobalID


@strawberry.type
class CandidateErasePayload:
    candidate: Candidate | None = strawberry.field(
        default=None, description="The anonymous placeholder left behind."
    )
    resumes_erased: int = 0
    files_deleted: int = 0
    matches_deleted: int = 0
    already_erased: bool = False
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class ConsentRecordInput:
    candidate_id: relay.GlobalID
    purpose: ConsentPurpose  # type: ignore[valid-type]  # strawberry.enum returns the enum
    granted: bool = strawberry.field(description="False records a withdrawal.")
    source: str = strawberry.field(
        description="Where the answer came from, e.g. 'application form 2024-05'."
    )
    valid_until: datetime | None = None


@strawberry.type
class ConsentRecordPayload:
    consent: Consent | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class PoolRetentionSetInput:
    pool_id: relay.GlobalID
    months: int | None = strawberry.field(
        description="Erase candidates untouched this many months; null keeps them."
    )


@strawberry.type
class PoolRetentionSetPayload:
    pool: Pool | None = None
    retention_months: int | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class PrivacyQuery:
    @strawberry.field(
        extensions=READ,
        description="Everything held about the person (GDPR access request) as"
        " JSON; null when you may not see the candidate. The export is audited.",
    )
    async def candidate_export(
        self, info: Info, candidate_id: relay.GlobalID
    ) -> JSON | None:
        try:
            candidate = decode_id(candidate_id, "Candidate", field="candidateId")
            data: dict[str, Any] = await export.export_candidate(
                info.context.viewer, candidate
            )
        except DomainError:
            return None
        return JSON(data)

    @strawberry.field(
        extensions=READ,
        description="Consent records, newest first; null when you may not see"
        " the candidate.",
    )
    async def candidate_consents(
        self, info: Info, candidate_id: relay.GlobalID
    ) -> list[Consent] | None:
        try:
            candidate = decode_id(candidate_id, "Candidate", field="candidateId")
            rows = await consents.list_consents(info.context.viewer, candidate)
        except DomainError:
            return None
        now = datetime.now().astimezone()
        return [Consent.from_model(row, now) for row in rows]

    @strawberry.field(
        extensions=allow(IsAdmin(), HasScope(Scope.CANDIDATES_READ)),
        description="Who read or changed what, newest first (admins).",
    )
    async def audit_log(
        self,
        info: Info,
        filter: AuditLogFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> AuditLogPage:
        page = await audit_log.list_audit_entries(
            info.context.viewer,
            (filter or AuditLogFilter()).to_domain(),
            first=first,
            after=after,
        )
        return AuditLogPage(
            entries=[AuditEntry.from_model(row) for row in page.entries],
            end_cursor=page.end_cursor,
            has_next_page=page.has_next_page,
        )


@strawberry.type
class PrivacyMutation:
    @strawberry.mutation(
        extensions=WRITE,
        description="Erase the person's data (GDPR art. 17): the owner of the"
        " candidate's pool or an admin. Idempotent.",
    )
    async def candidate_erase(
        self, info: Info, input: CandidateEraseInput
    ) -> CandidateErasePayload:
        try:
            candidate_id = decode_id(
                input.candidate_id, "Candidate", field="candidateId"
            )
            done = await erase.erase_candidate(
                info.context.viewer, candidate_id, store=info.context.intake.store
            )
        except DomainError as exc:
            return CandidateErasePayload(user_errors=user_errors(exc))
        return CandidateErasePayload(
            candidate=Candidate.from_model(done.candidate),
            resumes_erased=done.resumes,
            files_deleted=done.files_deleted,
            matches_deleted=done.matches,
            already_erased=done.already_erased,
        )

    @strawberry.mutation(extensions=WRITE)
    async def consent_record(
        self, info: Info, input: ConsentRecordInput
    ) -> ConsentRecordPayload:
        try:
            data = consents.ConsentInput(
                candidate_id=decode_id(
                    input.candidate_id, "Candidate", field="candidateId"
                ),
                purpose=input.purpose,
                granted=input.granted,
                source=input.source,
                valid_until=input.valid_until,
            )
            row = await consents.record_consent(info.context.viewer, data)
        except DomainError as exc:
            return ConsentRecordPayload(user_errors=user_errors(exc))
        return ConsentRecordPayload(
            consent=Consent.from_model(row, datetime.now().astimezone())
        )

    @strawberry.mutation(
        extensions=allow(IsRecruiter(), HasScope(Scope.POOLS_WRITE)),
        description="How long the pool keeps candidates nobody touched; a daily"
        " job erases older ones.",
    )
    async def pool_retention_set(
        self, info: Info, input: PoolRetentionSetInput
    ) -> PoolRetentionSetPayload:
        try:
            pool_id = decode_id(input.pool_id, "Pool", field="poolId")
            row = await retention.set_retention(
                info.context.viewer, pool_id, input.months
            )
        except DomainError as exc:
            return PoolRetentionSetPayload(user_errors=user_errors(exc))
        return PoolRetentionSetPayload(
            pool=Pool.from_model(row), retention_months=row.retention_months
        )
