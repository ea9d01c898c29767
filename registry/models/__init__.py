from .bases import Competency, Mentee, Mentor, PortfolioFile, RequestCategory
from .documents import Certificate, Consent
from .imports import ImportBatch
from .people import Participant
from .selection import CommissionMember, Interview, SelectionCommission
from .training import Attendance, TrainingCertificate, TrainingCourse, TrainingSession

__all__ = [
    "Attendance",
    "Certificate",
    "CommissionMember",
    "Competency",
    "Consent",
    "ImportBatch",
    "Interview",
    "Mentee",
    "Mentor",
    "Participant",
    "PortfolioFile",
    "RequestCategory",
    "SelectionCommission",
    "TrainingCertificate",
    "TrainingCourse",
    "TrainingSession",
]
