"""The main pages of every role are valid HTML by the Nu HTML checker (vnu-jar, run with Java;
scripts/lib.sh installs both). The checker starts slowly, so it runs once over all pages."""

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from mentoring.models import User

from .main_pages import ROLES, build_world

VNU = Path(__file__).resolve().parents[1] / ".node/node_modules/vnu-jar/build/dist/vnu.jar"


def nu_errors(files: list[Path]) -> list[dict]:
    if not shutil.which("java") or not VNU.exists():
        pytest.skip("The Nu HTML checker needs Java and .node/ (scripts/test installs both)")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout, result.stderr
    messages = json.loads(result.stdout)["messages"]
    return [message for message in messages if message["type"] == "error"]


@pytest.mark.today("2026-10-15")
def test_main_pages_of_every_role_are_valid_html(client, reference_data, tmp_path):
    world = build_world()
    files, unopened = {}, []
    for role in ROLES:
        client.logout()
        if world[role].username:
            client.force_login(User.objects.get(username=world[role].username))
        for number, url in enumerate(world[role].urls):
            response = client.get(url)
            if response.status_code != 200:
                unopened.append(f"{role} {url}: {response.status_code}")
            path = tmp_path / f"{role}-{number:02}.html"
            path.write_bytes(response.content)
            files[path] = f"{role} {url}"
    assert not unopened, unopened
    assert len(files) > 40

    errors = nu_errors(list(files))

    pages = {path.name: page for path, page in files.items()}
    found = Counter(
        f"{pages[error['url'].rsplit('/', 1)[-1]]}: {error['message']}" for error in errors
    )
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(
        f"{message} (×{count})" for message, count in found.items()
    )
