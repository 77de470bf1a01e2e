"""Admin: read-mostly views for administrators; writes to audited records go through services."""

from django.contrib import admin

from zhichan.core.models import AuditEntry, District, EvidenceFile, Job, Organisation, User
from zhichan.core.web import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "actor_label", "action", "object_type", "object_id", "result", "client_ip"]
    list_filter = ["result", "object_type"]
    search_fields = ["action", "actor_label", "object_id"]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "media_type", "size", "sha256", "uploaded_by", "uploaded_at"]


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ["kind", "status", "progress_done", "progress_total", "created_by", "created_at"]
    list_filter = ["status", "kind"]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "credit_code", "kind", "district"]
    list_filter = ["kind", "district"]
    search_fields = ["name", "credit_code", "name_pinyin"]


@admin.register(District)
class DistrictAdmin(ReadOnlyAdmin):
    list_display = ["code", "name"]


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "display_name", "organisation", "is_active"]
    list_filter = ["memberships__role", "is_active"]
