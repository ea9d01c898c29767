"""Files in a shared S3 store (several app servers of a region): a real S3 server (moto) on
127.0.0.1, the app configured from the same environment variables as in production, and the
flows that write, read and delete files going through it."""

import datetime
import io
import json
import os
import re
import socket
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from moto.server import ThreadedMotoServer

from config.file_storage import FILESYSTEM_BACKEND, S3_BACKEND, default_storage_config
from mentoring.backup import create_backup
from registry.models import Consent, ImportBatch, Mentee, Mentor, PortfolioFile
from registry.services import privacy
from reports.orders import services
from stages.models import OrderKind
from tests.registry.factories import (
    InterviewFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
)
from tests.registry.import_files import xlsx_bytes

ROOT = Path(__file__).resolve().parent.parent
ACCESS_KEY = "testing-key"
SECRET_KEY = "testing-secret"
REGION = "ru-central1"
SCAN = b"%PDF-1.4 scan of the consent"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A fresh private bucket, and the app's default storage on it, configured from the
    environment variables production sets."""
    name = f"mentoring-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    environ = {
        "DJANGO_STORAGE": "s3",
        "DJANGO_S3_BUCKET": name,
        "DJANGO_S3_ENDPOINT_URL": s3_endpoint,
        "DJANGO_S3_ACCESS_KEY_ID": ACCESS_KEY,
        "DJANGO_S3_SECRET_ACCESS_KEY": SECRET_KEY,
        "DJANGO_S3_REGION": REGION,
    }
    settings.STORAGES = {**settings.STORAGES, "default": default_storage_config(environ)}
    assert not isinstance(default_storage, FileSystemStorage)

    class Bucket:
        def keys(self) -> list[str]:
            listing = client.list_objects_v2(Bucket=name)
            return sorted(item["Key"] for item in listing.get("Contents", []))

        def read(self, key: str) -> bytes:
            return client.get_object(Bucket=name, Key=key)["Body"].read()

        def grants(self, key: str) -> list[dict]:
            return client.get_object_acl(Bucket=name, Key=key)["Grants"]

    return Bucket()


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _upload_consent(client, participant) -> Consent:
    response = client.post(
        reverse("registry:consent_create", args=[participant.pk]),
        {
            "kind": "personal_data",
            "given_by": "self",
            "signed_on": "2026-11-20",
            "scan": SimpleUploadedFile("согласие.pdf", SCAN, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    return Consent.objects.get(participant=participant)


@pytest.mark.today("2026-11-26")
@pytest.mark.django_db
def test_a_consent_scan_goes_to_the_bucket_and_comes_back_through_the_app(
    client, bucket, programme, curator, other_curator
):
    participant = ParticipantFactory(school=programme.school)
    client.force_login(curator)
    consent = _upload_consent(client, participant)
    assert bucket.keys() == [consent.scan.name]
    assert bucket.read(consent.scan.name) == SCAN
    # Private: the owner alone, nothing for all users or the public.
    assert all("URI" not in grant["Grantee"] for grant in bucket.grants(consent.scan.name))

    url = reverse("registry:consent_scan", args=[consent.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert _body(download) == SCAN
    assert "attachment" in download["Content-Disposition"]
    assert "Location" not in download

    client.force_login(other_curator)
    assert client.get(url).status_code == 404


@pytest.mark.today("2026-11-26")
@pytest.mark.django_db
def test_a_second_upload_with_the_same_name_does_not_replace_the_first(
    client, bucket, programme, curator
):
    client.force_login(curator)
    first = _upload_consent(client, ParticipantFactory(school=programme.school))
    second = _upload_consent(client, ParticipantFactory(school=programme.school))
    assert first.scan.name != second.scan.name
    assert bucket.keys() == sorted([first.scan.name, second.scan.name])
    assert _body(client.get(reverse("registry:consent_scan", args=[first.pk]))) == SCAN


@pytest.mark.today("2026-11-26")
@pytest.mark.django_db
def test_a_missing_object_is_a_404_not_an_error(client, bucket, programme, curator):
    client.force_login(curator)
    consent = _upload_consent(client, ParticipantFactory(school=programme.school))
    default_storage.delete(consent.scan.name)
    assert bucket.keys() == []
    assert client.get(reverse("registry:consent_scan", args=[consent.pk])).status_code == 404


@pytest.mark.today("2026-11-26")
@pytest.mark.django_db
def test_an_approved_order_is_stored_in_the_bucket_and_downloads_through_the_app(
    client, bucket, programme, curator, director, other_curator
):
    mentor = MentorFactory(
        participant=ParticipantFactory(school=programme.school, last_name="Ковалёва"),
        status=Mentor.Status.INTERVIEWED,
    )
    InterviewFactory(mentor=mentor, programme=programme)
    order = services.create_order(programme, OrderKind.MENTOR_REGISTRY, by=curator)
    services.submit(order, by=curator)
    order = services.approve(order, by=director, today=datetime.date(2026, 11, 26))

    assert bucket.keys() == sorted([order.pdf_file.name, order.docx_file.name])
    stored_pdf = bucket.read(order.pdf_file.name)
    assert stored_pdf.startswith(b"%PDF")

    client.force_login(curator)
    url = reverse("reports:order_file", args=[order.pk, "pdf"])
    download = client.get(url)
    assert download.status_code == 200
    assert _body(download) == stored_pdf
    docx = client.get(reverse("reports:order_file", args=[order.pk, "docx"]))
    assert _body(docx) == bucket.read(order.docx_file.name)

    client.force_login(other_curator)
    assert client.get(url).status_code == 404


@pytest.mark.today("2026-11-26")
@pytest.mark.django_db
def test_an_import_reads_its_file_from_the_bucket_and_removes_it(
    client, bucket, programme, curator, django_capture_on_commit_callbacks
):
    content = xlsx_bytes(
        ["ФИО", "Дата рождения", "Класс"],
        ["Смирнова Ольга Петровна", "04.05.2013", "7Б"],
        ["Кузнецов Иван Андреевич", "12.01.2013", "7Б"],
    )
    client.force_login(curator)
    response = client.post(
        reverse("registry:import_start", args=[programme.pk]),
        {"kind": "mentees", "file": SimpleUploadedFile("список.xlsx", content)},
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert bucket.keys() == [batch.file.name]
    assert bucket.read(batch.file.name) == content

    # The list of errors is built from the file read back from the bucket.
    errors = client.get(reverse("registry:import_errors", args=[batch.pk]))
    assert errors.status_code == 200
    assert errors.content.startswith(b"PK")

    preview = client.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert "Будет добавлено 2" in preview
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registry:import_confirm", args=[batch.pk]), {"mode": "all"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert Mentee.objects.filter(programme=programme).count() == 2
    assert bucket.keys() == []


@pytest.mark.today("2026-11-26")
@pytest.mark.django_db
def test_anonymisation_removes_the_person_s_objects_from_the_bucket(
    client, bucket, programme, curator
):
    mentor = MentorFactory(participant=ParticipantFactory(school=programme.school))
    client.force_login(curator)
    other = _upload_consent(client, ParticipantFactory(school=programme.school))
    consent = _upload_consent(client, mentor.participant)
    response = client.post(
        reverse("registry:portfolio_upload", args=[mentor.pk]),
        {"title": "Грамота", "file": SimpleUploadedFile("грамота.pdf", b"%PDF-1.4 award")},
    )
    assert response.status_code == 302
    portfolio = PortfolioFile.objects.get(mentor=mentor)
    assert bucket.keys() == sorted([other.scan.name, consent.scan.name, portfolio.file.name])

    privacy.anonymise_participant(mentor.participant, by=curator, reason="Заявление участника")

    consent.refresh_from_db()
    assert not consent.scan and not PortfolioFile.objects.filter(mentor=mentor).exists()
    assert bucket.keys() == [other.scan.name]


@pytest.mark.django_db(transaction=True)
def test_the_backup_says_the_files_stay_in_the_bucket(bucket, programme, tmp_path):
    StudentFactory(school=programme.school)
    default_storage.save("consents/kept.pdf", io.BytesIO(SCAN))
    out = io.StringIO()
    call_command("backup", str(tmp_path), stdout=out)
    assert "в копию не входят" in out.getvalue() and "бакет" in out.getvalue()
    [archive] = tmp_path.glob("*.tar.gz")
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert not any(name.startswith("media") for name in names)
    assert bucket.keys() == ["consents/kept.pdf"]
    second = create_backup(tmp_path / "second.tar.gz")
    with tarfile.open(second) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert manifest["media"] == "external"

    call_command("restore", str(archive), "--yes", stdout=out)
    assert "Файлы в хранилище не изменены" in out.getvalue()
    assert bucket.read("consents/kept.pdf") == SCAN


def test_without_the_variables_files_stay_on_the_file_system():
    assert default_storage_config({}) == {"BACKEND": FILESYSTEM_BACKEND}
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_STORAGE", "DJANGO_S3_"))
    }
    environ["DJANGO_DEBUG"] = "1"
    script = (
        "import django; django.setup(); "
        "from django.core.files.storage import storages; "
        "print(type(storages['default']).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["FileSystemStorage"]
    assert isinstance(default_storage, FileSystemStorage)


APPS = ("mentoring", "registry", "stages", "surveys", "reports")
# What works only with files on this machine's disk.
LOCAL_ONLY = re.compile(
    r"MEDIA_ROOT|FileSystemStorage\(|\b(?:scan|file|evidence_file|pdf_file|docx_file)\.path\b"
    r"|\bopen\([^)]*\.name\b"
)


def test_the_apps_reach_files_only_through_the_storage():
    found = []
    for app in APPS:
        for source in (ROOT / app).rglob("*.py"):
            if "migrations" in source.parts:
                continue
            for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
                if LOCAL_ONLY.search(line):
                    found.append(f"{source.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
    assert LOCAL_ONLY.search("with open(consent.scan.name) as handle:")
    assert LOCAL_ONLY.search("Path(settings.MEDIA_ROOT)")


def test_s3_settings_from_the_environment():
    config = default_storage_config(
        {
            "DJANGO_STORAGE": "S3",
            "DJANGO_S3_BUCKET": "region-files",
            "DJANGO_S3_ENDPOINT_URL": "https://storage.yandexcloud.net",
            "DJANGO_S3_ACCESS_KEY_ID": "key",
            "DJANGO_S3_SECRET_ACCESS_KEY": "secret",
            "DJANGO_S3_REGION": "ru-central1",
            "DJANGO_S3_PREFIX": "/mentoring/",
        }
    )
    assert config["BACKEND"] == S3_BACKEND
    options = config["OPTIONS"]
    assert options["bucket_name"] == "region-files" and options["location"] == "mentoring"
    assert options["default_acl"] is None and options["file_overwrite"] is False
    with pytest.raises(ImproperlyConfigured, match="DJANGO_S3_SECRET_ACCESS_KEY"):
        default_storage_config({"DJANGO_STORAGE": "s3", "DJANGO_S3_BUCKET": "b"})
    with pytest.raises(ImproperlyConfigured, match="DJANGO_STORAGE"):
        default_storage_config({"DJANGO_STORAGE": "ftp"})
