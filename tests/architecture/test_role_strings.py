"""Who may do what is said once, in the policy files: no code or template outside them compares roles.

A person holds several memberships, so "is this user an official?" has no single answer; code asks the
policy (`permits`, `acts_for`, `organisations_in_scope`) and the policy answers for any of the person's
roles. This test reads every source file and template and fails on a comparison with a role code
(`== "mediator"`, `in ("official", ...)`, `== Role.OFFICIAL`), on `role_of(...)` and on reading a
`role` attribute through getattr.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from zhichan.core.models import Role

SOURCE = Path(__file__).resolve().parents[2] / "src" / "zhichan"
ROLE_CODES = set(Role.values)
ROLE_ENUMS = {"Role", "R"}
# Files still converting (issue 10): each line goes when its file asks the policy. Never add one.
CONVERTING: dict[str, str] = {}


def _exempt(relative: Path) -> bool:
    return relative.name == "policy.py" or "migrations" in relative.parts


def _is_role(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and node.value in ROLE_CODES:
        return True
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ROLE_ENUMS:
        return node.attr in {member.name for member in Role}
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_role(element) for element in node.elts)
    return False


def _python_findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(_is_role(side) for side in (node.left, *node.comparators)):
            found.append(f"line {node.lineno}: compares a role")
        elif isinstance(node, ast.Name) and node.id == "role_of":
            found.append(f"line {node.lineno}: role_of")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value == "role"
        ):
            found.append(f"line {node.lineno}: getattr(..., 'role')")
    return found


TEMPLATE_ROLE = re.compile(r"\brole\s*(==|!=|\bin\b)|[\"'](" + "|".join(sorted(ROLE_CODES)) + r")[\"']")


def _findings() -> dict[str, list[str]]:
    findings: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if not _exempt(relative) and (found := _python_findings(path)):
            findings[relative.as_posix()] = found
    for path in sorted(SOURCE.rglob("*.html")):
        relative = path.relative_to(SOURCE)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for tag in re.findall(r"{%\s*(?:if|elif)\b.*?%}", line):
                if TEMPLATE_ROLE.search(tag):
                    findings.setdefault(relative.as_posix(), []).append(f"line {number}: {tag}")
    return findings


def test_no_role_comparison_outside_the_policy_files():
    findings = {name: found for name, found in _findings().items() if name not in CONVERTING}
    assert findings == {}, "ask the policy (permits, acts_for, organisations_in_scope) instead"


def test_the_converting_list_only_names_files_that_still_compare_roles():
    stale = sorted(set(CONVERTING) - set(_findings()))
    assert stale == [], "converted: remove these lines from CONVERTING"


def test_the_check_finds_each_kind_of_comparison(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "if user.kind == 'mediator': pass\n"
        "if x in ('official', 'auditor'): pass\n"
        "if y != Role.LIAISON: pass\n"
        "z = role_of(user)\n"
        "w = getattr(user, 'role', '')\n"
        "if party.role == PartyRole.REQUESTER: pass\n",  # a party's side in a case, not a person's role
        encoding="utf-8",
    )
    found = _python_findings(sample)
    assert sorted(int(line.split(":")[0].split()[1]) for line in found) == [1, 2, 3, 4, 5]
    assert TEMPLATE_ROLE.search('{% if person.role == "platform_client" %}')
    assert not TEMPLATE_ROLE.search("{% if may_hold_token %}")
