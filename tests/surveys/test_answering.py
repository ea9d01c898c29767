import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from registry import reference as registry_reference
from registry.models import MentoringForm, Pair
from surveys.forms.answer import AnswerForm, field_name
from surveys.models import Answer, Distribution, Invitation, Phase, Question, Questionnaire
from surveys.services import answering
from surveys.services.distribution import end_of_day

from ..registry.factories import ready_mentee, ready_student_mentor

pytestmark = pytest.mark.django_db


def make_questionnaire(school=None, title="Обратная связь") -> Questionnaire:
    """One question of each kind, in two sections (the second section listed first)."""
    questionnaire = Questionnaire.objects.create(
        school=school, title=title, purpose="other", audience="all"
    )
    later = questionnaire.sections.create(title="Итоги", position=2)
    first = questionnaire.sections.create(title="О встречах", position=1)
    add = questionnaire.questions.create
    add(section=later, text="Что запомнилось?", kind=Question.Kind.TEXT, position=1)
    add(
        section=first,
        text="Как часто встречались?",
        kind=Question.Kind.SINGLE,
        position=1,
        options=["Раз в неделю", "Раз в месяц"],
    )
    add(
        section=first,
        text="Чем занимались?",
        kind=Question.Kind.MULTIPLE,
        position=2,
        options=["Учёба", "Проекты", "Спорт"],
    )
    add(section=first, text="Насколько полезно?", kind=Question.Kind.SCALE, position=3)
    add(section=first, text="Продолжите работу?", kind=Question.Kind.YES_NO, position=4)
    return questionnaire


def make_invitation(programme, questionnaire, days=7, phase="", **fields) -> Invitation:
    distribution = Distribution.objects.create(
        questionnaire=questionnaire,
        programme=programme,
        title="Рассылка",
        phase=phase,
        deadline=timezone.localdate() + datetime.timedelta(days=days),
    )
    fields.setdefault("respondent_name", "Смирнова Ольга")
    return Invitation.objects.create(
        distribution=distribution,
        expires_at=end_of_day(distribution.deadline),
        **fields,
    )


def good_data(questionnaire) -> dict:
    q = {question.kind: field_name(question) for question in questionnaire.questions.all()}
    return {
        q["text"]: "Поездка на олимпиаду",
        q["single"]: "Раз в неделю",
        q["multiple"]: ["Учёба", "Спорт"],
        q["scale"]: "8",
        q["yes_no"]: "1",
    }


def names(questionnaire) -> dict:
    return {question.kind: field_name(question) for question in questionnaire.questions.all()}


@pytest.fixture
def questionnaire(db):
    return make_questionnaire()


def form_for(questionnaire, data):
    return AnswerForm(data, questions=answering.questions_of(questionnaire))


def test_sections_are_fieldsets_in_order(questionnaire):
    form = form_for(questionnaire, None)
    sets = form.fieldsets()
    assert [group["title"] for group in sets] == ["О встречах", "Итоги"]
    assert [field.label for field in sets[0]["fields"]][0] == "Как часто встречались?"


def test_good_data_is_valid(questionnaire):
    form = form_for(questionnaire, good_data(questionnaire))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("kind", ["text", "single", "multiple", "scale", "yes_no"])
def test_every_kind_is_required(questionnaire, kind):
    data = good_data(questionnaire)
    del data[names(questionnaire)[kind]]
    form = form_for(questionnaire, data)
    assert not form.is_valid()
    assert form.errors[names(questionnaire)[kind]] == ["Ответьте на этот вопрос"]


@pytest.mark.parametrize("value", ["0", "11", "abc"])
def test_scale_out_of_range(questionnaire, value):
    data = {**good_data(questionnaire), names(questionnaire)["scale"]: value}
    form = form_for(questionnaire, data)
    assert form.errors[names(questionnaire)["scale"]] == ["Выберите значение от 1 до 10"]


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("yes_no", "2", "Выберите «Да» или «Нет»"),
        ("multiple", ["Учёба", "Рыбалка"], "Выберите варианты из списка"),
        ("single", ["Раз в неделю", "Раз в месяц"], "Выберите один вариант из списка"),
        ("single", "Каждый день", "Выберите один вариант из списка"),
    ],
)
def test_bad_values(client, questionnaire, kind, value, message):
    data = {**good_data(questionnaire), names(questionnaire)[kind]: value}
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, item in data.items():
        query.setlist(key, item if isinstance(item, list) else [item])
    form = form_for(questionnaire, query)
    assert form.errors[names(questionnaire)[kind]] == [message]


def test_optional_question_may_be_skipped(questionnaire):
    questionnaire.questions.filter(kind="text").update(required=False)
    data = good_data(questionnaire)
    del data[names(questionnaire)["text"]]
    assert form_for(questionnaire, data).is_valid()


@pytest.fixture
def link(programme, questionnaire):
    return make_invitation(programme, questionnaire)


def url_of(invitation):
    return reverse("surveys:answer_by_link", args=[invitation.token])


def test_link_shows_questionnaire_without_navigation(client, link):
    page = client.get(url_of(link))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Обратная связь" in html and "Насколько полезно?" in html
    assert "navbar" not in html
    assert "Смирнова" not in html
    assert reverse("home") + '"' not in html


