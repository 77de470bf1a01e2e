from __future__ import annotations

from rest_framework import serializers

from zhichan.ecommerce.models import Clue, Listing, Notice, ProtectedBrand
from zhichan.ecommerce.services import MAX_BATCH


class ListingItemSerializer(serializers.Serializer):
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


class ListingBatchSerializer(serializers.Serializer):
    platform = serializers.UUIDField(required=False, help_text="平台组织标识；平台接口用户可省略（即本单位）")
    items = serializers.ListField(child=serializers.JSONField(), max_length=MAX_BATCH, allow_empty=False)


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
            "received_at",
        ]
        read_only_fields = fields


class BrandSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)

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


class ClueDecisionSerializer(serializers.Serializer):
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
            "wait_due",
            "wait_steps",
            "complaint_at",
            "complaint_note",
            "restored_at",
        ]
        read_only_fields = fields


class NoticeStepSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, max_length=20000)
