"""Apps depend one way: reports → surveys → registry → stages → mentoring. An app's code imports
only the apps to its right and names only their URLs; the project shell (config/) joins them all.
Pages may link to any page they lead to, but the lowest app's templates name no other app."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["mentoring", "stages", "registry", "surveys", "reports"]
TEMPLATE_URL = re.compile(r"""{%\s*url\s+["']([a-z_]+):""")
PY_URL = re.compile(r"""(?:reverse|redirect|reverse_lazy|resolve_url)\(\s*["']([a-z_]+):""")


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & {*LAYERS, "config"}


def _allowed(app: str) -> set[str]:
    return set(LAYERS[: LAYERS.index(app) + 1])


@pytest.mark.parametrize("app", LAYERS)
def test_app_imports_only_the_apps_below_it(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imported_apps(path) - _allowed(app))
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    }
    assert not {path: apps for path, apps in wrong.items() if apps}


@pytest.mark.parametrize("app", LAYERS)
def test_app_names_only_the_urls_of_the_apps_below_it(app):
    namespaces = set(LAYERS) - {"mentoring"}
    found = {}
    sources = [(path, PY_URL) for path in (ROOT / app).rglob("*.py")]
    if app == "mentoring":
        sources += [(path, TEMPLATE_URL) for path in (ROOT / "templates" / app).rglob("*.html")]
    for path, pattern in sources:
        used = set(pattern.findall(path.read_text(encoding="utf-8"))) & namespaces
        if used - _allowed(app):
            found[str(path.relative_to(ROOT))] = sorted(used - _allowed(app))
    assert not found
