from django.urls import path, re_path

from zhichan.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("tasks/<int:number>/", views.task_detail, name="task-detail"),
    path("annual-plans/export.xlsx", views.annual_plan_export, name="annual-plan-export"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/<str:kind>/<uuid:pk>/", views.review_action, name="review-action"),
    path("overdue/", views.overdue_list, name="overdue"),
    path("milestones/<uuid:pk>/done/", views.milestone_done, name="milestone-done"),
    path("indicators/", views.indicator_dashboard, name="indicators"),
    path("indicators/compute/", views.indicators_compute, name="indicators-compute"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator-detail"),
    path("indicators/<int:pk>/compute/", views.indicator_compute, name="indicator-compute"),
    path("observations/import/", views.observation_import, name="observation-import"),
    path("departments/", views.department_list, name="departments"),
    path("departments/<int:pk>/", views.department_edit, name="department-edit"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<str:kind>/", views.report_preview, name="report"),
    path("reports/<str:kind>/generate/", views.report_start, name="report-start"),
    re_path(r"^reports/file/(?P<sha256>[0-9a-f]{64})\.(?P<suffix>html|pdf)$", views.report_file, name="report-file"),
    path("export.<str:fmt>", views.plan_export, name="export"),
]
