import datetime

from registry import reference
from registry.models import Meeting, MentoringForm, Pair

from ..registry.factories import ready_mentee, ready_student_mentor


def test_stale_pair_is_named_by_mentor_and_mentees_and_links_to_the_pair(
    client, programme, curator, today
):
    reference.load_forms()
    form = MentoringForm.objects.get(code="student_student")
    mentor = ready_student_mentor(programme.school)
    first = ready_mentee(programme, class_name="6А", last_name="Рябинина")
    second = ready_mentee(programme, class_name="6Б", last_name="Ольховский")
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=form,
        status="active",
        starts_on=today - datetime.timedelta(days=90),
    )
    pair.mentees.set([first, second])
    Meeting.objects.create(pair=pair, held_on=today - datetime.timedelta(days=40), topic="Т")
    client.force_login(curator)
    page = client.get(programme.school.get_absolute_url()).content.decode()
    section = page[page.index('id="stale-pairs"') :].split("</ul>")[0]
    link = section[section.index(f'<a href="{pair.get_absolute_url()}">') :].split("</a>")[0]
    assert mentor.participant.full_name in link
    assert first.participant.full_name in link and second.participant.full_name in link
    assert "Наставник и наставляемые" in section
