"""Small synthetic resumes with known content, in several formats, built in tests."""

import io

import docx
import pymupdf

ADA = """Ada Lovelace
London, United Kingdom
ada.lovelace@example.com | +44 20 7946 0958

Summary
Backend engineer who likes analytical engines.

Experience
Senior Engineer at Analytical Engines Ltd
Jan 2019 - Present
- Built the Python and PostgreSQL services behind the difference engine.

Education
BSc in Mathematics, University of London, 2012

Skills
Python, PostgreSQL, GraphQL, Docker
"""

GRACE = """Grace Hopper
New York, NY
grace.hopper@example.com
+1 212 555 0187

Experience
Staff Engineer, Compilers Inc
March 2015 - December 2020

Skills
COBOL, Compilers, Leadership
"""

ALAN = """Alan Turing
Manchester, UK
alan.turing@example.com

Experience
Researcher at Bletchley Park
2018 - 2022

Skills
Python, Machine Learning, Statistics
"""


def text_resume(text: str = ADA, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def docx_resume(text: str = GRACE) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_resume(text: str = ALAN) -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    y = 72.0
    for line in text.splitlines():
        if line:
            page.insert_text((72, y), line, fontsize=11)
        y += 16
    data: bytes = document.tobytes()
    document.close()
    return data
