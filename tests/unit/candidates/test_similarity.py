"""Tier-2 duplicate rules: similar names with a shared employer."""

from domain.candidates.similarity import (
    PersonKey,
    employers_of,
    likely_same_person,
    normalise_employer,
    normalise_name,
    person_key,
    surname_hint,
)


def _profile(*companies: str | None) -> dict:
    return {
        "experience": [
            {"company": None if c is None else {"value": c, "confidence": 0.9}}
            for c in companies
        ]
    }


def test_names_fold_case_accents_and_punctuation():
    assert normalise_name("  José  O'Neil-Smith ") == "jose o neil smith"


def test_employers_drop_legal_forms():
    assert normalise_employer("Analytical Engines Ltd.") == "analytical engines"
    assert normalise_employer("ACME, Inc") == "acme"


def test_employers_of_a_stored_profile_skip_missing_companies():
    profile = _profile("Compilers Inc", None, "Navy Reserve")
    assert employers_of(profile) == frozenset({"compilers", "navy reserve"})
    assert employers_of({}) == frozenset()


def test_same_person_with_reordered_name_and_legal_form_is_flagged():
    new = person_key("Lovelace Ada", _profile("Analytical Engines Limited"))
    old = person_key("Ada Lovelace", _profile("Analytical Engines Ltd", "Babbage"))
    similarity = likely_same_person(new, old)
    assert similarity is not None
    assert (similarity.score, similarity.employer) == (1.0, "analytical engines")
    assert (
        similarity.reason == "similar name and the same employer (analytical engines)"
    )


def test_a_typo_in_the_name_still_matches():
    new = person_key("Grace Hoper", _profile("Compilers Inc"))
    old = person_key("Grace Hopper", _profile("Compilers Incorporated"))
    similarity = likely_same_person(new, old)
    assert similarity is not None
    assert similarity.score == 0.957


def test_same_name_without_a_shared_employer_is_not_flagged():
    new = person_key("Ada Lovelace", _profile("Analytical Engines"))
    old = person_key("Ada Lovelace", _profile("Royal Society"))
    assert likely_same_person(new, old) is None


def test_different_names_at_one_employer_are_not_flagged():
    new = person_key("Ada Lovelace", _profile("Analytical Engines"))
    old = person_key("Alan Turing", _profile("Analytical Engines"))
    assert likely_same_person(new, old) is None


def test_an_empty_name_is_never_flagged():
    assert (
        likely_same_person(
            PersonKey("", frozenset({"acme"})), PersonKey("", frozenset({"acme"}))
        )
        is None
    )


def test_surname_hint_is_the_longest_word():
    assert surname_hint("Ada King-Lovelace") == "lovelace"
    assert surname_hint("   ") == ""
