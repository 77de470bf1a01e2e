"""Every write of the e-commerce module: brands, listing intake and scanning, clue decisions, notices.

The notice-and-takedown procedure follows 电子商务法 Art. 42-45: a confirmed clue becomes a notice to the
platform (Art. 42), the platform records its measures, a merchant's declaration of non-infringement is
forwarded to the rights holder (Art. 43), and the measures end when no complaint or suit is reported
within the waiting period (`ecommerce.declaration_wait` in the legal rules table).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhichan.core import audit, limits
from zhichan.core import selectors as core_selectors
from zhichan.core.calendar import platform_calendar
from zhichan.core.districts import district_code
from zhichan.core.labels import missing_holidays
from zhichan.core.policy import Action, acts_for
from zhichan.core.services import deny, require
from zhichan.core.workflow import transition_run
from zhichan.ecommerce.detection import current_detector
from zhichan.ecommerce.models import (
    AuthorisedSeller,
    BrandCategoryPrice,
    BrandStatus,
    Clue,
    ClueStatus,
    Listing,
    Notice,
    NoticeStatus,
    ProtectedBrand,
)
from zhichan.ecommerce.workflows import NOTICE
from zhichan.engines.calendar import Period, YearNotCovered, compute_deadline
from zhichan.engines.listings import Listing as EngineListing
from zhichan.engines.listings import parse_category_prices

MAX_BATCH = 1000
WAIT_RULE = "ecommerce.declaration_wait"


# --- brands ---


def _brand_values(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        errors["name"] = _("品牌名称为必填项")
    aliases = data.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [alias for alias in (part.strip() for part in aliases.split("|")) if alias]
    categories = data.get("categories") or []
    if isinstance(categories, str):
        categories = [c for c in (part.strip() for part in categories.split("|")) if c]
    prices = {}
    for key in ("price_min", "price_max"):
        raw = data.get(key)
        if raw in (None, ""):
            prices[key] = None
            continue
        try:
            prices[key] = limits.decimal(raw, ProtectedBrand, key)
        except ValidationError as exc:
            errors[key] = " ".join(exc.messages)
            continue
        if prices[key] < 0:
            errors[key] = _("价格不能为负数")
    if (
        not errors
        and prices["price_min"] is not None
        and prices["price_max"] is not None
        and prices["price_min"] > prices["price_max"]
    ):
        errors["price_min"] = _("参考价下限高于上限")
    category_prices: list[tuple[str, Decimal | None, Decimal | None]] = []
    raw_ranges = data.get("category_prices") or []
    if isinstance(raw_ranges, str):
        try:
            raw_ranges = [
                {"category": e.category, "price_min": e.price_min, "price_max": e.price_max}
                for e in parse_category_prices(raw_ranges)
            ]
        except ValueError as exc:
            errors["category_prices"] = str(exc)
            raw_ranges = []
    seen: set[str] = set()
    for entry in raw_ranges:
        try:
            cleaned = _category_price_values(entry.get("category"), entry.get("price_min"), entry.get("price_max"))
        except ValidationError as exc:
            errors["category_prices"] = "; ".join(exc.messages)
            break
        if cleaned[0] in seen:
            errors["category_prices"] = _("类别“%(c)s”重复") % {"c": cleaned[0]}
            break
        seen.add(cleaned[0])
        category_prices.append(cleaned)
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "aliases": list(aliases),
        "categories": list(categories),
        "nice_classes": [int(c) for c in data.get("nice_classes") or []],
        **prices,
        "category_prices": category_prices,
    }


def _price(raw: Any) -> Decimal | None:
    value = limits.decimal(raw, BrandCategoryPrice, "price_min")
    if value is not None and value < 0:
        raise ValidationError(_("价格不能为负数"))
    return value


def _category_price_values(category: Any, price_min: Any, price_max: Any) -> tuple[str, Decimal | None, Decimal | None]:
    """A category's reference range: a category name, at least one bound, minimum not above maximum."""
    name = " ".join(str(category or "").split())
    if not name or len(name) > 100:
        raise ValidationError({"category": _("商品类别为必填项，不超过100个字符")})
    low, high = _price(price_min), _price(price_max)
    if low is None and high is None:
        raise ValidationError({"price_min": _("“%(c)s”：参考价下限和上限至少填写一个") % {"c": name}})
    if low is not None and high is not None and low > high:
        raise ValidationError({"price_min": _("“%(c)s”：参考价下限高于上限") % {"c": name}})
    return name, low, high


