"""The e-commerce module's words for its codes (registered with core.labels from the AppConfig), and the
clue's explanation and signals in the reader's language.

The detection engine stores its reasons as codes (`brand_mention` with `name`, `seller_not_authorised`
with the seller as the platform identifies it, ...) and a Chinese sentence for the record. Pages show
`explanation(clue)`: the same reasons in the active language, naming the seller as the page does.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from zhichan.core import jobs, labels
from zhichan.ecommerce.models import BrandStatus, ClueStatus, ContextKindChoice, NoticeStatus, PositionChoice

SIGNAL = "ecommerce.signal"
MENTION = "ecommerce.mention"  # how the brand was written (the engine's VariantKind)
CONTEXT = "ecommerce.context"  # a legitimate use (the engine's ContextKind)
RIGHT_KIND = "ecommerce.right_kind"

SIGNALS = {
    "brand_mention": gettext_lazy("品牌提及"),
    "counterfeit_term": pgettext_lazy("线索信号", "售假用语"),
    "seller_not_authorised": gettext_lazy("卖家未获品牌授权"),
    "price_far_below": gettext_lazy("价格远低于参考价"),
    "category_outside": gettext_lazy("商品类别不符"),
    "seller_history": gettext_lazy("卖家已有确认线索"),
    "legitimate_use": pgettext_lazy("线索信号", "合法使用情形"),
    "shop_name": gettext_lazy("店铺名称使用或摹仿商标"),
}
MENTIONS = {
    "name": gettext_lazy("品牌名"),
    "alias": gettext_lazy("品牌别名"),
    "pinyin": gettext_lazy("拼音拼写"),
    "lookalike": gettext_lazy("形近字变体"),
    "digit_lookalike": gettext_lazy("数字替换字母的变体"),
    "homophone_mandarin": gettext_lazy("普通话谐音变体"),
    "homophone_cantonese": gettext_lazy("粤语谐音变体"),
    "fragment": gettext_lazy("品牌名片段"),
}


def register() -> None:
    labels.register(SIGNAL, SIGNALS)
    labels.register(MENTION, MENTIONS)
    labels.register_choices(CONTEXT, ContextKindChoice)
    labels.register_choices("ecommerce.position", PositionChoice)
    labels.register_choices("ecommerce.clue_status", ClueStatus)
    labels.register_choices("ecommerce.notice_status", NoticeStatus)
    labels.register_choices("ecommerce.brand_status", BrandStatus)
    labels.register(
        RIGHT_KIND,
        {
            "patent": gettext_lazy("专利"),
            "design": gettext_lazy("外观设计"),
            "trademark": gettext_lazy("注册商标"),
            "work": gettext_lazy("作品"),
        },
    )
    labels.register(
        labels.OBJECT_TYPE,
        {
            "protected_brand": gettext_lazy("保护品牌"),
            "listing_vocabulary": gettext_lazy("售假用语与合法使用"),
            "listing": gettext_lazy("商品信息"),
            "clue": gettext_lazy("侵权线索"),
            "notice": gettext_lazy("侵权通知"),
            "notice_platform_step": gettext_lazy("侵权通知中平台一方的步骤"),
            "notice_holder_step": gettext_lazy("侵权通知中权利人一方的步骤"),
        },
    )
    labels.register(
        labels.AUDIT_ACTION,
        {
            "protected_brand.category_price_save": gettext_lazy("保存类别参考价"),
            "protected_brand.category_price_delete": gettext_lazy("删除类别参考价"),
            "listing.batch": gettext_lazy("提交商品信息"),
            "listing.import": gettext_lazy("导入商品信息文件"),
            "clue.confirmed": gettext_lazy("确认侵权线索"),
            "clue.dismissed": gettext_lazy("排除侵权线索"),
            "clue.refer": gettext_lazy("移送行政执法立案"),
            "clue.reference_right": gettext_lazy("添加涉及的权利"),
            "clue.shop_name": gettext_lazy("由店铺名称预警生成线索"),
            "notice.send": gettext_lazy("通知平台采取必要措施"),
            "notice.measures": gettext_lazy("平台采取措施"),
            "notice.declaration": gettext_lazy("转送不侵权声明"),
            "notice.complaint": gettext_lazy("权利人投诉或起诉"),
            "notice.restore": gettext_lazy("终止所采取的措施"),
            "notice.wait_recomputed": gettext_lazy("重新计算等待期"),
            "listing_vocabulary.term_save": gettext_lazy("保存售假用语"),
            "listing_vocabulary.context_save": gettext_lazy("保存合法使用情形"),
        },
    )
    labels.register(labels.JOB_KIND, {"ecommerce.listings_import": gettext_lazy("导入商品信息")})
    jobs.job_links("ecommerce.listings_import")(_listing_import_links)
    labels.register(
        labels.SUMMARY_KEY,
        {
            "aliases": gettext_lazy("别名"),
            "owner": gettext_lazy("权利人"),
            "category_prices": gettext_lazy("类别参考价"),
            "provisional": gettext_lazy("是否暂定"),
            "brand": gettext_lazy("品牌"),
            "before": gettext_lazy("修改前"),
            "after": gettext_lazy("修改后"),
            "items": gettext_lazy("条数"),
            "platform": gettext_lazy("平台"),
            "shop": gettext_lazy("店铺"),
            "rejected": gettext_lazy("拒收"),
            "clues": gettext_lazy("新线索"),
            "listing": gettext_lazy("商品编号"),
            "clue": gettext_lazy("线索"),
            "case": gettext_lazy("案件"),
            "number": gettext_lazy("编号"),
            "wait_due": gettext_lazy("等待期届满日"),
            "declared_on": gettext_lazy("声明送达日"),
            "measures": gettext_lazy("措施"),
            "on": gettext_lazy("日期"),
            "term": gettext_lazy("用语"),
            "weight": gettext_lazy("权重"),
            "active": gettext_lazy("启用"),
            "cue": gettext_lazy("提示词"),
            "factor": gettext_lazy("得分系数"),
            "ecommerce": gettext_lazy("电商通知等待期"),  # core.calendar_recompute's count per app
        },
    )
    labels.value_kind({"listing_vocabulary.kind": CONTEXT, "clue.kind": RIGHT_KIND})


def _listing_import_links(job: Any) -> list[tuple[str, str]]:
    return [
        (_("导入的文件"), reverse("core:evidence-detail", args=[job.params["evidence_id"]])),
        (_("侵权线索"), reverse("ecommerce:clue-queue")),
    ]


def seller_name(listing: Any) -> str:
    """The seller as the clue's page names it: the name, else the shop, else the platform's identifier."""
    return listing.seller_name or listing.shop_name or listing.seller_id


def signal_detail(signal: dict[str, Any], listing: Any) -> str:
    """What a signal rests on, in words (its stored detail is a code, a ratio or an identifier)."""
    name, detail = signal.get("name"), str(signal.get("detail", ""))
    if name == "brand_mention":
        return labels.label(MENTION, detail)
    if name == "seller_not_authorised":
        return seller_name(listing) or detail
    if name == "price_far_below":
        return _("售价为参考价下限的 %(share)s") % {"share": _share(detail)}
    if name == "seller_history":
        return _("%(n)s 条经确认的线索") % {"n": detail}
    if name == "legitimate_use":
        kind, _sep, cue = detail.partition(":")
        return _("%(kind)s（“%(cue)s”）") % {"kind": labels.label(CONTEXT, kind), "cue": cue}
    return detail


def _share(ratio: str) -> str:
    try:
        return f"{float(ratio):.0%}"
    except ValueError:
        return ratio


def signal_rows(clue: Any) -> list[dict[str, Any]]:
    return [
        {
            "code": signal.get("name", ""),
            "label": labels.label(SIGNAL, signal.get("name", "")),
            "weight": signal.get("weight"),
            "detail": signal_detail(signal, clue.listing),
        }
        for signal in clue.signals
    ]


def evidence_label(what: str) -> str:
    """The title of a marked span: `brand_mention:alias` → 品牌提及（品牌别名）, `counterfeit_term:高仿` →
    售假用语（高仿）."""
    name, _sep, detail = what.partition(":")
    kind = {"brand_mention": MENTION, "legitimate_use": CONTEXT}.get(name)
    shown = labels.label(kind, detail) if kind else detail
    return f"{labels.label(SIGNAL, name)}（{shown}）" if shown else labels.label(SIGNAL, name)


def explanation(clue: Any) -> str:
    """Why the clue was raised, in the reader's language, from its stored signals and evidence."""
    listing, brand = clue.listing, clue.brand
    mention = next((e for e in clue.evidence if str(e.get("what", "")).startswith("brand_mention:")), None)
    reasons: list[Any] = []
    lowered: list[str] = []
    terms: list[str] = []
    for signal in clue.signals:
        name, detail = signal.get("name"), str(signal.get("detail", ""))
        if name == "brand_mention":
            kind = labels.label(MENTION, detail)
            text = mention["text"] if mention else brand.name
            if detail in ("name", "alias"):
                reasons.append(_("标题提及品牌“%(brand)s”（“%(text)s”）") % {"brand": brand.name, "text": text})
            else:
                reasons.append(
                    _("标题以%(kind)s“%(text)s”提及品牌“%(brand)s”") % {"kind": kind, "text": text, "brand": brand.name}
                )
        elif name == "counterfeit_term":
            terms.append(detail)
            if len(terms) == 1:
                reasons.append(terms)  # one reason for all the terms, at the place of the first
        elif name == "seller_not_authorised":
            reasons.append(_("卖家“%(seller)s”不在品牌授权名单内") % {"seller": seller_name(listing) or detail})
        elif name == "price_far_below" and listing.price is not None:
            reasons.append(
                _("售价 %(price)s 元仅为参考价下限的 %(share)s")
                % {"price": f"{float(listing.price):g}", "share": _share(detail)}
            )
        elif name == "category_outside":
            reasons.append(_("商品类别“%(category)s”不在品牌的商品类别内") % {"category": detail})
        elif name == "seller_history":
            reasons.append(_("该卖家已有 %(n)s 条经确认的侵权线索") % {"n": detail})
        elif name == "legitimate_use":
            lowered.append(signal_detail(signal, listing))
        elif name == "shop_name":
            reasons.append(
                _("店铺名称“%(shop)s”使用或摹仿商标“%(brand)s”（%(why)s）")
                % {"shop": listing.shop_name, "brand": brand.name, "why": detail}
            )
    quoted = "".join(f"“{term}”" for term in terms)
    sentence = _("，").join(_("含售假用语%(terms)s") % {"terms": quoted} if r is terms else r for r in reasons)
    if lowered:
        sentence += _("；但存在合法使用情形：%(uses)s，已降低得分") % {"uses": _("、").join(lowered)}
    # Only listings scored at or above the threshold become clues (services._scan).
    text = _("%(reasons)s；综合得分 %(score)s，列为侵权线索。") % {"reasons": sentence, "score": f"{clue.score:.2f}"}
    return text[:1].upper() + text[1:]  # English starts a sentence with a capital; Chinese has none
