"""ORM models, one module per aggregate; this package is the Tortoise app `models`."""

from domain.models.applications import Application
from domain.models.audit import AuditEntry
from domain.models.candidates import (
    Candidate,
    CandidateDuplicate,
    CandidateMerge,
    CandidateSource,
    DuplicateStatus,
    SourceKind,
)
from domain.models.drive import (
    DriveAuthKind,
    DriveConnection,
    DriveFile,
    DriveRun,
    DriveSync,
    SyncSchedule,
)
from domain.models.jobs import (
    Job,
    JobStatus,
    Match,
    MatchFeedback,
    RemotePolicy,
    Skill,
)
from domain.models.llm import (
    EnrichmentStatus,
    JobRefinement,
    LlmCacheEntry,
    LlmCall,
    MatchExplanation,
    ResumeEnrichment,
)
from domain.models.notifications import Notification, NotificationKind
from domain.models.pools import Pool, PoolGrant, PoolKind
from domain.models.privacy import Consent, ConsentPurpose
from domain.models.resumes import (
    BatchSource,
    BatchStatus,
    ImportBatch,
    ImportBatchItem,
    JobStage,
    ProcessingJob,
    Resume,
    ResumeStatus,
)
from domain.models.usage import UsageCounter, UsageKind
from domain.models.users import ApiKey, Role, User
from domain.models.webhooks import (
    DeliveryStatus,
    Webhook,
    WebhookDelivery,
    WebhookEvent,
)

__all__ = [
    "ApiKey",
    "Application",
    "AuditEntry",
    "BatchSource",
    "BatchStatus",
    "Candidate",
    "CandidateDuplicate",
    "CandidateMerge",
    "CandidateSource",
    "Consent",
    "ConsentPurpose",
    "DeliveryStatus",
    "DriveAuthKind",
    "DriveConnection",
    "DriveFile",
    "DriveRun",
    "DriveSync",
    "DuplicateStatus",
    "EnrichmentStatus",
    "ImportBatch",
    "ImportBatchItem",
    "Job",
    "JobRefinement",
    "JobStage",
    "JobStatus",
    "LlmCacheEntry",
    "LlmCall",
    "Match",
    "MatchExplanation",
    "MatchFeedback",
    "Notification",
    "NotificationKind",
    "Pool",
    "PoolGrant",
    "PoolKind",
    "ProcessingJob",
    "RemotePolicy",
    "Resume",
    "ResumeEnrichment",
    "ResumeStatus",
    "Role",
    "Skill",
    "SourceKind",
    "SyncSchedule",
    "UsageCounter",
    "UsageKind",
    "User",
    "Webhook",
    "WebhookDelivery",
    "WebhookEvent",
]
