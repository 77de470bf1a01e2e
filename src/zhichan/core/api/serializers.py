from __future__ import annotations

from typing import Any

from django.core.validators import validate_email
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zhichan.core.limits import LimitedSerializerMixin
from zhichan.core.models import (
    AuditEntry,
    District,
    EvidenceFile,
    Job,
    Membership,
    Organisation,
    OrganisationKind,
    User,
    WorkCalendarDay,
)


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["code", "name"]


@extend_schema_field(
    {
        "type": "string",
        "maxLength": 254,
        "anyOf": [{"format": "email"}, {"maxLength": 0}],
        "description": "空串表示未填写",
    }
)
class OptionalEmailField(serializers.CharField):
    """An e-mail address or "" (not given); the plain email format would reject the empty string."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(_email_if_given)  # a plain function: the schema keeps the anyOf above


def _email_if_given(value: str) -> None:
    if value:
        validate_email(value)


class OrganisationSerializer(LimitedSerializerMixin, serializers.ModelSerializer):
    """Contacts are personal information: only signed-in users see them."""

    district = serializers.SlugRelatedField(
        slug_field="code", queryset=District.objects.all(), allow_null=True, required=False
    )
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)
    credit_code = serializers.CharField(allow_null=True, allow_blank=True, required=False, max_length=40)
    contact_email = OptionalEmailField(allow_blank=True, required=False, max_length=254)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "name_normalized",
            "credit_code",
            "kind",
            "district",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "name_normalized", "created_at", "updated_at"]

    def to_representation(self, instance: Organisation) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            for key in ("contact_name", "contact_phone", "contact_email"):
                data.pop(key, None)
        return data


class MembershipSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Membership
        fields = ["role", "organisation"]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)  # none for auditors, admins
    role = serializers.SerializerMethodField(help_text="the first role granted (all of them: memberships)")
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "role", "organisation", "is_active", "memberships"]
        read_only_fields = fields

    def get_role(self, person: User) -> str:
        first = next(iter(person.memberships.all()), None)
        return first.role if first is not None else ""


class EvidenceSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.CharField(source="uploaded_by.username", read_only=True)

    class Meta:
        model = EvidenceFile
        fields = [
            "id",
            "original_name",
            "description",
            "sha256",
            "size",
            "media_type",
            "uploaded_by",
            "organisation",
            "uploaded_at",
        ]
        read_only_fields = fields


class EvidenceUploadSerializer(LimitedSerializerMixin, serializers.Serializer):
    file = serializers.FileField()
    description = serializers.CharField(required=False, allow_blank=True, max_length=500)


class AuditEntrySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "seq",
            "at",
            "actor_label",
            "actor_role",
            "action",
            "object_type",
            "object_id",
            "summary",
            "result",
            "client_ip",
            "entry_hash",
        ]
        read_only_fields = fields


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "status",
            "progress_done",
            "progress_total",
            "percent",
            "log",
            "result",
            "error",
            "failure",
            "created_at",
            "started_at",
            "finished_at",
            "rerun_of",
        ]
        read_only_fields = fields


class WorkCalendarDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkCalendarDay
        fields = ["day", "kind", "name", "source", "imported_at"]
        read_only_fields = fields
