from django.urls import path
from rest_framework.routers import DefaultRouter

from zhichan.ecommerce.api import views

router = DefaultRouter()
router.register("listings", views.ListingViewSet, basename="listing")
router.register("brands", views.BrandViewSet, basename="brand")
router.register("clues", views.ClueViewSet, basename="clue")
router.register("notices", views.NoticeViewSet, basename="notice")

# The intake contract is `POST /api/v1/listings/batch` (no trailing slash); the router also serves `batch/`.
urlpatterns = [
    path("listings/batch", views.ListingViewSet.as_view({"post": "batch"}), name="listing-batch-contract"),
    *router.urls,
]
