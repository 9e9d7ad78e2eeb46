"""Scans (PNG, JPEG, multi-page TIFF) read by OCR; huge and damaged images."""

import shutil
import struct
import zlib

import pytest
from PIL import Image, ImageDraw

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import ExtractionOptions, extract_document

LINES = ["Jane Doe", "Senior Data Engineer", "jane.doe@example.com"]


def _scan(font, lines=LINES) -> Image.Image:
    image = Image.new("L", (1654, 1000), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((150, 200 + index * 90), line, fill=0, font=font)
    return image


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares `width` by `height` pixels and holds none."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


@pytest.mark.requires_tesseract
@pytest.mark.usefixtures("tesseract")
@pytest.mark.parametrize(("kind", "suffix"), [("png", "png"), ("jpeg", "jpg")])
def test_reads_a_scanned_image(tmp_path, scan_font, kind, suffix):
    path = tmp_path / f"scan.{suffix}"
    _scan(scan_font).save(path)

    document = extract_document(path, kind)

    assert document.text == "\n".join(LINES)
    assert (document.method, document.pages, document.ocr_pages) == ("ocr", 1, (1,))
    assert document.blocks[0].x0 == pytest.approx(150, abs=6)  # pixels


@pytest.mark.requires_tesseract
@pytest.mark.usefixtures("tesseract")
def test_reads_every_page_of_a_tiff(tmp_path, scan_font):
    path = tmp_path / "scan.tiff"
    first, second = (
        _scan(scan_font),
        _scan(scan_font, ["Education", "Master of Science"]),
    )
    first.save(path, save_all=True, append_images=[second], compression="tiff_deflate")

    document = extract_document(path, "tiff")

    assert document.text == "\n".join(LINES) + "\n\nEducation\nMaster of Science"
    assert (document.pages, document.ocr_pages) == (2, (1, 2))
    assert {block.page for block in document.blocks} == {1, 2}
    assert document.page_at(document.text.index("Education")) == 2


@pytest.mark.requires_tesseract
@pytest.mark.usefixtures("tesseract")
def test_reads_a_scan_lying_on_its_side(tmp_path, scan_font):
    path = tmp_path / "scan.png"
    _scan(scan_font).rotate(90, expand=True).save(path)

    document = extract_document(path, "png")

    assert document.text == "\n".join(LINES)


def test_refuses_a_tiff_with_more_pages_than_the_limit(tmp_path):
    path = tmp_path / "scan.tiff"
    pages = [Image.new("L", (100, 100), 255) for _ in range(3)]
    pages[0].save(path, save_all=True, append_images=pages[1:])

    with pytest.raises(DomainError) as raised:
        extract_document(path, "tiff", options=ExtractionOptions(max_pages=2))

    assert raised.value.code is ErrorCode.TOO_MANY_PAGES
    assert raised.value.message == (
        "This image has 3 pages; a resume may have at most 2. Upload the resume on "
        "its own."
    )


def test_refuses_an_image_over_the_pixel_limit(tmp_path):
    path = tmp_path / "scan.png"
    Image.new("L", (300, 200), 255).save(path)

    with pytest.raises(DomainError) as raised:
        extract_document(
            path, "png", options=ExtractionOptions(max_image_pixels=50_000)
        )

    assert raised.value.code is ErrorCode.IMAGE_TOO_LARGE
    assert raised.value.message == (
        "This image is too large to read (300x200 pixels, more than 50,000); scan the "
        "resume at 300 dpi or less and upload the new file."
    )


def test_refuses_a_decompression_bomb(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header_only(30_000, 30_000))

    with pytest.raises(DomainError) as raised:
        extract_document(path, "png")

    assert raised.value.code is ErrorCode.IMAGE_TOO_LARGE
    assert raised.value.message == (
        "This image is too large to read; scan the resume at 300 dpi or less and "
        "upload the new file."
    )


def test_damaged_image_is_corrupt(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n garbage")

    with pytest.raises(DomainError) as raised:
        extract_document(path, "png")

    assert raised.value.code is ErrorCode.CORRUPT_FILE
    assert raised.value.message == (
        "This image is damaged or not in a known format; scan the resume again as "
        "PDF, PNG, JPEG or TIFF and upload the new file."
    )


def test_truncated_image_is_corrupt(tmp_path, scan_font):
    path = tmp_path / "scan.png"
    _scan(scan_font).save(path)
    path.write_bytes(path.read_bytes()[:2000])

    with pytest.raises(DomainError) as raised:
        extract_document(path, "png")

    assert raised.value.code is ErrorCode.CORRUPT_FILE
    assert raised.value.message == (
        "This image is damaged or truncated; scan the resume again and upload the "
        "new file."
    )


def test_scan_without_tesseract_is_ocr_unavailable(tmp_path, monkeypatch, scan_font):
    path = tmp_path / "scan.png"
    _scan(scan_font).save(path)
    monkeypatch.setattr(shutil, "which", lambda name: None)

    with pytest.raises(DomainError) as raised:
        extract_document(path, "png")

    assert raised.value.code is ErrorCode.OCR_UNAVAILABLE
    assert "apt-get install tesseract-ocr tesseract-ocr-eng" in raised.value.message


def test_scan_with_ocr_disabled_has_no_text(tmp_path, scan_font):
    path = tmp_path / "scan.png"
    _scan(scan_font).save(path)

    with pytest.raises(DomainError) as raised:
        extract_document(path, "png", options=ExtractionOptions(ocr_enabled=False))

    assert raised.value.code is ErrorCode.NO_TEXT_FOUND
    assert raised.value.message == (
        "No text was found in this file. Upload a text-based file or a clearer scan. "
        "OCR is disabled; scans are not read."
    )
