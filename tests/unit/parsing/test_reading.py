"""`hotgigs parse` reads with the configured spaCy model, as the worker does."""

import argparse

import pytest

from api import cli
from domain.config import Settings
from domain.parsing import parser
from domain.resumes import reading
from tests.samples import formats


@pytest.fixture
def models_used(monkeypatch) -> list[str]:
    """The `spacy_model` of every parse, recorded around the real parser."""
    used: list[str] = []
    real = parser.parse_document

    def recording(document, **kwargs):
        used.append(kwargs["spacy_model"])
        return real(document, **kwargs)

    monkeypatch.setattr(reading, "parse_document", recording)
    return used


def test_cli_parse_uses_the_configured_spacy_model(tmp_path, capsys, models_used):
    resume = tmp_path / "resume.txt"
    resume.write_bytes(formats.txt_cp1252())
    settings = Settings(spacy_model="en_core_web_md")
    args = argparse.Namespace(files=[str(resume)], jsonl=True)

    assert cli.cmd_parse(settings, args) == 0

    assert models_used == ["en_core_web_md"]
    assert f'"file": "{resume}"' in capsys.readouterr().out


def test_reading_defaults_to_the_parser_model(tmp_path, models_used):
    resume = tmp_path / "resume.txt"
    resume.write_bytes(formats.txt_cp1252())

    result = reading.read_resume_file(resume)

    assert models_used == [parser.SPACY_MODEL]
    assert result["name"]["value"] == formats.TRUTH.name
