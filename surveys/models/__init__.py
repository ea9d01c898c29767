from .questionnaires import Question, Questionnaire, Section
from .responses import Answer, Distribution, Invitation, Occasion, Phase, Response

__all__ = [
    "Answer",
    "Distribution",
    "Invitation",
    "Occasion",
    "Phase",
    "Question",
    "Questionnaire",
    "Response",
    "Section",
]
