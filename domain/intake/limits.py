"""Size, count and ratio limits applied to uploads and archives."""

from dataclasses import dataclass, fields
from typing import Self

from domain.config import Settings

MIB = 1024 * 1024


@dataclass(frozen=True)
class IntakeLimits:
    """Limits in bytes, entries and ratios; `max_archive_depth=0` refuses nesting."""

    max_file_bytes: int = 10 * MIB
    max_request_bytes: int = 100 * MIB
    max_archive_entries: int = 1000
    max_archive_expanded_bytes: int = 200 * MIB
    max_compression_ratio: float = 100.0
    max_archive_depth: int = 0

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if value < 0 or (value == 0 and field.name != "max_archive_depth"):
                raise ValueError(f"{field.name} must be positive, got {value}")

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        return cls(
            max_file_bytes=settings.upload_max_file_mb * MIB,
            max_request_bytes=settings.upload_max_request_mb * MIB,
            max_archive_entries=settings.archive_max_entries,
            max_archive_expanded_bytes=settings.archive_max_expanded_mb * MIB,
            max_compression_ratio=settings.archive_max_ratio,
        )