def brand_register(
    *, actor: Any, owner: Any, data: dict[str, Any], authorised_sellers: list[str] = ()
) -> ProtectedBrand:
    require(actor, "protected_brand", Action.CREATE)
    if not acts_for(actor, "protected_brand", Action.CREATE, owner):
        deny(
            actor=actor,
            action="protected_brand.create",
            object_type="protected_brand",
            reason="owner is another organisation",
            message=_("只能登记本单位的品牌"),
        )
    values = _brand_values(data)
    category_prices = values.pop("category_prices")
    with transaction.atomic():
        if ProtectedBrand.objects.filter(name=values["name"], owner=owner).exists():
            raise ValidationError({"name": _("该权利人已登记同名品牌")})
        brand = ProtectedBrand.objects.create(owner=owner, **values)
        for seller in authorised_sellers:
            if seller.strip():
                AuthorisedSeller.objects.get_or_create(brand=brand, platform=None, seller=seller.strip())
        for category, low, high in category_prices:
            BrandCategoryPrice.objects.create(brand=brand, category=category, price_min=low, price_max=high)
        audit.record(
            actor=actor,
            action="protected_brand.create",
            object_type="protected_brand",
            object_id=brand.pk,
            summary={
                "name": brand.name,
                "owner": str(owner),
                "aliases": brand.aliases,
                "category_prices": [_range_summary(*entry) for entry in category_prices],
            },
        )
    return brand


def _range_summary(category: str, low: Decimal | None, high: Decimal | None) -> dict[str, Any]:
    return {
        "category": category,
        "price_min": None if low is None else str(low),
        "price_max": None if high is None else str(high),
    }


def brand_category_price_save(
    *, actor: Any, brand: ProtectedBrand, category: str, price_min: Any = None, price_max: Any = None
) -> BrandCategoryPrice:
    """Set a brand's reference price range for one category of goods (added or changed, audited with
    the range before and after); the detector picks it up on its next scan."""
    require(actor, "protected_brand", Action.CHANGE, brand)
    name, low, high = _category_price_values(category, price_min, price_max)
    with transaction.atomic():
        brand = ProtectedBrand.objects.select_for_update().get(pk=brand.pk)
        row = BrandCategoryPrice.objects.filter(brand=brand, category=name).first()
        before = None if row is None else _range_summary(row.category, row.price_min, row.price_max)
        if row is None:
            row = BrandCategoryPrice.objects.create(brand=brand, category=name, price_min=low, price_max=high)
        else:
            row.price_min, row.price_max = low, high
            row.save(update_fields=["price_min", "price_max", "updated_at"])
        brand.save(update_fields=["updated_at"])  # the detector's cache key
        audit.record(
            actor=actor,
            action="protected_brand.category_price_save",
            object_type="protected_brand",
            object_id=brand.pk,
            summary={"brand": brand.name, "before": before, "after": _range_summary(name, low, high)},
        )
    return row


def brand_category_price_delete(*, actor: Any, brand: ProtectedBrand, category: str) -> None:
    """Remove a brand's range for one category; its listings are then compared with the brand-wide range."""
    require(actor, "protected_brand", Action.CHANGE, brand)
    with transaction.atomic():
        brand = ProtectedBrand.objects.select_for_update().get(pk=brand.pk)
        row = BrandCategoryPrice.objects.filter(brand=brand, category=category).first()
        if row is None:
            raise ValidationError({"category": _("该品牌没有类别“%(c)s”的参考价") % {"c": category}})
        before = _range_summary(row.category, row.price_min, row.price_max)
        row.delete()
        brand.save(update_fields=["updated_at"])
        audit.record(
            actor=actor,
            action="protected_brand.category_price_delete",
            object_type="protected_brand",
            object_id=brand.pk,
            summary={"brand": brand.name, "before": before},
        )


# --- listing intake ---


@dataclass
class ItemResult:
    index: int
    listing_id: str
    status: str  # created | updated | unchanged | rejected
    errors: dict[str, str] = field(default_factory=dict)
    clues: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "listing_id": self.listing_id,
            "status": self.status,
            "errors": self.errors,
            "clues": self.clues,
        }


_TEXT_LIMITS = {
    "listing_id": 100,
    "title": 500,
    "seller_id": 100,
    "seller_name": 200,
    "shop_name": 200,
    "category": 200,
    "url": 1000,
    "currency": 3,
    "seller_address": 300,
    "seller_district": 300,
}


