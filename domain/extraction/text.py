"""Plain text in any common encoding, and RTF through a small RTF-to-text reader."""

import codecs
import copy
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import (
    ExtractedDocument,
    ExtractionOptions,
    build_document,
    flow_block,
)

logger = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAX_BINARY_SHARE = 0.05  # control characters in a real text file are rare


def extract_txt(
    path: Path, options: ExtractionOptions, deadline: float
) -> ExtractedDocument:
    """A block per paragraph (lines up to a blank line). Raises CORRUPT_FILE when the
    file is binary rather than text."""
    text, encoding, warnings = decode_text(path.read_bytes())
    controls = sum(char < " " and char not in "\t\n\r\f\v" for char in text)
    if controls > _MAX_BINARY_SHARE * len(text):
        raise DomainError(
            "This file is not plain text; upload the resume as PDF, DOCX or TXT.",
            code=ErrorCode.CORRUPT_FILE,
        )
    paragraphs = re.split(
        r"\n[^\S\n]*\n", text.replace("\r\n", "\n").replace("\r", "\n")
    )
    blocks = [flow_block(paragraph) for paragraph in paragraphs]
    return build_document(
        blocks, pages=1, method="txt", warnings=warnings, encoding=encoding
    )


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """The text, the encoding it was read in and warnings. A BOM decides; then UTF-16
    without BOM, strict UTF-8, UTF-8 with a few bad bytes replaced, cp1252 and
    latin-1, which reads any bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _decode(data, utf16)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", "replace")
    invalid = replaced.count("\ufffd")
    if sum(ord(char) > 127 for char in replaced) - invalid >= 2 * invalid:
        return _decode(data, "utf-8")  # UTF-8 with a few damaged sequences
    try:
        return data.decode("cp1252"), "cp1252", []
    except UnicodeDecodeError:
        note = "Some bytes are not valid cp1252 and were read as latin-1."
        return data.decode("latin-1"), "latin-1", [note]


def _decode(data: bytes, encoding: str) -> tuple[str, str, list[str]]:
    text = data.decode(encoding, "replace")
    bad = text.count("\ufffd")
    note = f"{bad} invalid {encoding} sequences were replaced with \ufffd."
    return text, encoding, [note] if bad else []


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly Latin text has a zero byte in every other position."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even_zeros = sample[0 : pairs * 2 : 2].count(0)
    odd_zeros = sample[1 : pairs * 2 : 2].count(0)
    if odd_zeros > 0.4 * pairs and even_zeros < 0.05 * pairs:
        return "utf-16-le"
    if even_zeros > 0.4 * pairs and odd_zeros < 0.05 * pairs:
        return "utf-16-be"
    return None


# RTF


def extract_rtf(
    path: Path, options: ExtractionOptions, deadline: float
) -> ExtractedDocument:
    """A block per paragraph; table cells of a row read "a | b". Raises CORRUPT_FILE
    when the file is not RTF."""
    data = path.read_bytes()
    if not data.lstrip().startswith(b"{\\rtf"):
        raise DomainError(
            "This file is not a valid RTF document; save it again as RTF, DOCX or "
            "PDF and upload the new copy.",
            code=ErrorCode.CORRUPT_FILE,
        )
    text, codepage = rtf_to_text(data)
    blocks = [flow_block(_cells(line)) for line in text.split("\n")]
    return build_document(blocks, pages=1, method="rtf", encoding=codepage)


def _cells(line: str) -> str:
    if _CELL not in line:
        return line
    return " | ".join(cell.strip() for cell in line.split(_CELL) if cell.strip())


_CELL = "\x1f"  # a cell boundary until lines are assembled
_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # control word with its optional parameter
    rb"|\\'([0-9a-fA-F]{2})"  # byte in the current code page
    rb"|\\(.)"  # control symbol
    rb"|([{}])"
    rb"|([^\\{}\r\n]+)"  # text
    rb"|[\r\n]+",  # line ends in the file mean nothing
    re.DOTALL,
)
_SKIPPED_DESTINATIONS = frozenset(
    (
        *("fonttbl", "colortbl", "stylesheet", "info", "pict", "objdata", "listtable"),
        *("listoverridetable", "revtbl", "rsidtbl", "xmlnstbl", "filetbl", "pgdsctbl"),
        *("latentstyles", "datastore", "themedata", "colorschememapping", "generator"),
        *("nonshppict", "fldinst", "sp", "shprslt"),
    )
)
# Destinations marked ignorable (\*) whose content is still text.
_KEPT_DESTINATIONS = frozenset({"shpinst", "shptxt"})
_WORD_TEXT = {
    "par": "\n",
    "line": "\n",
    "sect": "\n",
    "page": "\n",
    "row": "\n",
    "nestrow": "\n",
    "tab": "\t",
    "cell": _CELL,
    "nestcell": _CELL,
    "bullet": "•",
    "emdash": "\u2014",
    "endash": "\u2013",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "emspace": " ",
    "enspace": " ",
    "qmspace": " ",
}
_SYMBOL_TEXT = {
    "\\": "\\",
    "{": "{",
    "}": "}",
    "~": "\u00a0",
    "_": "-",
    "\n": "\n",
    "\r": "\n",
}
_CHARSET_CODEPAGES = {
    2: "symbol",
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    134: "gbk",
    136: "cp950",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
}


def rtf_to_text(data: bytes) -> tuple[str, str]:
    """The text of an RTF document and its code page; cell boundaries are U+001F."""
    reader = _RtfReader(data)
    reader.read()
    return reader.text(), reader.codepage


@dataclass(slots=True)
class _Group:
    """What a `{...}` group inherits and may change."""

    skip: bool = False  # inside a destination that holds no text
    font_table: bool = False
    hidden: bool = False
    unicode_skip: int = 1  # \ucN: fallback characters that follow each \uN
    codepage: str = "cp1252"


@dataclass
class _RtfReader:
    """A state machine over RTF tokens; `read` fills `out`."""

    data: bytes
    out: list[str] = field(default_factory=list)
    pending: bytearray = field(default_factory=bytearray)  # bytes not yet decoded
    group: _Group = field(default_factory=_Group)
    stack: list[_Group] = field(default_factory=list)
    fonts: dict[int, str] = field(default_factory=dict)
    codepage: str = "cp1252"
    font: int = 0  # the font being defined, inside the font table
    to_skip: int = 0  # fallback characters still to drop after a \uN
    group_start: bool = False
    ignorable: bool = False  # the group began with \*

    def read(self) -> None:
        position = 0
        while match := _TOKEN.match(self.data, position):
            position = match.end()
            word, parameter, hex_byte, symbol, brace, text = match.groups()
            if word is not None:
                number = int(parameter) if parameter is not None else None
                position += self._word(word.decode("ascii"), number)
            elif hex_byte is not None:
                self._bytes(bytes([int(hex_byte, 16)]))
            elif symbol is not None:
                self._symbol(symbol.decode("latin-1"))
            elif brace is not None:
                self._brace(brace)
            elif text is not None:
                self._bytes(text)
        self._flush()

    def text(self) -> str:
        joined = "".join(self.out)
        # \uN gives UTF-16 code units; astral characters arrive as surrogate pairs.
        return joined.encode("utf-16", "surrogatepass").decode("utf-16", "replace")

    def _brace(self, brace: bytes) -> None:
        self._flush()
        self.to_skip = 0
        if brace == b"{":
            self.stack.append(copy.copy(self.group))
            self.group_start = True
        elif self.stack:
            self.group = self.stack.pop()

    def _word(self, word: str, number: int | None) -> int:
        """Handle a control word; the number of raw bytes to jump over (\\binN)."""
        if word == "bin":
            return max(number or 0, 0)
        starts_group, self.group_start = self.group_start, False
        if self.to_skip:
            self.to_skip -= 1
            return 0
        if starts_group and (word in _SKIPPED_DESTINATIONS or self.ignorable):
            self.group.skip = self.group.skip or word not in _KEPT_DESTINATIONS
        self.ignorable = False
        if word == "fonttbl":
            self.group.font_table = True
        if self.group.font_table:
            self._font_definition(word, number)
        elif not self.group.skip:
            self._formatting(word, number)
        return 0

    def _font_definition(self, word: str, number: int | None) -> None:
        if word == "f" and number is not None:
            self.font = number
        elif word == "fcharset" and number is not None and number in _CHARSET_CODEPAGES:
            self.fonts[self.font] = _CHARSET_CODEPAGES[number]
        elif word == "cpg" and number is not None:
            self.fonts[self.font] = _codepage(number, self.codepage)

    def _formatting(self, word: str, number: int | None) -> None:
        if word in _WORD_TEXT:
            self._emit(_WORD_TEXT[word])
        elif word == "u" and number is not None:
            self._emit(chr(number + 65536 if number < 0 else number))
            self.to_skip = self.group.unicode_skip
        elif word == "uc" and number is not None:
            self.group.unicode_skip = max(number, 0)
        elif word == "ansicpg" and number is not None:
            self.codepage = self.group.codepage = _codepage(number, self.codepage)
        elif word in ("mac", "pc", "pca"):
            self.codepage = self.group.codepage = {
                "mac": "mac_roman",
                "pc": "cp437",
            }.get(word, "cp850")
        elif word == "f" and number is not None:
            self._flush()
            self.group.codepage = self.fonts.get(number, self.codepage)
        elif word in ("v", "plain"):
            self.group.hidden = word == "v" and number != 0

    def _symbol(self, symbol: str) -> None:
        if symbol == "*":
            self.ignorable = self.group_start
            return
        self.group_start = False
        if self.to_skip:
            self.to_skip -= 1
        elif symbol in _SYMBOL_TEXT and not self.group.skip:
            self._emit(_SYMBOL_TEXT[symbol])

    def _bytes(self, raw: bytes) -> None:
        self.group_start = False
        if self.to_skip:
            dropped = min(self.to_skip, len(raw))
            self.to_skip -= dropped
            raw = raw[dropped:]
        if raw and not self.group.skip and not self.group.hidden:
            self.pending.extend(raw)

    def _emit(self, text: str) -> None:
        self._flush()
        if not self.group.hidden:
            self.out.append(text)

    def _flush(self) -> None:
        if not self.pending:
            return
        if self.group.codepage == "symbol":
            # Symbol fonts (bullets, Wingdings) map to U+F0xx, as Word does.
            self.out.append("".join(chr(0xF000 + byte) for byte in self.pending))
        else:
            self.out.append(self.pending.decode(self.group.codepage, "replace"))
        self.pending.clear()


def _codepage(number: int, default: str) -> str:
    name = f"cp{number}"
    try:
        codecs.lookup(name)
    except LookupError:
        return default
    return name
