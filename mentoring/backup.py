"""Backup and restore of the whole installation: the database and the uploaded files.

One archive (``.tar.gz``) holds ``manifest.json``, the database (SQLite: a consistent copy made
with SQLite's backup API; PostgreSQL: ``pg_dump --format=custom``) and ``media/``. Restoring puts
both back in place of what is there.

Files go into the archive only when they live on this machine's file system. With a shared
store (``DJANGO_STORAGE=s3``) the archive holds the database alone and says so in its manifest:
the bucket keeps its files itself (object versioning, replication; docs/OPERATIONS.md), and
restoring leaves the bucket as it is.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from . import events

FORMAT_VERSION = 1
SQLITE_NAME = "database.sqlite3"
POSTGRES_NAME = "database.dump"
MEDIA_INCLUDED = "included"
MEDIA_EXTERNAL = "external"


class BackupError(Exception):
    pass


def local_media() -> Path | None:
    """The folder of the uploaded files, or None when they live in a shared store (S3)."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(default_storage.location)
    return None


def external_media_note() -> str:
    """Why the files are not in the archive, or "" when they are."""
    if local_media() is not None:
        return ""
    bucket = getattr(default_storage, "bucket_name", "")
    where = f"в общем хранилище (бакет «{bucket}»)" if bucket else "в общем хранилище"
    return (
        f"Загруженные файлы хранятся {where} и в копию не входят: их сохраняют версии объектов "
        "и репликация бакета (docs/OPERATIONS.md, «Общее хранилище файлов (S3)»)."
    )


def _pg_env() -> tuple[list[str], dict]:
    params = connection.settings_dict
    args = ["--no-owner", "--no-privileges"]
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} завершился с ошибкой: {result.stderr.strip()[:2000]}")


def _dump_database(folder: Path) -> str:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = sqlite3.connect(folder / SQLITE_NAME)
        with target:
            connection.connection.backup(target)
        target.close()
        return SQLITE_NAME
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        dump = folder / POSTGRES_NAME
        _run(
            [
                "pg_dump",
                "--format=custom",
                *args,
                "--file",
                str(dump),
                connection.settings_dict["NAME"],
            ],
            env,
        )
        return POSTGRES_NAME
    raise BackupError(f"Резервное копирование базы {connection.vendor} не поддерживается.")


def _restore_database(folder: Path, name: str) -> None:
    if name == SQLITE_NAME:
        if connection.vendor != "sqlite":
            raise BackupError("Архив сделан с SQLite, а приложение работает с другой базой.")
        connection.ensure_connection()
        source = sqlite3.connect(folder / SQLITE_NAME)
        with source:
            source.backup(connection.connection)
        source.close()
        return
    if connection.vendor != "postgresql":
        raise BackupError("Архив сделан с PostgreSQL, а приложение работает с другой базой.")
    connection.close()
    args, env = _pg_env()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--single-transaction",
            *args,
            "--dbname",
            connection.settings_dict["NAME"],
            str(folder / name),
        ],
        env,
    )


def create_backup(target: Path) -> Path:
    """Writes the archive to ``target`` (a file, or a folder to put a dated file in)."""
    target = Path(target)
    if target.is_dir():
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = target / f"nastavnichestvo-{stamp}.tar.gz"
    media = local_media()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        database = _dump_database(folder)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.datetime.now().isoformat(timespec="seconds"),
            "database": database,
            "vendor": connection.vendor,
            "migrations": MigrationRecorder(connection).migration_qs.count(),
            "media": MEDIA_INCLUDED if media is not None else MEDIA_EXTERNAL,
        }
        with tarfile.open(target, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(folder / database, arcname=database)
            if media is not None and media.exists():
                archive.add(media, arcname="media")
    events.record(
        "backup.created", file=target.name, vendor=connection.vendor, media=manifest["media"]
    )
    return target


def _safe_members(archive: tarfile.TarFile):
    for member in archive.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"В архиве недопустимый путь: {member.name}")
        yield member


def restore_backup(source: Path) -> dict:
    """Replaces the database and the uploaded files with the archive's; returns its manifest.

    With a shared store the files are not touched: the bucket is restored by its own means."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Файл {source} не найден.")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(folder, members=list(_safe_members(archive)))
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"Архив повреждён: {error}") from error
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise BackupError("В архиве нет описания (manifest.json).") from error
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError("Архив другого формата.")
        _restore_database(folder, manifest["database"])
        media = local_media()
        # An archive without files (made with a shared store) leaves the local files alone.
        if media is not None and manifest.get("media", MEDIA_INCLUDED) == MEDIA_INCLUDED:
            if media.exists():
                shutil.rmtree(media)
            if (folder / "media").exists():
                shutil.copytree(folder / "media", media)
    events.record("backup.restored", file=source.name, created_at=manifest.get("created_at"))
    return manifest
