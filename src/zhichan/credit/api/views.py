"""REST API v1 of the credit module: the eligibility check (`GET /api/v1/credit/eligibility`)."""

from __future__ import annotations

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from zhichan.core.api.permissions import PolicyPermission
from zhichan.credit import services
from zhichan.credit.api.serializers import EligibilityQuerySerializer, EligibilitySerializer


class EligibilityView(APIView):
    policy_object = "credit_eligibility"
    permission_classes = [PolicyPermission]

    @extend_schema(parameters=[EligibilityQuerySerializer], responses=EligibilitySerializer)
    def get(self, request: Request) -> Response:
        query = EligibilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        answer = services.eligibility_check(
            actor=request.user,
            credit_code=query.validated_data["uscc"],
            purpose=query.validated_data["purpose"],
            on=query.validated_data.get("on"),
        )
        return Response(EligibilitySerializer(asdict(answer)).data)
