"""A Word 97-2003 binary (.doc) written from scratch for tests: no writer of the
format is installed here (no LibreOffice), and the layout is small enough to build.

The file is an OLE2 compound file with two streams, as Word 97 saves them:
"WordDocument" (the FIB, then the text) and "1Table" (the stylesheet and the piece
table, the CLX, that maps character positions to the text), and a reader finds the
text only through that piece table ([MS-DOC], the FIB and the CLX)."""

import struct

SECTOR = 512
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN, FREE, FAT_SECTOR, NO_STREAM = (
    0xFFFFFFFE,
    0xFFFFFFFF,
    0xFFFFFFFD,
    0xFFFFFFFF,
)
_STREAM_MIN = 4096  # smaller streams would go to the mini stream, not built here
_TEXT_AT = 0x800  # the text follows the FIB in the WordDocument stream
_COMPRESSED = 0x40000000  # FcCompressed.fCompressed: the piece is 8-bit cp1252


def word97_doc(text: str) -> bytes:
    """`text` (paragraphs end in "\\n") as a Word 97 document, saved as Word saves a
    document in full: one piece, 8-bit when every character is in cp1252, else
    UTF-16."""
    text = text.replace("\n", "\r")
    try:
        body, fc = text.encode("cp1252"), (_TEXT_AT * 2) | _COMPRESSED
    except UnicodeEncodeError:
        body, fc = text.encode("utf-16-le"), _TEXT_AT
    word, table = _streams(body, fc, len(text))
    return _compound_file([("WordDocument", word), ("1Table", table)])


def _streams(body: bytes, fc: int, characters: int) -> tuple[bytes, bytes]:
    fib = bytearray(_TEXT_AT)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0xC1)  # wIdent, nFib of Word 97
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # fWhichTblStm: the table is 1Table
    text_end = _TEXT_AT + len(body)
    struct.pack_into("<II", fib, 0x18, _TEXT_AT, text_end)  # fcMin, fcMac
    struct.pack_into("<H", fib, 0x20, 14)  # csw: FibRgW97 size in 16-bit words
    struct.pack_into("<H", fib, 0x3E, 22)  # cslw: FibRgLw97 size in 32-bit words
    struct.pack_into("<I", fib, 0x40, text_end)  # cbMac
    struct.pack_into("<I", fib, 0x4C, characters)  # ccpText
    struct.pack_into("<H", fib, 0x98, 0x5D)  # cbRgFcLcb of Word 97
    stylesheet = struct.pack("<HHH", 18, 0, 10) + bytes(16)  # no styles
    pieces = struct.pack("<IIHIH", 0, characters, 0, fc, 0)  # PlcPcd: 2 CPs, 1 Pcd
    clx = b"\x02" + struct.pack("<I", len(pieces)) + pieces  # Pcdt
    struct.pack_into("<II", fib, 0xA2, 0, len(stylesheet))  # fcStshf, lcbStshf
    struct.pack_into("<II", fib, 0x1A2, len(stylesheet), len(clx))  # fcClx, lcbClx
    return _padded(bytes(fib) + body), _padded(stylesheet + clx)


def _padded(data: bytes) -> bytes:
    size = max(_STREAM_MIN, -(-len(data) // SECTOR) * SECTOR)
    return data + bytes(size - len(data))


def _compound_file(streams: list[tuple[str, bytes]]) -> bytes:
    """Sector 0 holds the FAT, sector 1 the directory, the streams follow in order;
    the root's children are a chain of right siblings."""
    fat = [FAT_SECTOR, END_OF_CHAIN]
    entries = [_entry("Root Entry", 5, 1, NO_STREAM, END_OF_CHAIN, 0)]
    for number, (name, data) in enumerate(streams, start=1):
        start, count = len(fat), len(data) // SECTOR
        fat += [*range(start + 1, start + count), END_OF_CHAIN]
        sibling = number + 1 if number < len(streams) else NO_STREAM
        entries.append(_entry(name, 2, NO_STREAM, sibling, start, len(data)))
    assert len(fat) <= SECTOR // 4, "one FAT sector maps at most 128 sectors"
    fat += [FREE] * (SECTOR // 4 - len(fat))
    entries += [bytes(128)] * (4 - len(entries))
    header = bytearray(SECTOR)
    header[:8] = OLE_HEADER
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into(
        "<8I", header, 0x2C, 1, 1, 0, _STREAM_MIN, END_OF_CHAIN, 0, END_OF_CHAIN, 0
    )
    struct.pack_into("<109I", header, 0x4C, 0, *[FREE] * 108)
    body = b"".join(data for _, data in streams)
    return (
        bytes(header) + struct.pack(f"<{SECTOR // 4}I", *fat) + b"".join(entries) + body
    )


def _entry(
    name: str, kind: int, child: int, sibling: int, start: int, size: int
) -> bytes:
    entry = bytearray(128)
    encoded = (name + "\0").encode("utf-16-le")
    entry[: len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 0x40, len(encoded), kind, 1)  # black node
    struct.pack_into("<III", entry, 0x44, NO_STREAM, sibling, child)
    struct.pack_into("<II", entry, 0x74, start, size)
    return bytes(entry)
