import json
import os
import subprocess
import sys
from pathlib import Path

from mentoring import events
from mentoring.backup import create_backup

from ..events import events_log  # noqa: F401
from ..factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def test_an_event_is_one_json_line_with_ids_and_no_names(events_log, db):  # noqa: F811
    user = UserFactory(last_name="Шевчук")
    events.record("order.approved", by=user, order=7, school=3)
    [line] = events_log.lines
    assert line["event"] == "order.approved"
    assert (line["user"], line["order"], line["school"]) == (user.pk, 7, 3)
    assert line["level"] == "info" and line["time"].endswith("+00:00")
    assert "Шевчук" not in json.dumps(line, ensure_ascii=False)


def test_events_go_to_stdout_as_configured():
    script = "from mentoring import events; events.record('check.done', by=None, batch=5)"
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    [line] = [json.loads(text) for text in result.stdout.splitlines() if text.startswith("{")]
    assert line["event"] == "check.done" and line["batch"] == 5 and line["user"] is None
    assert "check.done" not in result.stderr


def test_backup_writes_its_event(events_log, db, tmp_path, settings):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = create_backup(tmp_path)
    [line] = events_log.named("backup.created")
    assert line["file"] == archive.name
