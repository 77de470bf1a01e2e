"""REST API v1 of the e-commerce module: listing intake for platforms, clues, notices."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from zhichan.core import selectors as core_selectors
from zhichan.core.api.permissions import PolicyScopedMixin
from zhichan.core.web import api_validation_error
from zhichan.ecommerce import selectors, services
from zhichan.ecommerce.api.serializers import (
    BrandSerializer,
    ClueDecisionSerializer,
    ClueSerializer,
    ClueStatisticsSerializer,
    ListingBatchPayloadSerializer,
    ListingBatchResultSerializer,
    ListingBatchSerializer,
    ListingSerializer,
    NoticeSerializer,
    NoticeStepSerializer,
)
from zhichan.ecommerce.models import Clue, Listing, Notice, ProtectedBrand


class ListingViewSet(PolicyScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    policy_object = "listing"
    base_queryset = Listing.objects.select_related("platform", "seller_district")
    serializer_class = ListingSerializer
    policy_actions = {"batch": "create"}
    throttle_scope = "listings-batch"

    def get_throttles(self) -> list[Any]:
        return [ScopedRateThrottle()] if self.action == "batch" else super().get_throttles()

    @extend_schema(request=ListingBatchSerializer, responses={200: ListingBatchResultSerializer})
    @action(detail=False, methods=["post"])
    def batch(self, request: Request) -> Response:
        """Up to 1,000 listings; idempotent by (platform, listing id); per-item status in the answer."""
        if (
            isinstance(request.data, dict)
            and isinstance(request.data.get("items"), list)
            and len(request.data["items"]) > services.MAX_BATCH
        ):
            raise ValidationError(
                {"items": [f"每次最多提交 {services.MAX_BATCH} 条，本次 {len(request.data['items'])} 条"]}
            )
        payload = ListingBatchPayloadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        platform_id = payload.validated_data.get("platform") or request.user.organisation_id
        try:
            platform = core_selectors.organisation_get(user=request.user, pk=platform_id)
        except Exception:
            raise ValidationError({"platform": ["未知的平台"]}) from None
        try:
            results = services.listings_submit(
                actor=request.user, platform=platform, items=payload.validated_data["items"]
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from None
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None
        counts = {
            key: sum(1 for r in results if r.status == key) for key in ("created", "updated", "unchanged", "rejected")
        }
        return Response({**counts, "items": [r.as_dict() for r in results]})


class BrandViewSet(PolicyScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    policy_object = "protected_brand"
    base_queryset = ProtectedBrand.objects.select_related("owner").prefetch_related("category_prices")
    serializer_class = BrandSerializer


class ClueViewSet(PolicyScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    policy_object = "clue"
    base_queryset = Clue.objects.select_related("listing", "listing__platform", "listing__seller_district", "brand")
    serializer_class = ClueSerializer
    policy_actions = {"decide": "change", "statistics": "list"}

    @extend_schema(responses={200: ClueStatisticsSerializer})
    @action(detail=False, methods=["get"])
    def statistics(self, request: Request) -> Response:
        """Counts of the clues the user may see: by signal, brand, platform, status and seller's district
        (the 11 districts in code order, then `outside` and `unknown`)."""
        return Response(selectors.clue_statistics(user=request.user))

    @extend_schema(request=ClueDecisionSerializer, responses={200: ClueSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        clue = self.get_object()
        payload = ClueDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            services.clues_decide(
                actor=request.user,
                clues=[clue],
                decision=payload.validated_data["decision"],
                reason=payload.validated_data["reason"],
            )
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None
        clue.refresh_from_db()
        return Response(ClueSerializer(clue).data)


class NoticeViewSet(PolicyScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Platforms record measures, forward declarations and end measures; rights holders report complaints."""

    policy_object = "notice"
    base_queryset = Notice.objects.select_related(
        "clue", "clue__listing", "clue__listing__seller_district", "clue__brand", "platform"
    )
    serializer_class = NoticeSerializer
    policy_actions = {"measures": "change", "declaration": "change", "complaint": "change", "restore": "change"}

    def _step(self, request: Request, step: str) -> Response:
        notice = self.get_object()
        payload = NoticeStepSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        text = payload.validated_data.get("text", "")
        try:
            updated = services.notice_step(actor=request.user, notice=notice, step=step, text=text)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from None
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None
        return Response(NoticeSerializer(updated).data, status=status.HTTP_200_OK)

    @extend_schema(request=NoticeStepSerializer, responses={200: NoticeSerializer})
    @action(detail=True, methods=["post"])
    def measures(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, "measures")

    @extend_schema(request=NoticeStepSerializer, responses={200: NoticeSerializer})
    @action(detail=True, methods=["post"])
    def declaration(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, "declaration")

    @extend_schema(request=NoticeStepSerializer, responses={200: NoticeSerializer})
    @action(detail=True, methods=["post"])
    def complaint(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, "complaint")

    @extend_schema(request=NoticeStepSerializer, responses={200: NoticeSerializer})
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, "restore")
