"""The built distributions carry the fact base, and an installed wheel finds it."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import jiangjin_cli

from conftest import PACKAGE_ROOT, run_python

PROJECT = PACKAGE_ROOT
VERSION = jiangjin_cli.__version__


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel and an sdist of this checkout, built offline by hatchling."""
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-t", "sdist", "-d", str(out)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return out


def test_wheel_carries_the_fact_base(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    assert wheel.name == f"jiangjin-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "jiangjin_cli/facts.toml" in names
        assert "jiangjin_cli/cli/core.py" in names
        assert not any(name.startswith("tests/") for name in names)
        shipped = archive.read("jiangjin_cli/facts.toml")
        metadata = archive.read(f"jiangjin-{VERSION}.dist-info/METADATA").decode()
        entry_points = archive.read(f"jiangjin-{VERSION}.dist-info/entry_points.txt").decode()
    assert shipped == (PROJECT / "facts.toml").read_bytes()
    assert f"Version: {VERSION}\n" in metadata
    assert "Requires-Dist: typer<0.29,>=0.17" in metadata
    assert "jiangjin = jiangjin_cli.__main__:main" in entry_points


def test_sdist_carries_the_fact_base(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
    root = f"jiangjin-{VERSION}"
    assert {
        f"{root}/facts.toml",
        f"{root}/pyproject.toml",
        f"{root}/jiangjin_cli/cli/core.py",
    } <= names


def test_installed_wheel_uses_its_own_fact_base(dist: Path, tmp_path: Path) -> None:
    """Unpack the wheel (what pip does for a pure-Python wheel) and run it from elsewhere."""
    (wheel,) = dist.glob("*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    where = run_python(
        ["-c", "from jiangjin_cli import store; print(store.default_path())"],
        cwd=elsewhere,
        extra_path=site,
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()) == site / "jiangjin_cli" / "facts.toml"

    version = run_python(["-m", "jiangjin_cli", "--version"], cwd=elsewhere, extra_path=site)
    assert version.stdout == f"jiangjin {VERSION}\n"

    checked = run_python(["-m", "jiangjin_cli", "validate"], cwd=elsewhere, extra_path=site)
    assert checked.returncode == 0, checked.stderr
    shipped = site / "jiangjin_cli" / "facts.toml"
    assert checked.stdout.startswith(f"{shipped} (the packaged fact base): valid: 77 facts")