def _clean_item(item: Any) -> tuple[dict[str, Any], dict[str, str]]:
    if not isinstance(item, dict):
        return {}, {"item": _("每一项应为一个对象")}
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, limit in _TEXT_LIMITS.items():
        value = item.get(name, "")
        value = "" if value is None else str(value).strip()
        if len(value) > limit:
            errors[name] = _("超过 %(n)d 个字符") % {"n": limit}
        values[name] = value
    for name in ("listing_id", "title"):
        if not values[name]:
            errors[name] = _("必填")
    values["currency"] = (values["currency"] or "CNY").upper()
    values["description"] = str(item.get("description") or "")
    if len(values["description"]) > limits.text_max_chars():  # as the import refuses such a cell
        errors["description"] = _("超过 %(n)d 个字符") % {"n": limits.text_max_chars()}
    for name in (*_TEXT_LIMITS, "description"):
        if "\x00" in values[name]:  # a NUL byte is never text (and PostgreSQL refuses it)
            errors[name] = _("含有空字符（NUL），不是有效文本")
    price = item.get("price")
    if price in (None, ""):
        values["price"] = None
    else:
        try:
            values["price"] = limits.decimal(price, Listing, "price")
            if values["price"] < 0:
                errors["price"] = _("价格不能为负数")
        except ValidationError as exc:
            values["price"] = None
            errors["price"] = " ".join(exc.messages)
    values["cross_border"] = str(item.get("cross_border", "")).lower() in ("1", "true", "yes", "是", "y")
    try:
        values["first_seen"] = limits.parse_datetime(item.get("first_seen") or None)
    except ValidationError as exc:
        values["first_seen"] = None
        errors["first_seen"] = " ".join(exc.messages)
    if values["url"] and not values["url"].startswith(("http://", "https://")):
        errors["url"] = _("链接应以 http:// 或 https:// 开头")
    # The seller's district: from `seller_district` (a code, a name, Traditional or not) or else from
    # the address. One outside Guangzhou or not recognised is kept as written, with no district.
    district_text = values.pop("seller_district")
    values["seller_district_code"] = district_code(district_text) or district_code(values["seller_address"])
    if district_text and not values["seller_address"]:
        values["seller_address"] = district_text
    return values, errors


# Fields added after the first release: left out of the hash when empty, so that listings stored
# before them stay "unchanged" when submitted again without them.
_HASH_OPTIONAL = ("seller_address", "seller_district_code")


