"""``docs/api.md`` is generated from the docstrings by ``docs/gen_api.py`` and is current.

When this fails after a docstring changed, regenerate the file: ``python docs/gen_api.py``.
"""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gen_api():
    spec = importlib.util.spec_from_file_location("gen_api", ROOT / "docs" / "gen_api.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def rendered(gen_api):
    return gen_api.render()


def test_api_md_is_up_to_date(rendered):
    current = (ROOT / "docs" / "api.md").read_text()
    assert current == rendered, "docs/api.md is out of date: run `python docs/gen_api.py`"


def test_every_public_name_is_documented_with_its_docstring(gen_api, rendered):
    import inspect
    n = 0
    for name in gen_api.modules(importlib.import_module("theorylab")):
        mod = importlib.import_module(name)
        assert f"\n## {name}\n" in rendered
        for pub, obj in gen_api.public(mod):
            assert f"### `{name}.{pub}`" in rendered
            first = (inspect.getdoc(obj) or "").splitlines()[0]
            assert first in rendered
            n += 1
    assert n > 50 and " at 0x" not in rendered


def test_generator_sees_a_new_public_function(gen_api, tmp_path, monkeypatch):
    pkg = tmp_path / "toypkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text('"""Toy package."""\n')
    (pkg / "mod.py").write_text('"""Toy module.\n\nMore."""\n\ndef area(r: float = 1.0):\n'
                                '    """Area of a disc.\n\n    References\n    ----------\n    Euclid.\n    """\n'
                                '    return 3.14 * r * r\n\n\ndef _hidden():\n    """Not public."""\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    text = gen_api.render("toypkg")
    assert "## toypkg.mod" in text and "### `toypkg.mod.area`" in text and "area(r: float = 1.0)" in text
    assert "Area of a disc." in text and "_hidden" not in text and "More." not in text
