"""The automaton layout (`automaton.py`) changes how fast matches are found, never which."""

from __future__ import annotations

import ahocorasick
from hypothesis import given, settings
from hypothesis import strategies as st

from zhichan.engines.listings.automaton import SENTINEL, ScanForms, build_automaton, character_ranks
from zhichan.engines.listings.normtext import fold

ALPHABET = "耐克康师傅奥利粤帅的一是abcn1ke0"
OUTSIDE = "龘㐀€ 　·-Ｎ"


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=4), min_size=1, max_size=12, unique=True),
    text=st.text(alphabet=ALPHABET + OUTSIDE, max_size=30),
)
def test_laid_out_automaton_finds_what_a_plain_one_finds(words, text):
    words = [w for w in dict.fromkeys(fold(w) for w in words) if w]
    if not words:
        return
    plain = ahocorasick.Automaton()
    for word in words:
        plain.add_word(word, word)
    plain.make_automaton()
    laid_out = build_automaton({word: word for word in words})
    forms = ScanForms(ch for word in words for ch in word)
    scanned = text.translate(forms)
    assert len(scanned) == len(fold(text))
    assert sorted(laid_out.iter(scanned)) == sorted(plain.iter(fold(text)))


def test_characters_outside_the_patterns_become_the_sentinel_one_for_one():
    forms = ScanForms("耐克")
    assert "耐 克龘x".translate(forms) == f"耐克{SENTINEL}{SENTINEL}"  # the space normalises away
    assert build_automaton({}) is None


def test_common_characters_rank_first():
    ranks = character_ranks()
    assert ranks["0"] < ranks["a"] < ranks["的"] < ranks["克"] < ranks["鼋"]
    assert "龘" not in ranks  # not in the dictionary: ranked after every character that is
