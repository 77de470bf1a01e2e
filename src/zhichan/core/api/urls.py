from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from zhichan.core.api import views
from zhichan.core.auth import ZhichanObtainAuthToken

router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("people", views.PersonViewSet, basename="person")
router.register("evidence", views.EvidenceViewSet, basename="evidence")
router.register("audit", views.AuditEntryViewSet, basename="audit")
router.register("jobs", views.JobViewSet, basename="job")
router.register("calendar-days", views.WorkCalendarDayViewSet, basename="calendar-day")

urlpatterns = [
    path("", include(router.urls)),
    path("token/", ZhichanObtainAuthToken.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[]), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema", permission_classes=[]), name="api-docs"),
]
