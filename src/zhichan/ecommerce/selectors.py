"""Every read of the e-commerce module, narrowed by the policy table."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from zhichan.core.districts import GUANGZHOU_DISTRICTS
from zhichan.core.policy import Action, allowed_queryset
from zhichan.core.workflow import may_take
from zhichan.ecommerce.models import AuthorisedSeller, Clue, Listing, Notice, ProtectedBrand
from zhichan.ecommerce.workflows import NOTICE
from zhichan.engines.listings import SignalName

# The two buckets of sellers' districts besides Guangzhou's 11: an address elsewhere or not
# recognised, and no address at all.
OUTSIDE, UNKNOWN = "outside", "unknown"


def brand_list(*, user: Any) -> QuerySet[ProtectedBrand]:
    return allowed_queryset(
        user,
        "protected_brand",
        Action.LIST,
        ProtectedBrand.objects.select_related("owner").prefetch_related("authorised_sellers", "category_prices"),
    )


def listing_list(*, user: Any) -> QuerySet[Listing]:
    return allowed_queryset(user, "listing", Action.LIST, Listing.objects.select_related("platform"))


def shop_names(*, user: Any) -> list[dict[str, Any]]:
    """The distinct (platform, shop name) pairs of the listings the user may see, each with a seller name
    and a category of its listings (the names screening of the watch module reads them)."""
    rows = (
        listing_list(user=user)
        .exclude(shop_name="")
        .order_by()
        .values("platform_id", "platform__name", "shop_name")
        .annotate(listings=Count("pk"))
    )
    out = [dict(row) for row in rows]
    examples: dict[tuple[Any, str], tuple[str, str]] = {}
    for platform, shop, seller, category in (
        listing_list(user=user).exclude(shop_name="").values_list("platform_id", "shop_name", "seller_name", "category")
    ):
        examples.setdefault((platform, shop), (seller, category))
    for row in out:
        row["seller_name"], row["category"] = examples.get((row["platform_id"], row["shop_name"]), ("", ""))
    return sorted(out, key=lambda r: (str(r["platform_id"]), r["shop_name"]))


def shops_authorised(*, owner_ids: Any) -> set[tuple[Any, Any, str]]:
    """(brand owner, platform or None for any, seller or shop) the owners authorised for their brands."""
    return set(
        AuthorisedSeller.objects.filter(brand__owner_id__in=list(owner_ids)).values_list(
            "brand__owner_id", "platform_id", "seller"
        )
    )


def clue_list(
    *,
    user: Any,
    brand: str = "",
    platform: str = "",
    status: str = "",
    min_score: float | None = None,
    signal: str = "",
    district: str = "",
    order: str = "-score",
) -> QuerySet[Clue]:
    qs = allowed_queryset(
        user,
        "clue",
        Action.LIST,
        Clue.objects.select_related(
            "listing", "listing__platform", "listing__seller_district", "brand", "brand__owner"
        ),
    )
    if brand:
        qs = qs.filter(brand_id=brand)
    if platform:
        qs = qs.filter(listing__platform_id=platform)
    if status:
        qs = qs.filter(status=status)
    if min_score is not None:
        qs = qs.filter(score__gte=min_score)
    if signal:
        qs = qs.filter(signals__icontains=f'"{signal}"')  # signal names are quoted JSON strings
    if district == OUTSIDE:
        qs = qs.filter(listing__seller_district__isnull=True).exclude(listing__seller_address="")
    elif district == UNKNOWN:
        qs = qs.filter(listing__seller_district__isnull=True, listing__seller_address="")
    elif district:
        qs = qs.filter(listing__seller_district__code=district)
    allowed_orders = {"-score", "score", "-created_at", "created_at"}
    return qs.order_by(order if order in allowed_orders else "-score", "-created_at")


def notice_list(*, user: Any) -> QuerySet[Notice]:
    return allowed_queryset(
        user, "notice", Action.LIST, Notice.objects.select_related("clue", "clue__listing", "clue__brand", "platform")
    )


def clue_statistics(*, user: Any) -> dict[str, list[dict[str, Any]]]:
    qs = allowed_queryset(user, "clue", Action.LIST, Clue.objects.all())
    # one pass in the database: a clue counts once per signal name it carries (names are quoted in the JSON)
    counts = qs.aggregate(
        **{name.value: Count("id", filter=Q(signals__icontains=f'"{name.value}"')) for name in SignalName}
    )
    by_signal = sorted(((name, n) for name, n in counts.items() if n), key=lambda kv: (-kv[1], kv[0]))
    return {
        "by_signal": [{"signal": name, "n": n} for name, n in by_signal],
        "by_brand": list(qs.values("brand__name").annotate(n=Count("id")).order_by("-n")[:20]),
        "by_platform": list(qs.values("listing__platform__name").annotate(n=Count("id")).order_by("-n")),
        "by_status": list(qs.values("status").annotate(n=Count("id")).order_by("status")),
        "by_district": clues_by_district(qs),
    }


def clues_by_district(qs: QuerySet[Clue]) -> list[dict[str, Any]]:
    """Clues by the seller's district: the 11 districts in code order (zeros included, so that charts
    compare like with like), then sellers outside Guangzhou or not recognised, then listings with no
    seller address."""
    counts = {
        row["listing__seller_district__code"]: row["n"]
        for row in qs.order_by().values("listing__seller_district__code").annotate(n=Count("id"))
    }
    outside = qs.filter(listing__seller_district__isnull=True).exclude(listing__seller_address="").count()
    return [
        *({"code": code, "district": name, "n": counts.get(code, 0)} for code, name in GUANGZHOU_DISTRICTS),
        {"code": OUTSIDE, "district": _("外地或无法识别"), "n": outside},
        {"code": UNKNOWN, "district": _("未填卖家地址"), "n": counts.get(None, 0) - outside},
    ]


def vocabulary(*, user: Any) -> dict[str, QuerySet]:
    from zhichan.ecommerce.models import CounterfeitTerm, LegitimateContext

    return {
        "terms": allowed_queryset(user, "listing_vocabulary", Action.LIST, CounterfeitTerm.objects.all()),
        "contexts": allowed_queryset(user, "listing_vocabulary", Action.LIST, LegitimateContext.objects.all()),
    }


def notice_steps_for(*, user: Any, notice: Notice) -> list[str]:
    """The steps of the notice procedure `user` may take now: allowed from its state and by the policy."""
    return [t.name for t in NOTICE.from_state(notice.status) if may_take(user, NOTICE, t.name, notice)]
