"""The public API: every name `storykit` lists is there, and `import storykit` alone stays cheap."""

from __future__ import annotations

import subprocess
import sys

import storykit
from storykit import api
from tests.conftest import ROOT


def test_every_listed_name_is_the_api_modules_and_every_public_name_is_listed():
    public = {n for n, v in vars(api).items() if not n.startswith("_") and getattr(v, "__module__", "") != "typing"
              and not isinstance(v, type(sys))}
    assert public - {"annotations"} == set(storykit.__all__)
    for name in storykit.__all__:
        assert getattr(storykit, name) is getattr(api, name)
    assert set(storykit.__all__) <= set(dir(storykit))


def test_an_unknown_name_is_an_attribute_error_and_submodules_still_import():
    try:
        storykit.no_such_name  # noqa: B018
    except AttributeError as e:
        assert "no_such_name" in str(e)
    else:
        raise AssertionError("an unknown name must raise AttributeError")
    from storykit import cfb, limits  # submodules are found by the import system, not by the API's names

    assert limits.LIMITS.rows > 0 and cfb.MAGIC


def test_importing_the_package_imports_no_pandas_until_a_name_is_used():
    probe = ("import sys\nimport storykit\nbefore = 'pandas' in sys.modules\nstorykit.load\n"
             "print(before, 'pandas' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.stdout.split() == ["False", "True"], run.stderr[-500:]


def test_a_public_name_wins_over_the_submodule_it_shares_in_any_import_order():
    """`sk.classify` is the function, also when storykit/classify.py was imported first (the import system
    sets a submodule as the package's attribute)."""
    probe = ("import storykit as sk\nimport storykit.classify\nfrom storykit.classify import Rule\n"
             "print(callable(sk.classify) and not isinstance(sk.classify, type(sk)), Rule.__name__)")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.stdout.split() == ["True", "Rule"], run.stderr[-500:]
