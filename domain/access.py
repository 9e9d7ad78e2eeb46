"""Who is asking (`Viewer`) and the row scopes that decide what each viewer may touch.

Every read or write of user data starts from a `visible_*`, `owned_*` or `editable_*`
query here, so a forgotten permission check in the API cannot leak another recruiter's
rows, and an API key reaches only the rows its scopes cover.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from domain.models import (
    Application,
    AuditEntry,
    Candidate,
    CandidateDuplicate,
    CandidateMerge,
    Consent,
    DriveConnection,
    DriveSync,
    DuplicateStatus,
    ImportBatch,
    Job,
    JobStatus,
    Match,
    Notification,
    Pool,
    PoolGrant,
    PoolKind,
    ProcessingJob,
    Resume,
    Role,
    UsageCounter,
    User,
    Webhook,
    WebhookDelivery,
)


class Scope(StrEnum):
    """What an API key may do; a signed-in user has every scope of their role."""

    CANDIDATES_READ = "candidates:read"
    CANDIDATES_WRITE = "candidates:write"
    POOLS_READ = "pools:read"
    POOLS_WRITE = "pools:write"
    RESUMES_READ = "resumes:read"
    RESUMES_WRITE = "resumes:write"
    DRIVE_READ = "drive:read"
    DRIVE_WRITE = "drive:write"
    JOBS_READ = "jobs:read"
    JOBS_WRITE = "jobs:write"
    WEBHOOKS_READ = "webhooks:read"
    WEBHOOKS_WRITE = "webhooks:write"


@dataclass(frozen=True)
class Viewer:
    """The identity behind one request or job."""

    user_id: UUID | None = None
    role: Role | None = None
    scopes: frozenset[Scope] | None = None  # None: not limited (signed-in user)
    api_key_id: UUID | None = None
    request_id: str | None = None
    is_system: bool = False
    problem: str | None = field(default=None, compare=False)

    @classmethod
    def anonymous(
        cls, *, request_id: str | None = None, problem: str | None = None
    ) -> "Viewer":
        return cls(request_id=request_id, problem=problem)

    @classmethod
    def system(cls) -> "Viewer":
        """Background work acting for the product itself; audited as such."""
        return cls(role=Role.ADMIN, is_system=True)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None or self.is_system

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_recruiter(self) -> bool:
        """Recruiters and admins: the roles that work with pools."""
        return self.role in (Role.RECRUITER, Role.ADMIN)

    def has_scope(self, scope: Scope) -> bool:
        return self.is_authenticated and (self.scopes is None or scope in self.scopes)


def _nothing(model: type[Pool] | type[Candidate] | type[User]) -> QuerySet:  # type: ignore[type-arg]  # one helper for three models
    return model.filter(id__isnull=True)


def _pools_of(viewer: Viewer) -> QuerySet[Pool]:
    if viewer.is_admin:
        return Pool.all()
    if viewer.user_id is None:
        return _nothing(Pool)
    granted = PoolGrant.filter(user_id=viewer.user_id).values("pool_id")
    return Pool.filter(Q(owner_id=viewer.user_id) | Q(id__in=Subquery(granted)))


def visible_pools(viewer: Viewer) -> QuerySet[Pool]:
    """Pools the viewer may read: own and granted ones; all for an admin.

    A key that may read candidates may also see the pools they are in."""
    if not (
        viewer.has_scope(Scope.POOLS_READ) or viewer.has_scope(Scope.CANDIDATES_READ)
    ):
        return _nothing(Pool)
    return _pools_of(viewer)


def owned_pools(viewer: Viewer) -> QuerySet[Pool]:
    """Pools the viewer may rename and share: their own; all for an admin."""
    if not viewer.has_scope(Scope.POOLS_WRITE):
        return _nothing(Pool)
    if viewer.is_admin:
        return Pool.all()
    if viewer.user_id is None:
        return _nothing(Pool)
    return Pool.filter(owner_id=viewer.user_id)


def candidate_pools(viewer: Viewer) -> QuerySet[Pool]:
    """Pools the viewer may add candidates to: recruiters' own and granted ones."""
    if not viewer.is_recruiter or not viewer.has_scope(Scope.CANDIDATES_WRITE):
        return _nothing(Pool)
    return _pools_of(viewer)


def visible_candidates(viewer: Viewer) -> QuerySet[Candidate]:
    """Candidates in the viewer's pools; a candidate sees only their own profile.
    A candidate merged into another is hidden (the merge can still be undone)."""
    return candidates_with_merged(viewer).filter(merged_into_id__isnull=True)


