from django.urls import path

from zhichan.patents import views

app_name = "patents"
urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:pk>/", views.detail, name="detail"),
]
