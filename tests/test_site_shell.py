"""What every visitor's browser asks of the site itself: the icon, and the admin's sections."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from .factories import UserFactory


def test_favicon_ico_leads_to_an_icon_file(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(settings.STATIC_URL) and location.endswith(".ico")
    found = finders.find("favicon.ico")
    assert found and Path(found).read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_pages_link_the_icon(client):
    page = client.get(reverse("login")).content.decode()
    assert 'rel="icon" href="/static/favicon.ico"' in page


def test_admin_sections_are_named_in_russian(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:index")).content.decode()
    for russian in ("Журнал изменений", "Попытки входа и блокировки", "Двухфакторная защита"):
        assert russian in page
    for english in ("Audit log", ">Axes<", "Otp_Totp", "OTP_TOTP"):
        assert english not in page