def candidates_with_merged(viewer: Viewer) -> QuerySet[Candidate]:
    """As `visible_candidates`, with merged ones: to follow or undo a merge."""
    if not viewer.has_scope(Scope.CANDIDATES_READ):
        return _nothing(Candidate)
    return _candidates_of(viewer)


def _candidates_of(viewer: Viewer) -> QuerySet[Candidate]:
    if viewer.is_admin:
        return Candidate.all()
    if viewer.user_id is None:
        return _nothing(Candidate)
    if viewer.role is Role.CANDIDATE:
        return Candidate.filter(user_id=viewer.user_id)
    pool_ids = _pools_of(viewer).values("id")
    return Candidate.filter(pool_id__in=Subquery(pool_ids))


def editable_candidates(viewer: Viewer) -> QuerySet[Candidate]:
    """Candidates the viewer may change: recruiters in their pools, admins all."""
    return editable_with_merged(viewer).filter(merged_into_id__isnull=True)


def editable_with_merged(viewer: Viewer) -> QuerySet[Candidate]:
    if not viewer.is_recruiter or not viewer.has_scope(Scope.CANDIDATES_WRITE):
        return _nothing(Candidate)
    return _candidates_of(viewer)


def erasable_candidates(viewer: Viewer) -> QuerySet[Candidate]:
    """Candidates whose personal data the viewer may erase: those in pools the
    viewer owns (not merely granted ones), all for an admin; merged ones too,
    since they are the same person's."""
    if not viewer.is_recruiter or not viewer.has_scope(Scope.CANDIDATES_WRITE):
        return _nothing(Candidate)
    if viewer.is_admin:
        return Candidate.all()
    if viewer.user_id is None:
        return _nothing(Candidate)
    owned = Pool.filter(owner_id=viewer.user_id).values("id")
    return Candidate.filter(pool_id__in=Subquery(owned))


def visible_consents(viewer: Viewer) -> QuerySet[Consent]:
    """Consent records of the candidates the viewer sees."""
    candidates = candidates_with_merged(viewer).values("id")
    return Consent.filter(candidate_id__in=Subquery(candidates))


def visible_audit_entries(viewer: Viewer) -> QuerySet[AuditEntry]:
    """The audit log is for admins (any key of theirs with candidates:read)."""
    if not viewer.is_admin or not viewer.has_scope(Scope.CANDIDATES_READ):
        return AuditEntry.filter(id__isnull=True)
    return AuditEntry.all()


def preference_editable_candidates(viewer: Viewer) -> QuerySet[Candidate]:
    """Candidates whose preferences the viewer may set: a candidate user their own
    profiles, recruiters and admins those they may change."""
    if viewer.role is Role.CANDIDATE and viewer.has_scope(Scope.CANDIDATES_WRITE):
        return Candidate.filter(user_id=viewer.user_id, merged_into_id__isnull=True)
    return editable_candidates(viewer)


def visible_duplicates(viewer: Viewer) -> QuerySet[CandidateDuplicate]:
    """Open possible-duplicate flags whose two candidates the viewer both sees."""
    visible = visible_candidates(viewer)
    return CandidateDuplicate.filter(
        status=DuplicateStatus.OPEN,
        candidate_id__in=Subquery(visible.values("id")),
        duplicate_of_id__in=Subquery(visible_candidates(viewer).values("id")),
    )


def editable_merges(viewer: Viewer) -> QuerySet[CandidateMerge]:
    """Merges the viewer may undo: those of candidates they may change."""
    # An erased profile's merges keep no data to restore: they cannot be undone.
    kept = editable_candidates(viewer).filter(erased_at__isnull=True).values("id")
    return CandidateMerge.filter(kept_id__in=Subquery(kept))


def visible_notifications(viewer: Viewer) -> QuerySet[Notification]:
    """A signed-in user's own notifications (an API key sees its user's)."""
    if viewer.user_id is None:
        return Notification.filter(id__isnull=True)
    return Notification.filter(user_id=viewer.user_id)


def visible_users(viewer: Viewer) -> QuerySet[User]:
    """Users the viewer may see: themselves, owners of pools they see, and the
    recruiters they shared their own pools with; all for an admin."""
    if viewer.is_admin:
        return User.all()
    if viewer.user_id is None:
        return _nothing(User)
    owners = _pools_of(viewer).values("owner_id")
    grantees = PoolGrant.filter(pool__owner_id=viewer.user_id).values("user_id")
    return User.filter(
        Q(id=viewer.user_id) | Q(id__in=Subquery(owners)) | Q(id__in=Subquery(grantees))
    )


