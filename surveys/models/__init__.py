from .questionnaires import Question, Questionnaire, Section
from .responses import Answer, Distribution, Invitation, Phase, Response

__all__ = [
    "Answer",
    "Distribution",
    "Invitation",
    "Phase",
    "Question",
    "Questionnaire",
    "Response",
    "Section",
]
