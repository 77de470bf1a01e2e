"""The automaton layout (`automaton.py`) changes how fast matches are found, never which."""

from __future__ import annotations

import ahocorasick
from hypothesis import given, settings
from hypothesis import strategies as st

from zhichan.engines.listings.automaton import CODE_WIDTH, ScanCode, build_automaton, character_ranks
from zhichan.engines.listings.normtext import fold

ALPHABET = "耐克康师傅奥利粤帅的一是abcn1ke0"
OUTSIDE = "龘㐀€ 　·-Ｎ"
# More characters than one high symbol covers (64 codes each), so that codes differ in both symbols.
WIDE = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 200)) + "abcdefghij0123456789"


def _plain(words: list[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=4), min_size=1, max_size=12, unique=True),
    text=st.text(alphabet=ALPHABET + OUTSIDE, max_size=30),
    every=st.booleans(),
)
def test_coded_automaton_finds_what_a_plain_one_finds_at_the_same_places(words, text, every):
    words = [w for w in dict.fromkeys(fold(w) for w in words) if w]
    if not words:
        return
    expected = sorted(_plain(words).iter(fold(text)))
    code = ScanCode(ch for word in words for ch in word)
    scanned = text.translate(code.forms)
    assert len(scanned) == CODE_WIDTH * len(fold(text))
    coded = build_automaton({word: word for word in words}, code, every_character=every)
    assert sorted((end // CODE_WIDTH, word) for end, word in coded.iter(scanned)) == expected
    assert sorted(build_automaton({word: word for word in words}).iter(fold(text))) == expected


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.text(alphabet=WIDE, min_size=1, max_size=3), min_size=1, max_size=60, unique=True),
    text=st.text(alphabet=WIDE + OUTSIDE, max_size=60),
)
def test_coded_automaton_with_many_high_symbols_finds_what_a_plain_one_finds(words, text):
    words = [w for w in dict.fromkeys(fold(w) for w in words) if w]
    if not words:
        return
    # Text made mostly of the patterns' own characters, so that partial matches abound.
    text = text + "".join(words)
    code = ScanCode(ch for word in words for ch in word)
    coded = build_automaton({word: word for word in words}, code, every_character=True)
    found = sorted((end // CODE_WIDTH, word) for end, word in coded.iter(text.translate(code.forms)))
    assert found == sorted(_plain(words).iter(fold(text)))


def test_codes_are_pairs_of_disjoint_symbols_and_unknown_characters_share_the_sentinel():
    wide = ScanCode(WIDE)
    assert {len(c) for c in wide.codes.values()} == {CODE_WIDTH}
    highs = {c[0] for c in [*wide.codes.values(), wide.sentinel]}
    lows = {c[1] for c in [*wide.codes.values(), wide.sentinel]}
    assert len(highs) > 1 and not highs & lows  # so a match can only start where a code starts
    assert len(set(wide.codes.values())) == len(WIDE)
    code = ScanCode("克耐")
    assert "耐 克龘x".translate(code.forms) == code.codes["耐"] + code.codes["克"] + code.sentinel * 2
    assert build_automaton({}) is None


def test_common_characters_rank_first():
    ranks = character_ranks()
    assert ranks["0"] < ranks["a"] < ranks["的"] < ranks["克"] < ranks["鼋"]
    assert "龘" not in ranks  # not in the dictionary: ranked after every character that is