def test_partial_submission_keeps_input(client, link):
    data = good_data(link.distribution.questionnaire)
    del data[names(link.distribution.questionnaire)["scale"]]
    page = client.post(url_of(link), data)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Анкета не отправлена" in html and "Ответьте на этот вопрос" in html
    assert "Поездка на олимпиаду" in html
    assert 'value="Спорт" class="form-check-input" id' in html
    assert html.count("checked") == 4  # single, two of multiple, yes
    assert not link.distribution.responses.exists()


def test_answer_by_link_writes_response(client, link):
    page = client.post(url_of(link), good_data(link.distribution.questionnaire))
    assert page.status_code == 200
    assert "Спасибо" in page.content.decode()
    link.refresh_from_db()
    assert link.answered_at is not None
    response = link.response
    assert response.distribution == link.distribution
    answers = {a.question.kind: a for a in response.answers.select_related("question")}
    assert answers["text"].text == "Поездка на олимпиаду"
    assert answers["single"].choices == ["Раз в неделю"]
    assert answers["multiple"].choices == ["Учёба", "Спорт"]
    assert answers["scale"].number == 8
    assert answers["yes_no"].number == 1


def test_no_answer_is_zero(client, link):
    questionnaire = link.distribution.questionnaire
    client.post(url_of(link), {**good_data(questionnaire), names(questionnaire)["yes_no"]: "0"})
    assert Answer.objects.get(question__kind="yes_no").number == 0


def test_forged_token_404(client, link):
    page = client.get(reverse("surveys:answer_by_link", args=["forged-token"]))
    assert page.status_code == 404
    assert "Ссылка не найдена" in page.content.decode()


def test_expired_link_410(client, link):
    Invitation.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    for method in (client.get, client.post):
        page = method(url_of(link), good_data(link.distribution.questionnaire))
        assert page.status_code == 410
        assert "Срок действия ссылки истёк" in page.content.decode()
    assert not link.distribution.responses.exists()


def test_reused_link_410(client, link):
    data = good_data(link.distribution.questionnaire)
    client.post(url_of(link), data)
    page = client.post(url_of(link), data)
    assert page.status_code == 410
    assert "Ответ по этой ссылке уже получен" in page.content.decode()
    assert client.get(url_of(link)).status_code == 410
    assert link.distribution.responses.count() == 1


def test_service_refuses_second_submission(link):
    form = form_for(link.distribution.questionnaire, good_data(link.distribution.questionnaire))
    assert form.is_valid()
    stale = Invitation.objects.get(pk=link.pk)
    answering.submit_response(link, form.answers())
    with pytest.raises(answering.AnswerRefused):
        answering.submit_response(stale, form.answers())
    assert link.distribution.responses.count() == 1


def test_token_of_another_school_writes_to_its_distribution(client, link, other_programme):
    own = make_questionnaire(other_programme.school, title="Анкета гимназии")
    other = make_invitation(other_programme, own)
    page = client.get(url_of(other))
    assert "Анкета гимназии" in page.content.decode()
    assert "Что запомнилось?" in page.content.decode()
    client.post(url_of(other), good_data(own))
    assert other.distribution.responses.count() == 1
    assert not link.distribution.responses.exists()
    # The other school's question ids do not fit this questionnaire.
    page = client.post(url_of(link), good_data(own))
    assert page.status_code == 200
    assert not link.distribution.responses.exists()


def test_response_bound_to_pair_and_phase(client, programme, questionnaire, school):
    registry_reference.load_forms()
    mentor = ready_student_mentor(school)
    mentee = ready_mentee(programme)
    pair = Pair.objects.create(
        programme=programme, mentor=mentor, form=MentoringForm.objects.first()
    )
    pair.mentees.set([mentee])
    invitation = make_invitation(
        programme, questionnaire, phase=Phase.INPUT, participant=mentee.participant, pair=pair
    )
    client.post(url_of(invitation), good_data(questionnaire))
    response = invitation.distribution.responses.get()
    assert response.pair == pair
    assert response.phase == Phase.INPUT
    assert response.participant == mentee.participant


def test_my_surveys_lists_only_open_own_invitations(
    client, programme, questionnaire, curator, director
):
    mine = make_invitation(programme, questionnaire, user=curator)
    make_invitation(programme, make_questionnaire(title="Чужая анкета"), user=director)
    expired = make_invitation(programme, make_questionnaire(title="Просроченная"), user=curator)
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    done = make_invitation(programme, make_questionnaire(title="Отвеченная"), user=curator)
    Invitation.objects.filter(pk=done.pk).update(answered_at=timezone.now())
    client.force_login(curator)
    html = client.get(reverse("surveys:my_surveys")).content.decode()
    assert reverse("surveys:answer_invitation", args=[mine.pk]) in html
    for title in ("Чужая анкета", "Просроченная", "Отвеченная"):
        assert title not in html


def test_answer_invitation_by_account(client, programme, questionnaire, curator, director):
    invitation = make_invitation(programme, questionnaire, user=curator)
    url = reverse("surveys:answer_invitation", args=[invitation.pk])
    client.force_login(director)
    assert client.get(url).status_code == 404
    client.force_login(curator)
    assert client.get(url).status_code == 200
    page = client.post(url, good_data(questionnaire))
    assert page.status_code == 302
    assert invitation.distribution.responses.count() == 1
    page = client.post(url, good_data(questionnaire))
    assert page.status_code == 302
    assert invitation.distribution.responses.count() == 1
