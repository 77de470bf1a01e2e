from django.urls import path

from zhichan.ecommerce import views

app_name = "ecommerce"
urlpatterns = [
    path("clues/", views.clue_queue, name="clue-queue"),
    path("clues/<uuid:pk>/", views.clue_detail, name="clue-detail"),
    path("clues/<uuid:pk>/decide/", views.clue_decide, name="clue-decide"),
    path("notices/", views.notice_list, name="notice-list"),
    path("notices/<uuid:pk>/", views.notice_detail, name="notice-detail"),
    path("brands/", views.brand_list, name="brand-list"),
    path("listings/import/", views.listing_import, name="listing-import"),
    path("statistics/", views.statistics, name="statistics"),
    path("vocabulary/", views.vocabulary, name="vocabulary"),
]
