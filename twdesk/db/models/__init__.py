"""Every table of a twdesk database. Import from here: `from twdesk.db.models import Person`."""

from twdesk.db.base import Base
from twdesk.db.models.activities import (
    Activity,
    ActivityParticipant,
    Attachment,
    Project,
    ProjectMember,
)
from twdesk.db.models.assessment import Rectification, StationCheckItem, StationCheckScore
from twdesk.db.models.audit import AuditEntry
from twdesk.db.models.contacts import (
    ContactBookEntry,
    ContactLogEntry,
    GrassrootsDay,
    OpenDay,
    SatisfactionBallot,
    SatisfactionRound,
    YoungPerson,
)
from twdesk.db.models.duty import (
    DutyAssignment,
    DutyDay,
    DutyRule,
    DutySwap,
    Holiday,
    HolidayYear,
    Unavailability,
)
from twdesk.db.models.evaluation import (
    EvalBonusItem,
    EvalIndicator,
    EvalScheme,
    Evaluation,
    EvaluationBonus,
    EvaluationScore,
    EvaluationUnlock,
    EvaluationVeto,
    EvalVetoItem,
)
from twdesk.db.models.exchange import MergeConflict, SyncPeer
from twdesk.db.models.office import LookupValue, Setting
from twdesk.db.models.people import (
    BranchContact,
    Commendation,
    CommitteeLink,
    GroupMembership,
    Mentorship,
    Person,
    PersonPhoto,
    StationMembership,
    StatusChange,
    YouthBranch,
)
from twdesk.db.models.stations import SpecialGroup, Station
from twdesk.db.models.visits import OpinionItem, OpinionStep, Visit

__all__ = [
    "Activity",
    "ActivityParticipant",
    "Attachment",
    "AuditEntry",
    "Base",
    "BranchContact",
    "Commendation",
    "CommitteeLink",
    "ContactBookEntry",
    "ContactLogEntry",
    "DutyAssignment",
    "DutyDay",
    "DutyRule",
    "DutySwap",
    "EvalBonusItem",
    "EvalIndicator",
    "EvalScheme",
    "EvalVetoItem",
    "Evaluation",
    "EvaluationBonus",
    "EvaluationScore",
    "EvaluationUnlock",
    "EvaluationVeto",
    "GrassrootsDay",
    "GroupMembership",
    "Holiday",
    "HolidayYear",
    "LookupValue",
    "Mentorship",
    "MergeConflict",
    "OpenDay",
    "OpinionItem",
    "OpinionStep",
    "Person",
    "PersonPhoto",
    "Project",
    "ProjectMember",
    "Rectification",
    "SatisfactionBallot",
    "SatisfactionRound",
    "Setting",
    "SpecialGroup",
    "Station",
    "StationCheckItem",
    "StationCheckScore",
    "StationMembership",
    "StatusChange",
    "SyncPeer",
    "Unavailability",
    "Visit",
    "YoungPerson",
    "YouthBranch",
]
