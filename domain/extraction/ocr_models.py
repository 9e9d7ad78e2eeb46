"""The Tesseract model that reads accented letters, found once per process.

Debian's Latin script model (tesseract-ocr-script-latn, 89 MB) is nearly all a
word list of every Latin-script language; Tesseract reads the whole file at each
start, ~0.3 s of CPU, for a re-read of two or three lines. A copy without that
word list (0.6 MB, written once from the installed file into a cache folder)
starts in ~0.05 s and reads a name's accents the same; only the accents of its
reading are kept anyway (ocr_lines.with_accents). When the copy cannot be
written the installed model is used as it is."""

import logging
import os
import re
import shlex
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from domain.extraction.document import ExtractionOptions

logger = logging.getLogger(__name__)

_WORD_LIST = 19  # TessdataType TESSDATA_LSTM_SYSTEM_DAWG: the LSTM's word list
_LISTED_IN = re.compile(r'"(?P<folder>[^"]+)"')


@dataclass(frozen=True, slots=True)
class AccentModel:
    language: str
    config: str  # extra Tesseract options: where the model lies


_MODELS: dict[tuple[str, str], AccentModel | None] = {}


def accent_model(options: ExtractionOptions) -> AccentModel | None:
    """`ocr_accent_language` when Tesseract has it; without it names are read
    without their accents, and a warning says which package brings it."""
    language = options.ocr_accent_language
    if not language:
        return None
    key = (options.tesseract_cmd, language)
    if key not in _MODELS:
        folder, languages = installed_languages(options.tesseract_cmd)
        if language not in languages or folder is None:
            logger.warning(
                "Tesseract's %r model is not installed, so accented letters in names "
                "on scans are read without their accents; install it with "
                "`apt-get install tesseract-ocr-script-latn` (make system-packages).",
                language,
            )
            _MODELS[key] = None
        else:
            lean = _without_word_list(folder / f"{language}.traineddata")
            config = f"--tessdata-dir {shlex.quote(str(lean))}" if lean else ""
            _MODELS[key] = AccentModel(language, config)
    return _MODELS[key]


def installed_languages(command: str) -> tuple[Path | None, list[str]]:
    """Tesseract's model folder and languages (`tesseract --list-langs`;
    pytesseract's own list drops script models such as "Latin")."""
    try:
        listed = subprocess.run(  # noqa: S603  # the configured Tesseract, no shell
            [command, "--list-langs"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None, []
    lines = listed.stdout.splitlines()
    found = _LISTED_IN.search(lines[0]) if lines else None
    folder = Path(found.group("folder")) if found else None
    return folder, [line.strip() for line in lines[1:]]


def _without_word_list(source: Path) -> Path | None:
    """A cache folder holding `source` without its LSTM word list, written on first
    use (named after the source's size and time, so an upgrade writes a new one)."""
    try:
        stat = source.stat()
        folder = (
            Path(tempfile.gettempdir())
            / f"hotgigs-tessdata-{os.getuid()}"
            / f"{stat.st_size}-{int(stat.st_mtime)}"
        )
        target = folder / source.name
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            partial = folder / f".{source.name}.{os.getpid()}"
            partial.write_bytes(_strip_entry(source.read_bytes(), _WORD_LIST))
            partial.replace(target)
        return folder
    except (OSError, ValueError, struct.error) as exc:
        logger.warning("the lean copy of %s was not written: %s", source, exc)
        return None


def _strip_entry(data: bytes, drop: int) -> bytes:
    """A traineddata file (int32 count, int64 offsets, the entries one after
    another; -1 for an absent entry) without entry `drop`."""
    (count,) = struct.unpack_from("<i", data)
    offsets = list(struct.unpack_from(f"<{count}q", data, 4))
    present = sorted((o, i) for i, o in enumerate(offsets) if o >= 0)
    if drop >= count or offsets[drop] < 0:
        raise ValueError("the file has no such entry")
    ends = [o for o, _ in present[1:]] + [len(data)]
    entries = {i: data[o:end] for (o, i), end in zip(present, ends, strict=True)}
    del entries[drop]
    position, table, body = 4 + 8 * count, [-1] * count, []
    for index in sorted(entries):
        table[index] = position
        position += len(entries[index])
        body.append(entries[index])
    return struct.pack(f"<i{count}q", count, *table) + b"".join(body)
