"""The running product for the matching scorecard: embedded PostgreSQL and Redis
(as the test fixtures and `hotgigs dev` start them), migrations, the real ASGI
app reached over httpx, and real arq burst workers run until every queue is
empty. Everything the scorecard learns about matches it reads over GraphQL."""

import asyncio
import json
import shutil
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from arq import create_pool
from arq.connections import RedisSettings
from arq.worker import Worker

from api.app import create_app
from domain.access import Viewer
from domain.auth import TokenSettings, issue_token
from domain.config import Settings
from domain.db import database, migrate_db
from domain.embedded import start_postgres, start_redis
from domain.jobs import QUEUES
from domain.models import Role
from domain.users import create_user
from workers.context import worker_resources
from workers.settings import worker_options

JWT_SECRET = "scorecard-secret-that-is-long-enough-0123456789"
UPLOAD = """mutation($input: ResumeBulkUploadInput!) {
  resumeBulkUpload(input: $input) { batch { id } userErrors { code message } }
}"""
BATCH = """query($id: ID!) { importBatch(id: $id) {
  status total failed
  items { fileName error { code } resume { status candidate { id } } }
} }"""
JOB_CREATE = """mutation($input: JobCreateInput!) {
  jobCreate(input: $input) { job { id } userErrors { code message } }
}"""
JOB_MATCHES = """query($id: ID!, $first: Int!) { job(id: $id) {
  matches(first: $first) { totalCount edges { node { score candidate { id } } } }
} }"""
CANDIDATE_MATCHES = """query($first: Int!, $after: String, $per: Int!) {
  candidates(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id matches(first: $per) { edges { node { score job { id } } } } } }
  }
}"""
REFRESH_ALIASES = 20  # matchesRefresh mutations per request (the alias cap is 30)


class ApiError(RuntimeError):
    """The API answered with errors; the message holds them."""


@dataclass
class Recruiter:
    """A recruiter's signed-in GraphQL client."""

    http: httpx.AsyncClient
    token: str

    async def gql(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers=self._auth(),
        )
        return _data(response)

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def upload(self, files: Sequence[Path]) -> dict[str, str]:
        """One bulk upload of `files`; returns the batch id (parsed later)."""
        variables = {"input": {"files": [None] * len(files)}}
        response = await self.http.post(
            "/graphql",
            data={
                "operations": json.dumps({"query": UPLOAD, "variables": variables}),
                "map": json.dumps(
                    {str(i): [f"variables.input.files.{i}"] for i in range(len(files))}
                ),
            },
            files={str(i): (p.name, p.read_bytes()) for i, p in enumerate(files)},
            headers=self._auth(),
        )
        payload = _data(response)["resumeBulkUpload"]
        if payload["userErrors"]:
            raise ApiError(f"upload refused: {payload['userErrors']}")
        return {"batch": payload["batch"]["id"]}

    async def candidates_of(self, batch_id: str) -> dict[str, str | None]:
        """File name -> candidate id (None when the file did not parse)."""
        batch = (await self.gql(BATCH, {"id": batch_id}))["importBatch"]
        return {
            item["fileName"]: ((item["resume"] or {}).get("candidate") or {}).get("id")
            for item in batch["items"]
        }

    async def create_job(self, title: str, description: str) -> str:
        variables = {"input": {"title": title[:300], "description": description}}
        payload = (await self.gql(JOB_CREATE, variables))["jobCreate"]
        if payload["userErrors"]:
            raise ApiError(f"jobCreate refused {title!r}: {payload['userErrors']}")
        return str(payload["job"]["id"])

    async def job_matches(self, job_id: str, first: int = 100) -> list[str]:
        """Candidate ids of the job's matches, best first."""
        job = (await self.gql(JOB_MATCHES, {"id": job_id, "first": first}))["job"]
        return [e["node"]["candidate"]["id"] for e in job["matches"]["edges"]]

    async def job_scores(self, job_id: str) -> dict[str, float]:
        job = (await self.gql(JOB_MATCHES, {"id": job_id, "first": 100}))["job"]
        edges = job["matches"]["edges"]
        return {e["node"]["candidate"]["id"]: e["node"]["score"] for e in edges}

    async def candidate_matches(self, per: int) -> dict[str, list[str]]:
        """Candidate id -> job ids of its matches, best first, for every
        candidate the recruiter sees (pages of 50)."""
        found: dict[str, list[str]] = {}
        after = None
        while True:
            variables = {"first": 50, "after": after, "per": per}
            page = (await self.gql(CANDIDATE_MATCHES, variables))["candidates"]
            for edge in page["edges"]:
                node = edge["node"]
                found[node["id"]] = [
                    m["node"]["job"]["id"] for m in node["matches"]["edges"]
                ]
            if not page["pageInfo"]["hasNextPage"]:
                return found
            after = page["pageInfo"]["endCursor"]

    async def refresh_candidates(self, candidate_ids: Sequence[str]) -> None:
        """`matchesRefresh` for each candidate, a few per request."""
        for start in range(0, len(candidate_ids), REFRESH_ALIASES):
            chunk = candidate_ids[start : start + REFRESH_ALIASES]
            fields = " ".join(
                f'r{n}: matchesRefresh(input: {{candidateId: "{cid}"}})'
                " { queued userErrors { code } }"
                for n, cid in enumerate(chunk)
            )
            answers = await self.gql(f"mutation {{ {fields} }}", {})
            refused = [a for a in answers.values() if a["userErrors"]]
            if refused:
                raise ApiError(f"matchesRefresh refused: {refused}")


