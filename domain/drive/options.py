"""What a Drive sync needs from the settings, as plain values."""

from dataclasses import dataclass

from domain.config import Settings

GOOGLE_API_ENDPOINT = "https://www.googleapis.com/drive/v3/"


@dataclass(frozen=True)
class DriveOptions:
    client_id: str
    client_secret: str
    redirect_uri: str
    auth_uri: str
    token_uri: str
    api_endpoint: str
    encryption_key: str
    max_download_bytes: int
    timeout_seconds: float
    max_retries: int
    backoff_seconds: float
    page_size: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "DriveOptions":
        return cls(
            client_id=settings.drive_client_id,
            client_secret=settings.drive_client_secret.get_secret_value(),
            redirect_uri=settings.drive_redirect_uri,
            auth_uri=settings.drive_auth_uri,
            token_uri=settings.drive_token_uri,
            api_endpoint=settings.drive_api_endpoint or GOOGLE_API_ENDPOINT,
            encryption_key=settings.drive_encryption_key.get_secret_value(),
            max_download_bytes=settings.drive_max_download_mb * 1024 * 1024,
            timeout_seconds=settings.drive_timeout_seconds,
            max_retries=settings.drive_max_retries,
            backoff_seconds=settings.drive_backoff_seconds,
            page_size=settings.drive_page_size,
        )
