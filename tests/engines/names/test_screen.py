"""Screening through the index finds what comparing every pair finds, and nothing else."""

import pytest

from zhichan.engines.names import Name, NameRegister, ProtectedMark, compare, screen

MARKS = [
    ProtectedMark("m1", "王老吉", (32,)),
    ProtectedMark("m2", "陶陶居", (30, 43)),
    ProtectedMark("m3", "广州酒家", (30, 43)),
    ProtectedMark("m4", "白云山", (5,)),
    ProtectedMark("m5", "康师傅", (30,)),
    ProtectedMark("m6", "雪碧", (32,)),
    ProtectedMark("m7", "华为", (9,)),
    ProtectedMark("m8", "莲香楼", (), "62"),
    ProtectedMark("m9", "HUAWEI", (9,)),
    ProtectedMark("m10", "天河", (35,)),
]
NAMES = [
    Name("n1", "广州市王老吉餐饮管理有限公司"),
    Name("n2", "王老吉官方旗舰店"),
    Name("n3", "wanglaoji旗舰店"),
    Name("n4", "廣州酒家"),
    Name("n5", "广州酒家利口福食品有限公司"),
    Name("n6", "广州白云山医药集团股份有限公司"),
    Name("n7", "广州白云山康养产业有限公司", "金融业"),
    Name("n8", "广州市淘淘居食品有限公司"),
    Name("n9", "康帅傅食品有限公司"),
    Name("n10", "广州雷碧饮料有限公司"),
    Name("n11", "深圳市华为技术有限公司"),
    Name("n12", "华为HUAWEI专卖店"),
    Name("n13", "广州市荔湾区莲香楼饼家"),
    Name("n14", "廣州蓮香樓餐飲有限公司"),
    Name("n15", "广州王老记凉茶铺"),
    Name("n16", "广州市天河区某某贸易有限公司"),
    Name("n17", "广州市加多宝餐饮有限公司"),
    Name("n18", "广州市番禺区陶陶居餐饮有限公司（广州）"),
    Name("n19", "某某科技有限公司"),
    Name("n20", "HUAWE1数码专营店"),
]


@pytest.fixture(scope="module")
def register():
    return NameRegister(MARKS)


def brute_force(threshold):
    out = []
    for name in NAMES:
        found = []
        for mark in MARKS:
            r = compare(
                name.name,
                mark.mark,
                industry=name.industry,
                mark_classes=mark.classes,
                mark_industry=mark.industry,
            )
            if r.reasons and r.score >= threshold:
                found.append((mark.id, r.score, str(r.verdict)))
        out.append(sorted(found, key=lambda x: (-x[1], x[0])))
    return out


# The one pair the index does not propose: a look-alike spelling of a Chinese mark's pinyin (HUAWE1 / 华为,
# 5.1.6 transliteration) is beyond the mark engine's blocking keys; the name still meets the Latin mark HUAWEI.
# Alike in sound alone, it scores below the default threshold.
KNOWN_MISSES = {0.7: set(), 0.5: {("n20", "m7")}}


@pytest.mark.parametrize("threshold", [0.7, 0.5])
def test_screen_finds_what_comparing_every_pair_finds(register, threshold):
    screened = screen(NAMES, register, threshold=threshold)
    found = {(a.name_id, a.mark_id, a.score, a.verdict) for alerts in screened for a in alerts}
    expected = {
        (name.id, mark_id, score, verdict)
        for name, pairs in zip(NAMES, brute_force(threshold), strict=True)
        for mark_id, score, verdict in pairs
    }
    assert found <= expected
    assert {(n, m) for n, m, _, _ in expected - found} == KNOWN_MISSES[threshold]
    for alerts in screened:  # best first
        assert [a.score for a in alerts] == sorted((a.score for a in alerts), reverse=True)


def test_what_is_found(register):
    by_name = {alerts[0].name_id: alerts for alerts in screen(NAMES, register) if alerts}
    best = {name_id: (alerts[0].mark_id, alerts[0].verdict) for name_id, alerts in by_name.items()}
    assert best["n1"] == ("m1", "infringing")
    assert best["n3"] == ("m1", "infringing")  # pinyin
    assert best["n4"] == ("m3", "infringing")  # Traditional
    assert best["n7"] == ("m4", "similar")  # unrelated business
    assert best["n8"] == ("m2", "infringing")  # 淘淘居
    assert best["n10"] == ("m6", "infringing")  # 雷碧
    assert best["n14"] == ("m8", "infringing")  # Traditional, industry to industry
    assert best["n15"] == ("m1", "similar")  # sound inside the name
    assert {a.mark_id for a in by_name["n12"]} == {"m7", "m9"}
    assert {"n16", "n17", "n19"}.isdisjoint(by_name)
    assert all(a.reasons for alerts in by_name.values() for a in alerts)


def test_an_empty_register_or_batch(register):
    assert screen([], register) == []
    assert screen(NAMES[:2], NameRegister([])) == [[], []]
