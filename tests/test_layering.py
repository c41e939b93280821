"""Imports run one way: layouts -> potentials -> geodata, and nobody borrows private modules.

Every module under ``geodata/``, ``potentials/`` and ``layouts/`` is found by walking the
package tree (:func:`pkgutil.walk_packages`), not by following what a package happens to
import, so a module only reached through a lazy attribute is checked too.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("geodata", "potentials", "layouts")
WEB = {"dash", "plotly", "flask"}


def modules(package: str) -> list[str]:
    """Every module and subpackage of ``package``, found on disk."""
    path = [str(ROOT / package)]
    found = [package]
    found += [m.name for m in pkgutil.walk_packages(path, prefix=f"{package}.")]
    return sorted(found)


def _import_all(packages: tuple[str, ...]) -> dict[str, list[str]]:
    """Import every module of ``packages`` in a fresh interpreter; report what got loaded."""
    names = [m for p in packages for m in modules(p)]
    code = (
        "import importlib, json, sys\n"
        f"names = {names!r}\n"
        "failed = []\n"
        "for name in names:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as error:\n"
        "        failed.append(f'{name}: {type(error).__name__}: {error}')\n"
        "print(json.dumps({'failed': failed, 'loaded': sorted(sys.modules)}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_walk_sees_modules_behind_lazy_package_attributes():
    names = modules("geodata")
    for hidden in ("geodata.atlas.build", "geodata.zonal", "geodata.accessibility"):
        assert hidden in names
    assert "potentials.export" in modules("potentials")
    assert "layouts.upload" in modules("layouts")


def test_geodata_imports_neither_potentials_nor_the_web_stack():
    report = _import_all(("geodata",))
    assert report["failed"] == []
    top = {name.split(".")[0] for name in report["loaded"]}
    assert "potentials" not in top and "layouts" not in top
    assert not top & WEB, sorted(top & WEB)


def test_potentials_imports_no_web_stack():
    report = _import_all(("geodata", "potentials"))
    assert report["failed"] == []
    top = {name.split(".")[0] for name in report["loaded"]}
    assert "layouts" not in top
    assert not top & WEB, sorted(top & WEB)


def test_every_layouts_module_imports():
    report = _import_all(PACKAGES)
    assert report["failed"] == []


def _imported(path: Path, module: str) -> list[tuple[int, str]]:
    """``(line, dotted name)`` of every module (or module attribute) ``path`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            out += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
            out.append((node.lineno, base))
    return out


def _private_owner(name: str) -> str | None:
    """The package that owns the first private module in ``name`` (``None``: all public)."""
    parts = name.split(".")
    for i, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            owner = ".".join(parts[:i])
            target = ROOT.joinpath(*parts[: i + 1])
            if target.with_suffix(".py").exists() or (target / "__init__.py").exists():
                return owner
            return None  # a private attribute of a module, not a private module
    return None


def violations() -> list[str]:
    found = []
    for package in PACKAGES:
        for module in modules(package):
            parts = module.split(".")
            path = ROOT.joinpath(*parts)
            path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
            importer = module if path.name == "__init__.py" else module.rpartition(".")[0]
            for line, name in _imported(path, module):
                top = name.split(".")[0]
                if package == "geodata" and top in {"potentials", "layouts"}:
                    found.append(f"{module}:{line} imports {name} (geodata is the bottom layer)")
                if package == "potentials" and top == "layouts":
                    found.append(f"{module}:{line} imports {name} (potentials never uses layouts)")
                if package in {"geodata", "potentials"} and top in WEB:
                    found.append(f"{module}:{line} imports {name} (no web stack below layouts)")
                owner = _private_owner(name)
                if owner is not None and not (
                    importer == owner or importer.startswith(owner + ".")
                ):
                    found.append(f"{module}:{line} imports the private module {name}")
    return sorted(set(found))


def test_no_module_imports_another_package_private_module_or_a_higher_layer():
    assert violations() == []


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("from geodata.readers._common import read_text\n", "potentials.x", True),
        ("from geodata.readers._common import read_text\n", "geodata.readers.x", False),
        ("from geodata.readers import _common\n", "geodata.atlas.x", True),
        ("from ._common import read_text\n", "geodata.readers.x", False),
        ("from geodata.readers.user_table import _sizes\n", "potentials.x", False),
    ],
)
def test_private_module_rule_itself(tmp_path, source, module, expected):
    path = tmp_path / "x.py"
    path.write_text(source, encoding="utf-8")
    importer = module.rpartition(".")[0]
    owners = [_private_owner(name) for _, name in _imported(path, module)]
    broken = any(
        o is not None and not (importer == o or importer.startswith(o + ".")) for o in owners
    )
    assert broken is expected
