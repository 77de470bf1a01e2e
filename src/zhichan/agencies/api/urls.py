from rest_framework.routers import DefaultRouter

from zhichan.agencies.api import views

router = DefaultRouter()
router.register("agencies", views.AgencyViewSet, basename="agency")

urlpatterns = router.urls