def _data(response: httpx.Response) -> dict[str, Any]:
    if response.status_code != 200:
        raise ApiError(f"HTTP {response.status_code}: {response.text[:500]}")
    body = response.json()
    if body.get("errors"):
        raise ApiError(json.dumps(body["errors"])[:1000])
    data: dict[str, Any] = body["data"]
    return data


@dataclass
class Product:
    """The app, its settings and the shared worker resources of one run."""

    settings: Settings
    http: httpx.AsyncClient
    worker_ctx: dict[str, Any]

    async def recruiter(self, email: str) -> Recruiter:
        user = await create_user(
            Viewer.system(), role=Role.RECRUITER, email=email, name=email
        )
        token = issue_token(user, TokenSettings(secret=JWT_SECRET, ttl_seconds=7200))
        return Recruiter(self.http, token)

    async def drain(self) -> dict[str, int]:
        """Run burst workers on every queue until no queue holds a job; returns
        completed and failed job counts."""
        assert self.settings.redis_url
        totals = {"complete": 0, "failed": 0}
        redis = await create_pool(RedisSettings.from_dsn(self.settings.redis_url))
        try:
            while True:
                waiting = [q for q in QUEUES.values() if await redis.zcard(q)]
                if not waiting:
                    return totals
                await asyncio.gather(*(self._burst(q, totals) for q in waiting))
        finally:
            await redis.aclose()

    async def _burst(self, queue_name: str, totals: dict[str, int]) -> None:
        options = {
            **worker_options(self.settings, queue_name),
            "poll_delay": 0,
            "cron_jobs": [],  # the scorecard measures the event-driven refreshes
        }
        worker = Worker(
            **options, ctx=dict(self.worker_ctx), burst=True, handle_signals=False
        )
        try:
            await worker.main()
        finally:
            await worker.close()
        totals["complete"] += worker.jobs_complete
        totals["failed"] += worker.jobs_failed


@asynccontextmanager
async def running_product() -> AsyncIterator[Product]:
    """Embedded servers in a temp dir, migrated; the app and worker resources."""
    root = Path(tempfile.mkdtemp(prefix="hotgigs-scorecard-"))
    async with AsyncExitStack() as stack:
        stack.callback(shutil.rmtree, root, ignore_errors=True)
        postgres = start_postgres(root / "pg", database="scorecard", keep_data=False)
        stack.callback(postgres.stop)
        redis = start_redis(root / "redis", persistent=False)
        stack.callback(redis.stop)
        settings = Settings(
            _env_file=None,
            environment="test",
            database_url=postgres.url,
            redis_url=redis.url,
            jwt_secret=JWT_SECRET,
            data_dir=root / "data",
            storage_dir=root / "files",
            log_level="WARNING",
        )
        await migrate_db(postgres.url)
        await stack.enter_async_context(database(postgres.url))
        app = create_app(settings)
        await stack.enter_async_context(app.router.lifespan_context(app))
        http = await stack.enter_async_context(
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app),
                base_url="http://scorecard",
                timeout=300,
            )
        )
        shared = await stack.enter_async_context(worker_resources(settings))
        yield Product(settings, http, shared)
