from django.urls import include, path
from rest_framework.routers import SimpleRouter

from zhichan.planning.api import views

router = SimpleRouter()
router.register("tasks", views.TaskViewSet, basename="plan-task")
router.register("indicators", views.IndicatorViewSet, basename="plan-indicator")

urlpatterns = [path("", include(router.urls))]
