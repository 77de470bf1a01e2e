"""Triage of an IP complaint: which channel(s) should handle it, why, and what is still missing (pure).

Why: the plan's one-stop intake promises a rights holder that the city routes a dispute to the right
channel fast. An official must be able to see and check why a channel is proposed, so every proposal
carries a Chinese reason citing the rule it rests on (`legal_rules.csv`), and unknown facts that a
rule needs are flagged rather than guessed. The official accepts or overrides the proposal; the
engine never decides alone.

Public API
----------
- `Facts(right, request, ...)`: what the intake knows; `None` for a yes/no fact means "not stated".
- `triage(facts, *, today, calendar) -> Triage`: `proposals` (best first; `primary` is the first),
  `excluded` (channels ruled out, with reasons), `missing` (facts to ask for), `warnings`.
- `Right`, `RequestKind`, `Channel` (each with `.zh`), `Proposal`, `Exclusion`, `Missing`, `Warning`.
"""

from zhichan.engines.triage.model import (
    Channel,
    Exclusion,
    Facts,
    Missing,
    Proposal,
    RequestKind,
    Right,
    Triage,
    Warning,
)
from zhichan.engines.triage.rules import triage

__all__ = [
    "Channel",
    "Exclusion",
    "Facts",
    "Missing",
    "Proposal",
    "RequestKind",
    "Right",
    "Triage",
    "Warning",
    "triage",
]
