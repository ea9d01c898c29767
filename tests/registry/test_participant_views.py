import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.urls import reverse

from registry.models import Certificate, Consent

from .factories import ConsentFactory, ParticipantFactory, StudentFactory


def test_add_parent_consent_for_a_minor(client, programme, curator):
    student = StudentFactory(school=programme.school)
    client.force_login(curator)
    url = reverse("registry:consent_create", args=[student.pk])
    refused = client.post(
        url,
        {
            "kind": "personal_data",
            "given_by": "self",
            "signed_on": datetime.date.today().isoformat(),
        },
    )
    assert "согласие даёт родитель (законный представитель)" in refused.content.decode()
    assert not Consent.objects.exists()
    scan = SimpleUploadedFile("согласие.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = client.post(
        url,
        {
            "kind": "personal_data",
            "given_by": "representative",
            "representative_name": "Смирнова Елена Петровна",
            "signed_on": datetime.date.today().isoformat(),
            "scan": scan,
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.created_by == curator
    download = client.get(reverse("registry:consent_scan", args=[consent.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 scan"


def test_scan_must_be_pdf_or_image(client, programme, curator):
    person = ParticipantFactory(school=programme.school)
    client.force_login(curator)
    response = client.post(
        reverse("registry:consent_create", args=[person.pk]),
        {
            "kind": "personal_data",
            "given_by": "self",
            "signed_on": datetime.date.today().isoformat(),
            "scan": SimpleUploadedFile("virus.exe", b"MZ"),
        },
    )
    assert "PDF, JPG или PNG" in response.content.decode()
    assert not Consent.objects.exists()


def test_withdraw_consent(client, programme, curator):
    consent = ConsentFactory(participant=ParticipantFactory(school=programme.school))
    client.force_login(curator)
    url = reverse("registry:consent_withdraw", args=[consent.pk])
    assert client.get(url).status_code == 405
    early = (consent.signed_on - datetime.timedelta(days=1)).isoformat()
    client.post(url, {"withdrawn_on": early})
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    page = client.post(url, {"withdrawn_on": datetime.date.today().isoformat()}, follow=True)
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date.today()
    assert "нет согласия на обработку персональных данных" in page.content.decode()


def test_add_certificate_with_default_validity(client, programme, curator):
    person = ParticipantFactory(school=programme.school)
    client.force_login(curator)
    client.post(
        reverse("registry:certificate_create", args=[person.pk]),
        {"kind": "criminal_record", "number": "77/12345", "issued_on": "2026-10-01"},
    )
    certificate = Certificate.objects.get()
    assert certificate.valid_until == datetime.date(2027, 10, 1)
    client.post(reverse("registry:certificate_delete", args=[certificate.pk]))
    assert not Certificate.objects.exists()


def test_participant_list_filters_minors_without_parental_consent(client, programme, curator):
    StudentFactory(school=programme.school, last_name="Безсогласнова")
    ParticipantFactory(school=programme.school, last_name="Взрослов")
    client.force_login(curator)
    url = reverse("registry:participant_list", args=[programme.pk])
    page = client.get(url, {"documents": "no_parental"}).content.decode()
    assert "Безсогласнова" in page and "Взрослов" not in page


def test_edit_participant_and_validation(client, programme, curator):
    person = ParticipantFactory(school=programme.school)
    client.force_login(curator)
    url = reverse("registry:participant_edit", args=[person.pk])
    bad = client.post(
        url,
        {
            "last_name": "Иванова",
            "first_name": "Ольга",
            "kind": "teacher",
            "birth_date": "2099-01-01",
        },
    )
    assert "Дата рождения должна быть в прошлом" in bad.content.decode()
    client.post(url, {"last_name": "  Иванова ", "first_name": "Ольга", "kind": "teacher"})
    person.refresh_from_db()
    assert person.last_name == "Иванова" and person.updated_by == curator


def test_create_an_account_for_a_mentor(client, programme, curator, mentor):
    from mentoring.models import Membership

    client.force_login(curator)
    url = reverse("registry:participant_account", args=[mentor.participant_id])
    page = client.post(url, follow=True).content.decode()
    mentor.participant.refresh_from_db()
    user = mentor.participant.user
    assert user.username.startswith("shevchuk") and f"Логин: {user.username}" in page
    assert Membership.objects.filter(user=user, role="mentor", school=programme.school).exists()
    password = page.split("пароль: ")[1].split(".")[0]
    client.logout()
    assert client.login(request=HttpRequest(), username=user.username, password=password)
    client.force_login(curator)
    again = client.post(url, follow=True).content.decode()
    assert "уже есть учётная запись" in again
