"""How the code stands in layers (docs/design-notes.md): ``finsam/`` is the ground floor and
imports no app; the apps stand on it and on each other only downward —
federations ← interventions ← access ← finances ← reporting ← consultations ← demo. Read from the code
itself, so a new import that points upward fails here."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["finsam", "federations", "interventions", "access", "finances", "reporting", "consultations", "demo"]
# Known exceptions, each a page or a command of a lower app that shows a higher one's records.
UPWARD = {
    ("federations/views.py", "consultations"),  # the start page lists a county reader's consultations
    ("reporting/management/commands/render_report.py", "consultations"),  # renders the deck too
}


def imported_packages(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def modules(package):
    return [path for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts]


@pytest.mark.parametrize("package", LAYERS)
def test_a_layer_imports_only_the_layers_below_it(package):
    above = set(LAYERS[LAYERS.index(package) + 1 :])
    upward = {
        (str(path.relative_to(ROOT)), imported)
        for path in modules(package)
        for imported in imported_packages(path)
        if imported in above
    }
    assert upward <= UPWARD


def test_the_ground_floor_imports_no_app():
    apps = set(LAYERS[1:])
    assert {
        (str(path.relative_to(ROOT)), imported)
        for path in modules("finsam")
        for imported in imported_packages(path)
        if imported in apps
    } == set()


def test_no_module_of_the_apps_is_over_800_lines():
    """A reader finds their way in modules of one domain each (design.md's ~600 lines; the
    models are packages by domain)."""
    long = {
        str(path.relative_to(ROOT))
        for package in LAYERS
        for path in modules(package)
        if len(path.read_text().splitlines()) > 800
    }
    assert long == set()
