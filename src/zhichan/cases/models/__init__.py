"""Cases: intake, triage, the procedures (patent ruling, mediation, fair complaint) and their clocks.

Every change goes through `zhichan.cases.services` (state machine + event + audit in one
transaction); these models hold the state and the history. Every model is imported here, where Django
and the importers look for them.
"""

from zhichan.cases.models.cases import (
    ACCEPTANCE_REGISTER,
    CLOSED_STATUSES,
    PARTY_CLOCKS,
    USER,
    Case,
    CaseClock,
    CaseEvent,
    CaseNumberCounter,
    CaseParty,
    Channel,
    ClockKind,
    IntakeVia,
    PartyRole,
    RequestKind,
    Right,
    Status,
)
from zhichan.cases.models.fairs import Fair, FairBan, FairComplaint, FairOutcome, Measure
from zhichan.cases.models.mediation import (
    AgreementForm,
    ConfirmationOutcome,
    ConflictDeclaration,
    JudicialConfirmation,
    MediationAgreement,
    MediationSession,
    Mediator,
    SessionMessage,
    SessionMode,
    SessionState,
)

__all__ = [
    "ACCEPTANCE_REGISTER",
    "CLOSED_STATUSES",
    "PARTY_CLOCKS",
    "USER",
    "AgreementForm",
    "Case",
    "CaseClock",
    "CaseEvent",
    "CaseNumberCounter",
    "CaseParty",
    "Channel",
    "ClockKind",
    "ConfirmationOutcome",
    "ConflictDeclaration",
    "Fair",
    "FairBan",
    "FairComplaint",
    "FairOutcome",
    "IntakeVia",
    "JudicialConfirmation",
    "Measure",
    "MediationAgreement",
    "MediationSession",
    "Mediator",
    "PartyRole",
    "RequestKind",
    "Right",
    "SessionMessage",
    "SessionMode",
    "SessionState",
    "Status",
]
