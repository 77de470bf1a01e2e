"""REST API v1 of the agencies module: the directory of IP service agencies (read only)."""

from __future__ import annotations

from rest_framework import mixins, viewsets

from zhichan.agencies.api.serializers import AgencySerializer
from zhichan.agencies.models import Agency
from zhichan.core.api.permissions import PolicyScopedMixin


class AgencyViewSet(PolicyScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    policy_object = "agency"
    base_queryset = Agency.objects.select_related("parent").prefetch_related("practitioners").order_by("name", "pk")
    serializer_class = AgencySerializer
