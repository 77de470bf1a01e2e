"""The registry of installed modules: what core does with their manifests (see `zhichan.core.modules`).

Navigation, dashboard tiles and the plan's module list, URL patterns, demo loaders in dependency order,
the recomputation hooks after a new holiday notice, and the system check of every manifest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.apps import apps
from django.core import checks
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zhichan.core import indicators, jobs, labels, policy
from zhichan.core.modules import JobKind, Module, Nav, Tile, ZhichanModule, lazy, resolve

# Core's own links; a module's links come from its manifest.
CORE_NAV = (
    Nav("core:organisation-list", _("组织机构"), "organisation", order=110),
    Nav("core:evidence-list", _("证据文件"), "evidence", order=150),
    Nav("core:job-list", _("后台任务"), "job", order=160),
    Nav("core:person-list", _("用户"), "person", action=policy.Action.CREATE, order=170),
    Nav("core:calendar", _("节假日与工作日"), "work_calendar", action=policy.Action.CREATE, order=175),
    Nav("core:audit-list", _("审计日志"), "audit_entry", order=180),
)


# Core's own periodic work: the nightly re-hash of every evidence file (reliability: evidence integrity).
CORE_PERIODIC = {"core.evidence_sweep": "daily"}
INTERVALS = ("hourly", "daily", "weekly")


def periodic_kinds() -> dict[str, str]:
    """Every periodic job kind with how often it runs: core's and each module's (`periodic=`)."""
    kinds = dict(CORE_PERIODIC)
    for _label, manifest in installed():
        kinds.update(manifest.periodic)
    return kinds


def install(manifest: Module) -> None:
    """A module's roles, policy rows and object types, job kinds and indicator providers join core's (at
    start-up)."""
    if manifest.roles:
        policy.add_roles(dict(manifest.roles), dict(manifest.second_factor))
        labels.register(labels.ROLE, dict(manifest.roles))
    if manifest.policy:
        rows = resolve(manifest.policy)
        policy.add_rows(rows.POLICY)
        for object_type in rows.OBJECT_TYPES:
            policy.register_object_type(object_type)
    for kind, job in manifest.jobs.items():
        if isinstance(job, JobKind):
            jobs.job_kind(kind, resubmit=job.resubmit or None)(lazy(job.path))
        else:
            jobs.job_kind(kind)(lazy(job))
    if manifest.labels:
        resolve(manifest.labels)()
    for name, indicator in manifest.indicators.items():
        indicators.register_indicator_provider(name, lazy(indicator.path), label=indicator.label)


def installed() -> Iterator[tuple[str, Module]]:
    """(app label, manifest) of every installed module, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if isinstance(config, ZhichanModule):
            yield config.label, config.manifest


def nav_for(user: Any) -> list[dict[str, Any]]:
    """The links `user` may follow, in order: a link is shown only where the policy allows it."""
    entries = [*CORE_NAV, *(nav for _label, manifest in installed() for nav in manifest.nav)]
    return [
        {"url": reverse(nav.url), "label": nav.label, "name": nav.url}
        for nav in sorted(entries, key=lambda nav: nav.order)
        if policy.permits(user, nav.object_type, nav.action)
    ]


def tiles_for(user: Any) -> list[Tile]:
    """The dashboard cards of every module for `user` (a module shows none where they have nothing)."""
    tiles = []
    for _label, manifest in installed():
        for path in manifest.tiles:
            tile = resolve(path)(user=user)
            if tile is not None:
                tiles.append(tile)
    return tiles


def live_codes(user: Any) -> dict[str, str]:
    """The plan's module codes that an installed module implements, each with the URL of its first page
    when `user` may open it (else "": live, but not theirs to open)."""
    live: dict[str, str] = {}
    for _label, manifest in installed():
        first = manifest.nav[0] if manifest.nav else None
        url = reverse(first.url) if first and policy.permits(user, first.object_type, first.action) else ""
        for code in manifest.codes:
            live[code] = live.get(code) or url
    return live


def demo_loaders() -> list[tuple[str, Callable[..., Any]]]:
    """The modules' demo loaders, each after the modules it builds on (`demo_after`)."""
    manifests = dict(installed())
    ordered: list[str] = []

    def visit(label: str, path: tuple[str, ...]) -> None:
        if label in ordered or label not in manifests:
            return
        if label in path:
            raise ValueError(f"demo_after forms a circle: {' -> '.join((*path, label))}")
        for before in manifests[label].demo_after:
            visit(before, (*path, label))
        ordered.append(label)

    for label in manifests:
        visit(label, ())
    return [(label, resolve(manifests[label].demo)) for label in ordered if manifests[label].demo]


