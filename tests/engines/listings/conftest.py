"""A small register of brands shared by the listing engine's tests (built once: variant generation
and the automaton are the slow part)."""

from __future__ import annotations

import pytest

from zhichan.engines.listings import Brand, Detector

NIKE = Brand(
    name="耐克",
    owner="耐克创新有限合伙公司",
    aliases=("Nike",),
    categories=("鞋", "服装"),
    authorised_sellers=frozenset({"耐克官方旗舰店"}),
    price_min=300.0,
    price_max=2000.0,
)
APPLE = Brand(name="苹果", owner="苹果公司", aliases=("Apple", "iPhone"), categories=("手机",))
KSF = Brand(name="康师傅", owner="康师傅控股有限公司")
HP = Brand(name="惠普", owner="惠普公司", aliases=("HP",))
ADIDAS = Brand(name="阿迪达斯", owner="阿迪达斯公司", aliases=("adidas",))
OREO = Brand(name="奥利奥", owner="亿滋国际")
REGISTER = (NIKE, APPLE, KSF, HP, ADIDAS, OREO)


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector(REGISTER)
