"""REST API v1: thin views over the core services and selectors, governed by the policy table."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from zhichan.core import selectors, services
from zhichan.core.api.permissions import PolicyScopedMixin
from zhichan.core.api.serializers import (
    AuditEntrySerializer,
    EvidenceSerializer,
    EvidenceUploadSerializer,
    JobSerializer,
    OrganisationSerializer,
    PersonSerializer,
    WorkCalendarDaySerializer,
)
from zhichan.core.evidence import EvidenceRejected
from zhichan.core.models import AuditEntry, EvidenceFile, Job, Organisation, User, WorkCalendarDay
from zhichan.core.uploads import ApiMultiPartParser
from zhichan.core.web import api_validation_error


@extend_schema(
    parameters=[
        OpenApiParameter("q", str, description="名称、全拼、拼音首字母或统一社会信用代码"),
        OpenApiParameter("kind", str),
        OpenApiParameter("district", str, description="行政区划代码"),
    ]
)
class OrganisationViewSet(PolicyScopedMixin, viewsets.ModelViewSet):
    policy_object = "organisation"
    base_queryset = Organisation.objects.select_related("district")
    serializer_class = OrganisationSerializer

    def get_queryset(self) -> Any:
        if self.action == "list":
            params = self.request.query_params
            return selectors.organisation_list(
                user=self.request.user,
                query=params.get("q", ""),
                kind=params.get("kind", ""),
                district=params.get("district", ""),
            )
        return super().get_queryset()

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.organisation_create(actor=self.request.user, data=_plain(serializer))
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.organisation_update(
                actor=self.request.user, organisation=serializer.instance, data=_plain(serializer)
            )
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None

    def perform_destroy(self, instance: Organisation) -> None:
        try:
            services.organisation_delete(actor=self.request.user, organisation=instance)
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None


def _plain(serializer: Any) -> dict[str, Any]:
    data = dict(serializer.validated_data)
    if "district" in data and data["district"] is not None:
        data["district"] = data["district"].code
    return data


class PersonViewSet(PolicyScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    policy_object = "person"
    base_queryset = User.objects.select_related("organisation").prefetch_related("memberships")
    serializer_class = PersonSerializer
    lookup_field = "public_id"


class EvidenceViewSet(
    PolicyScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Evidence is immutable: there is no update and no delete."""

    policy_object = "evidence"
    base_queryset = EvidenceFile.objects.select_related("uploaded_by", "organisation")
    serializer_class = EvidenceSerializer
    policy_actions = {"download": "download"}
    parser_classes = [ApiMultiPartParser]  # the upload keeps its name as sent: refused names are refused

    @extend_schema(request={"multipart/form-data": EvidenceUploadSerializer}, responses={201: EvidenceSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        upload = EvidenceUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        handle = upload.validated_data["file"]
        try:
            evidence = services.evidence_upload(
                actor=request.user,
                name=handle.name,
                chunks=handle.chunks(),
                description=upload.validated_data.get("description", ""),
            )
        except EvidenceRejected as exc:
            raise ValidationError({"file": [str(exc)]}) from None
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> Any:
        evidence = self.get_object()
        try:
            handle = services.evidence_open(actor=request.user, evidence=evidence)
        except services.EvidenceCorrupted as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        response = FileResponse(
            handle, as_attachment=True, filename=evidence.original_name, content_type="application/octet-stream"
        )
        response["X-Content-SHA256"] = evidence.sha256
        return response


class AuditEntryViewSet(PolicyScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    policy_object = "audit_entry"
    base_queryset = AuditEntry.objects.all()
    serializer_class = AuditEntrySerializer
    lookup_field = "public_id"


class JobViewSet(PolicyScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    policy_object = "job"
    base_queryset = Job.objects.select_related("created_by")
    serializer_class = JobSerializer
    policy_actions = {"rerun": "change"}

    @extend_schema(request=None, responses={202: JobSerializer})
    @action(detail=True, methods=["post"])
    def rerun(self, request: Request, pk: str | None = None) -> Response:
        job = self.get_object()
        try:
            new_job = services.job_rerun(actor=request.user, job=job)
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None
        return Response(JobSerializer(new_job).data, status=status.HTTP_202_ACCEPTED)


class WorkCalendarDayViewSet(PolicyScopedMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The imported holiday-notice days the legal clocks count by (beside the installed package's data)."""

    policy_object = "work_calendar"
    base_queryset = WorkCalendarDay.objects.all()
    serializer_class = WorkCalendarDaySerializer
