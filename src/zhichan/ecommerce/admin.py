from django.contrib import admin

from zhichan.ecommerce.models import Clue, Listing, Notice, ProtectedBrand


class ReadOnlyAdmin(admin.ModelAdmin):
    """Writes go through the audited services; the admin only shows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProtectedBrand)
class ProtectedBrandAdmin(ReadOnlyAdmin):
    list_display = ["name", "owner", "status"]


@admin.register(Listing)
class ListingAdmin(ReadOnlyAdmin):
    list_display = ["listing_id", "platform", "title", "price", "received_at"]
    search_fields = ["listing_id", "title", "seller_id"]


@admin.register(Clue)
class ClueAdmin(ReadOnlyAdmin):
    list_display = ["listing", "brand", "score", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["clue", "platform", "status", "sent_at", "wait_due"]
    list_filter = ["status"]
