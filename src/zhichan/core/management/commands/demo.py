"""`zhichan demo`: demo organisations and one account per role. Idempotent: a second run adds nothing."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zhichan.core.models import District, Organisation, OrganisationKind, Role, User
from zhichan.core.policy import SECOND_FACTOR_ROLES, needs_second_factor
from zhichan.core.registry import demo_loaders
from zhichan.core.selectors import mfa_device_of
from zhichan.core.services import mfa_device_install, organisation_create, user_create
from zhichan.engines.identifiers import USCC_ALPHABET, uscc_check_character

DEMO_PASSWORD = "zhichan-demo-2026"  # noqa: S105 -- demo accounts only; refused in production
K = OrganisationKind
# Names of real Guangzhou organisations; the credit codes are synthetic (valid check character only).
DEMO_ORGANISATIONS = [
    ("广州市市场监督管理局（知识产权局）", K.GOVERNMENT_DEPARTMENT, "440104", "广州市越秀区"),
    ("广州市商务局", K.GOVERNMENT_DEPARTMENT, "440104", "广州市越秀区"),
    ("广州知识产权法院", K.COURT, "440112", "广州市黄埔区"),
    ("广州酒家集团股份有限公司", K.ENTERPRISE, "440103", "广州市荔湾区"),
    ("广州白云山医药集团股份有限公司", K.ENTERPRISE, "440104", "广州市越秀区"),
    ("广州汽车集团股份有限公司", K.ENTERPRISE, "440106", "广州市天河区"),
    ("中山大学", K.UNIVERSITY, "440105", "广州市海珠区"),
    ("华南理工大学", K.UNIVERSITY, "440106", "广州市天河区"),
    ("广东省科学院", K.RESEARCH_INSTITUTE, "440106", "广州市天河区"),
    ("广州市知识产权纠纷人民调解委员会", K.MEDIATION_ORGANISATION, "440104", "广州市越秀区"),
    ("广州仲裁委员会", K.ARBITRATION_BODY, "440104", "广州市越秀区"),
    ("唯品会（中国）有限公司", K.ECOMMERCE_PLATFORM, "440105", "广州市海珠区"),
    ("中国对外贸易中心（集团）", K.FAIR_ORGANISER, "440105", "广州市海珠区"),
    ("广州银行股份有限公司", K.BANK, "440106", "广州市天河区"),
    ("广州三环专利商标代理有限公司", K.IP_SERVICE_AGENCY, "440106", "广州市天河区"),
    ("广州某某贸易有限公司（演示）", K.ENTERPRISE, "440111", "广州市白云区"),  # made up: the demo respondent
]
DEMO_USERS = [
    ("official", Role.OFFICIAL, "广州市市场监督管理局（知识产权局）", "王科长"),
    ("liaison", Role.LIAISON, "广州市商务局", "李联络员"),
    ("holder", Role.RIGHTS_HOLDER, "广州酒家集团股份有限公司", "陈法务"),
    ("mediator", Role.MEDIATOR, "广州市知识产权纠纷人民调解委员会", "黄调解员"),
    ("arbitrator", Role.ARBITRATOR, "广州仲裁委员会", "周仲裁员"),
    ("platform", Role.PLATFORM_CLIENT, "唯品会（中国）有限公司", "平台接口"),
    ("agency", Role.AGENCY_STAFF, "广州三环专利商标代理有限公司", "刘代理人"),
    ("respondent", Role.RIGHTS_HOLDER, "广州某某贸易有限公司（演示）", "吴经理"),
    ("bank", Role.BANK_STAFF, "广州银行股份有限公司", "赵客户经理"),
    ("auditor", Role.AUDITOR, None, "审计员"),
    ("admin", Role.ADMINISTRATOR, None, "系统管理员"),
]

# What an account stands for in the demo, where its role alone would mislead: the respondent logs in
# with a party's role (权利人, the role of every party), but in the demo cases it is the other side.
DEMO_LABELS = {
    "holder": _("权利人（请求人）"),
    "respondent": _("被请求人（被投诉方）"),
}


def demo_label(username: str, role: str) -> str:
    return str(DEMO_LABELS.get(username, Role(role).label))


def demo_totp_secret(username: str) -> str:
    """The fixed TOTP secret of a privileged demo account (public, like the demo password; README lists them)."""
    return base64.b32encode(hashlib.sha256(f"zhichan-demo-totp-{username}".encode()).digest()[:20]).decode()


def synthetic_credit_code(name: str, district_code: str) -> str:
    digest = hashlib.sha256(name.encode()).digest()
    body = "".join(USCC_ALPHABET[b % 31] for b in digest[:9])
    first17 = f"91{district_code}{body}"
    return first17 + uscc_check_character(first17)


class Command(BaseCommand):
    help = "Load demo organisations and one account per role (idempotent); print the accounts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="allow in production")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not options["force"]:
            raise CommandError("zhichan demo refuses to create demo accounts in production (use --force)")
        if not District.objects.exists():
            raise CommandError("no districts: run `zhichan migrate` first")
        with transaction.atomic():
            admin = User.objects.filter(username="admin").first() or user_create(
                actor=None, username="admin", password=DEMO_PASSWORD, role=Role.ADMINISTRATOR, display_name="系统管理员"
            )
            organisations = {}
            for name, kind, district, address in DEMO_ORGANISATIONS:
                existing = Organisation.objects.filter(name=name).first()
                organisations[name] = existing or organisation_create(
                    actor=admin,
                    data={
                        "name": name,
                        "kind": kind,
                        "district": district,
                        "address": address,
                        "credit_code": None
                        if kind in (K.GOVERNMENT_DEPARTMENT, K.COURT)
                        else synthetic_credit_code(name, district),
                    },
                )
            for username, role, organisation, display in DEMO_USERS:
                if not User.objects.filter(username=username).exists():
                    user_create(
                        actor=admin,
                        username=username,
                        password=DEMO_PASSWORD,
                        role=role,
                        display_name=display,
                        organisation=organisations.get(organisation or ""),
                    )
            for username, *_rest in DEMO_USERS:
                user = User.objects.get(username=username)
                if needs_second_factor(user) and mfa_device_of(user=user) is None:
                    mfa_device_install(actor=admin, user=user, secret=demo_totp_secret(username))
            for _label, load in demo_loaders():  # each module after those it builds on
                load(admin=admin, organisations=organisations)
        self.stdout.write(f"演示账号 / demo accounts (password: {DEMO_PASSWORD}):")
        for username, role, organisation, _display in DEMO_USERS:
            self.stdout.write(f"  {demo_label(username, role):<12} {username:<11} {organisation or ''}")
        self.stdout.write("双因素认证 / second factor (TOTP, 6 digits, 30 s) of privileged accounts: add the secret")
        self.stdout.write("to an authenticator app, or print the current code with `zhichan mfa code --user NAME`:")
        for username, role, _organisation, _display in DEMO_USERS:
            if role in SECOND_FACTOR_ROLES:
                self.stdout.write(f"  {username:<11} {demo_totp_secret(username)}")