def upload_pools(viewer: Viewer) -> QuerySet[Pool]:
    """Pools the viewer may upload resumes into: a recruiter's own and granted
    ones, a candidate's personal pool."""
    if not viewer.has_scope(Scope.RESUMES_WRITE) or viewer.user_id is None:
        return _nothing(Pool)
    if viewer.role is Role.CANDIDATE:
        return Pool.filter(owner_id=viewer.user_id, kind=PoolKind.PERSONAL)
    return _pools_of(viewer)


def _resume_scope(viewer: Viewer) -> QuerySet[Resume]:
    if viewer.is_admin:
        return Resume.all()
    if viewer.user_id is None:
        return Resume.filter(id__isnull=True)
    if viewer.role is Role.CANDIDATE:
        return Resume.filter(uploaded_by_id=viewer.user_id)
    return Resume.filter(pool_id__in=Subquery(_pools_of(viewer).values("id")))


def visible_resumes(viewer: Viewer) -> QuerySet[Resume]:
    """Resumes in the viewer's pools; a candidate sees the ones they uploaded."""
    if not viewer.has_scope(Scope.RESUMES_READ):
        return Resume.filter(id__isnull=True)
    return _resume_scope(viewer)


def editable_resumes(viewer: Viewer) -> QuerySet[Resume]:
    """Resumes the viewer may re-run: as visible, with the write scope."""
    if not viewer.has_scope(Scope.RESUMES_WRITE):
        return Resume.filter(id__isnull=True)
    return _resume_scope(viewer)


def visible_batches(viewer: Viewer) -> QuerySet[ImportBatch]:
    if not viewer.has_scope(Scope.RESUMES_READ):
        return ImportBatch.filter(id__isnull=True)
    if viewer.is_admin:
        return ImportBatch.all()
    if viewer.user_id is None:
        return ImportBatch.filter(id__isnull=True)
    if viewer.role is Role.CANDIDATE:
        return ImportBatch.filter(created_by_id=viewer.user_id)
    return ImportBatch.filter(pool_id__in=Subquery(_pools_of(viewer).values("id")))


def visible_processing_jobs(viewer: Viewer) -> QuerySet[ProcessingJob]:
    """Admins: all; others: the jobs of the resumes they may see."""
    resume_ids = visible_resumes(viewer).values("id")
    return ProcessingJob.filter(resume_id__in=Subquery(resume_ids))


def editable_processing_jobs(viewer: Viewer) -> QuerySet[ProcessingJob]:
    """Jobs the viewer may re-run: those of the resumes they may change."""
    resume_ids = editable_resumes(viewer).values("id")
    return ProcessingJob.filter(resume_id__in=Subquery(resume_ids))


def visible_drive_syncs(viewer: Viewer) -> QuerySet[DriveSync]:
    """A recruiter's own Drive syncs; all for an admin; none for anyone else."""
    if not viewer.is_recruiter or not viewer.has_scope(Scope.DRIVE_READ):
        return DriveSync.filter(id__isnull=True)
    return _drive_syncs_of(viewer)


def editable_drive_syncs(viewer: Viewer) -> QuerySet[DriveSync]:
    """Drive syncs the viewer may change, run or delete: as visible, with write."""
    if not viewer.is_recruiter or not viewer.has_scope(Scope.DRIVE_WRITE):
        return DriveSync.filter(id__isnull=True)
    return _drive_syncs_of(viewer)


def _drive_syncs_of(viewer: Viewer) -> QuerySet[DriveSync]:
    if viewer.is_admin:
        return DriveSync.all()
    if viewer.user_id is None:
        return DriveSync.filter(id__isnull=True)
    return DriveSync.filter(owner_id=viewer.user_id)


def drive_pools(viewer: Viewer) -> QuerySet[Pool]:
    """Pools a Drive sync of the viewer may import into: own and granted ones."""
    if not viewer.is_recruiter or not viewer.has_scope(Scope.DRIVE_WRITE):
        return _nothing(Pool)
    return _pools_of(viewer)


def own_drive_connections(viewer: Viewer) -> QuerySet[DriveConnection]:
    """The viewer's own Drive connection (at most one); an admin's too, no more:
    a connection acts as its user on Google's side."""
    if viewer.is_system:
        return DriveConnection.all()
    if viewer.user_id is None or not viewer.is_recruiter:
        return DriveConnection.filter(id__isnull=True)
    return DriveConnection.filter(owner_id=viewer.user_id)