def _content_hash(values: dict[str, Any]) -> str:
    kept = {k: str(v) for k, v in sorted(values.items()) if not (k in _HASH_OPTIONAL and not v)}
    text = json.dumps(kept, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def require_listing_intake(actor: Any, platform: Any) -> None:
    """Refuse (audited) listings from someone who may not submit them, or for another platform than the
    client's own; called before any write (a batch here, an uploaded file in `listing_files`)."""
    require(actor, "listing", Action.CREATE)
    if not acts_for(actor, "listing", Action.CREATE, platform):
        deny(
            actor=actor,
            action="listing.create",
            object_type="listing",
            reason="another platform",
            message=_("只能提交本平台的商品"),
        )


def listings_submit(*, actor: Any, platform: Any, items: list[Any]) -> list[ItemResult]:
    """Store a batch and scan what changed. Per item and idempotent by (platform, listing id).

    A rejected item is reported with its fields and does not stop the others; re-submitting the same
    batch changes nothing (unchanged items are neither rewritten nor re-scanned).

    The detector runs before the write transaction, on the listings as submitted (it reads the brand
    registry and the sellers' history, and writes nothing); the transaction then reads the batch's
    existing listings and clues in one query each, writes them in bulk and records one audit entry, so
    that the database's write lock (SQLite has one for the whole file) is held for the writes alone
    (issue 20, load).
    """
    require_listing_intake(actor, platform)
    if len(items) > MAX_BATCH:
        raise ValidationError(_("每次最多提交 %(max)d 条，本次 %(n)d 条") % {"max": MAX_BATCH, "n": len(items)})
    results: list[ItemResult | None] = [None] * len(items)
    accepted: list[tuple[int, str, dict[str, Any], str]] = []
    seen: set[str] = set()
    districts = {d.code: d for d in core_selectors.districts()}
    for index, item in enumerate(items):
        values, errors = _clean_item(item)
        listing_id = values.get("listing_id", "")
        if not errors and listing_id in seen:
            errors["listing_id"] = _("与本批次前面的商品编号重复")
        if errors:
            results[index] = ItemResult(index, listing_id, "rejected", errors)
            continue
        seen.add(listing_id)
        digest = _content_hash(values)
        values["seller_district"] = districts.get(values.pop("seller_district_code") or "")
        accepted.append((index, listing_id, values, digest))
    stored = _stored_hashes(platform, [listing_id for _i, listing_id, _v, _d in accepted])
    to_scan = [(listing_id, values) for _i, listing_id, values, digest in accepted if stored.get(listing_id) != digest]
    findings = _assess(platform, to_scan)  # outside the write lock
    with transaction.atomic():
        existing = {
            listing.listing_id: listing
            for listing in Listing.objects.filter(platform=platform, listing_id__in=[a[1] for a in accepted])
        }
        created: list[Listing] = []
        updated: list[Listing] = []
        now = timezone.now()
        for index, listing_id, values, digest in accepted:
            listing = existing.get(listing_id)
            if listing is None:
                listing = Listing(platform=platform, content_hash=digest, **values)
                created.append(listing)
                status = "created"
            elif listing.content_hash == digest:
                results[index] = ItemResult(index, listing_id, "unchanged")
                continue
            else:
                for key, value in values.items():
                    setattr(listing, key, value)
                listing.content_hash = digest
                listing.updated_at = now
                updated.append(listing)
                status = "updated"
            existing[listing_id] = listing
            results[index] = ItemResult(index, listing_id, status)
        Listing.objects.bulk_create(created, batch_size=500)
        if updated:
            fields = [*accepted[0][2].keys(), "content_hash", "updated_at"]
            Listing.objects.bulk_update(updated, fields, batch_size=500)
        changed = {listing.listing_id: listing for listing in (*created, *updated)}
        late = [
            (i, values) for _x, i, values, _d in accepted if i in changed and i not in findings and stored.get(i) == _d
        ]
        if late:  # changed by another batch since it was read: scanned here, as it is now written
            findings.update(_assess(platform, late))
        clue_counts = _store_clues(changed, findings, now)
        done = [r for r in results if r is not None]
        for result in done:
            result.clues = clue_counts.get(result.listing_id, 0)
        audit.record(
            actor=actor,
            action="listing.batch",
            object_type="listing",
            summary={
                "platform": str(platform),
                "items": len(items),
                **{
                    status: sum(1 for r in done if r.status == status)
                    for status in ("created", "updated", "unchanged", "rejected")
                },
                "clues": sum(clue_counts.values()),
            },
        )
    return done


def _stored_hashes(platform: Any, listing_ids: list[str]) -> dict[str, str]:
    return dict(
        Listing.objects.filter(platform=platform, listing_id__in=listing_ids).values_list("listing_id", "content_hash")
    )


def _seller_history(sellers: set[str]) -> dict[str, int]:
    sellers = {seller for seller in sellers if seller}
    if not sellers:
        return {}
    history: dict[str, int] = {}
    confirmed = Clue.objects.filter(status=ClueStatus.CONFIRMED, listing__seller_id__in=sellers)
    for seller in confirmed.values_list("listing__seller_id", flat=True):
        history[seller] = history.get(seller, 0) + 1
    return history


def _assess(platform: Any, listings: list[tuple[str, dict[str, Any]]]) -> dict[str, list[tuple[Any, dict[str, Any]]]]:
    """The detector's clues for listings as submitted: listing id -> [(brand row, clue values)]."""
    findings: dict[str, list[tuple[Any, dict[str, Any]]]] = {}
    if not listings:
        return findings
    detector, brands = current_detector()
    if detector is None:
        return findings
    history = _seller_history({values["seller_id"] for _id, values in listings})
    for listing_id, values in listings:
        price = values["price"]
        engine_listing = EngineListing(
            listing_id=listing_id,
            title=values["title"],
            price=float(price) if price is not None else None,
            seller=values["seller_id"] or values["seller_name"],
            shop=values["shop_name"],
            platform=str(platform.pk),
            category=values["category"],
        )
        for found in detector.assess(engine_listing, history.get(values["seller_id"], 0)):
            if not found.is_clue:
                continue
            brand = brands[(found.brand.name, found.brand.owner)]
            clue_values = {
                "score": round(found.score, 4),
                "signals": [{"name": s.name, "weight": s.weight, "detail": s.detail} for s in found.signals],
                "evidence": [{"start": e.start, "end": e.end, "text": e.text, "what": e.what} for e in found.evidence],
                "explanation": found.explanation,
            }
            findings.setdefault(listing_id, []).append((brand, clue_values))
    return findings


def _store_clues(
    changed: dict[str, Listing], findings: dict[str, list[tuple[Any, dict[str, Any]]]], now: Any
) -> dict[str, int]:
    """Create or refresh the open clues of the changed listings; never touch decided ones."""
    counts: dict[str, int] = {}
    wanted = {listing_id: found for listing_id, found in findings.items() if listing_id in changed}
    if not wanted:
        return counts
    stored = {
        (clue.listing_id, clue.brand_id): clue
        for clue in Clue.objects.filter(listing__in=[changed[listing_id] for listing_id in wanted])
    }
    new: list[Clue] = []
    refreshed: list[Clue] = []
    for listing_id, found in wanted.items():
        listing = changed[listing_id]
        for brand, values in found:
            clue = stored.get((listing.pk, brand.pk))
            if clue is None:
                new.append(Clue(listing=listing, brand=brand, **values))
            elif clue.status == ClueStatus.OPEN:
                for key, value in values.items():
                    setattr(clue, key, value)
                clue.updated_at = now
                refreshed.append(clue)
            counts[listing_id] = counts.get(listing_id, 0) + 1
    Clue.objects.bulk_create(new, batch_size=500)
    if refreshed:
        Clue.objects.bulk_update(
            refreshed, ["score", "signals", "evidence", "explanation", "updated_at"], batch_size=500
        )
    return counts


# --- working the clues ---


def clues_decide(*, actor: Any, clues: list[Clue], decision: str, reason: str) -> int:
    """Confirm or dismiss clues in bulk; each decision is audited with its reason."""
    if decision not in (ClueStatus.CONFIRMED, ClueStatus.DISMISSED):
        raise ValidationError({"decision": _("研判结果应为“已确认”或“已排除”")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("请填写研判理由")})
    pks = [c.pk for c in clues]
    for clue in Clue.objects.filter(pk__in=pks):  # refused (and audited) before anything is written
        require(actor, "clue", Action.CHANGE, clue)
    with transaction.atomic():
        decided = 0
        for clue in Clue.objects.select_for_update().filter(pk__in=pks):
            if clue.status != ClueStatus.OPEN:
                raise ValidationError(_("线索 %(id)s 已研判，不能重复研判") % {"id": clue.pk})
            clue.status, clue.decided_by, clue.decided_at = decision, actor, timezone.now()
            clue.decision_reason = reason[:500]
            clue.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"])
            audit.record(
                actor=actor,
                action=f"clue.{decision}",
                object_type="clue",
                object_id=clue.pk,
                summary={"brand": clue.brand.name, "listing": clue.listing.listing_id, "reason": reason},
            )
            decided += 1
    return decided


def clue_from_shop_name(
    *, actor: Any, platform_id: Any, shop_name: str, owner_id: Any, mark: str, score: float, why: str, source: str
) -> Clue:
    """A clue for a shop whose name uses or imitates a registered mark (the watch module's confirmed name
    alert `source`): on the shop's latest listing and the owner's protected brand of that name (or alias).

    Refused, before anything is written, when the platform sent no listing of that shop or the owner has
    no active protected brand of the mark. An existing clue of that (listing, brand) gets the shop-name
    signal while it is open; a decided one is left as decided. Audited as `clue.shop_name`."""
    require(actor, "clue", Action.CHANGE)  # clues are the office's work: the right to work them
    listing = (
        Listing.objects.filter(platform_id=platform_id, shop_name=shop_name).order_by("-received_at", "-pk").first()
    )
    if listing is None:
        raise ValidationError(_("该平台没有以店铺名称“%(shop)s”提交的商品，无法生成线索") % {"shop": shop_name})
    brands = ProtectedBrand.objects.filter(owner_id=owner_id, status=BrandStatus.ACTIVE)
    brand = brands.filter(name=mark).first() or next((b for b in brands if mark in (b.aliases or [])), None)
    if brand is None:
        raise ValidationError(_("权利人尚未登记保护品牌“%(mark)s”，无法生成电商线索；请先登记品牌") % {"mark": mark})
    signal = {"name": "shop_name", "weight": round(score, 4), "detail": why[:1000]}
    values = {
        "score": round(score, 4),
        "signals": [signal],
        "evidence": [{"start": 0, "end": len(shop_name), "text": shop_name, "what": "shop_name"}],
        "explanation": _("店铺名称“%(shop)s”使用或摹仿商标“%(mark)s”：%(why)s")
        % {"shop": shop_name, "mark": mark, "why": why},
    }
    with transaction.atomic():
        clue, created = Clue.objects.select_for_update().get_or_create(listing=listing, brand=brand, defaults=values)
        if not created and clue.status == ClueStatus.OPEN and all(s.get("name") != "shop_name" for s in clue.signals):
            clue.signals = [*clue.signals, signal]
            clue.score = max(clue.score, values["score"])
            clue.save(update_fields=["signals", "score", "updated_at"])
        audit.record(
            actor=actor,
            action="clue.shop_name",
            object_type="clue",
            object_id=clue.pk,
            summary={
                "platform": str(platform_id),
                "shop": shop_name,
                "brand": brand.name,
                "listing": listing.listing_id,
                "created": created,
                "source": source,
            },
        )
    return clue


def clue_refer_to_enforcement(*, actor: Any, clue: Clue) -> Any:
    """A confirmed clue becomes an infringement complaint for administrative enforcement (cases module),
    registered for the brand owner with the listing as its facts; the clue keeps the link."""
    from zhichan.cases.services import case_intake

    require(actor, "clue", Action.CHANGE, clue)
    require(actor, "case", Action.CREATE)  # case_intake's own check, made here before the transaction opens
    with transaction.atomic():
        clue = (
            Clue.objects.select_for_update()
            .select_related("listing", "listing__platform", "brand", "brand__owner")
            .get(pk=clue.pk)
        )
        if clue.status != ClueStatus.CONFIRMED:
            raise ValidationError(_("只有已确认的线索可以移送行政执法"))
        if clue.case_id is not None:
            raise ValidationError(_("该线索已移送立案"))
        listing = clue.listing
        facts = "\n".join(
            line
            for line in (
                clue.explanation,
                _("商品标题：%(t)s") % {"t": listing.title},
                _("平台：%(p)s，商品编号：%(id)s") % {"p": listing.platform.name, "id": listing.listing_id},
                _("链接：%(u)s") % {"u": listing.url} if listing.url else "",
                _("研判理由：%(r)s") % {"r": clue.decision_reason},
            )
            if line
        )
        case = case_intake(
            actor=actor,
            via="official",
            requester_org=clue.brand.owner,
            data={
                "right": "trademark",
                "request_kind": "infringement_complaint",
                "facts": facts,
                "requester_name": clue.brand.owner.name,
                "respondent_name": listing.seller_name or listing.shop_name or listing.seller_id,
                "remedy": _("依法查处商标侵权行为"),
            },
        )
        clue.case = case
        clue.save(update_fields=["case", "updated_at"])
        audit.record(
            actor=actor, action="clue.refer", object_type="clue", object_id=clue.pk, summary={"case": str(case.pk)}
        )
    return case


RIGHT_KINDS = {
    "patent": gettext_lazy("专利"),
    "design": gettext_lazy("外观设计"),
    "trademark": gettext_lazy("注册商标"),
    "work": gettext_lazy("作品"),
}


def clue_reference_right(*, actor: Any, clue: Clue, kind: str, number: str) -> Clue:
    """Name a patent, design, registered mark or work the listing infringes, by its number (checked)."""
    from zhichan.engines.identifiers import clean_patent_number, validate_patent_number

    require(actor, "clue", Action.CHANGE, clue)
    if kind not in RIGHT_KINDS:
        raise ValidationError({"kind": _("类型应为专利、外观设计、注册商标或作品")})
    number = number.strip()
    if kind in ("patent", "design"):
        number = clean_patent_number(number)
        problem = validate_patent_number(number)
        if problem is not None:
            raise ValidationError({"number": problem.message})
    elif kind == "trademark":
        number = number.replace(" ", "")
        if not (number.isdigit() and 1 <= len(number) <= 10):
            raise ValidationError({"number": _("注册商标号应为1至10位数字")})
    elif not number or len(number) > 100:
        raise ValidationError({"number": _("请填写作品登记号（不超过100个字符）")})
    with transaction.atomic():
        clue = Clue.objects.select_for_update().get(pk=clue.pk)
        reference = {"kind": kind, "number": number}
        if reference in clue.right_refs:
            return clue
        clue.right_refs = [*clue.right_refs, reference]
        clue.save(update_fields=["right_refs", "updated_at"])
        audit.record(
            actor=actor, action="clue.reference_right", object_type="clue", object_id=clue.pk, summary=reference
        )
    return clue


def notice_send(*, actor: Any, clue: Clue) -> Notice:
    """Art. 42: a confirmed clue is notified to the platform, which must take necessary measures."""
    require(actor, "notice", Action.CREATE)
    with transaction.atomic():
        clue = Clue.objects.select_for_update().select_related("listing").get(pk=clue.pk)
        if clue.status != ClueStatus.CONFIRMED:
            raise ValidationError(_("只有已确认的线索可以通知平台"))
        if Notice.objects.filter(clue=clue).exists():
            raise ValidationError(_("该线索已通知平台"))
        notice = Notice.objects.create(
            clue=clue, platform_id=clue.listing.platform_id, sent_at=timezone.now(), sent_by=actor
        )
        audit.record(
            actor=actor,
            action="notice.send",
            object_type="notice",
            object_id=notice.pk,
            summary={"clue": str(clue.pk), "listing": clue.listing.listing_id},
        )
    return notice


def declaration_wait(declared_on: date) -> tuple[date | None, list[dict[str, Any]], bool]:
    """The end of the rights holder's waiting period after the declaration is forwarded (Art. 43).

    Returns the due date, the steps that explain it, and whether it is provisional: a period reaching a
    year whose holiday notice is not imported is counted by the statutory holidays and says so;
    importing the notice recomputes it (`declaration_waits_recompute`). None only beyond any estimate.
    """
    try:
        deadline = compute_deadline(declared_on, Period.of_rule(WAIT_RULE), platform_calendar())
    except YearNotCovered as exc:
        problem = _("无法计算届满日：%(problem)s；导入该年节假日安排后自动补算") % {"problem": missing_holidays(exc)}
        return None, [{"zh": problem, "basis": "", "unknown": True}], False
    return deadline.due, deadline.as_dict()["steps"], deadline.provisional


def declaration_waits_recompute() -> int:
    """Recompute the waiting periods that were unknown or provisional for want of a year's holiday notice."""
    recomputed = 0
    waiting = Notice.objects.filter(
        Q(wait_due__isnull=True) | Q(wait_provisional=True),
        status=NoticeStatus.DECLARATION_FORWARDED,
        declared_on__isnull=False,
    )
    for notice in waiting:
        due, steps, provisional = declaration_wait(notice.declared_on)
        if due is None or (due, steps, provisional) == (notice.wait_due, notice.wait_steps, notice.wait_provisional):
            continue
        with transaction.atomic():
            notice.wait_due, notice.wait_steps, notice.wait_provisional = due, steps, provisional
            notice.save(update_fields=["wait_due", "wait_steps", "wait_provisional"])
            audit.record(
                actor=None,
                action="notice.wait_recomputed",
                object_type="notice",
                object_id=notice.pk,
                summary={
                    "wait_due": due.isoformat(),
                    "declared_on": notice.declared_on.isoformat(),
                    "provisional": provisional,
                },
            )
        recomputed += 1
    return recomputed


def notice_measures(*, actor: Any, notice: Notice, measures: str) -> Notice:
    """Art. 42: the platform records the necessary measures it took (removal, blocking, delisting)."""

    def write(locked: Notice) -> tuple[list[str], dict[str, Any]]:
        if not measures.strip():
            raise ValidationError({"measures": _("请说明采取的必要措施（删除、屏蔽、断开链接等）")})
        locked.measures, locked.measures_at = measures[:500], timezone.now()
        return ["measures", "measures_at"], {"measures": measures[:500]}

    return transition_run(actor=actor, obj=notice, workflow=NOTICE, name="measures", write=write)


def notice_declaration(*, actor: Any, notice: Notice, declaration: str, today: date | None = None) -> Notice:
    """Art. 43: the merchant's declaration is forwarded to the rights holder and the waiting clock starts."""

    def write(locked: Notice) -> tuple[list[str], dict[str, Any]]:
        if len(declaration.strip()) < 10:
            raise ValidationError({"declaration": _("不侵权声明应包括不存在侵权行为的初步证据")})
        day = today or timezone.localdate()
        due, steps, provisional = declaration_wait(day)
        locked.declaration, locked.declaration_at, locked.declared_on = declaration, timezone.now(), day
        locked.wait_due, locked.wait_steps, locked.wait_provisional = due, steps, provisional
        fields = ["declaration", "declaration_at", "declared_on", "wait_due", "wait_steps", "wait_provisional"]
        return fields, {"declared_on": day.isoformat(), "wait_due": due.isoformat() if due else None}

    return transition_run(actor=actor, obj=notice, workflow=NOTICE, name="declaration", write=write)


def notice_complaint(*, actor: Any, notice: Notice, note: str) -> Notice:
    """Art. 43: the rights holder reports a complaint or suit within the period; the measures stay."""

    def write(locked: Notice) -> tuple[list[str], dict[str, Any]]:
        locked.complaint_at, locked.complaint_note = timezone.now(), note[:500]
        return ["complaint_at", "complaint_note"], {"note": note[:500]}

    return transition_run(actor=actor, obj=notice, workflow=NOTICE, name="complaint", write=write)


def notice_restore(*, actor: Any, notice: Notice, today: date | None = None) -> Notice:
    """Art. 43: with no complaint or suit reported by the end of the period, the measures end."""

    def write(locked: Notice) -> tuple[list[str], dict[str, Any]]:
        day = today or timezone.localdate()
        if locked.wait_due is None:
            raise ValidationError(_("等待期届满日尚无法计算（所涉年份的节假日安排未导入），暂不能终止措施"))
        if locked.wait_provisional:
            # The notice may still make the last day a holiday and move it: the measures stay until it is known.
            raise ValidationError(
                _("等待期届满日 %(due)s 为暂定（所涉年份的放假安排通知未导入），导入通知确定届满日后方可终止措施")
                % {"due": locked.wait_due}
            )
        if day <= locked.wait_due:
            raise ValidationError(_("等待期至 %(due)s 届满，届满前不能终止措施") % {"due": locked.wait_due})
        locked.restored_at = timezone.now()
        return ["restored_at"], {"wait_due": locked.wait_due.isoformat(), "on": day.isoformat()}

    return transition_run(actor=actor, obj=notice, workflow=NOTICE, name="restore", write=write)


# --- the editable vocabulary ---


def counterfeit_term_save(*, actor: Any, term: str, weight: float, meaning: str, active: bool = True) -> Any:
    """Add or change a counterfeit term; the detector picks the change up on its next scan."""
    from zhichan.ecommerce.models import CounterfeitTerm

    require(actor, "listing_vocabulary", Action.CHANGE)
    term = term.strip()
    if not term:
        raise ValidationError({"term": _("用语不能为空")})
    if not 0 <= weight <= 1:
        raise ValidationError({"weight": _("权重应在 0 到 1 之间")})
    with transaction.atomic():
        row, created = CounterfeitTerm.objects.update_or_create(
            term=term, defaults={"weight": weight, "meaning": meaning.strip()[:300], "active": active}
        )
        audit.record(
            actor=actor,
            action="listing_vocabulary.term_save",
            object_type="listing_vocabulary",
            object_id=row.pk,
            summary={"term": term, "weight": weight, "active": active, "created": created},
        )
    return row


def legitimate_context_save(*, actor: Any, data: dict[str, Any]) -> Any:
    """Add or change a legitimate-use context (keyed by cue, kind and position)."""
    from zhichan.ecommerce.models import ContextKindChoice, LegitimateContext, PositionChoice

    require(actor, "listing_vocabulary", Action.CHANGE)
    errors = {}
    cue = str(data.get("cue", "")).strip()
    if not cue:
        errors["cue"] = _("提示词不能为空")
    if data.get("kind") not in ContextKindChoice.values:
        errors["kind"] = _("类型无效")
    if data.get("position") not in PositionChoice.values:
        errors["position"] = _("位置无效")
    factor = float(data.get("factor", -1))
    if not 0 <= factor <= 1:
        errors["factor"] = _("分值系数应在 0 到 1 之间")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row, created = LegitimateContext.objects.update_or_create(
            cue=cue,
            kind=data["kind"],
            position=data["position"],
            defaults={
                "window": int(data.get("window", 6)),
                "factor": factor,
                "meaning": str(data.get("meaning", "")).strip()[:300],
                "not_followed_by": str(data.get("not_followed_by", "")).strip(),
                "active": bool(data.get("active", True)),
            },
        )
        audit.record(
            actor=actor,
            action="listing_vocabulary.context_save",
            object_type="listing_vocabulary",
            object_id=row.pk,
            summary={"cue": cue, "kind": data["kind"], "factor": factor, "created": created},
        )
    return row


def notice_step(*, actor: Any, notice: Notice, step: str, text: str = "") -> Notice:
    """One step of the procedure by name, as pages and the platform API receive it."""
    NOTICE.transition(step)  # an unknown step is refused with a field error
    take = {
        "measures": lambda: notice_measures(actor=actor, notice=notice, measures=text),
        "declaration": lambda: notice_declaration(actor=actor, notice=notice, declaration=text),
        "complaint": lambda: notice_complaint(actor=actor, notice=notice, note=text),
        "restore": lambda: notice_restore(actor=actor, notice=notice),
    }
    return take[step]()
