"""Consent records: what a person agreed to, for which purpose and until when."""

from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from domain.models.base import enum_check
from domain.models.candidates import Candidate


class ConsentPurpose(StrEnum):
    PROCESSING = "processing"  # holding and parsing the profile at all
    MATCHING = "matching"  # matching the profile against jobs
    SHARING = "sharing"  # sharing the profile with clients
    MARKETING = "marketing"  # job alerts and newsletters


class Consent(Model):
    """One grant or withdrawal, appended and never changed: the latest record per
    purpose is the person's current answer, the older ones are its history."""

    id = fields.UUIDField(primary_key=True)
    candidate: fields.ForeignKeyRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name="consents", on_delete=fields.CASCADE
    )
    candidate_id: UUID
    purpose = fields.CharEnumField(ConsentPurpose, max_length=20)
    granted = fields.BooleanField()
    source = fields.CharField(max_length=300)
    valid_until = fields.DatetimeField(null=True)
    recorded_by_id = fields.UUIDField(null=True)
    recorded_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "candidate_consents"
        indexes = (("candidate_id", "recorded_at"),)
        constraints = (enum_check("candidate_consents", "purpose", ConsentPurpose),)
