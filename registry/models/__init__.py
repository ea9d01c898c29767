from .bases import Competency, Mentee, Mentor, PortfolioFile, RequestCategory
from .documents import Certificate, Consent
from .imports import ImportBatch
from .labour import MentoringAgreement, MentoringDuty
from .pairs import MatchingWeights, MentoringForm, Pair, RoleModel
from .partners import Partner
from .people import Participant
from .privacy import AnonymisationRecord
from .selection import CommissionMember, Interview, SelectionCommission
from .support import SupportContact
from .training import Attendance, TrainingCertificate, TrainingCourse, TrainingSession
from .work import Award, Case, DevelopmentPlan, DiaryEntry, Meeting, PlanItem
from .year_turn import YearTurn

__all__ = [
    "AnonymisationRecord",
    "Attendance",
    "Award",
    "Case",
    "Certificate",
    "CommissionMember",
    "Competency",
    "Consent",
    "DevelopmentPlan",
    "DiaryEntry",
    "ImportBatch",
    "Interview",
    "MatchingWeights",
    "Meeting",
    "Mentee",
    "Mentor",
    "MentoringAgreement",
    "MentoringDuty",
    "MentoringForm",
    "Pair",
    "Participant",
    "Partner",
    "PlanItem",
    "PortfolioFile",
    "RequestCategory",
    "RoleModel",
    "SelectionCommission",
    "SupportContact",
    "TrainingCertificate",
    "TrainingCourse",
    "TrainingSession",
    "YearTurn",
]
