"""A scan turned level before OCR. Tesseract finds its lines on a skewed page, but
the boxes it gives back are where the words lie on the page as scanned: on a page
turned by 0.8 degrees the left edges of a sidebar drift by 10 pt from top to
bottom, and the e-mail line at the top of a sidebar counted as crossing the gutter
(so it was read apart from the sidebar's phone and place)."""

import math

import numpy as np
from PIL import Image

_MOST_SKEW = 3.0  # degrees either way that a scan is searched for
_COARSE_STEP = 0.25
_FINE_STEP = 0.025
_LEAST_SKEW = 0.1  # degrees: less is left as it is (no resampling blur)
_WORK_WIDTH = 800  # pixels: the page is measured at about this width
_MIN_INK = 1_000  # dark pixels at that width: fewer tell no direction


def level(image: Image.Image) -> Image.Image:
    """`image` (grayscale, dark text on light) turned so that its lines of text run
    level; the same image when it already does or shows too little text."""
    angle = skew_angle(image)
    if abs(angle) < _LEAST_SKEW:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


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
