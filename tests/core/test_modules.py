"""Modules plug into core through their manifests: navigation by the policy, tiles, demo order, checks."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils.translation import gettext_lazy

from zhichan.core import registry
from zhichan.core.models import Role
from zhichan.core.modules import Indicator, Module, Nav

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "zhichan"
MODULE_PACKAGES = sorted(path.parent.name for path in SRC.glob("*/module.py"))


def test_the_installed_modules_are_the_packages_with_a_manifest():
    assert sorted(label for label, _manifest in registry.installed()) == MODULE_PACKAGES
    assert {"cases", "ecommerce", "planning"} <= set(MODULE_PACKAGES)


def test_every_manifest_passes_the_system_check():
    assert registry.check_manifests() == []


def test_a_manifest_naming_what_does_not_exist_fails_the_check(monkeypatch):
    broken = Module(
        codes=("M99",),
        label="不可翻译",  # not lazy
        nav=(Nav("nowhere:page", gettext_lazy("无处"), "no_such_object"),),
        tiles=("zhichan.cases.tiles:no_such_tile",),
        jobs={"other.kind": "zhichan.no_such_module:handler"},
        periodic={"broken.nightly": "monthly"},
        indicators={"broken.indicator": Indicator("zhichan.cases.indicators:missing", gettext_lazy("缺失"))},
        demo_after=("no_such_module",),
        rules=("no.such_rule",),
        contributes={"credit.events": "zhichan.cases.credit:NO_SUCH_EVENTS"},
    )
    monkeypatch.setattr(registry, "installed", lambda: iter([("broken", broken)]))
    messages = "\n".join(problem.msg for problem in registry.check_manifests())
    for expected in (
        "label is not lazily translated",
        "no URL named 'nowhere:page'",
        "no policy object type 'no_such_object'",
        "'zhichan.cases.tiles:no_such_tile' does not exist",
        "'zhichan.no_such_module:handler' does not exist",
        "job kind 'other.kind' must start with 'broken'.",
        "periodic job 'broken.nightly' is not one of its job kinds",
        "'monthly' is not one of hourly, daily, weekly",
        "'zhichan.cases.indicators:missing' does not exist",
        "demo_after names 'no_such_module'",
        "legal rule 'no.such_rule' is not in legal_rules.csv",
        "contribution to 'credit.events': 'zhichan.cases.credit:NO_SUCH_EVENTS' does not exist",
    ):
        assert expected in messages


def test_a_module_reads_what_others_contribute_to_an_extension_point_without_naming_them(monkeypatch):
    giver = Module(codes=("M98",), label=gettext_lazy("甲"), contributes={"demo.point": "zhichan.core.modules:resolve"})
    silent = Module(codes=("M97",), label=gettext_lazy("乙"))
    monkeypatch.setattr(registry, "installed", lambda: iter([("giver", giver), ("silent", silent)]))
    from zhichan.core.modules import resolve

    assert registry.contributions("demo.point") == [("giver", resolve)]
    assert registry.contributions("other.point") == []


def _nav_links(html: str) -> list[str]:
    nav = re.search(r"<nav>(.*?)</nav>", html, re.S).group(1)
    return re.findall(r'href="([^"]+)"', nav)


@pytest.mark.parametrize("role", Role.values)
def test_every_link_shown_to_a_role_is_a_link_it_may_follow(client, users, role):
    client.force_login(users[role])
    links = _nav_links(client.get("/").content.decode())
    assert "/" in links and len(links) >= 3
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, (role, link, response.status_code)


@pytest.mark.parametrize(
    ("role", "hidden"),
    [
        ("liaison", "/cases/"),
        ("bank_staff", "/cases/"),
        ("arbitrator", "/cases/"),
        ("platform_client", "/cases/mediation/"),
        ("rights_holder", "/people/new/"),
    ],
)
def test_links_the_policy_refuses_are_not_shown(client, users, role, hidden):
    client.force_login(users[role])
    assert hidden not in _nav_links(client.get("/").content.decode())


def test_anonymous_visitors_see_the_public_directory_only(client):
    links = _nav_links(client.get("/organisations/").content.decode())
    assert "/organisations/" in links and "/cases/" not in links and "/plan/" not in links


def test_the_dashboard_marks_what_is_live_and_shows_each_role_its_work(client, users):
    client.force_login(users["official"])
    page = client.get("/").content.decode()
    assert '<a href="/cases/"><strong>M2</strong>' in page and '<a href="/plan/"><strong>M1</strong>' in page
    assert re.search(r"<strong>M4</strong> 知识产权信用监管 <span class=\"muted\">建设中", page)
    assert "办理中的案件" in page and "待研判的电商线索" in page and "待审核的年度计划和进展报告" in page
    client.force_login(users["platform_client"])
    page = client.get("/").content.decode()
    assert "处理中的侵权通知" in page and "办理中的案件" in page  # platforms file complaints too
    assert "待研判的电商线索" not in page and "待审核的年度计划" not in page and "审计记录" not in page


def test_demo_loaders_run_after_the_modules_they_build_on(monkeypatch):
    first = Module(codes=(), label=gettext_lazy("甲"), demo="zhichan.cases.demo:load")
    second = Module(codes=(), label=gettext_lazy("乙"), demo="zhichan.ecommerce.demo:load", demo_after=("first",))
    monkeypatch.setattr(registry, "installed", lambda: iter([("second", second), ("first", first)]))
    assert [label for label, _load in registry.demo_loaders()] == ["first", "second"]
    circle = Module(codes=(), label=gettext_lazy("丙"), demo="zhichan.cases.demo:load", demo_after=("circle",))
    monkeypatch.setattr(registry, "installed", lambda: iter([("circle", circle)]))
    with pytest.raises(ValueError, match="circle"):
        registry.demo_loaders()


def test_core_imports_no_module():
    """Core is the kernel: modules import it, never the other way round (it reads them through the registry)."""
    offenders = []
    for path in (SRC / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            offenders += [
                f"{path.relative_to(SRC)}: {name}"
                for name in names
                if any(name == f"zhichan.{m}" or name.startswith(f"zhichan.{m}.") for m in MODULE_PACKAGES)
            ]
    assert offenders == []


def _internal_links(html: str) -> set[str]:
    """The local pages a page links to (not downloads, not the language switch or the log-out form)."""
    found = set()
    for href in re.findall(r'href="(/[^"#]*)"', html):
        path = href.split("?")[0]
        skip = path.startswith(("/static/", "/api/", "/admin/", "/i18n/", "/logout"))
        if skip or path.endswith((".xlsx", ".pdf", ".ico")):
            continue
        found.add(href.replace("&amp;", "&"))
    return found


def _shape(link: str) -> str:
    """A link with its ids blanked: one page of each shape is enough (every case page is the same page)."""
    return re.sub(r"/[0-9a-f]{8}-[0-9a-f-]{27}|/\d+(?=/)", "/ID", link.split("?")[0])


@pytest.mark.parametrize("role", Role.values)
def test_every_link_on_the_pages_a_role_reaches_is_allowed(client, users, role):
    """Three steps deep from the navigation, one page of each shape: no link shown to a role answers 403."""
    client.force_login(users[role])
    frontier = _nav_links(client.get("/").content.decode())
    shapes, refused = {_shape(link) for link in frontier}, []
    for _depth in range(3):
        following = []
        for page in frontier:
            for link in sorted(_internal_links(client.get(page).content.decode())):
                if _shape(link) in shapes:
                    continue
                shapes.add(_shape(link))
                status = client.get(link).status_code
                if status in (200, 302):
                    following.append(link)
                else:
                    refused.append((page, link, status))
        frontier = following
    assert refused == [], "\n".join(f"{page} -> {link}: {status}" for page, link, status in refused)
