"""GraphiQL page served from the vendored assets in api/static/graphiql, not a CDN."""

import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Final

from strawberry.asgi import GraphQL
from strawberry.http.typevars import Context, RootValue

STATIC_DIR: Path = Path(__file__).parent / "static" / "graphiql"

# The exact URLs in strawberry 0.341's graphiql.html, mapped to files in STATIC_DIR.
# Each file is byte-identical to the CDN one, so the page's sha384 `integrity`
# attributes stay valid and are kept. `crossorigin` is kept too: same-origin
# requests pass in CORS mode without any CORS headers, and cookies are still sent.
CDN_ASSETS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "https://unpkg.com/react@18.2.0/umd/react.production.min.js": (
            "react.production.min.js"
        ),
        "https://unpkg.com/react-dom@18.2.0/umd/react-dom.production.min.js": (
            "react-dom.production.min.js"
        ),
        "https://unpkg.com/js-cookie@3.0.5/dist/js.cookie.min.js": "js.cookie.min.js",
        "https://unpkg.com/graphiql@3.8.3/graphiql.min.css": "graphiql.min.css",
        "https://unpkg.com/graphiql@3.8.3/graphiql.min.js": "graphiql.min.js",
        "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/style.css": (
            "graphiql-plugin-explorer.css"
        ),
        "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/index.umd.js": (
            "graphiql-plugin-explorer.umd.js"
        ),
    }
)

# A src/href attribute whose value is an absolute or protocol-relative URL.
_REMOTE_REFERENCE = re.compile(
    r"""\b(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]*)""", re.IGNORECASE
)


def offline_graphiql_html(html: str, static_prefix: str = "/static/graphiql") -> str:
    """Point strawberry's GraphiQL page at the vendored assets under `static_prefix`.

    Raises RuntimeError if a script or stylesheet would still load from another
    host, e.g. after a strawberry upgrade that changed the asset versions.
    """
    prefix = static_prefix.rstrip("/")
    for url, name in CDN_ASSETS.items():
        html = html.replace(url, f"{prefix}/{name}")
    remaining = sorted(set(_REMOTE_REFERENCE.findall(html)))
    if remaining:
        raise RuntimeError(
            "The GraphiQL page still loads assets from the network: "
            f"{', '.join(remaining)}. Vendor them into {STATIC_DIR} and map them in "
            "api.graphiql.CDN_ASSETS (see NOTICE.md there)."
        )
    return html


class OfflineGraphQL(GraphQL[Context, RootValue]):
    """strawberry's ASGI app whose GraphiQL page loads only same-origin assets.

    Mount `StaticFiles(directory=STATIC_DIR)` at the `static_prefix` used here
    (`/static/graphiql`). Only `graphql_ide="graphiql"` (the default) or None is
    supported; another IDE page raises RuntimeError when first served.
    """

    @cached_property
    def graphql_ide_html(self) -> str:
        return offline_graphiql_html(super().graphql_ide_html)
