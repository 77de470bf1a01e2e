from django.urls import path

from zhichan.programmes import views, views_registers

app_name = "programmes"
urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("<uuid:pk>/", views.programme_detail, name="programme"),
    path("versions/<uuid:pk>/budget/", views.budget, name="budget"),
    path("calls/<uuid:pk>/apply/", views.application_new, name="apply"),
    path("applications/", views.applications, name="applications"),
    path("applications/export.<str:fmt>", views.applications_export, name="applications-export"),
    path("applications/<uuid:pk>/", views.application_detail, name="application"),
    path("findings/", views.findings, name="findings"),
    path("clawbacks/<int:pk>/", views.clawback_notice, name="clawback"),
    path("publicity/", views.publicity, name="publicity"),
    path("publicity/export.<str:fmt>", views.publicity_export, name="publicity-export"),
    path("registers/", views_registers.registers, name="registers"),
    path("registers/import/", views_registers.register_import, name="register-import"),
]
