"""Unified social credit code (GB 32100-2015): real codes pass, every broken variant is refused precisely."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhichan.engines.identifiers import USCC_ALPHABET, clean_uscc, uscc_check_character, validate_uscc

# Published codes of real enterprises (printed on their business licences and annual reports).
REAL_CODES = [
    "91350100M000100Y43",
    "914403001922038216",
    "91440300708461136T",
    "91330100716105852F",
    "91110000802100433B",
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    assert validate_uscc(code) is None


@pytest.mark.parametrize("code", REAL_CODES)
def test_every_single_character_mutation_is_refused(code):
    for position in range(18):
        for replacement in USCC_ALPHABET:
            if replacement == code[position]:
                continue
            mutant = code[:position] + replacement + code[position + 1 :]
            assert validate_uscc(mutant) is not None, mutant


def test_wrong_check_character_names_the_right_one():
    problem = validate_uscc("91440300708461136X")
    assert problem is not None and problem.position == 18 and problem.expected_check == "T"
    assert "应为“T”" in problem.message


def test_forbidden_letter_names_its_position():
    problem = validate_uscc("91440300708461I36T")
    assert problem is not None and problem.position == 15 and "第15位" in problem.message


def test_division_code_must_be_digits():
    problem = validate_uscc("9144A300708461136T")
    assert problem is not None and problem.position == 5


def test_length_is_reported():
    assert "18位" in validate_uscc("9144030070846113").message


def test_cleaning_folds_full_width_lower_case_and_spaces():
    assert clean_uscc(" ９１４４０３００７０８４６１１３６ｔ ") == "91440300708461136T"
    assert clean_uscc("9144 0300-7084 6113 6t") == "91440300708461136T"


_FIRST17 = st.tuples(
    st.text(alphabet=USCC_ALPHABET, min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9),
).map("".join)


@given(_FIRST17)
def test_generated_codes_round_trip(first17):
    assert validate_uscc(first17 + uscc_check_character(first17)) is None


@pytest.mark.parametrize(
    "number", ["201710601862.3", "ZL201710601862.3", "2017106018623", "ZL95115608.X", "CN101234567A", "CN212345678U"]
)
def test_patent_numbers_with_published_check_digits_are_valid(number):
    from zhichan.engines.identifiers import clean_patent_number, validate_patent_number

    assert validate_patent_number(clean_patent_number(number)) is None


def test_patent_number_with_wrong_check_digit_names_the_right_one():
    from zhichan.engines.identifiers import validate_patent_number

    problem = validate_patent_number("201710601862.4")
    assert problem is not None and problem.expected_check == "3"
