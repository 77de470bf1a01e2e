"""Modules as plug-ins: a module's manifest (`<module>/module.py`) is the only thing core reads about it.

A module is a package under `zhichan/` with a `module.py` (settings install every such package) whose
AppConfig derives from `ZhichanModule`. At start-up core merges each manifest's policy rows and object
types and registers its job kinds and indicator providers; the navigation, the dashboard (tiles and the
list of the plan's modules), the URL configuration, `zhichan demo` and the recomputation after a new
holiday notice read the registry. Nothing in core names a module. A system check fails `zhichan check`
when a manifest names a URL, job, indicator, loader or legal rule that does not exist.

Everything a manifest points at is a lazy dotted path `"package.module:attribute"`, resolved when used,
so that reading the manifests imports no model, service or view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module
from types import MappingProxyType
from typing import Any

from django.apps import AppConfig
from django.utils.functional import Promise


def resolve(path: str) -> Any:
    """The object a dotted path `"package.module:attribute"` names (a module for `"package.module"`)."""
    module_name, _, attribute = path.partition(":")
    module = import_module(module_name)
    return getattr(module, attribute) if attribute else module


def lazy(path: str) -> Any:
    """A callable that resolves `path` when first called: manifests are read at start-up, their code
    is imported only when used."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return resolve(path)(*args, **kwargs)

    call.__qualname__ = path
    return call


@dataclass(frozen=True)
class Nav:
    """A link in the top navigation, shown to whoever the policy lets do `action` on `object_type`."""

    url: str  # URL name, e.g. "cases:queue"
    label: Promise  # gettext_lazy, shown in the reader's language
    object_type: str
    action: str = "list"  # a policy Action
    order: int = 500  # position among all modules' links (core's own take 100–199)


@dataclass(frozen=True)
class Indicator:
    """A provider of a plan indicator's values: `fn(*, actor, year, quarter) -> ProvidedValue`."""

    path: str
    label: Promise


@dataclass(frozen=True)
class JobKind:
    """A job kind with more than a handler: `resubmit` names the page where a refused input is sent again."""

    path: str
    resubmit: str = ""  # URL name


@dataclass(frozen=True)
class Tile:
    """One card of a person's dashboard: what is waiting for them in a module."""

    label: Any
    value: Any
    url: str = ""
    note: Any = ""


@dataclass(frozen=True)
class Module:
    """A module's manifest. Every path is a lazy dotted path (see `resolve`)."""

    codes: tuple[str, ...]  # the plan's modules it implements, e.g. ("M2", "M3")
    label: Promise
    nav: tuple[Nav, ...] = ()
    tiles: tuple[str, ...] = ()  # fn(*, user) -> Tile | None, None when there is nothing for them
    policy: str = ""  # a Python module with POLICY (object -> role -> action -> scope) and OBJECT_TYPES
    # roles the module brings (code -> gettext_lazy label), and why those that need a second factor do
    roles: Mapping[str, Promise] = field(default_factory=lambda: MappingProxyType({}))
    second_factor: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    labels: str = ""  # fn(): registers the words for the module's own codes (core.labels), its job links
    jobs: Mapping[str, str | JobKind] = field(default_factory=lambda: MappingProxyType({}))  # kind -> handler
    periodic: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # kind -> "daily" ...
    indicators: Mapping[str, Indicator] = field(default_factory=lambda: MappingProxyType({}))
    calendar_changed: str = ""  # fn() -> int: recompute what a newly imported holiday notice changes
    demo: str = ""  # fn(*, admin, organisations): the module's demo data, idempotent
    demo_after: tuple[str, ...] = ()  # app labels whose demo data this one builds on
    rules: tuple[str, ...] = ()  # keys of legal_rules.csv the module counts by (checked to exist)
    urls: str = ""  # URL configuration of its pages
    url_prefix: str = ""  # where they are mounted, e.g. "cases/"
    api_urls: str = ""  # URL configuration of its API, mounted at api_prefix
    api_prefix: str = "api/v1/"
    # Extension points between modules: point name -> a dotted path (a callable or a sequence) that the
    # module contributes, e.g. {"credit.events": "zhichan.cases.credit:EVENTS"}. The module that reads a
    # point calls `core.registry.contributions(point)`; core knows no point's meaning.
    contributes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


class ZhichanModule(AppConfig):
    """AppConfig of a module: names its manifest; at start-up its policy, jobs and indicators join core's."""

    manifest_path = ""  # e.g. "zhichan.cases.module:MANIFEST"

    @cached_property
    def manifest(self) -> Module:
        return resolve(self.manifest_path)

    def ready(self) -> None:
        # The registry imports the policy table, which needs the models: only loadable once apps are ready.
        from zhichan.core.registry import install

        install(self.manifest)
