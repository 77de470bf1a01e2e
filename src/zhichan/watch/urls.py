from django.urls import path

from zhichan.watch import views, views_names, views_patents, views_signals

app_name = "watch"
urlpatterns = [
    path("", views.alerts, name="alerts"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert-detail"),
    path("alerts/<int:pk>/statement/", views.alert_statement, name="alert-statement"),
    path("marks/", views.marks, name="marks"),
    path("marks/export.<str:fmt>", views.marks_export, name="marks-export"),
    path("marks/<int:pk>/", views.mark_detail, name="mark-detail"),
    path("marks/import/", views.marks_import, name="marks-import"),
    path("marks/request/", views.mark_request, name="mark-request"),
    path("publications/", views.publications, name="publications"),
    path("publications/import/", views.publication_import, name="publication-import"),
    path("reminders/", views.reminders, name="reminders"),
    path("signals/", views_signals.signals, name="signals"),
    path("signals/<int:pk>/", views_signals.signal_detail, name="signal-detail"),
    path("findings/", views_signals.findings, name="findings"),
    path("findings/new/", views_signals.finding_new, name="finding-new"),
    path("names/", views_names.name_alerts, name="name-alerts"),
    path("names/<int:pk>/", views_names.name_alert_detail, name="name-alert-detail"),
    path("patents/", views_patents.patents, name="patents"),
    path("patents/<int:pk>/", views_patents.patent_detail, name="patent-detail"),
    path("patents/request/", views_patents.patent_request, name="patent-request"),
    path("patents/add/", views_patents.patent_add, name="patent-add"),
]
