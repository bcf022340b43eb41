"""The app's modules are layered: no import cycle, and nothing below the views imports them."""
import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "questionnaire"

#: The modules that may import the views: the URLs that route to them, and the views themselves.
ABOVE_THE_VIEWS = {"questionnaire.urls", "questionnaire.views"}


def _module_name(path):
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def app_imports():
    """``{module: set of the app's modules it imports}``, at any depth in the file (a function's own imports too)."""
    files = {_module_name(path): path for path in APP.rglob("*.py") if "migrations" not in path.parts}
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                imported |= {name for name in (target, *(f"{target}.{alias.name}" for alias in node.names))
                             if name in files}
            elif isinstance(node, (ast.Import, ast.ImportFrom)) and not getattr(node, "level", 0):
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module]
                imported |= {name for name in names if name in files}
        graph[name] = imported - {name}
    return graph


def cycles(graph):
    found, done = [], set()

    def visit(name, path):
        for other in sorted(graph[name]):
            if other in path:
                found.append(path[path.index(other):] + [other])
            elif other not in done:
                visit(other, path + [other])
        done.add(name)

    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    return found


def test_no_module_of_the_app_imports_itself_back_through_another():
    assert cycles(app_imports()) == []


def test_nothing_below_the_views_imports_a_view():
    graph = app_imports()
    assert sorted(name for name, imported in graph.items()
                  if not name.startswith(tuple(ABOVE_THE_VIEWS))
                  and any(other.startswith("questionnaire.views") for other in imported)) == []


def test_a_view_module_does_not_import_another_views_helpers():
    """Session helpers live in session_keys.py; each view module stands on the layers below."""
    graph = app_imports()
    assert sorted((name, other) for name, imported in graph.items() if name.startswith("questionnaire.views.")
                  for other in imported if other.startswith("questionnaire.views.")
                  and other not in ("questionnaire.views.pages", "questionnaire.views.fhir")) == []
