"""One `chiefs()` selector: the chief is looked up in one place, and services of dispatch and
workprograms are packages by area reached through `from <app> import services`."""

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from units.choices import Position
from units.models import StaffMember
from units.selectors import chiefs

ROOT = Path(__file__).resolve().parents[2]
#: A lookup of the chief written by hand (a filter on the chief's position).
CHIEF_LOOKUP = re.compile(r"position=Position\.CHIEF\b")


def test_chiefs_are_the_active_chief_only(office, make_person):
    assert list(chiefs()) == [office["chief"]]
    StaffMember.objects.filter(user=office["chief"]).update(is_active=False)
    successor = make_person("chief2", Position.CHIEF)
    assert list(chiefs()) == [successor]


def test_chiefs_cost_one_query(office, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(list(chiefs())) == 1


def test_the_chief_is_looked_up_only_by_the_selector():
    """No module of the apps filters on the chief's position but the selector itself (the
    constraint keeping one chief is a declaration, not a lookup)."""
    allowed = {ROOT / "units" / "selectors.py", ROOT / "units" / "models.py"}
    offenders = []
    for app in ("core", "units", "dispatch", "workprograms"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path in allowed:
                continue
            if CHIEF_LOOKUP.search(path.read_text()):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.parametrize(
    ("app", "areas"),
    [
        ("dispatch", {"incoming", "outgoing", "letters", "travel", "registers"}),
        ("workprograms", {"programs", "reports", "meetings", "calendar"}),
    ],
)
def test_services_are_packages_by_area_reached_from_the_package(app, areas):
    package = importlib.import_module(f"{app}.services")
    modules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    assert areas <= modules
    for name in modules:
        module = importlib.import_module(f"{app}.services.{name}")
        source = Path(module.__file__).read_text()
        assert len(source.splitlines()) < 500, name
        public = {
            node.name
            for node in ast.parse(source).body
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
        }
        missing = {fn for fn in public if getattr(package, fn, None) is not getattr(module, fn)}
        assert missing == set(), (name, missing)
        # Predicates live in the app's permissions module, not among the writes.
        assert not {fn for fn in public if fn.startswith(("can_", "is_"))}, name
