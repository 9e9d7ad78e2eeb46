"""GraphiQL in a real browser: the product runs under uvicorn, headless Debian
Chromium (driven by Playwright) opens /graphql with every other host blocked,
a bearer token goes into the Headers editor, a query runs, and its result is
read from the page."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from domain.models import Role
from tests.conftest import TEST_JWT_SECRET
from tests.factories import make_user, token_for

CHROMIUM = Path("/usr/bin/chromium")
playwright_api = pytest.importorskip(
    "playwright.async_api", reason="playwright is not installed (pip install -e .[dev])"
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (make system-packages, as root)",
    ),
]
QUERY = "{ viewer { email role } }"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def product(settings, db, tmp_path) -> Iterator[str]:
    """`hotgigs serve` (uvicorn) on a free loopback port, on the test databases."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "JWT_SECRET": TEST_JWT_SECRET,
        "DATA_DIR": str(tmp_path),
        "STORAGE_DIR": str(tmp_path / "files"),
        "LOG_FORMAT": "json",
    }
    server = subprocess.Popen(  # noqa: S603  # our own interpreter and module
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("the API did not start within 60 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        assert server.stderr is not None
        server.stderr.close()


async def test_graphiql_runs_a_signed_in_query_offline(product):
    admin = await make_user(Role.ADMIN, email="grace@example.com", password=None)
    token = token_for(admin, TEST_JWT_SECRET)
    blocked: list[str] = []
    async with playwright_api.async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            # Belt and braces: no name resolves, and every request off the
            # product's origin is aborted (and recorded) below.
            args=["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        )
        page = await browser.new_page()

        async def only_the_product(route) -> None:
            if route.request.url.startswith(product):
                await route.continue_()
            else:
                blocked.append(route.request.url)
                await route.abort()

        await page.route("**/*", only_the_product)
        await page.goto(f"{product}/graphql")
        await page.wait_for_selector(
            ".graphiql-query-editor .CodeMirror", timeout=30000
        )

        await page.get_by_role("button", name="Headers").click()
        await page.locator(".graphiql-editor-tool .CodeMirror").last.click()
        await page.keyboard.insert_text(f'{{"Authorization": "Bearer {token}"}}')
        await page.locator(".graphiql-query-editor .CodeMirror").first.click()
        await page.keyboard.press("Control+A")
        await page.keyboard.insert_text(QUERY)
        await page.locator(".graphiql-execute-button").click()
        result = page.locator(".result-window")
        await result.get_by_text("grace@example.com").wait_for(timeout=30000)
        text = await page.evaluate(
            "document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()"
        )
        await browser.close()
    assert blocked == []
    answer = httpx.Response(200, content=text).json()
    assert answer["data"] == {"viewer": {"email": "grace@example.com", "role": "ADMIN"}}
    assert answer["extensions"]["cost"]["requested"] > 0  # the limits ran too
