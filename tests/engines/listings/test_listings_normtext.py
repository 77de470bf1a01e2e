"""The offset map from the comparison form back to the seller's title."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zhichan.engines.listings import normalize_with_offsets
from zhichan.engines.listings.normtext import fold


def test_spaces_symbols_and_width_are_dropped_and_spans_map_back():
    nt = normalize_with_offsets("高仿 耐·克 Ｎｉｋｅ鞋")
    assert nt.text == "高仿耐克nike鞋"
    start = nt.text.index("耐克")
    assert nt.span(start, start + 2) == (3, 6)
    assert nt.original[slice(*nt.span(start, start + 2))] == "耐·克"
    start = nt.text.index("nike")
    assert nt.original[slice(*nt.span(start, start + 4))] == "Ｎｉｋｅ"


def test_traditional_cyrillic_and_case_are_folded_per_character():
    nt = normalize_with_offsets("康師傅 Nіke")  # Cyrillic і
    assert nt.text == "康师傅nike"
    assert nt.origin == (0, 1, 2, 4, 5, 6, 7)


def test_a_character_that_expands_maps_every_piece_to_itself():
    nt = normalize_with_offsets("ａﬁb")  # the ligature ﬁ is NFKC "fi"
    assert nt.text == "afib"
    assert nt.origin == (0, 1, 1, 2)
    assert nt.span(1, 3) == (1, 2)


@given(st.text(max_size=40))
def test_every_normalised_character_comes_from_its_original_character(text):
    nt = normalize_with_offsets(text)
    assert nt.text == fold(text)
    assert len(nt.origin) == len(nt.text)
    assert list(nt.origin) == sorted(nt.origin)
    for position, index in enumerate(nt.origin):
        assert nt.text[position] in fold(text[index])
    if nt.text:
        first, last = nt.span(0, len(nt.text))
        assert fold(text[first:last]) == nt.text
