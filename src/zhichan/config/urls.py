from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from zhichan.core.auth import ZhichanLoginView
from zhichan.core.registry import url_patterns

urlpatterns = [
    path("login/", ZhichanLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("zhichan.core.api.urls")),
    *url_patterns(),  # every module's pages and API, where its manifest mounts them
    path("", include("zhichan.core.urls")),
]
