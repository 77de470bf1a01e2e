from __future__ import annotations

from rest_framework import serializers

from zhichan.core.limits import LimitedSerializerMixin
from zhichan.ecommerce.models import BrandCategoryPrice, Clue, Listing, Notice, ProtectedBrand
from zhichan.ecommerce.services import MAX_BATCH


class ListingItemSerializer(LimitedSerializerMixin, serializers.Serializer):
    """One listing as a platform sends it (validated per item by the service)."""

    listing_id = serializers.CharField(max_length=100)
    title = serializers.CharField(max_length=500)
    description = serializers.CharField(required=False, allow_blank=True)
    price = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    currency = serializers.CharField(max_length=3, required=False)
    seller_id = serializers.CharField(required=False, allow_blank=True)
    seller_name = serializers.CharField(required=False, allow_blank=True)
    shop_name = serializers.CharField(required=False, allow_blank=True)
    category = serializers.CharField(required=False, allow_blank=True)
    url = serializers.CharField(required=False, allow_blank=True)
    cross_border = serializers.BooleanField(required=False)
    first_seen = serializers.DateTimeField(required=False, allow_null=True)
    seller_address = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text="卖家地址（可选），如 广州市天河区体育西路1号"
    )
    seller_district = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="卖家所在区（可选）：区划代码 440106、区名 天河区 或 天河，简繁体均可；未填时由地址识别",
    )


class ListingBatchPayloadSerializer(LimitedSerializerMixin, serializers.Serializer):
    """What the view parses: items stay free JSON objects, checked one by one by the service (a bad item
    is rejected with its fields, the others are stored)."""

    platform = serializers.UUIDField(required=False)
    items = serializers.ListField(child=serializers.JSONField(), max_length=MAX_BATCH, allow_empty=False)


class ListingBatchSerializer(LimitedSerializerMixin, serializers.Serializer):
    """The request as the OpenAPI file documents it, with the fields of each item."""

    platform = serializers.UUIDField(required=False, help_text="平台组织标识；平台接口用户可省略（即本单位）")
    items = serializers.ListField(
        child=ListingItemSerializer(),
        max_length=MAX_BATCH,
        allow_empty=False,
        help_text=f"最多 {MAX_BATCH} 条；逐条校验，逐条返回结果",
    )


class ItemResultSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    listing_id = serializers.CharField()
    status = serializers.ChoiceField(choices=["created", "updated", "unchanged", "rejected"])
    errors = serializers.DictField(child=serializers.CharField())
    clues = serializers.IntegerField()


class ListingBatchResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.IntegerField()
    items = ItemResultSerializer(many=True)


class ListingSerializer(serializers.ModelSerializer):
    seller_district = serializers.CharField(
        source="seller_district.code",
        read_only=True,
        default=None,
        allow_null=True,
        help_text="识别出的广州市行政区划代码；外地或无法识别时为 null",
    )

    class Meta:
        model = Listing
        fields = [
            "id",
            "platform",
            "listing_id",
            "title",
            "price",
            "currency",
            "seller_id",
            "seller_name",
            "shop_name",
            "category",
            "url",
            "cross_border",
            "first_seen",
            "seller_address",
            "seller_district",
            "received_at",
        ]
        read_only_fields = fields


class CategoryPriceSerializer(serializers.ModelSerializer):
    class Meta:
        model = BrandCategoryPrice
        fields = ["category", "price_min", "price_max"]
        read_only_fields = fields


class BrandSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    category_prices = CategoryPriceSerializer(many=True, read_only=True)

    class Meta:
        model = ProtectedBrand
        fields = [
            "id",
            "name",
            "aliases",
            "owner",
            "owner_name",
            "nice_classes",
            "categories",
            "price_min",
            "price_max",
            "category_prices",
            "status",
        ]
        read_only_fields = fields


class ClueSerializer(serializers.ModelSerializer):
    listing = ListingSerializer(read_only=True)
    brand_name = serializers.CharField(source="brand.name", read_only=True)

    class Meta:
        model = Clue
        fields = [
            "id",
            "listing",
            "brand",
            "brand_name",
            "score",
            "signals",
            "evidence",
            "explanation",
            "status",
            "decision_reason",
            "decided_at",
            "created_at",
        ]
        read_only_fields = fields


class ClueDecisionSerializer(LimitedSerializerMixin, serializers.Serializer):
    decision = serializers.ChoiceField(choices=["confirmed", "dismissed"])
    reason = serializers.CharField(max_length=500)


class NoticeSerializer(serializers.ModelSerializer):
    clue = ClueSerializer(read_only=True)

    class Meta:
        model = Notice
        fields = [
            "id",
            "clue",
            "platform",
            "status",
            "sent_at",
            "measures",
            "measures_at",
            "declaration",
            "declaration_at",
            "declared_on",
            "wait_due",
            "wait_steps",
            "complaint_at",
            "complaint_note",
            "restored_at",
        ]
        read_only_fields = fields


class NoticeStepSerializer(LimitedSerializerMixin, serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class CountRowSerializer(serializers.Serializer):
    n = serializers.IntegerField()


class SignalCountSerializer(CountRowSerializer):
    signal = serializers.CharField()


class BrandCountSerializer(CountRowSerializer):
    brand__name = serializers.CharField()


class PlatformCountSerializer(CountRowSerializer):
    listing__platform__name = serializers.CharField()


class StatusCountSerializer(CountRowSerializer):
    status = serializers.CharField()


class DistrictCountSerializer(CountRowSerializer):
    code = serializers.CharField(help_text="广州市行政区划代码，或 outside（外地或无法识别）、unknown（未填卖家地址）")
    district = serializers.CharField()


class ClueStatisticsSerializer(serializers.Serializer):
    by_signal = SignalCountSerializer(many=True)
    by_brand = BrandCountSerializer(many=True)
    by_platform = PlatformCountSerializer(many=True)
    by_status = StatusCountSerializer(many=True)
    by_district = DistrictCountSerializer(many=True)
