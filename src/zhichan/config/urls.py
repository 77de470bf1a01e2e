from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from zhichan.core import errors
from zhichan.core.auth import ZhichanLoginView

# The platform's own error pages (Chinese first, with the navigation); Django's debug pages only with
# ZHICHAN_DEBUG=1 on a developer's machine.
handler403 = errors.forbidden
handler404 = errors.not_found
handler500 = errors.server_error

urlpatterns = [
    path("favicon.ico", errors.favicon, name="favicon"),
    path("login/", ZhichanLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/plan/", include("zhichan.planning.api.urls")),
    path("api/v1/", include("zhichan.core.api.urls")),
    path("api/v1/", include("zhichan.ecommerce.api.urls")),
    path("ecommerce/", include("zhichan.ecommerce.urls")),
    path("plan/", include("zhichan.planning.urls")),
    path("api/v1/", include("zhichan.cases.api.urls")),
    path("cases/", include("zhichan.cases.urls")),
    path("", include("zhichan.core.urls")),
]
