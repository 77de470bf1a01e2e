from django.urls import path

from zhichan.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.intake, name="intake"),
    path("statistics/", views.statistics, name="statistics"),
    path("mediation/", views.mediation_room, name="mediation"),
    path("sessions/<uuid:public_id>/", views.session_room, name="session"),
    path("sessions/<uuid:public_id>/say/", views.session_post, name="session-post"),
    path("sessions/<uuid:public_id>/end/", views.session_end, name="session-end"),
    path("fairs/", views.fair_list, name="fairs"),
    path("fairs/<uuid:pk>/", views.fair_detail, name="fair"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/act/", views.act, name="act"),
    path("<uuid:pk>/documents/<str:kind>/", views.document, name="document"),
]
