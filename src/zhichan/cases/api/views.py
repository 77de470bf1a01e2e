"""REST API v1 of cases: intake for partner organisations and case reads, governed by the policy table."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from zhichan.cases import selectors, services
from zhichan.cases.api.serializers import (
    CaseIntakeSerializer,
    CaseSerializer,
    MediationSessionSerializer,
    SessionMessageSerializer,
)
from zhichan.cases.models import Case, IntakeVia, MediationSession
from zhichan.core import selectors as core_selectors
from zhichan.core.api.permissions import PolicyScopedMixin


class CaseViewSet(PolicyScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    policy_object = "case"
    base_queryset = Case.objects.all()
    serializer_class = CaseSerializer

    def get_queryset(self) -> Any:
        if self.action == "list":
            return selectors.case_list(
                user=self.request.user,
                status=self.request.query_params.get("status", ""),
                channel=self.request.query_params.get("channel", ""),
            ).select_related(None)  # the API shows no organisation's record
        return super().get_queryset()

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.case_read_lists(page)

    def get_object(self) -> Any:
        return selectors.case_read_lists([super().get_object()])[0]

    @extend_schema(request=CaseIntakeSerializer, responses={201: CaseSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        intake = CaseIntakeSerializer(data=request.data)
        intake.is_valid(raise_exception=True)
        data = dict(intake.validated_data)
        ids = data.pop("evidence", [])
        evidence = list(core_selectors.evidence_list(user=request.user).filter(pk__in=ids))
        if len(evidence) != len(set(ids)):
            raise ValidationError({"evidence": ["证据文件不存在或无权使用"]})
        if data.get("infringement_known_on"):
            data["infringement_known_on"] = data["infringement_known_on"].isoformat()
        try:
            case = services.case_intake(actor=request.user, data=data, via=IntakeVia.API, evidence=evidence)
        except DjangoValidationError as exc:
            raise ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            ) from None
        case = selectors.case_read_lists([self.base_queryset.get(pk=case.pk)])[0]
        return Response(CaseSerializer(case).data, status=status.HTTP_201_CREATED)


# The URL carries the session's public UUID (lookup_field), not the integer primary key the schema would infer.
SESSION_ID = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)


@extend_schema_view(retrieve=extend_schema(parameters=[SESSION_ID]))
class MediationSessionViewSet(PolicyScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Live online mediation for participants' own clients: read the transcript, speak."""

    policy_object = "mediation_session"
    base_queryset = MediationSession.objects.select_related("case", "mediator").prefetch_related("participants")
    serializer_class = MediationSessionSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "pk"

    policy_actions = {"say": "change"}

    @extend_schema(
        parameters=[SESSION_ID, OpenApiParameter("after", int, description="只返回编号大于此值的发言")],
        responses={200: SessionMessageSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)  # the whole transcript, or what follows `after`
    def messages(self, request: Request, pk: Any = None) -> Response:
        """The transcript so far, or the statements after number `after` (poll with the last number seen)."""
        session = self.get_object()
        after = request.query_params.get("after", "0")
        if not after.isdigit():
            raise ValidationError({"after": ["须为非负整数"]})
        statements = selectors.session_messages(session=session, after=int(after))
        return Response(SessionMessageSerializer(statements, many=True).data)

    @extend_schema(parameters=[SESSION_ID], request=SessionMessageSerializer, responses={201: SessionMessageSerializer})
    @action(detail=True, methods=["post"])
    def say(self, request: Request, pk: Any = None) -> Response:
        """A participant's statement in a live session."""
        session = self.get_object()
        incoming = SessionMessageSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            message = services.session_post(actor=request.user, session=session, text=incoming.validated_data["text"])
        except DjangoValidationError as exc:
            raise ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            ) from None
        return Response(SessionMessageSerializer(message).data, status=status.HTTP_201_CREATED)
