"""Serializers of the agencies API: the directory, read only."""

from __future__ import annotations

from rest_framework import serializers

from zhichan.agencies.models import Agency, BrandStatus, Practitioner


class PractitionerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Practitioner
        fields = ["name", "certificate_number"]


class AgencySerializer(serializers.ModelSerializer):
    parent_credit_code = serializers.CharField(source="parent.credit_code", read_only=True, default="")
    practitioners = PractitionerSerializer(many=True, read_only=True)
    # named apart from the model field: its choices would share the e-commerce `BrandStatusEnum` schema name
    brand_agency = serializers.ChoiceField(source="brand_status", choices=BrandStatus.choices, read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "credit_code",
            "kind",
            "licence_number",
            "trademark_record",
            "parent_credit_code",
            "district",
            "services",
            "brand_agency",
            "address",
            "active",
            "practitioners",
        ]
        read_only_fields = fields
