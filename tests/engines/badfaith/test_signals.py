"""Each bad-faith signal with an example that raises it and one just below its threshold; the grouping of
related parties; the attention level. Never a verdict: flags name the situation and show the evidence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhichan.engines.badfaith import (
    NOT_A_VERDICT,
    TITLES,
    Assignment,
    Filing,
    Finding,
    Level,
    Organisation,
    Settings,
    Situation,
    assess,
    group_applicants,
    load_lists,
    trade_name,
)
from zhichan.engines.marks import Alert, Mark
from zhichan.engines.rules import rule

DAY = date(2026, 11, 2)


def filings(applicant: str, marks: list[str], *, prefix: str = "", classes: tuple[str, ...] = ("30",), **extra: str):
    return [
        Filing(f"{prefix or applicant}-{i}", mark, applicant, classes, DAY, **extra) for i, mark in enumerate(marks)
    ]


def peers(n: int = 40) -> list[Filing]:
    """Ordinary applicants with one or two filings each: the peer baseline."""
    found: list[Filing] = []
    for i in range(n):
        found += filings(f"普通公司{i:03d}", [f"普通{i:03d}牌"] * (1 + i % 2), prefix=f"p{i}")
    return found


def by_situation(result, applicant: str):
    group = next(a for a in result if applicant in a.applicants)
    return {flag.situation: flag for flag in group.flags}, group


def test_volume_far_above_the_peer_baseline_is_flagged_with_the_counts():
    heavy = filings("囤标贸易有限公司", [f"标{i}" for i in range(40)], classes=("30", "32"))
    result = assess(peers() + heavy)
    flags, group = by_situation(result, "囤标贸易有限公司")
    volume = flags[Situation.VOLUME]
    measures = dict(volume.measures)
    assert measures["filings"] == 40 and measures["median"] == 2.0 and measures["classes"] == 2
    assert volume.rule_keys == ("badfaith.filing_volume", "badfaith.factor_filing_volume")
    assert volume.title == TITLES[Situation.VOLUME] and len(volume.evidence) == 40
    assert group.filings == 40 and all(rule(k).law for k in volume.rule_keys)
    # no ordinary applicant is flagged
    assert [a.applicants for a in result] == [("囤标贸易有限公司",)]


def test_the_volume_threshold_is_a_setting():
    heavy = filings("囤标贸易有限公司", [f"标{i}" for i in range(40)])
    assert assess(peers() + heavy, settings=Settings(volume_min_filings=41)) == []
    assert assess(peers() + heavy, settings=Settings(volume_min_filings=40))


def test_volume_counts_the_related_parties_together():
    address = "广州市天河区天河路100号1201室"
    a = filings("甲商贸有限公司", [f"甲{i}" for i in range(20)], address=address)
    b = filings("乙商贸有限公司", [f"乙{i}" for i in range(20)], address=address)
    result = assess(peers() + a + b)
    flags, group = by_situation(result, "甲商贸有限公司")
    assert set(group.applicants) == {"甲商贸有限公司", "乙商贸有限公司"}
    assert group.links[0].kind == "address" and Situation.VOLUME in flags


def test_related_parties_by_address_phone_email_and_small_agency_not_a_big_agency():
    rows = [
        Filing("1", "a", "甲", address="广州市越秀区中山五路1号201"),
        Filing("2", "b", "乙", address="广州市越秀区中山五路1号201"),
        Filing("3", "c", "丙", phone="+86 020-8888 1234"),
        Filing("4", "d", "乙", phone="02088881234"),
        Filing("5", "e", "丁", email="X@Example.com"),
        Filing("6", "f", "丙", email="x@example.com"),
        Filing("7", "g", "戊", agency="小代理所"),
        Filing("8", "h", "己", agency="小代理所"),
    ]
    rows += [Filing(f"b{i}", "m", f"客户{i}", agency="大代理有限公司") for i in range(8)]
    groups = group_applicants(rows, settings=Settings(small_agency_max_clients=5))
    assert groups.members[groups.root_of["甲"]] == sorted(["丁", "丙", "乙", "甲"])
    assert groups.root_of["戊"] == groups.root_of["己"] != groups.root_of["甲"]
    assert len({groups.root_of[f"客户{i}"] for i in range(8)}) == 8  # a big agency links nobody
    kinds = {link.kind for link in groups.links[groups.root_of["甲"]]}
    assert kinds == {"address", "phone", "email"}
    # the agency setting: with a limit of 1 client the small agency links nobody either
    groups = group_applicants(rows, settings=Settings(small_agency_max_clients=1))
    assert groups.root_of["戊"] != groups.root_of["己"]


def test_a_short_or_crowded_address_links_nobody():
    rows = [Filing("1", "a", "甲", address="天河区"), Filing("2", "b", "乙", address="天河区")]
    rows += [Filing(f"c{i}", "m", f"入驻{i}", address="广州市天河区商务中心大厦99号") for i in range(25)]
    groups = group_applicants(rows, settings=Settings())
    assert groups.root_of["甲"] != groups.root_of["乙"]
    assert len({groups.root_of[f"入驻{i}"] for i in range(25)}) == 25


def test_the_directory_contacts_of_an_applicant_link_it():
    rows = [Filing("1", "a", "甲公司"), Filing("2", "b", "乙公司", phone="13800138000")]
    directory = [Organisation("o1", "甲公司", phone="138-0013-8000")]
    groups = group_applicants(rows, directory=directory, settings=Settings())
    assert groups.root_of["甲公司"] == groups.root_of["乙公司"]


KNOWN = [
    Mark("k1", "王老吉", ("32",), "广州王老吉大健康产业有限公司"),
    Mark("k2", "广州酒家", ("30",), "广州酒家集团股份有限公司"),
    Mark("k3", "白云山", ("5",), "广州白云山医药集团股份有限公司"),
]


def test_copies_of_several_owners_known_marks_from_alerts_passed_in():
    rows = filings("抢注有限公司", ["王老古", "广洲酒家", "白芸山", "自创"], classes=("30",))
    alerts = [
        Alert("抢注有限公司-0", "k1", 0.9, "similar", "5.1.4"),
        Alert("抢注有限公司-1", "k2", 0.92, "similar", "5.1.5"),
        Alert("抢注有限公司-2", "k3", 0.88, "similar", "5.1.4"),
    ]
    flags, _group = by_situation(assess(rows, marks_register=KNOWN, alerts=alerts), "抢注有限公司")
    copied = flags[Situation.COPY_MANY]
    assert copied.count == 3 and dict(copied.measures)["owners"] == 3
    assert {e.ref for e in copied.evidence} == {"k1", "k2", "k3"}
    assert copied.rule_keys == ("badfaith.copy_known_marks", "badfaith.factor_known_mark")
    # two filings of two owners do not reach copy_min_filings = 3
    assert assess(rows, marks_register=KNOWN, alerts=alerts[:2]) == []


def test_the_owner_filing_its_own_marks_is_not_copying():
    rows = filings("广州王老吉大健康产业有限公司", ["王老吉", "王老吉", "王老吉"], classes=("32",))
    alerts = [Alert(f.id, "k1", 1.0, "identical", "4.1") for f in rows]
    assert assess(rows, marks_register=KNOWN, alerts=alerts) == []


def test_one_owners_mark_filed_again_and_again_from_the_mark_engine_screening():
    rows = filings("重复有限公司", ["王老吉", "王老吉", "王老吉"], classes=("32",))
    flags, _group = by_situation(assess(rows, marks_register=KNOWN), "重复有限公司")  # screened here
    repeat = flags[Situation.COPY_REPEAT]
    assert repeat.count == 3 and {e.ref for e in repeat.evidence} == {"k1"}
    assert Situation.COPY_MANY not in flags  # one owner only


def test_others_trade_names_from_the_directory_but_not_the_own_name():
    directory = [
        Organisation("o1", "广州市天河区好味道餐饮管理有限公司"),
        Organisation("o2", "深圳市腾飞网络科技有限公司"),
        Organisation("o3", "广州酒家集团股份有限公司"),
        Organisation("o4", "字号抢注有限公司"),
    ]
    rows = filings("字号抢注有限公司", ["好味道", "腾飞", "广州酒家", "字号抢注"])
    flags, _group = by_situation(assess(rows, directory=directory), "字号抢注有限公司")
    signs = flags[Situation.BUSINESS_SIGN]
    assert signs.count == 3 and {e.ref for e in signs.evidence} == {"o1", "o2", "o3"}
    assert {e.matched for e in signs.evidence} == {"好味道", "腾飞", "广州酒家"}
    strict = Settings(business_sign_min_filings=4)
    assert assess(rows, directory=directory, settings=strict) == []


def test_trade_names_are_cut_from_company_names():
    assert trade_name("广州市天河区好味道餐饮管理有限公司") == "好味道"
    assert trade_name("广州酒家集团股份有限公司") == "广州酒家"
    assert trade_name("广东省广州市白云区云海科技有限公司") == "云海"
    assert trade_name("科技有限公司") == ""


def test_famous_names_places_and_generic_terms_from_the_lists():
    rows = filings("公共资源有限公司", ["李白醉", "孙悟空", "红楼梦", "清明上河图"], prefix="f")
    rows += filings("公共资源有限公司", ["广州", "长城牌", "白云山下", "越秀区好"], prefix="p")
    rows += filings("公共资源有限公司", ["大米", "有机大米", "天然面条"], prefix="g", classes=("30",))
    rows += filings("公共资源有限公司", ["啤酒"], prefix="x", classes=("30",))  # 啤酒 is generic in 32 only
    flags, group = by_situation(assess(rows), "公共资源有限公司")
    assert flags[Situation.PUBLIC_CULTURE].count == 4
    assert {e.matched for e in flags[Situation.PUBLIC_CULTURE].evidence} == {"李白", "孙悟空", "红楼梦", "清明上河图"}
    place = flags[Situation.PLACE]
    # a region name counts as the whole mark only; 越秀区好 is not a place filing
    assert {e.matched for e in place.evidence} == {"广州", "长城", "白云山"} and place.count == 3
    generic = flags[Situation.GENERIC]
    assert generic.count == 3 and {e.matched for e in generic.evidence} == {"大米", "面条"}
    assert "generic" in generic.evidence[0].detail and generic.rule_keys == ("badfaith.generic_terms",)
    assert group.score == 3.5 and group.level is Level.MEDIUM


def test_lists_are_editable_files_with_their_source_and_version(tmp_path):
    for name, body in {
        "famous_names.csv": "# source: 测试\n# version: t1\nterm,kind\n张三丰,person\n",
        "places.csv": "# source: 测试\n# version: t1\nterm,kind\n武当山,scenic\n",
        "generic_terms.csv": "# source: 测试\n# version: t1\nterm,classes\n拳套,28\n",
    }.items():
        (tmp_path / name).write_bytes(body.encode("gbk"))
    lists = load_lists(tmp_path)
    assert lists.famous.version == "t1" and lists.places.source == "测试"
    rows = filings("武术用品有限公司", ["张三丰", "张三丰拳", "太极张三丰"], prefix="a", classes=("28",))
    rows += filings("武术用品有限公司", ["李白", "李白酒", "李白诗"], prefix="b", classes=("28",))
    flags, _ = by_situation(assess(rows, lists=lists), "武术用品有限公司")
    assert flags[Situation.PUBLIC_CULTURE].count == 3  # 李白 is not on this list
    assert "t1" in flags[Situation.PUBLIC_CULTURE].evidence[0].detail


def test_a_list_without_its_source_header_is_refused(tmp_path):
    from zhichan.engines.badfaith import ListError

    (tmp_path / "famous_names.csv").write_text("term,kind\n李白,person\n", encoding="utf-8")
    with pytest.raises(ListError, match="source"):
        load_lists(tmp_path)


def test_scattered_assignments_soon_after_filing():
    rows = filings("转让有限公司", [f"标{i}" for i in range(10)])
    moves = [Assignment(f"转让有限公司-{i}", "转让有限公司", f"受让人{i}", date(2027, 2, 1)) for i in range(5)]
    flags, _ = by_situation(assess(rows, assignments=moves), "转让有限公司")
    scattered = flags[Situation.ASSIGNMENTS]
    assert scattered.count == 5 and dict(scattered.measures)["share"] == 0.5
    # four assignees, or assignments after the window, are not enough
    assert assess(rows, assignments=moves[:4]) == []
    late = [replace(m, on=date(2028, 6, 1)) for m in moves]
    assert assess(rows, assignments=late) == []
    # assignments inside the group are not scattered
    inside = [replace(m, assignee="转让有限公司") for m in moves]
    assert assess(rows, assignments=inside) == []


def test_an_earlier_finding_against_a_related_party_is_flagged_with_its_document():
    address = "广州市海珠区新港中路88号8楼"
    rows = filings("新壳公司", ["新标"], address=address) + filings("老壳公司", ["老标"], address=address)
    finding = Finding("f1", "老壳公司", "国家知识产权局", "商评字〔2025〕第1号", date(2025, 3, 1))
    flags, group = by_situation(assess(rows, findings=[finding]), "新壳公司")
    prior = flags[Situation.PRIOR_FINDING]
    assert prior.evidence[0].matched == "商评字〔2025〕第1号" and prior.evidence[0].ref == "f1"
    assert prior.rule_keys == ("badfaith.factor_prior_finding",) and group.level is Level.MEDIUM
    assert assess(rows) == []


def test_the_attention_level_adds_the_weights_and_never_says_bad_faith():
    heavy = filings("囤标贸易有限公司", [f"标{i}" for i in range(40)])
    (group,) = assess(peers() + heavy)
    assert group.level is Level.MEDIUM and group.score == 2.0 and group.reasons == (TITLES[Situation.VOLUME],)
    (group,) = assess(peers() + heavy, settings=Settings(weights={"6.1": 6.0}))
    assert group.level is Level.HIGH
    assert "不是" in NOT_A_VERDICT and all(
        "恶意" not in title for situation, title in TITLES.items() if situation is not Situation.PRIOR_FINDING
    )


def test_unflagged_groups_only_when_asked():
    assert assess(peers()) == []
    assert len(assess(peers(), settings=Settings(include_unflagged=True))) == 40


def test_a_single_light_flag_is_only_noted():
    rows = filings("地名有限公司", ["广州", "长城", "黄山"])
    ((group),) = assess(rows)
    assert [f.situation for f in group.flags] == [Situation.PLACE] and group.level is Level.LOW


PARTIES = st.sampled_from(["甲", "乙", "丙", "丁", "戊", "己"])
CONTACTS = st.sampled_from(["", "广州市天河区天河路1号101室", "广州市越秀区中山路2号202室"])
PHONES = st.sampled_from(["", "13800138000", "02088881234"])


@given(st.lists(st.tuples(PARTIES, CONTACTS, PHONES, st.sampled_from(["", "小所"])), min_size=1, max_size=30),
       st.randoms(use_true_random=False))  # fmt: skip
def test_groups_do_not_depend_on_the_order_of_the_filings_and_partition_the_applicants(rows, rng):
    filings = [Filing(str(i), "m", a, address=ad, phone=p, agency=ag) for i, (a, ad, p, ag) in enumerate(rows)]
    shuffled = filings[:]
    rng.shuffle(shuffled)
    one = group_applicants(filings, settings=Settings())
    two = group_applicants(shuffled, settings=Settings())
    assert one.root_of == two.root_of
    members = [m for group in one.members.values() for m in group]
    assert sorted(members) == sorted(one.root_of) and len(members) == len(set(members))
    for link in (link for links in one.links.values() for link in links):  # every link is a shared value
        assert one.root_of[link.a] == one.root_of[link.b]
