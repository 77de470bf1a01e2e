from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zhichan.cases import clocks as clock_bridge
from zhichan.cases.models import (
    Case,
    CaseEvent,
    CaseParty,
    Channel,
    MediationSession,
    RequestKind,
    Right,
    SessionMessage,
    Status,
)
from zhichan.core.limits import LimitedSerializerMixin


@extend_schema_field({"type": "string", "description": "案件状态：" + ", ".join(Status.values)})
class StatusField(serializers.CharField):
    """A case status; its values are listed in the description, as the enum name `status` is taken."""


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseParty
        fields = ["role", "name", "credit_code"]


class EventSerializer(serializers.ModelSerializer):
    from_status = StatusField(read_only=True)
    to_status = StatusField(read_only=True)

    class Meta:
        model = CaseEvent
        fields = ["at", "action", "from_status", "to_status", "note"]


class CaseSerializer(serializers.ModelSerializer):
    """A case as partners and rights holders read it: state, parties, clocks and timeline."""

    # the lists `selectors.case_read_lists` attaches (parties and events as plain rows)
    parties = PartySerializer(many=True, read_only=True, source="api_parties")
    events = EventSerializer(many=True, read_only=True, source="api_events")
    clocks = serializers.SerializerMethodField()
    status = StatusField(read_only=True)
    channel = serializers.ChoiceField(choices=Channel.choices, allow_blank=True, read_only=True)  # "" until triaged

    class Meta:
        model = Case
        fields = [
            "id",
            "acceptance_number",
            "number",
            "channel",
            "status",
            "right",
            "request_kind",
            "requester_name",
            "respondent_name",
            "respondent_credit_code",
            "facts",
            "remedy",
            "triage",
            "outcome",
            "intake_via",
            "received_at",
            "closed_at",
            "parties",
            "clocks",
            "events",
        ]
        read_only_fields = fields

    def get_clocks(self, case: Case) -> list[dict[str, Any]]:
        today = timezone.localdate()
        return [clock_bridge.view(row, today).as_dict() for row in case.api_clocks]

    def to_representation(self, case: Case) -> dict[str, Any]:
        """The declared fields' answer built in one pass: DRF's generic walk over fields, nested lists
        included, was most of the time of a page of 50 cases (issue 20, load). A test holds it equal to
        the generic answer (`generic_representation`) for every demo case."""
        moment = _MOMENT.to_representation
        answer: dict[str, Any] = {}
        for name in _CASE_PLAIN:
            answer[name] = getattr(case, name)
        answer["id"] = str(case.id)
        for name in ("received_at", "closed_at"):
            value = getattr(case, name)
            answer[name] = moment(value) if value is not None else None
        answer["parties"] = [
            {"role": party["role"], "name": party["name"], "credit_code": party["credit_code"]}
            for party in case.api_parties
        ]
        answer["clocks"] = self.get_clocks(case)
        answer["events"] = [
            {
                "at": moment(event["at"]),
                "action": event["action"],
                "from_status": event["from_status"],
                "to_status": event["to_status"],
                "note": event["note"],
            }
            for event in case.api_events
        ]
        return {name: answer[name] for name in self.Meta.fields}

    def generic_representation(self, case: Case) -> dict[str, Any]:
        """DRF's answer from the declared fields (what `to_representation` must equal)."""
        return super().to_representation(case)


# The fields of `CaseSerializer` that are the column's value as stored (text, choices, JSON): all but these.
_CASE_PLAIN = tuple(
    name
    for name in CaseSerializer.Meta.fields
    if name not in ("id", "received_at", "closed_at", "parties", "clocks", "events")
)
_MOMENT = serializers.DateTimeField()  # DRF's rendering of an instant (the current time zone, ISO 8601)


class CaseIntakeSerializer(LimitedSerializerMixin, serializers.Serializer):
    """A complaint filed by a partner organisation; yes/no facts may be null (unknown)."""

    right = serializers.ChoiceField(choices=Right.choices)
    request_kind = serializers.ChoiceField(choices=RequestKind.choices)
    requester_name = serializers.CharField(max_length=200)
    respondent_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    respondent_credit_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    facts = serializers.CharField()
    remedy = serializers.CharField(required=False, allow_blank=True)
    infringement_known_on = serializers.DateField(required=False, allow_null=True)
    infringement_continuing = serializers.BooleanField(required=False, allow_null=True, default=None)
    respondent_abroad = serializers.BooleanField(required=False, allow_null=True, default=None)
    respondent_domicile_in_china = serializers.BooleanField(required=False, default=True)
    arbitration_agreement = serializers.BooleanField(required=False, allow_null=True, default=None)
    lawsuit_pending = serializers.BooleanField(required=False, allow_null=True, default=None)
    fair_in_progress = serializers.BooleanField(required=False, allow_null=True, default=None)
    both_willing_to_mediate = serializers.BooleanField(required=False, allow_null=True, default=None)
    counterfeiting = serializers.BooleanField(required=False, allow_null=True, default=None)
    evidence = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)


class SessionMessageSerializer(LimitedSerializerMixin, serializers.ModelSerializer):
    author = serializers.CharField(source="author.__str__", read_only=True)

    class Meta:
        model = SessionMessage
        fields = ["seq", "at", "author", "text"]
        read_only_fields = ["seq", "at", "author"]


class MediationSessionSerializer(serializers.ModelSerializer):
    """A mediation session as its participants see it; the transcript is read through `messages`."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True, default=None)
    mediator = serializers.CharField(source="mediator.__str__", read_only=True)
    participants = serializers.SerializerMethodField()

    class Meta:
        model = MediationSession
        fields = ["id", "case_number", "mode", "state", "place", "held_at", "ended_at", "mediator", "participants"]
        read_only_fields = fields

    def get_participants(self, session: MediationSession) -> list[str]:
        return [str(person) for person in session.participants.all()]