def calendar_hooks() -> list[tuple[str, Callable[[], int]]]:
    """What each module recomputes when a year's holiday notice is imported."""
    return [(label, resolve(manifest.calendar_changed)) for label, manifest in installed() if manifest.calendar_changed]


def contributions(point: str) -> list[tuple[str, Any]]:
    """What every installed module contributes to the extension point `point` (`contributes=`), as
    (app label, resolved object), in INSTALLED_APPS order: how one module reads others without naming them."""
    return [
        (label, resolve(manifest.contributes[point]))
        for label, manifest in installed()
        if point in manifest.contributes
    ]


def url_patterns() -> list[Any]:
    """Every module's pages and API, mounted where its manifest says (config/urls.py includes them)."""
    from django.urls import include, path

    patterns = []
    for _label, manifest in installed():
        if manifest.api_urls:
            patterns.append(path(manifest.api_prefix, include(manifest.api_urls)))
        if manifest.urls:
            patterns.append(path(manifest.url_prefix, include(manifest.urls)))
    return patterns


@checks.register(checks.Tags.urls)
def check_manifests(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Every name a manifest gives must exist: URLs, policy objects, jobs, indicators, loaders, rules."""
    from zhichan.engines.rules import UnknownRule, versions

    problems: list[checks.CheckMessage] = []

    def error(label: str, message: str) -> None:
        problems.append(checks.Error(f"module {label}: {message}", id="zhichan.E001"))

    labels = {label for label, _manifest in installed()}
    for label, manifest in installed():
        if not isinstance(manifest.label, Promise):
            error(label, "its label is not lazily translated (gettext_lazy)")
        for nav in manifest.nav:
            if not isinstance(nav.label, Promise):
                error(label, f"nav {nav.url}: label is not lazily translated (gettext_lazy)")
            if nav.object_type not in policy.POLICY:
                error(label, f"nav {nav.url}: no policy object type {nav.object_type!r}")
            try:
                reverse(nav.url)
            except NoReverseMatch:
                error(label, f"nav: no URL named {nav.url!r}")
        paths = [
            *manifest.tiles,
            *(job.path if isinstance(job, JobKind) else job for job in manifest.jobs.values()),
            *(manifest.labels,) * bool(manifest.labels),
            *(indicator.path for indicator in manifest.indicators.values()),
            *(p for p in (manifest.calendar_changed, manifest.demo, manifest.policy) if p),
        ]
        for point, path in manifest.contributes.items():
            try:
                resolve(path)
            except (ImportError, AttributeError) as exc:
                error(label, f"contribution to {point!r}: {path!r} does not exist ({exc})")
        for path in paths:
            try:
                target = resolve(path)
            except (ImportError, AttributeError) as exc:
                error(label, f"{path!r} does not exist ({exc})")
                continue
            if ":" in path and not callable(target):
                error(label, f"{path!r} is not callable")
        for kind, job in manifest.jobs.items():
            if not kind.startswith(f"{label}."):
                error(label, f"job kind {kind!r} must start with {label!r}.")
            if isinstance(job, JobKind) and job.resubmit:
                try:
                    reverse(job.resubmit)
                except NoReverseMatch:
                    error(label, f"job kind {kind!r}: no URL named {job.resubmit!r} to resubmit at")
        for kind, every in manifest.periodic.items():
            if kind not in manifest.jobs:
                error(label, f"periodic job {kind!r} is not one of its job kinds")
            if every not in INTERVALS:
                error(label, f"periodic job {kind!r}: {every!r} is not one of {', '.join(INTERVALS)}")
        for before in manifest.demo_after:
            if before not in labels and before != "core":
                error(label, f"demo_after names {before!r}, which is not an installed module")
        for code, role_label in manifest.roles.items():
            if not isinstance(role_label, Promise):
                error(label, f"role {code!r}: label is not lazily translated (gettext_lazy)")
        for key in manifest.rules:
            try:
                versions(key)
            except UnknownRule:
                error(label, f"legal rule {key!r} is not in legal_rules.csv")
    return problems
