import pytest

from registry.services import privacy
from reports.models import NameOverride
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_anonymisation_removes_the_persons_name_corrections(programme, curator):
    person = ParticipantFactory(
        school=programme.school, last_name="Гайдамак", first_name="Ольга", middle_name="Сергеевна"
    )
    NameOverride.objects.create(
        school=programme.school, nominative=person.full_name, dative="Гайдамак Ольге Сергеевне"
    )
    other = NameOverride.objects.create(
        school=programme.school, nominative="Гусь Ольга Кирилловна", dative="Гусь Ольге Кирилловне"
    )
    outcome = privacy.anonymise_participant(person, by=curator, reason="Заявление")
    assert list(NameOverride.objects.all()) == [other]
    assert "удалено исправление склонения ФИО" in outcome.other
