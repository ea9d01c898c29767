import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "x" * 20 + "production-secret-key-with-enough-entropy-0123456789"


def production_env(**overrides) -> dict[str, str]:
    """The environment of a server: DJANGO_DEBUG not set at all (tests set it for themselves)."""
    env = {**os.environ}
    env.pop("DJANGO_DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests' process only
    return {**env, **overrides}


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = production_env(
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="mentoring.example",
        DJANGO_PROXY_COUNT="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_is_the_default(tmp_path):
    env = production_env(
        DJANGO_SECRET_KEY=SECRET, DATABASE_URL=f"sqlite:///{tmp_path / 'default.sqlite3'}"
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SUPERUSER_TWO_FACTOR_REQUIRED, s.SESSION_COOKIE_SECURE, s.SECRET_KEY)"
    )
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    result = run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", SECRET]


def test_production_refuses_to_start_without_secret_key():
    for env in (
        production_env(DJANGO_SECRET_KEY=""),
        production_env(DJANGO_SECRET_KEY="", DJANGO_DEBUG="0"),
        {k: v for k, v in production_env().items() if k != "DJANGO_SECRET_KEY"},
    ):
        result = run(["manage.py", "check"], env)
        assert result.returncode != 0
        assert "ImproperlyConfigured: DJANGO_SECRET_KEY is not set" in result.stderr
        assert "DJANGO_DEBUG=1" in result.stderr


def test_development_mode_is_explicit():
    result = run(["manage.py", "check"], production_env(DJANGO_SECRET_KEY="", DJANGO_DEBUG="1"))
    assert result.returncode == 0, result.stderr
