"""Reading what enrichment did, in the viewer's scope (through the resume)."""

from collections.abc import Iterable
from uuid import UUID

from tortoise.expressions import Subquery

from domain.access import Viewer, visible_resumes
from domain.models import ResumeEnrichment


async def enrichments_by_resume(
    viewer: Viewer, resume_ids: Iterable[UUID]
) -> dict[UUID, ResumeEnrichment]:
    visible = visible_resumes(viewer).filter(id__in=list(resume_ids)).values("id")
    rows = await ResumeEnrichment.filter(resume_id__in=Subquery(visible))
    return {row.resume_id: row for row in rows}
