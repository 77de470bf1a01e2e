from django.urls import path

from zhichan.core import views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("second-factor/", views.second_factor, name="second-factor"),
    path("second-factor/enrol/", views.second_factor_enrol, name="second-factor-enrol"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/export.xlsx", views.organisation_export, name="organisation-export"),
    path("organisations/import/", views.organisation_import, name="organisation-import"),
    path("organisations/new/", views.organisation_edit, name="organisation-create"),
    path("organisations/<uuid:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<uuid:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    path("evidence/", views.evidence_list, name="evidence-list"),
    path("evidence/<uuid:pk>/", views.evidence_detail, name="evidence-detail"),
    path("evidence/<uuid:pk>/download/", views.evidence_download, name="evidence-download"),
    path("people/", views.person_list, name="person-list"),
    path("people/new/", views.person_edit, name="person-create"),
    path("people/<uuid:public_id>/", views.person_edit, name="person-edit"),
    path("people/<uuid:public_id>/roles/", views.person_roles, name="person-roles"),
    path("people/<uuid:public_id>/second-factor/reset/", views.person_second_factor_reset, name="person-mfa-reset"),
    path("people/<uuid:public_id>/unlock/", views.person_login_unlock, name="person-login-unlock"),
    path("audit/", views.audit_list, name="audit-list"),
    path("audit/export.xlsx", views.audit_export, name="audit-export"),
    path("audit/purges/", views.audit_purge_request, name="audit-purge-request"),
    path("audit/purges/<uuid:pk>/decide/", views.audit_purge_decide, name="audit-purge-decide"),
    path("calendar/", views.calendar, name="calendar"),
    path("jobs/", views.job_list, name="job-list"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job-detail"),
    path("jobs/<uuid:pk>/rerun/", views.job_rerun, name="job-rerun"),
]
