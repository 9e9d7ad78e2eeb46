"""GraphiQL works offline: vendored assets, rewritten page, served by starlette."""

import base64
import hashlib
from html.parser import HTMLParser

import httpx
import pytest
import strawberry
from starlette.applications import Starlette
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from strawberry.http.ides import get_graphql_ide_html

from api.graphiql import STATIC_DIR, OfflineGraphQL, offline_graphiql_html

ASSET_NAMES = [
    "graphiql-plugin-explorer.css",
    "graphiql-plugin-explorer.umd.js",
    "graphiql.min.css",
    "graphiql.min.js",
    "js.cookie.min.js",
    "react-dom.production.min.js",
    "react.production.min.js",
]
LOCAL_URLS = [f"/static/graphiql/{name}" for name in ASSET_NAMES]
REMOTE_SCHEMES = ("https:", "http:", "//")


class _References(HTMLParser):
    """Collects every src/href value and each asset's integrity attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.integrity: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("src", "href"):
            url = values.get(name)
            integrity = values.get("integrity")
            if url is not None:
                self.urls.append(url)
            if url is not None and integrity is not None:
                self.integrity[url] = integrity


def _references(html: str) -> _References:
    parser = _References()
    parser.feed(html)
    parser.close()
    return parser


def _sri_sha384(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "world"


def _app() -> Starlette:
    graphql = OfflineGraphQL(strawberry.Schema(query=Query))
    return Starlette(
        routes=[
            Route("/graphql", graphql),
            WebSocketRoute("/graphql", graphql),
            Mount("/static/graphiql", StaticFiles(directory=STATIC_DIR)),
        ]
    )


def _client() -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=_app()), base_url="http://testserver"
    )


def test_rewritten_page_references_only_vendored_files() -> None:
    refs = _references(offline_graphiql_html(get_graphql_ide_html("graphiql")))

    # The favicon is an inline data: URI; everything else must be one of our files.
    data_urls = [url for url in refs.urls if url.startswith("data:")]
    assert len(data_urls) == 1
    assert data_urls[0].startswith("data:image/svg+xml,")
    assert sorted(url for url in refs.urls if not url.startswith("data:")) == (
        LOCAL_URLS
    )
    assert [(STATIC_DIR / name).is_file() for name in ASSET_NAMES] == [True] * 7
    assert sorted(p.name for p in STATIC_DIR.iterdir()) == ["NOTICE.md", *ASSET_NAMES]


def test_rewritten_page_honours_static_prefix_without_trailing_slash() -> None:
    html = offline_graphiql_html(get_graphql_ide_html("graphiql"), "/assets/gq/")

    refs = _references(html)

    assert sorted(url for url in refs.urls if not url.startswith("data:")) == [
        f"/assets/gq/{name}" for name in ASSET_NAMES
    ]


def test_vendored_files_match_the_page_integrity_hashes() -> None:
    refs = _references(offline_graphiql_html(get_graphql_ide_html("graphiql")))

    assert sorted(refs.integrity) == LOCAL_URLS
    for url, integrity in refs.integrity.items():
        data = (STATIC_DIR / url.removeprefix("/static/graphiql/")).read_bytes()
        assert (url, _sri_sha384(data)) == (url, integrity)


def test_unknown_cdn_asset_fails_loudly() -> None:
    html = get_graphql_ide_html("graphiql").replace("graphiql@3.8.3", "graphiql@9.9.9")

    with pytest.raises(RuntimeError) as exc_info:
        offline_graphiql_html(html)

    assert str(exc_info.value) == (
        "The GraphiQL page still loads assets from the network: "
        "https://unpkg.com/graphiql@9.9.9/graphiql.min.css, "
        "https://unpkg.com/graphiql@9.9.9/graphiql.min.js. "
        f"Vendor them into {STATIC_DIR} and map them in api.graphiql.CDN_ASSETS "
        "(see NOTICE.md there)."
    )


def test_protocol_relative_reference_fails_loudly() -> None:
    html = '<script src="//cdn.example/x.js"></script>'

    with pytest.raises(RuntimeError, match=r"network: //cdn\.example/x\.js\. "):
        offline_graphiql_html(html)


async def test_graphql_endpoint_serves_offline_graphiql_page() -> None:
    async with _client() as client:
        response = await client.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text == offline_graphiql_html(get_graphql_ide_html("graphiql"))
    refs = _references(response.text)
    assert [url for url in refs.urls if url.startswith(REMOTE_SCHEMES)] == []
    assert sorted(refs.integrity) == LOCAL_URLS


async def test_every_vendored_asset_is_served() -> None:
    async with _client() as client:
        responses = [await client.get(url) for url in LOCAL_URLS]

    assert [r.status_code for r in responses] == [200] * len(ASSET_NAMES)
    for url, response in zip(LOCAL_URLS, responses, strict=True):
        on_disk = (STATIC_DIR / url.removeprefix("/static/graphiql/")).read_bytes()
        assert (url, response.content) == (url, on_disk)


async def test_graphql_endpoint_still_answers_queries() -> None:
    async with _client() as client:
        response = await client.post("/graphql", json={"query": "{ hello }"})

    assert response.status_code == 200
    assert response.json() == {"data": {"hello": "world"}}
