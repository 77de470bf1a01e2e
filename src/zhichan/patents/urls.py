from django.urls import path

from zhichan.patents import views, views_fees

app_name = "patents"
urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("fees/", views_fees.fees, name="fees"),
    path("fees/<uuid:pk>/", views_fees.fee_detail, name="fee-detail"),
    path("events/import/", views_fees.events_import, name="events-import"),
]
