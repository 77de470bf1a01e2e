"""API v1 of the plan: read-only tasks and indicators, governed by the policy table ("plan")."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError

from zhichan.core.api.permissions import PolicyScopedMixin
from zhichan.planning.api.serializers import IndicatorSerializer, TaskSerializer
from zhichan.planning.models import DepartmentAlias, Indicator, IndicatorObservation, Task


@extend_schema(
    parameters=[
        OpenApiParameter("section", str, description="章节编号，如 三 或 三(一)"),
        OpenApiParameter("department", str, description="牵头部门（组织机构 id）"),
    ]
)
class TaskViewSet(PolicyScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    policy_object = "plan"
    base_queryset = Task.objects.select_related("section").prefetch_related(
        Prefetch("lead_aliases", queryset=DepartmentAlias.objects.select_related("organisation"))
    )
    serializer_class = TaskSerializer

    def get_queryset(self) -> Any:
        qs = super().get_queryset()
        params = self.request.query_params
        if section := params.get("section"):
            qs = qs.filter(section__key=section) | qs.filter(section__parent__key=section)
        if department := params.get("department"):
            try:
                uuid.UUID(department)
            except ValueError:
                raise ValidationError({"department": ["不是有效的组织机构 id"]}) from None
            qs = qs.filter(lead_aliases__organisation_id=department).distinct()
        return qs.order_by("plan", "number")


class IndicatorViewSet(PolicyScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    policy_object = "plan"
    base_queryset = Indicator.objects.select_related("plan", "section").prefetch_related(
        Prefetch("observations", queryset=IndicatorObservation.objects.select_related("entered_by", "district"))
    )
    serializer_class = IndicatorSerializer
