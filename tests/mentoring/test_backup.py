"""A backup restores to identical data and files; a broken archive changes nothing."""

import io
import json
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from mentoring.backup import BackupError, create_backup, restore_backup
from mentoring.models import School
from registry.models import Participant
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> list:
    out = io.StringIO()
    call_command("dumpdata", "--all", "--indent", "0", stdout=out)
    return sorted(json.loads(out.getvalue()), key=lambda row: (row["model"], str(row["pk"])))


@pytest.fixture
def data(programme, curator):
    ParticipantFactory.create_batch(3, school=programme.school)
    item = programme.roadmap_items.first()
    item.evidence_file.save("приказ.pdf", ContentFile(b"%PDF-1.4 evidence"))
    return item


def test_backup_restores_identical_data_and_files(data, tmp_path, settings):
    before = snapshot()
    archive = create_backup(tmp_path)
    assert archive.name.endswith(".tar.gz")

    Participant.objects.all().delete()
    School.objects.update(short_name="Изменено после копии")
    stored = data.evidence_file.path
    data.evidence_file.delete(save=True)

    manifest = restore_backup(archive)
    assert manifest["format"] == 1
    assert snapshot() == before
    with open(stored, "rb") as handle:
        assert handle.read() == b"%PDF-1.4 evidence"


def test_commands(data, tmp_path):
    target = tmp_path / "copy.tar.gz"
    out = io.StringIO()
    call_command("backup", str(target), stdout=out)
    assert target.exists() and "Резервная копия" in out.getvalue()
    Participant.objects.all().delete()
    call_command("restore", str(target), "--yes", stdout=out)
    assert Participant.objects.count() == 3


def test_a_broken_archive_changes_nothing(data, tmp_path):
    before = snapshot()
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not an archive at all")
    with pytest.raises(BackupError, match="поврежд"):
        restore_backup(broken)

    hostile = tmp_path / "hostile.tar.gz"
    with tarfile.open(hostile, "w:gz") as archive:
        info = tarfile.TarInfo("../../etc/evil")
        info.size = 4
        archive.addfile(info, io.BytesIO(b"evil"))
    with pytest.raises(BackupError, match="недопустимый путь"):
        restore_backup(hostile)
    assert snapshot() == before
