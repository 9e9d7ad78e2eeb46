import pytest

from domain.matching.occupations import classify_title, load_occupations, title_key


@pytest.mark.parametrize(
    ("title", "code", "matched", "confidence"),
    [
        ("Staff Accountant", "13-2011.00", "staff accountant", 0.95),
        ("Registered Nurse", "29-1141.00", "registered nurse", 0.95),
        ("Truck Driver", "53-3032.00", "truck driver", 0.95),
        ("Senior Software Engineer", "15-1252.00", "software engineer", 0.9),
        ("Sr. Financial Analyst - Remote", "13-2051.00", "financial analyst", 0.9),
    ],
)
def test_titles_map_to_onet_occupations(title, code, matched, confidence):
    found = classify_title(title, load_occupations())

    assert (found.occupation.code, found.matched_title, found.confidence) == (
        code,
        matched,
        confidence,
    )


def test_unknown_title_falls_back_to_its_head_word_with_low_confidence():
    found = classify_title("Kitchen Wizard Head Chef", load_occupations())

    assert found.occupation.title == "Chefs and Head Cooks"
    assert found.confidence < 0.9


def test_title_key_keeps_words_only():
    assert title_key("Sr. C++ Dev (m/f/d)") == "sr c++ dev m f d"
