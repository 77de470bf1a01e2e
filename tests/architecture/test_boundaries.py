"""The modules are siblings: one imports another only where this allow-list says so, with its reason.

import-linter (`.importlinter`) checks the layers it names; this test finds the modules themselves
(every package with a `module.py`), so a module that arrives is held to the same rules before anyone
edits a contract: it imports no other module except through a declared edge into that module's
services or selectors, core and the engines import no module, and the layered contract names it.
"""

from __future__ import annotations

import configparser
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "zhichan"
MODULES = sorted(path.parent.name for path in SOURCE.glob("*/module.py"))

# (importer, imported) -> why one module calls another. Only into services or selectors.
ALLOWED = {
    ("zhichan.ecommerce.services", "zhichan.cases.services"): (
        "refer to enforcement: a confirmed e-commerce clue becomes an infringement complaint (case_intake)"
    ),
    ("zhichan.watch.services.names", "zhichan.ecommerce.selectors"): (
        "names screening: the listings' shop names screened against the watched marks, the authorised sellers"
    ),
    ("zhichan.watch.services.names", "zhichan.ecommerce.services"): (
        "names screening: a confirmed shop-name alert becomes an e-commerce clue (clue_from_shop_name)"
    ),
    ("zhichan.watch.services.patents", "zhichan.patents.selectors"): (
        "patent watch: the patents an owner holds, the legal events of the watched patents since their cursor"
    ),
    ("zhichan.watch.selectors", "zhichan.patents.selectors"): (
        "patent watch: a watched patent's legal-status history and the patents close to it by full text"
    ),
}
PUBLIC_FACES = ("services", "selectors")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("zhichan", include_external_packages=False)


def _module_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in MODULES else None


def _cross_module_imports(graph) -> set[tuple[str, str]]:
    found = set()
    for importer in graph.modules:
        source = _module_of(importer)
        if source is None:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            target = _module_of(imported)
            if target is not None and target != source:
                found.add((importer, imported))
    return found


def test_the_modules_are_found():
    assert {"cases", "ecommerce", "planning"} <= set(MODULES)
    assert "core" not in MODULES and "engines" not in MODULES


def test_modules_import_each_other_only_through_declared_edges(graph):
    undeclared = sorted(_cross_module_imports(graph) - set(ALLOWED))
    assert undeclared == [], "declare the edge with its reason in ALLOWED (into services or selectors only)"


def test_declared_edges_exist_and_reach_only_public_faces(graph):
    present = _cross_module_imports(graph)
    assert sorted(set(ALLOWED) - present) == [], "an edge no longer used: remove it from ALLOWED"
    for _importer, imported in ALLOWED:
        face = imported.split(".")[2]
        assert face in PUBLIC_FACES, f"{imported}: another module is reached through services or selectors only"


def test_core_and_the_engines_import_no_module(graph):
    upward = sorted(
        (importer, imported)
        for importer in graph.modules
        if importer.split(".")[1:2] in (["core"], ["engines"])
        for imported in graph.find_modules_directly_imported_by(importer)
        if _module_of(imported) is not None
    )
    assert upward == []


def test_the_layered_contract_names_every_module():
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    layers = [line.strip() for line in config["importlinter:contract:layers"]["layers"].splitlines() if line.strip()]
    siblings = next(layer for layer in layers if "zhichan.cases" in layer)
    named = {part.strip().removeprefix("zhichan.") for part in siblings.split("|")}
    assert named == set(MODULES), "add the module to the modules layer of .importlinter (independent siblings)"
