from __future__ import annotations

from typing import Any

from rest_framework import serializers

from zhichan.core import selectors as core_selectors
from zhichan.planning import selectors
from zhichan.planning.models import DepartmentAlias, Indicator, IndicatorObservation, Task


class DepartmentSerializer(serializers.ModelSerializer):
    """A unit as written, with the department it means (null for a group of units)."""

    organisation = serializers.UUIDField(source="organisation_id", read_only=True, allow_null=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = DepartmentAlias
        fields = ["name", "organisation", "organisation_name"]
        read_only_fields = fields


class TaskSerializer(serializers.ModelSerializer):
    section = serializers.CharField(source="section.key", read_only=True)
    section_title = serializers.CharField(source="section.title", read_only=True)
    lead_departments = DepartmentSerializer(source="lead_aliases", many=True, read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "number",
            "title",
            "section",
            "section_title",
            "lead_units",
            "cooperating_units",
            "shared_lead",
            "lead_departments",
            "text",
        ]
        read_only_fields = fields


class ObservationSerializer(serializers.ModelSerializer):
    # null: computed by a provider (no person), or the whole city (no district)
    entered_by = serializers.CharField(source="entered_by.username", read_only=True, default=None, allow_null=True)
    district = serializers.CharField(source="district.code", read_only=True, default=None, allow_null=True)

    class Meta:
        model = IndicatorObservation
        fields = ["year", "quarter", "district", "value", "source", "observed_on", "entered_by", "lineage"]
        read_only_fields = fields


class IndicatorSerializer(serializers.ModelSerializer):
    """An indicator with its observations and its assessment as of the latest observed year."""

    section = serializers.CharField(source="section.key", read_only=True)
    observations = ObservationSerializer(many=True, read_only=True)
    status = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "name",
            "unit",
            "baseline",
            "target",
            "source",
            "kind",
            "category",
            "section",
            "provider",
            "observations",
            "status",
            "explanation",
        ]
        read_only_fields = fields

    def _assessment(self, obj: Indicator) -> Any:
        cache = self.context.setdefault("assessments", {})
        if obj.pk not in cache:
            if "districts" not in self.context:
                self.context["districts"] = list(core_selectors.districts())
            cache[obj.pk] = selectors.indicator_assessment(obj, districts=self.context["districts"])
        return cache[obj.pk]

    def get_status(self, obj: Indicator) -> str | None:
        status = self._assessment(obj).status
        return status.value if status else None

    def get_explanation(self, obj: Indicator) -> str:
        return self._assessment(obj).explanation
