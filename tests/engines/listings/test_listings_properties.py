"""Invariants of detection (hypothesis): presentation does not hide a brand, evidence quotes the title,
counterfeit words never lower a score, lawful contexts never raise it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhichan.engines.listings import Listing, screen

from .conftest import REGISTER

# Filler the register cannot match: digits and characters outside every brand name and variant.
filler = st.text(alphabet="的一是在不了有和人这中为上个国我以要他时来用们生到作地于出就", max_size=8)
separators = st.text(alphabet=" ·-_/*.,，。、", min_size=1, max_size=2)


def _spaced(name: str, seps: list[str]) -> str:
    out = name[0]
    for ch, sep in zip(name[1:], seps, strict=False):
        out += sep + ch
    return out + name[len(seps) + 1 :]


@settings(max_examples=60, deadline=None)
@given(
    brand=st.sampled_from(REGISTER),
    before=filler,
    after=filler,
    seps=st.lists(separators, max_size=4),
    wide=st.booleans(),
)
def test_spacing_symbols_and_width_do_not_hide_a_brand(detector, brand, before, after, seps, wide):
    written = _spaced(brand.name, seps)
    if wide:
        written = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in written)
    title = f"{before}{written}{after}"
    mentions = [m for m in detector.mentions(title) if m.brand == brand]
    assert mentions, title
    (mention,) = mentions
    assert title[mention.start : mention.end] == written


@settings(max_examples=60, deadline=None)
@given(brand=st.sampled_from(REGISTER), before=filler, after=filler)
def test_evidence_quotes_the_title(detector, brand, before, after):
    title = f"{before}高仿{brand.name}{after}"
    for clue in detector.assess(Listing("1", title)):
        for evidence in clue.evidence:
            assert title[evidence.start : evidence.end] == evidence.text
        assert 0.0 <= clue.score <= 1.0


@settings(max_examples=60, deadline=None)
@given(
    brand=st.sampled_from(REGISTER),
    before=filler,
    after=filler,
    term=st.sampled_from(["高仿", "原单", "A货", "复刻", "1:1", "尾单", "超A", "莆田"]),
    cue=st.sampled_from(["二手", "回收", "闲置"]),
)
def test_counterfeit_words_never_lower_and_lawful_contexts_never_raise(detector, brand, before, after, term, cue):
    def score(title: str) -> float:
        return max(c.score for c in detector.assess(Listing("1", title)) if c.brand == brand)

    plain = score(f"{before}{brand.name}{after}")
    assert score(f"{before}{brand.name}{after} {term}") >= plain
    assert score(f"{cue}{before}{brand.name}{after}") <= plain


@settings(max_examples=150, deadline=None)
@given(
    brand=st.sampled_from(REGISTER),
    written=st.sampled_from(["name", "alias", "disguise", "none"]),
    before=filler,
    after=filler,
    terms=st.lists(
        st.sampled_from(["高仿", "原单", "A货", "1:1", "１：１", "尾单", "同款", "平替", "原厂"]), max_size=2
    ),
    cue=st.sampled_from(["", "二手", "适用于", "路"]),
    price=st.sampled_from([None, 1.0, 100.0, 200.0, 5000.0]),
    seller=st.sampled_from(["", "耐克官方旗舰店", "某店"]),
    shop=st.sampled_from(["", "某店"]),
    category=st.sampled_from(["", "鞋", "饮料"]),
    history=st.integers(min_value=0, max_value=3),
)
def test_scan_keeps_exactly_the_assessments_at_the_threshold(
    detector, brand, written, before, after, terms, cue, price, seller, shop, category, history
):
    # `scan` leaves out early the titles that cannot reach the threshold: it must drop no clue.
    forms = {"name": brand.name, "alias": (brand.aliases or (brand.name,))[0], "disguise": "", "none": ""}
    if written == "disguise":
        forms["disguise"] = {"耐克": "奈克", "康师傅": "康帅傅", "奥利奥": "粤利粤"}.get(brand.name, brand.name)
    title = f"{before}{cue}{forms[written]}{after}{''.join(terms)}"
    listing = Listing("1", title, price=price, seller=seller, shop=shop, category=category)
    counted = history if seller else 0  # `scan` reads the history by seller
    expected = [clue for clue in detector.assess(listing, seller_history=counted) if clue.is_clue]
    assert list(screen([listing], detector, seller_history={seller: history} if seller else None)) == expected
