"""Tesseract (or a skip with the reason) and a TrueType font for rendering scans."""

import shutil
from pathlib import Path

import pytest
from PIL import ImageFont

_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)


@pytest.fixture
def tesseract() -> None:
    if shutil.which("tesseract") is None:
        pytest.skip(
            "tesseract is not installed: "
            "apt-get install tesseract-ocr tesseract-ocr-eng"
        )


@pytest.fixture
def scan_font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A 40 px sans-serif font: about 14 pt on a page rendered at 200 dpi."""
    for path in _FONTS:
        if path.exists():
            return ImageFont.truetype(str(path), 40)
    return ImageFont.load_default(size=40)
