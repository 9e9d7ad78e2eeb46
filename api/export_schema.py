"""`python -m api.export_schema [PATH]`: write the schema's SDL (schema.graphql)."""

import sys
from pathlib import Path

from api.schema import build_schema
from domain.config import Settings


def schema_sdl() -> str:
    return build_schema(Settings(_env_file=None)).as_str() + "\n"


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "schema.graphql")
    target.write_text(schema_sdl(), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")


if __name__ == "__main__":
    main()
