"""Serializers of the credit API: the eligibility answer."""

from __future__ import annotations

from rest_framework import serializers

from zhichan.core.limits import LimitedSerializerMixin


class EligibilityQuerySerializer(LimitedSerializerMixin, serializers.Serializer):
    uscc = serializers.CharField(max_length=18)
    purpose = serializers.CharField(max_length=32)
    on = serializers.DateField(required=False)


class GroundSerializer(serializers.Serializer):
    code = serializers.CharField()
    record = serializers.CharField()
    reason = serializers.CharField()
    until = serializers.DateField(allow_null=True)


class MeasureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    basis = serializers.CharField()
    department = serializers.CharField()


class EligibilitySerializer(serializers.Serializer):
    credit_code = serializers.CharField()
    purpose = serializers.CharField()
    on = serializers.DateField()
    eligible = serializers.BooleanField()
    grounds = GroundSerializer(many=True)
    measures = MeasureSerializer(many=True)
