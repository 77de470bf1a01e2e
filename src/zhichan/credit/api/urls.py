from django.urls import path

from zhichan.credit.api import views

urlpatterns = [path("credit/eligibility", views.EligibilityView.as_view(), name="credit-eligibility")]
