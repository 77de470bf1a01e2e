from django.urls import path

from zhichan.agencies import views, views_inspections

app_name = "agencies"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("export.<str:fmt>", views.directory_export, name="directory-export"),
    path("import/", views.directory_import, name="import"),
    path("statistics/", views.statistics, name="statistics"),
    path("dual-registrations/", views.dual, name="dual"),
    path("<uuid:pk>/", views.agency_detail, name="agency"),
    path("inspections/", views_inspections.plans, name="plans"),
    path("inspections/export.<str:fmt>", views_inspections.plans_export, name="plans-export"),
    path("inspections/new/", views_inspections.plan_new, name="plan-new"),
    path("inspections/<uuid:pk>/", views_inspections.plan_detail, name="plan"),
    path("inspections/<uuid:pk>/<int:rank>/", views_inspections.inspection_result, name="result"),
    path("public/", views_inspections.public_results, name="public"),
    path("public/export.<str:fmt>", views_inspections.public_results_export, name="public-export"),
]