def visible_jobs(viewer: Viewer) -> QuerySet[Job]:
    """Recruiters see the jobs they posted, admins all; a candidate sees the open
    ones (to apply)."""
    if not viewer.has_scope(Scope.JOBS_READ):
        return Job.filter(id__isnull=True)
    if viewer.is_admin:
        return Job.all()
    if viewer.user_id is None:
        return Job.filter(id__isnull=True)
    if viewer.role is Role.CANDIDATE:
        return Job.filter(status=JobStatus.OPEN)
    return Job.filter(owner_id=viewer.user_id)


def editable_jobs(viewer: Viewer) -> QuerySet[Job]:
    """Jobs the viewer may change: a recruiter's own, all for an admin."""
    if not viewer.is_recruiter or not viewer.has_scope(Scope.JOBS_WRITE):
        return Job.filter(id__isnull=True)
    if viewer.is_admin:
        return Job.all()
    return Job.filter(owner_id=viewer.user_id)


def visible_matches(viewer: Viewer) -> QuerySet[Match]:
    """Matches of the recruiter's own jobs with candidates they may see (jobs and
    candidates read); all for an admin. Candidates see no scores."""
    if not viewer.is_recruiter or not viewer.has_scope(Scope.JOBS_READ):
        return Match.filter(id__isnull=True)
    jobs = visible_jobs(viewer).values("id")
    candidates = visible_candidates(viewer).values("id")
    return Match.filter(
        job_id__in=Subquery(jobs), candidate_id__in=Subquery(candidates)
    )


def editable_matches(viewer: Viewer) -> QuerySet[Match]:
    """Matches the viewer may give feedback on: of jobs they may change, with
    candidates in their pools (a write-only key needs no read scope)."""
    jobs = editable_jobs(viewer).values("id")
    candidates = _candidates_of(viewer).filter(merged_into_id__isnull=True)
    return Match.filter(
        job_id__in=Subquery(jobs), candidate_id__in=Subquery(candidates.values("id"))
    )


def jobs_seeing_pool(pool_id: UUID) -> QuerySet[Job]:
    """Open jobs whose owner may see candidates of `pool_id` (its owner and the
    recruiters it is shared with): where a new candidate is matched."""
    owner = Pool.filter(id=pool_id).values("owner_id")
    grantees = PoolGrant.filter(pool_id=pool_id).values("user_id")
    return Job.filter(
        Q(owner_id__in=Subquery(owner)) | Q(owner_id__in=Subquery(grantees)),
        status=JobStatus.OPEN,
    )


def visible_applications(viewer: Viewer) -> QuerySet[Application]:
    """A candidate user's own applications; a recruiter's, those to their jobs;
    all for an admin."""
    if not viewer.has_scope(Scope.JOBS_READ) or (
        viewer.user_id is None and not viewer.is_admin
    ):
        return Application.filter(id__isnull=True)
    if viewer.is_admin:
        return Application.all()
    if viewer.role is Role.CANDIDATE:
        return Application.filter(applicant_id=viewer.user_id)
    jobs = Job.filter(owner_id=viewer.user_id).values("id")
    return Application.filter(job_id__in=Subquery(jobs))


def stats_pools(viewer: Viewer) -> QuerySet[Pool]:
    """Pools whose processing and usage figures the viewer may read: a
    recruiter's own pools (not granted ones: the figures are the owner's
    business); all for an admin."""
    if not viewer.is_recruiter or not viewer.has_scope(Scope.RESUMES_READ):
        return _nothing(Pool)
    if viewer.is_admin:
        return Pool.all()
    return Pool.filter(owner_id=viewer.user_id)


def visible_webhooks(viewer: Viewer) -> QuerySet[Webhook]:
    """A recruiter's own webhooks; all for an admin."""
    if not viewer.is_recruiter or not viewer.has_scope(Scope.WEBHOOKS_READ):
        return Webhook.filter(id__isnull=True)
    if viewer.is_admin:
        return Webhook.all()
    return Webhook.filter(owner_id=viewer.user_id)


def editable_webhooks(viewer: Viewer) -> QuerySet[Webhook]:
    if not viewer.is_recruiter or not viewer.has_scope(Scope.WEBHOOKS_WRITE):
        return Webhook.filter(id__isnull=True)
    if viewer.is_admin:
        return Webhook.all()
    return Webhook.filter(owner_id=viewer.user_id)


def visible_deliveries(viewer: Viewer) -> QuerySet[WebhookDelivery]:
    webhook_ids = visible_webhooks(viewer).values("id")
    return WebhookDelivery.filter(webhook_id__in=Subquery(webhook_ids))


def visible_usage(viewer: Viewer) -> QuerySet[UsageCounter]:
    """Usage counters: everyone's for an admin, none for anyone else."""
    return UsageCounter.all() if viewer.is_admin else UsageCounter.filter(id=None)
