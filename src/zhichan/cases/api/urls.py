from django.urls import include, path
from rest_framework.routers import DefaultRouter

from zhichan.cases.api import views

router = DefaultRouter()
router.register("cases", views.CaseViewSet, basename="case")
router.register("mediation-sessions", views.MediationSessionViewSet, basename="mediation-session")

urlpatterns = [path("", include(router.urls))]
