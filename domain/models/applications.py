"""A candidate user's application to a job."""

from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from domain.models.candidates import Candidate
from domain.models.jobs import Job
from domain.models.users import User


class Application(Model):
    """`applicant` applied to `job` with `resume_id`; `candidate` is the profile
    made in the job owner's pool. One application per job and applicant."""

    id = fields.UUIDField(primary_key=True)
    job: fields.ForeignKeyRelation[Job] = fields.ForeignKeyField(
        "models.Job", related_name="applications", on_delete=fields.CASCADE
    )
    applicant: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="applications", on_delete=fields.CASCADE
    )
    candidate: fields.ForeignKeyRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name="applications", on_delete=fields.CASCADE
    )
    job_id: UUID
    applicant_id: UUID
    candidate_id: UUID
    resume_id = fields.UUIDField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "applications"
        unique_together = (("job", "applicant"),)
        indexes = (("candidate_id", "created_at"),)
