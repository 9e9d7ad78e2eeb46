"""The denied-call snapshot: every row a call could change, so a refused call
can be shown to have changed nothing (tests/api/permission_cases.py)."""

from typing import Any

from domain.models import (
    ApiKey,
    Application,
    AuditEntry,
    Candidate,
    CandidateDuplicate,
    CandidateMerge,
    CandidateSource,
    Consent,
    DriveConnection,
    DriveFile,
    DriveRun,
    DriveSync,
    ImportBatch,
    ImportBatchItem,
    Job,
    JobRefinement,
    LlmCacheEntry,
    LlmCall,
    Match,
    MatchExplanation,
    Notification,
    Pool,
    PoolGrant,
    ProcessingJob,
    Resume,
    ResumeEnrichment,
    Skill,
    UsageCounter,
    User,
    Webhook,
    WebhookDelivery,
)


async def snapshot() -> dict[str, Any]:
    """Every row the API could change (API key use times aside)."""
    return {
        "candidates": await Candidate.all()
        .order_by("id")
        .values_list(
            "id",
            "pool_id",
            "user_id",
            "name",
            "email",
            "phone",
            "location",
            "headline",
            "summary",
            "skills",
            "merged_into_id",
            "preferences",
            "updated_at",
        ),
        "applications": await Application.all()
        .order_by("id")
        .values_list("id", "job_id", "candidate_id"),
        "sources": await CandidateSource.all()
        .order_by("id")
        .values_list("id", "candidate_id"),
        "duplicates": await CandidateDuplicate.all()
        .order_by("id")
        .values_list("id", "status"),
        "merges": await CandidateMerge.all()
        .order_by("id")
        .values_list("id", "undone_at"),
        "notifications": await Notification.all()
        .order_by("id")
        .values_list("id", "read_at"),
        "jobs": await Job.all()
        .order_by("id")
        .values_list(
            "id", "owner_id", "title", "status", "analysis", "weights", "updated_at"
        ),
        "matches": await Match.all()
        .order_by("id")
        .values_list("id", "score", "feedback"),
        "pools": await Pool.all()
        .order_by("id")
        .values_list(
            "id", "name", "owner_id", "kind", "is_default", "retention_months"
        ),
        "grants": await PoolGrant.all()
        .order_by("id")
        .values_list("pool_id", "user_id"),
        "api_keys": await ApiKey.all()
        .order_by("id")
        .values_list("id", "user_id", "name", "scopes", "revoked_at"),
        "audit": await AuditEntry.all().count(),
        "consents": await Consent.all().order_by("id").values_list("id", "granted"),
        "users": await User.all()
        .order_by("id")
        .values_list("id", "email", "name", "role", "password_hash", "is_active"),
        "skills": await Skill.all().count(),
        **await _resume_rows(),
        **await _drive_rows(),
        **await _ops_and_llm_rows(),
    }


# The models whose rows `snapshot` compares; tests/api/test_permissions.py fails
# when a new model is missing here, so a denied call cannot change it unseen.
SNAPSHOT_MODELS = frozenset(
    {
        ApiKey,
        Application,
        AuditEntry,
        Candidate,
        CandidateDuplicate,
        CandidateMerge,
        CandidateSource,
        Consent,
        DriveConnection,
        DriveFile,
        DriveRun,
        DriveSync,
        ImportBatch,
        JobRefinement,
        LlmCacheEntry,
        LlmCall,
        MatchExplanation,
        ResumeEnrichment,
        UsageCounter,
        Webhook,
        WebhookDelivery,
        ImportBatchItem,
        Job,
        Match,
        Notification,
        Pool,
        PoolGrant,
        ProcessingJob,
        Resume,
        Skill,
        User,
    }
)


async def _ops_and_llm_rows() -> dict[str, Any]:
    return {
        "webhooks": await Webhook.all()
        .order_by("id")
        .values_list("id", "url", "events", "active", "updated_at"),
        "webhook_deliveries": await WebhookDelivery.all()
        .order_by("id")
        .values_list("id", "status", "attempts"),
        "usage": await UsageCounter.all()
        .order_by("id")
        .values_list("id", "kind", "count"),
        "llm_calls": await LlmCall.all().count(),
        "llm_cache": await LlmCacheEntry.all().count(),
        "enrichments": await ResumeEnrichment.all().order_by("id").values_list("id"),
        "explanations": await MatchExplanation.all().order_by("id").values_list("id"),
        "refinements": await JobRefinement.all().order_by("id").values_list("id"),
    }


async def _drive_rows() -> dict[str, Any]:
    return {
        "drive_connections": await DriveConnection.all()
        .order_by("id")
        .values_list("id", "owner_id", "credentials_encrypted", "updated_at"),
        "drive_syncs": await DriveSync.all()
        .order_by("id")
        .values_list("id", "pool_id", "folder_id", "schedule", "paused", "updated_at"),
        "drive_runs": await DriveRun.all().order_by("id").values_list("id"),
        "drive_files": await DriveFile.all().order_by("id").values_list("id"),
    }


async def _resume_rows() -> dict[str, Any]:
    return {
        "resumes": await Resume.all()
        .order_by("id")
        .values_list(
            "id", "pool_id", "uploaded_by_id", "batch_id", "status", "updated_at"
        ),
        "batches": await ImportBatch.all()
        .order_by("id")
        .values_list("id", "pool_id", "status", "total", "succeeded", "failed"),
        "batch_items": await ImportBatchItem.all()
        .order_by("id")
        .values_list("id", "batch_id", "resume_id", "error_code"),
        "processing_jobs": await ProcessingJob.all()
        .order_by("id")
        .values_list(
            "id", "resume_id", "stage", "attempts", "error_code", "updated_at"
        ),
    }
