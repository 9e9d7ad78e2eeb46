"""Each hostile sample, checked and extracted in a fresh process held to 1 GiB of
address space: its own error code, within seconds and a bounded peak memory."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from domain.extraction.document import extract_document
from tests.samples.make_hostile import build_hostile_corpus

ADDRESS_SPACE = 1 << 30  # bytes; a decoded pixel bomb alone would need 1.2 GB
MAX_SECONDS = 20.0
MAX_RSS_MB = 300
# What intake (and, for a single file, extraction) makes of each sample; for an
# archive, the codes of its members ("ok" for one that would be processed).
EXPECTED = {
    "ratio_bomb": "ARCHIVE_COMPRESSION_RATIO",
    "size_bomb": "ARCHIVE_TOO_LARGE",
    "lying_size_bomb": "CORRUPT_FILE",
    "nested": ["NESTED_ARCHIVE", "NESTED_ARCHIVE", "ok"],
    "traversal": ["ARCHIVE_PATH_TRAVERSAL"] * 4 + ["ok"],
    "symlink": ["ARCHIVE_SYMLINK", "ok"],
    "encrypted": ["ENCRYPTED_ARCHIVE", "ok"],
    "many_entries": "ARCHIVE_TOO_MANY_ENTRIES",
    "truncated": "CORRUPT_FILE",
    "empty": "EMPTY_FILE",
    "docx_bomb": "ARCHIVE_COMPRESSION_RATIO",
    "junk_text": "UNSUPPORTED_FILE_TYPE",
    "polyglot": "UNSUPPORTED_FILE_TYPE",
    "active_pdf": "text: Jane Doe, Python developer (page 1)",
    "truncated_pdf": "NO_TEXT_FOUND",
    "page_bomb": "TOO_MANY_PAGES",
    "xxe_docx": "text: Jane Doe",
    "pixel_bomb": "IMAGE_TOO_LARGE",
    "invalid_utf8": "text: Jane Doe",
}
PROBE = f"""
import json, re, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, {ADDRESS_SPACE}))
from pathlib import Path
from domain.errors import DomainError
from domain.extraction.document import extract_document
from domain.intake.archives import iter_archive
from domain.intake.checks import inspect_file
from domain.intake.limits import IntakeLimits

path, workdir = Path(sys.argv[1]), Path(sys.argv[2])
started = time.perf_counter()
try:
    kind = inspect_file(path.name, path, IntakeLimits())
    if kind == "zip":
        members = iter_archive(path, IntakeLimits(), workdir=workdir)
        outcome = [m.error.code.value if m.error else "ok" for m in members]
    else:
        text = extract_document(path, kind).text
        outcome = "text: " + text.splitlines()[0]
except DomainError as exc:
    outcome = exc.code.value
# VmHWM: this process's own peak resident memory (ru_maxrss would carry the
# parent's peak over exec).
peak_kb = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read())[1])
print(json.dumps({{
    "outcome": outcome,
    "seconds": time.perf_counter() - started,
    "rss_mb": peak_kb / 1024,
}}))
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_hostile_corpus(tmp_path_factory.mktemp("hostile"))


def test_every_sample_has_an_expectation(corpus):
    assert set(corpus) == set(EXPECTED)


@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_hostile_sample_fails_alone_in_bounded_time_and_memory(
    corpus, tmp_path, sample
):
    run = subprocess.run(  # noqa: S603  # our own interpreter and script
        [sys.executable, "-c", PROBE, str(corpus[sample]), str(tmp_path / "x")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).parents[3],
    )
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout.splitlines()[-1])
    assert report["outcome"] == EXPECTED[sample]
    assert report["seconds"] < MAX_SECONDS
    assert report["rss_mb"] < MAX_RSS_MB


@pytest.mark.parametrize(
    ("sample", "kind", "never"),
    [
        ("active_pdf", "pdf", ["ACTIVE-CONTENT", "EMBEDDED-PAYLOAD", "invoice.exe"]),
        ("xxe_docx", "docx", ["root:", "/bin/", "127.0.0.1"]),
    ],
)
def test_active_content_and_external_entities_never_reach_the_text(
    corpus, sample, kind, never
):
    # Scripts are not run, attachments not opened, entities not resolved.
    text = extract_document(corpus[sample], kind).text
    assert [word for word in never if word in text] == []
    assert text.startswith("Jane Doe")
