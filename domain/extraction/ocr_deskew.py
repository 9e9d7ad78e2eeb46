"""A skewed scan's word boxes put level. Tesseract finds the lines of a skewed
page, but gives back the boxes where the words lie on the page as scanned: on a
page turned by 0.8 degrees the left edges of a sidebar drift by 10 pt from top to
bottom, and the e-mail line at the top of a sidebar counted as crossing the gutter
(so it was read apart from the sidebar's phone and place)."""

import math
from dataclasses import replace

import numpy as np
from PIL import Image

from domain.extraction.ocr_lines import Word

_MOST_SKEW = 3.0  # degrees either way that a scan is searched for
_COARSE_STEP = 0.25
_FINE_STEP = 0.025
_LEAST_SKEW = 0.1  # degrees: less is left as it is
_WORK_WIDTH = 800  # pixels: the page is measured at about this width
_MIN_INK = 1_000  # dark pixels at that width: fewer tell no direction


def levelled(
    parts: list[list[Word]], degrees: float, size: tuple[int, int]
) -> list[list[Word]]:
    """The words' boxes where they would lie had the page been scanned level: the
    image is not turned (Tesseract levels each line it reads by itself), only the
    boxes are, about the image's centre."""
    if abs(degrees) < _LEAST_SKEW:
        return parts
    slope = math.tan(math.radians(degrees))
    centre_x, centre_y = size[0] / 2, size[1] / 2

    def turned(word: Word) -> Word:
        middle_x = word.left + word.width / 2
        middle_y = word.top + word.height / 2
        return replace(
            word,
            left=round(word.left + (middle_y - centre_y) * slope),
            top=round(word.top - (middle_x - centre_x) * slope),
        )

    return [[turned(word) for word in part] for part in parts]


def skew_angle(image: Image.Image) -> float:
    """Degrees by which the lines of text go down from left to right: the angle
    at which the rows of dark pixels, read along it, are sharpest (lines and the
    gaps between them most distinct)."""
    factor = max(1, image.width // _WORK_WIDTH)
    pixels = np.asarray(image.reduce(factor) if factor > 1 else image)
    ys, xs = np.nonzero(pixels < 128)
    if len(ys) < _MIN_INK:
        return 0.0
    ys, xs = ys.astype(np.float64), xs.astype(np.float64)
    reach = pixels.shape[1] * math.tan(math.radians(_MOST_SKEW)) + 1

    def sharpness(degrees: float) -> float:
        rows = np.floor(ys - xs * math.tan(math.radians(degrees)) + reach)
        counts = np.bincount(rows.astype(np.int64)).astype(np.float64)
        return float(np.sum(np.diff(counts) ** 2))

    coarse = np.arange(-_MOST_SKEW, _MOST_SKEW + _COARSE_STEP / 2, _COARSE_STEP)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - _COARSE_STEP, best + _COARSE_STEP, _FINE_STEP)
    return round(float(max(fine, key=sharpness)), 3)
