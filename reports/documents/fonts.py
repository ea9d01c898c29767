"""@font-face rules for the shipped Liberation fonts, so output never depends on system fonts."""

from pathlib import Path

from django.conf import settings
from django.templatetags.static import static

# (family, file, weight, style)
FONT_FACES = (
    ("DocumentSans", "LiberationSans-Regular.ttf", "normal", "normal"),
    ("DocumentSans", "LiberationSans-Bold.ttf", "bold", "normal"),
    ("DocumentSerif", "LiberationSerif-Regular.ttf", "normal", "normal"),
    ("DocumentSerif", "LiberationSerif-Bold.ttf", "bold", "normal"),
    ("DocumentSerif", "LiberationSerif-Italic.ttf", "normal", "italic"),
)


def _face(family: str, src: str, weight: str, style: str) -> str:
    return (
        f'@font-face {{ font-family: "{family}"; src: {src}; '
        f"font-weight: {weight}; font-style: {style}; }}"
    )


def font_dir() -> Path:
    return Path(settings.DOCUMENT_FONT_DIR).resolve()


def file_font_css() -> str:
    """For WeasyPrint: fonts loaded straight from settings.DOCUMENT_FONT_DIR."""
    directory = font_dir()
    return "\n".join(
        _face(family, f'url("{(directory / name).as_uri()}") format("truetype")', weight, style)
        for family, name, weight, style in FONT_FACES
    )


def web_font_css() -> str:
    """For a browser: the same families served as static files (no server paths leak)."""
    return "\n".join(
        _face(family, f'url("{static("fonts/" + name)}") format("truetype")', weight, style)
        for family, name, weight, style in FONT_FACES
    )
