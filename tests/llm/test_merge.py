"""Merging the model's answer into the local result: grounded values in, invented
facts out, and the source of every field recorded."""

import copy

from domain.llm.merge import GROUNDED, UNGROUNDED, merge
from domain.llm.structuring import LlmResume, strip_contacts, user_prompt
from tests.llm.conftest import ADA_ANSWER


def _answer(**changes) -> LlmResume:
    data = copy.deepcopy(ADA_ANSWER)
    data.update(changes)
    return LlmResume.model_validate(data)


def test_structured_answer_is_merged_field_by_field(ada):
    document, local = ada
    merged = merge(local, _answer(), document.text)
    # the unsure local headline gives way to the model's grounded one
    assert local.headline is not None
    assert local.headline.confidence < 0.6
    assert merged.parsed.headline.value == "Backend engineer"
    assert merged.sources["headline"] == "llm"
    # confident local values stay local
    assert merged.parsed.name == local.name
    assert merged.sources["name"] == "local"
    assert merged.sources["experience.0.company"] == "local"
    # a skill the text holds and the taxonomy missed is added, with evidence
    added = [s for s in merged.parsed.skills if s.source_section == "llm"]
    assert [s.name for s in added] == ["Analytical engines"]
    start, end = added[0].evidence.start, added[0].evidence.end
    assert document.text[start:end].lower() == "analytical engines"
    assert merged.sources["skills.Analytical engines"] == "llm"


def test_invented_company_and_skill_are_dropped(ada):
    document, local = ada
    invented = {
        "title": "Chief Technology Officer",
        "company": "Globex Corporation",
        "location": None,
        "start": "2015-01",
        "end": "2018-12",
        "current": False,
    }
    answer = _answer(experience=[*ADA_ANSWER["experience"], invented])
    merged = merge(local, answer, document.text)
    companies = [e.company.value for e in merged.parsed.experience if e.company]
    assert companies == ["Analytical Engines Ltd"]
    assert len(merged.parsed.experience) == 1
    assert "Kubernetes" not in {s.name for s in merged.parsed.skills}
    assert any("Globex Corporation" in line for line in merged.rejected)
    assert any("2015-01" in line for line in merged.rejected)


def test_a_missing_entry_is_filled_only_with_grounded_fields(ada):
    document, local = ada
    bare = local.model_copy(update={"experience": ()})
    answer = _answer(
        experience=[
            {
                "title": "Senior Engineer",
                "company": "Initech",  # not in the text
                "location": "Paris",  # soft: kept, unsure
                "start": "2019-01",
                "end": None,
                "current": True,
            }
        ]
    )
    merged = merge(bare, answer, document.text)
    (entry,) = merged.parsed.experience
    assert entry.title.value == "Senior Engineer"
    assert entry.title.confidence == GROUNDED
    assert entry.company is None
    assert entry.start.value == "2019-01"
    assert entry.location.confidence == UNGROUNDED
    assert merged.sources["experience.0.title"] == "llm"
    assert "experience.0.company" not in merged.sources


def test_invented_contacts_are_dropped_and_found_ones_kept(ada):
    document, local = ada
    bare = local.model_copy(update={"email": None, "phone": None})
    merged = merge(
        bare,
        _answer(email="ada@invented.org", phone="+44 20 7946 0958"),
        document.text,
    )
    assert merged.parsed.email is None
    assert merged.parsed.phone.value == "+442079460958"
    assert merged.sources["phone"] == "llm"
    assert any("ada@invented.org" in line for line in merged.rejected)


def test_contacts_are_stripped_from_the_prompt_unless_configured(ada):
    document, local = ada
    sent = user_prompt(document.text, local, send_contacts=False)
    assert "ada.lovelace@example.com" not in sent
    assert "7946" not in sent
    assert "Analytical Engines Ltd" in sent
    assert "ada.lovelace@example.com" in user_prompt(
        document.text, local, send_contacts=True
    )
    assert strip_contacts("see https://github.com/ada or call 212-555-0187") == (
        "see [contact removed] or call [contact removed]"
    )


def test_jobs_the_model_adds_count_in_the_total_experience(ada):
    document, local = ada
    bare = local.model_copy(update={"experience": (), "total_experience_months": 0})
    answer = _answer(
        experience=[
            {
                "title": "Senior Engineer",
                "company": None,
                "location": None,
                "start": "2019-01",  # "Jan 2019 - Present" in the text
                "end": None,
                "current": True,
            }
        ]
    )
    merged = merge(bare, answer, document.text)
    assert [e.start.value for e in merged.parsed.experience] == ["2019-01"]
    # the same months the local parser counts for that range
    assert local.total_experience_months > 0
    assert merged.parsed.total_experience_months == local.total_experience_months
    # a local total that is already larger is kept
    assert merge(local, _answer(), document.text).parsed.total_experience_months == (
        local.total_experience_months
    )
