from zhichan.engines.marks.index import CandidateIndex, key_hash, mark_keys, query_keys
from zhichan.engines.marks.screen import Mark, Register, screen, screen_filing

REGISTER = [
    "康师傅",
    "雪碧",
    "华为",
    "苹果",
    "王老吉",
    "太阳",
    "拉菲",
    "NIKE",
    "ADIDAS",
    "五粮液",
    "天",
    "大白兔",
]


def found(index, mark):
    return {index.marks[i] for i in index.candidates(mark).ids.tolist()}


def test_blocking_keys_find_each_kind_of_variant():
    index = CandidateIndex(REGISTER)
    cases = {
        "康帅傅": "康师傅",  # one character replaced
        "雷碧": "雪碧",  # look-alike replaced
        "HUAWEI": "华为",  # pinyin spelling
        "APPLE": "苹果",  # translation
        "广州王老吉凉茶": "王老吉",  # containment
        "好太阳": "太阳",  # weak modifier
        "N1KE": "NIKE",  # Latin look-alike
        "ABIDAS": "ADIDAS",  # one letter
        "五粮夜": "五粮液",  # same sound
        "天天": "天",  # reduplication
        "耐克": "NIKE",  # transliteration
    }
    for filing, expected in cases.items():
        assert expected in found(index, filing), filing


def test_unrelated_marks_are_not_candidates():
    index = CandidateIndex(REGISTER)
    assert found(index, "加多宝") == set()
    assert found(index, "") == set()


def test_query_keys_include_contained_parts():
    assert "c:王老吉" in query_keys("广州王老吉凉茶")
    assert "c:王老吉" in mark_keys("王老吉")


def test_key_hash_is_stable():
    assert key_hash("c:王老吉") == key_hash("c:王老吉")
    assert key_hash("c:王老吉") != key_hash("c:王老古")


def test_screen_filing_matches_brute_force_on_small_register():
    from zhichan.engines.marks import Verdict, compare

    register = Register([Mark(f"P{i}", m) for i, m in enumerate(REGISTER)])
    filings = ["康帅傅", "雷碧", "HUAWEI", "广州王老吉凉茶", "好太阳", "N1KE", "五粮夜", "加多宝", "大白免"]
    for filing in filings:
        screened = {a.protected_id for a in screen_filing(Mark("F", filing), register)}
        brute = {
            f"P{i}"
            for i, m in enumerate(REGISTER)
            if compare(filing, m, embeddings=False).verdict is not Verdict.NOT_SIMILAR
        }
        assert screened == brute, filing


def test_screen_gives_each_filing_its_own_alerts_in_order():
    register = Register([Mark(f"P{i}", m) for i, m in enumerate(REGISTER)])
    filings = [Mark(f"F{n}", m) for n, m in enumerate(["康帅傅", "植物园", "雷碧", "", "N1KE", "康帅傅"])]
    batched = screen(filings, register)
    assert batched == [screen_filing(f, register) for f in filings]
    assert [bool(alerts) for alerts in batched] == [True, False, True, False, True, True]
    assert all(a.filing_id == f.id for f, alerts in zip(filings, batched, strict=True) for a in alerts)


def test_batched_candidates_equal_single_lookups():
    index = CandidateIndex([*REGISTER, "广州斯人伊草种植贸易有限公司", "KOBAYASHI", "RECIPE"])
    filings = ["康帅傅", "", "APPLE", "加多宝", "广州方丽草种植贸易有限公司", "RECIPNIKE", "天天"]
    batched = index.candidates_many(filings)
    for filing, got in zip(filings, batched, strict=True):
        single = index.candidates(filing)
        assert got.ids.tolist() == single.ids.tolist(), filing
        assert got.strong.tolist() == single.strong.tolist(), filing
    assert batched[1].ids.size == 0


def test_strong_flag_only_through_strong_keys():
    index = CandidateIndex(REGISTER)
    found_ = index.candidates("广州王老吉凉茶")  # containment: strong
    strong = {index.marks[i] for i, s in zip(found_.ids.tolist(), found_.strong.tolist(), strict=True) if s}
    assert "王老吉" in strong
    found_ = index.candidates("康帅傅")  # one character replaced: a weak deletion key only
    weak = {index.marks[i] for i, s in zip(found_.ids.tolist(), found_.strong.tolist(), strict=True) if not s}
    assert "康师傅" in weak


def test_filing_with_three_letters_added_meets_the_register_mark():
    # fuzz.ratio 0.8: the filing's side of the deletion neighbourhood goes one deletion deeper.
    index = CandidateIndex(["RECIPE", "OLYMPUS"])
    assert "RECIPE" in found(index, "RECIPNIKE")
    assert "OLYMPUS" in found(index, "TMOBLYMPUS")


def test_company_names_sharing_industry_and_form_meet_through_segments():
    # The names differ in their distinctive part: the second half of the register name is still a
    # substring of the filing.
    index = CandidateIndex(["广州斯人伊草种植贸易有限公司"])
    assert "广州斯人伊草种植贸易有限公司" in found(index, "广州方丽草种植贸易有限公司")


def test_variant_forms_are_folded_before_indexing():
    index = CandidateIndex(["鼎丰"])
    assert "鼎丰" in found(index, "老鼎豊")


def test_batch_compares_each_pair_in_order():
    from zhichan.engines.marks import batch, compare

    pairs = [("康帅傅", "康师傅"), ("植物园", "雪碧")]
    assert list(batch(pairs, embeddings=False)) == [compare(a, b, embeddings=False) for a, b in pairs]


def test_register_settings_decide_the_screening_threshold():
    from zhichan.engines.marks import Settings

    strict = Register([Mark(f"P{i}", m) for i, m in enumerate(REGISTER)], settings=Settings(similar_threshold=0.99))
    assert screen([Mark("F", "康帅傅")], strict) == [[]]
    assert screen([Mark("F", "康帅傅")], Register([Mark("P0", "康师傅")]))[0]
