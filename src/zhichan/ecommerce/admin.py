from django.contrib import admin

from zhichan.core.web import ReadOnlyAdmin
from zhichan.ecommerce.models import BrandCategoryPrice, Clue, Listing, Notice, ProtectedBrand


@admin.register(ProtectedBrand)
class ProtectedBrandAdmin(ReadOnlyAdmin):
    list_display = ["name", "owner", "status"]


@admin.register(BrandCategoryPrice)
class BrandCategoryPriceAdmin(ReadOnlyAdmin):
    list_display = ["brand", "category", "price_min", "price_max", "updated_at"]


@admin.register(Listing)
class ListingAdmin(ReadOnlyAdmin):
    list_display = ["listing_id", "platform", "title", "price", "seller_district", "received_at"]
    search_fields = ["listing_id", "title", "seller_id"]


@admin.register(Clue)
class ClueAdmin(ReadOnlyAdmin):
    list_display = ["listing", "brand", "score", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["clue", "platform", "status", "sent_at", "wait_due"]
    list_filter = ["status"]
