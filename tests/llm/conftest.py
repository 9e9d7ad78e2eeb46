"""The fake OpenAI server, LLM options pointing at it, and ADA parsed locally."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from domain.extraction.document import ExtractedDocument, extract_document
from domain.llm.client import LlmClient
from domain.llm.options import LlmOptions
from domain.parsing.model import ParsedResume
from domain.parsing.parser import parse_document
from tests.fakes.openai import FakeOpenAI
from tests.samples.resumes import ADA

PRICES = {"fake-chat": (1.0, 2.0), "fake-embed": (0.1, 0.0)}

# What a good model answers for ADA, with one thing it could not know.
ADA_ANSWER = {
    "name": "Ada Lovelace",
    "email": None,
    "phone": None,
    "location": "London, United Kingdom",
    "headline": "Backend engineer",
    "summary": "Backend engineer with Python and PostgreSQL experience.",
    "strengths": ["Python services", "PostgreSQL"],
    "skills": ["Python", "PostgreSQL", "Analytical engines", "Kubernetes"],
    "experience": [
        {
            "title": "Senior Engineer",
            "company": "Analytical Engines Ltd",
            "location": "London",
            "start": "2019-01",
            "end": None,
            "current": True,
        }
    ],
    "education": [
        {
            "degree": "BSc in Mathematics",
            "field": "Mathematics",
            "institution": "University of London",
            "graduation_year": 2012,
        }
    ],
}


@pytest.fixture(scope="session")
def ada(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[ExtractedDocument, ParsedResume]:
    path = Path(tmp_path_factory.mktemp("ada")) / "ada.txt"
    path.write_text(ADA)
    document = extract_document(path, "txt")
    return document, parse_document(document)


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    server.state.answer = ADA_ANSWER
    yield server
    server.stop()


def options_for(server: FakeOpenAI, **overrides: object) -> LlmOptions:
    values: dict[str, object] = {
        "api_key": "sk-test",
        "base_url": server.url,
        "chat_model": "fake-chat",
        "embedding_model": "fake-embed",
        "timeout_seconds": 2.0,
        "max_retries": 2,
        "prices": PRICES,
        "monthly_budget_usd": 5.0,
    }
    values.update(overrides)
    return LlmOptions(**values)  # type: ignore[arg-type]


@pytest.fixture
async def llm(fake_openai: FakeOpenAI) -> AsyncIterator[LlmClient]:
    client = LlmClient(options_for(fake_openai))
    yield client
    await client.close()
