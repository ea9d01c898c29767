import pytest

from mentoring.archive import ArchiveError
from mentoring.errors import DomainError
from registry.importing import ImportFileError
from registry.services.accounts import AccountError
from registry.services.pairs import PairingError
from registry.services.privacy import PrivacyError
from registry.services.year_turn import YearTurnError
from reports.monthly.services import ReportError
from reports.orders.services import OrderError


def test_a_domain_error_carries_its_problems_and_reads_as_them():
    error = DomainError(["Нет согласия родителя", "Наставник не в реестре"])
    assert error.problems == ["Нет согласия родителя", "Наставник не в реестре"]
    assert str(error) == "Нет согласия родителя; Наставник не в реестре"


def test_one_message_is_one_problem():
    error = DomainError("Программа уже в архиве.")
    assert error.problems == ["Программа уже в архиве."]
    assert str(error) == "Программа уже в архиве."


def test_sentences_of_the_year_turn_read_as_a_text():
    error = YearTurnError(["Пара наставника А: укажите причину.", "Пара наставника Б: укажите."])
    assert str(error) == "Пара наставника А: укажите причину. Пара наставника Б: укажите."


@pytest.mark.parametrize(
    "kind",
    [
        ArchiveError,
        AccountError,
        ImportFileError,
        OrderError,
        PairingError,
        PrivacyError,
        ReportError,
        YearTurnError,
    ],
)
def test_every_refusal_of_the_domain_is_caught_as_one(kind):
    with pytest.raises(DomainError) as caught:
        raise kind(["Первая причина", "Вторая причина"])
    assert caught.value.problems == ["Первая причина", "Вторая причина"]
    with pytest.raises(kind):
        raise kind("Причина")
