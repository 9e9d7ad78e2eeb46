"""The `hotgigs` command: serve, worker, dev, migrate, user create, token."""

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from domain.access import Viewer
from domain.auth import TokenSettings, issue_token
from domain.config import Settings, get_settings
from domain.db import close_db, init_db, migrate_db
from domain.embedded import running_database
from domain.errors import DomainError
from domain.jobs import QUEUES
from domain.models import Role
from domain.ops.logs import configure_logging
from domain.users import create_user, find_user_by_email

T = TypeVar("T")


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    """Run `work` against DATABASE_URL, or the embedded server when it is not set."""

    async def run(database_url: str) -> T:
        await init_db(database_url, max_connections=2)
        try:
            return await work()
        finally:
            await close_db()

    with running_database(
        settings.data_dir, database_url=settings.database_url
    ) as database_url:
        return asyncio.run(run(database_url))


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    if not settings.database_url or not settings.redis_url:
        _out("Set DATABASE_URL and REDIS_URL, or use `hotgigs dev` (embedded servers).")
        return 2
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=args.host or settings.api_host,
        port=args.port or settings.api_port,
        log_level=settings.log_level.lower(),
        log_config=None,  # uvicorn's loggers go through ours (JSON, redacted)
    )
    return 0


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    argv = [sys.executable, "-m", "workers", "--queue", args.queue]
    os.execv(sys.executable, argv + (["--burst"] if args.burst else []))  # noqa: S606


def cmd_dev(settings: Settings, args: argparse.Namespace) -> int:
    from api.dev import run_dev

    return run_dev(settings)


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    with running_database(
        settings.data_dir, database_url=settings.database_url
    ) as database_url:
        asyncio.run(migrate_db(database_url))
    _out("Database is up to date.")
    return 0


def cmd_user_create(settings: Settings, args: argparse.Namespace) -> int:
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None

    async def work() -> str:
        user = await create_user(
            Viewer.system(),
            email=args.email,
            role=Role(args.role),
            name=args.name,
            password=password,
        )
        return issue_token(user, TokenSettings.of(settings))

    try:
        _out(_with_database(settings, work))
    except DomainError as exc:
        _out(f"error: {exc.message}")
        return 1
    return 0


def cmd_token(settings: Settings, args: argparse.Namespace) -> int:
    async def work() -> str | None:
        user = await find_user_by_email(args.email)
        if user is None or not user.is_active:
            return None
        return issue_token(user, TokenSettings.of(settings))

    token = _with_database(settings, work)
    if token is None:
        _out(f"error: no active user is registered as {args.email}")
        return 1
    _out(token)
    return 0


def cmd_parse(settings: Settings, args: argparse.Namespace) -> int:
    from domain.resumes.reading import read_resume_file

    failed = 0
    for name in args.files:
        result = read_resume_file(Path(name), spacy_model=settings.spacy_model)
        result["file"] = name
        failed += "error" in result
        _out(json.dumps(result, ensure_ascii=False, indent=None if args.jsonl else 2))
    return 1 if failed == len(args.files) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hotgigs", description="HotGigs talent backend."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser(
        "serve", help="run the API (needs DATABASE_URL, REDIS_URL)"
    )
    serve.add_argument("--host", help="default: API_HOST (127.0.0.1)")
    serve.add_argument("--port", type=int, help="default: API_PORT (8000)")
    serve.set_defaults(handler=cmd_serve)

    worker = commands.add_parser("worker", help="run background workers")
    worker.add_argument(
        "--queue",
        choices=[*QUEUES, "all"],
        default="all",
        help="high: single uploads; bulk: batches and Drive imports;"
        " matching: match refreshes; all: every queue",
    )
    worker.add_argument(
        "--burst", action="store_true", help="exit when the queue is empty"
    )
    worker.set_defaults(handler=cmd_worker)

    dev = commands.add_parser(
        "dev", help="embedded PostgreSQL + Redis, migrations, demo data, API and worker"
    )
    dev.set_defaults(handler=cmd_dev)

    migrate = commands.add_parser("migrate", help="apply database migrations")
    migrate.set_defaults(handler=cmd_migrate)

    user = commands.add_parser("user", help="manage users").add_subparsers(
        dest="user_command", required=True
    )
    create = user.add_parser("create", help="create a user and print a bearer token")
    create.add_argument("--email", required=True)
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--name", default="")
    create.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    create.set_defaults(handler=cmd_user_create)

    parse = commands.add_parser(
        "parse", help="parse resume files locally and print one JSON object per file"
    )
    parse.add_argument("files", nargs="+", metavar="FILE")
    parse.add_argument("--jsonl", action="store_true", help="one object per line")
    parse.set_defaults(handler=cmd_parse)

    token = commands.add_parser("token", help="print a fresh bearer token for a user")
    token.add_argument("--email", required=True)
    token.set_defaults(handler=cmd_token)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    settings = get_settings()
    configure_logging(settings.log_level, style=settings.log_format)
    sys.exit(args.handler(settings, args))


if __name__ == "__main__":
    main()
