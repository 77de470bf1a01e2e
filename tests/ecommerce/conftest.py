"""Fixtures of the e-commerce tests: a platform, and a brand with an authorised shop and a platform client."""

from __future__ import annotations

import pytest

from zhichan.core.models import Organisation, OrganisationKind, Role, User
from zhichan.ecommerce import services


@pytest.fixture
def platform(db):
    return Organisation.objects.create(
        name="唯品会（中国）有限公司",
        name_normalized="唯品会（中国）有限公司",
        name_pinyin="weipinhui",
        name_initials="wph",
        credit_code="91110000802100433B",
        kind=OrganisationKind.ECOMMERCE_PLATFORM,
    )


@pytest.fixture
def market(users, orgs, platform):
    """One brand of orgs['own'] with an authorised shop, one platform client of `platform`."""
    brand = services.brand_register(
        actor=users["official"],
        owner=orgs["own"],
        authorised_sellers=["王老吉官方旗舰店"],
        data={
            "name": "王老吉",
            "aliases": ["WONG LO KAT"],
            "categories": ["饮料"],
            "price_min": "50",
            "price_max": "120",
        },
    )
    client_user = User.objects.create_user(
        username="t-vip", password="x-password-123", role=Role.PLATFORM_CLIENT, organisation=platform
    )
    return {"brand": brand, "client": client_user}
