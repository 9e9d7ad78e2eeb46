"""RTF: code pages, Unicode escapes, tables, fields and ignored destinations."""

import pytest

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import extract_document

RTF = rb"""{\rtf1\ansi\ansicpg1252\deff0\nouicompat
{\fonttbl{\f0\fnil\fcharset0 Calibri;}
{\f1\fnil\fcharset2 Symbol;}{\f2\fnil\fcharset204 Arial Cyr;}}
{\colortbl ;\red255\green0\blue0;}
{\*\generator Riched20 10.0.19041}\viewkind4\uc1
\pard\sa200\sl276\slmult1\b\f0\fs28 Jos\'e9 Garc\'eda\b0\fs22\par
Senior engineer \u8212? data platforms\par
{\pntext\f1\'B7\tab}{\*\pn\pnlvlblt\pnf1\pnindent0{\pntxtb\'B7}}Built pipelines\par
\trowd\cellx3000\cellx6000 Python\cell 8 years\cell\row
\trowd\cellx3000\cellx6000 SQL\cell 6 years\cell\row
\pard{\field{\*\fldinst{HYPERLINK "https://example.com/jane"}}{\fldrslt{example.com/jane}}}\par
{\f2\'cf\'f0\'e8\'e2\'e5\'f2}\par
{\*\unknowndestination should vanish}Emoji \u-10179?\u-8704? done\par
{\pict\pngblip\bin6 {}}\\x}Line one\line Line two\tab tabbed\par
{\info{\author Jane}}Escaped \{braces\} and \\backslash{\v hidden words}\par
}"""


def test_reads_rtf_text_with_escapes_tables_and_fields(tmp_path):
    path = tmp_path / "cv.rtf"
    path.write_bytes(RTF)

    document = extract_document(path, "rtf")

    assert document.text == (
        "José García\n"
        "Senior engineer \u2014 data platforms\n"
        "- Built pipelines\n"
        "Python | 8 years\n"
        "SQL | 6 years\n"
        "example.com/jane\n"
        "Привет\n"
        "Emoji \U0001f600 done\n"
        "Line one\n"
        "Line two   tabbed\n"  # a tab stays a gap
        "Escaped {braces} and \\backslash"
    )
    assert (document.method, document.encoding, document.pages) == ("rtf", "cp1252", 1)
    assert len(document.blocks) == 11


def test_unicode_skip_count_follows_uc(tmp_path):
    path = tmp_path / "cv.rtf"
    path.write_bytes(rb"{\rtf1\ansi{\uc2 caf\u233\'c3\'a9 ok}\par na\u239?ve}")

    document = extract_document(path, "rtf")

    assert document.text == "café ok\nnaïve"


def test_file_that_is_not_rtf_is_corrupt(tmp_path):
    path = tmp_path / "cv.rtf"
    path.write_bytes(b"Just text pretending to be RTF")

    with pytest.raises(DomainError) as raised:
        extract_document(path, "rtf")

    assert raised.value.code is ErrorCode.CORRUPT_FILE
    assert raised.value.message == (
        "This file is not a valid RTF document; save it again as RTF, DOCX or PDF "
        "and upload the new copy."
    )
