"""The platform's URLs plus two peers that cost only what the stack costs (bench/api_load.py):

- `/bench/minimal/`: a plain Django view behind every middleware of the platform;
- `/bench/api-minimal/`: a DRF view with the API's token authentication and throttling, and no policy
  object or database work of its own.
"""

from django.http import JsonResponse
from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from zhichan.config.urls import urlpatterns as platform_urls


def minimal(request):
    return JsonResponse({"ok": True})


class ApiMinimal(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"ok": True, "user": request.user.pk})


urlpatterns = [
    path("bench/minimal/", minimal),
    path("bench/api-minimal/", ApiMinimal.as_view()),
    *platform_urls,
]
