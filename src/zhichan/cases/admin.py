"""Admin: read-only views of cases; every change goes through the services (state machine + audit)."""

from django.contrib import admin

from zhichan.cases.models import Case, CaseEvent, Fair, Mediator
from zhichan.core.web import ReadOnlyAdmin


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = [
        "acceptance_number",
        "number",
        "channel",
        "status",
        "requester_name",
        "respondent_name",
        "received_at",
    ]
    list_filter = ["channel", "status", "right"]
    search_fields = ["acceptance_number", "number", "requester_name", "respondent_name"]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["case", "at", "action", "from_status", "to_status", "actor"]


@admin.register(Fair)
class FairAdmin(ReadOnlyAdmin):
    list_display = ["name", "series", "edition", "starts_on", "ends_on"]


@admin.register(Mediator)
class MediatorAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "active"]
