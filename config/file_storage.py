"""Where uploaded and generated files live (``STORAGES["default"]``), read from the environment.

The local folder ``MEDIA_ROOT`` unless ``DJANGO_STORAGE=s3``: then an S3-compatible store
(Yandex Object Storage, MinIO, AWS) that several app servers of a region share. The files hold
personal data: the objects are private (no ACL is sent, so the bucket's own private policy
applies) and the app hands them over itself after its access checks; no public URL is used.
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = "filesystem"
S3 = "s3"
FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"
S3_BACKEND = "storages.backends.s3.S3Storage"

REQUIRED_S3 = ("DJANGO_S3_BUCKET", "DJANGO_S3_ACCESS_KEY_ID", "DJANGO_S3_SECRET_ACCESS_KEY")


def storage_kind(environ: Mapping[str, str]) -> str:
    kind = environ.get("DJANGO_STORAGE", "").strip().lower() or FILESYSTEM
    if kind not in (FILESYSTEM, S3):
        raise ImproperlyConfigured(
            f"DJANGO_STORAGE={kind!r}: допустимы «{FILESYSTEM}» (по умолчанию) и «{S3}»."
        )
    return kind


def default_storage_config(environ: Mapping[str, str]) -> dict:
    """The ``STORAGES["default"]`` entry the environment asks for."""
    if storage_kind(environ) == FILESYSTEM:
        return {"BACKEND": FILESYSTEM_BACKEND}
    missing = [name for name in REQUIRED_S3 if not environ.get(name, "").strip()]
    if missing:
        raise ImproperlyConfigured(f"DJANGO_STORAGE=s3, но не заданы: {', '.join(missing)}.")
    options = {
        "bucket_name": environ["DJANGO_S3_BUCKET"].strip(),
        "access_key": environ["DJANGO_S3_ACCESS_KEY_ID"].strip(),
        "secret_key": environ["DJANGO_S3_SECRET_ACCESS_KEY"].strip(),
        "endpoint_url": environ.get("DJANGO_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": environ.get("DJANGO_S3_REGION", "").strip() or None,
        # A prefix inside the bucket, so that one bucket can hold several installations.
        "location": environ.get("DJANGO_S3_PREFIX", "").strip().strip("/"),
        # MinIO without wildcard DNS needs path-style addresses ("path"); the default is "auto".
        "addressing_style": environ.get("DJANGO_S3_ADDRESSING_STYLE", "").strip() or None,
        "default_acl": None,
        # Like the file system: a second upload with the same name gets a new name instead of
        # replacing the first file (S3Storage replaces by default).
        "file_overwrite": False,
        # Should a URL ever be built, it is signed and short-lived, never public.
        "querystring_auth": True,
        "querystring_expire": 300,
    }
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
