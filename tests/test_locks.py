"""The locks (`make lock`) match pyproject.toml: every dependency pinned, inside its declared range, with
hashes, the runtime lock agreeing with the dev lock; and the Makefile and Dockerfile install from them."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
RUNTIME = [Requirement(r) for r in PROJECT["dependencies"]]
DEV = [Requirement(r) for r in PROJECT["optional-dependencies"]["dev"]]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _pins(name: str) -> dict[str, tuple[Version, int]]:
    """name -> (version, number of hashes) of one lock file."""
    pins: dict[str, tuple[Version, int]] = {}
    current = None
    for line in (REPO / name).read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            assert current not in pins, f"{name}: {current} pinned twice"
            pins[current] = (Version(match.group(2)), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    assert pins, f"{name} pins nothing"
    return pins


def _extra_packages(requirement: Requirement) -> set[str]:
    """What `requirement`'s extras pull in, from the installed distribution's metadata."""
    if not requirement.extras:
        return set()
    names = set()
    for raw in metadata.requires(requirement.name) or []:
        dependency = Requirement(raw)
        if dependency.marker and any(dependency.marker.evaluate({"extra": extra}) for extra in requirement.extras):
            names.add(canonicalize_name(dependency.name))
    return names


@pytest.mark.parametrize(("lock", "requirements"), [
    ("requirements.lock", RUNTIME),
    ("requirements-dev.lock", RUNTIME + DEV),
])
def test_every_dependency_is_pinned_inside_its_declared_range(lock: str, requirements: list[Requirement]) -> None:
    pins = _pins(lock)
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock} does not pin {requirement.name} (run `make lock`)"
        version, _ = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{lock} pins {name}=={version}, outside pyproject.toml's {requirement} (run `make lock`)")
        missing = _extra_packages(requirement) - set(pins)
        assert not missing, f"{lock} lacks what {requirement} brings in: {sorted(missing)} (run `make lock`)"


def test_every_pin_has_hashes_and_the_two_locks_agree() -> None:
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    for lock, pins in (("requirements.lock", runtime), ("requirements-dev.lock", dev)):
        unhashed = [name for name, (_, hashes) in pins.items() if hashes == 0]
        assert not unhashed, f"{lock}: no --hash for {unhashed}"
    for name, (version, _) in runtime.items():
        assert name in dev, f"requirements-dev.lock lacks {name}, which requirements.lock pins"
        assert dev[name][0] == version, f"{name}: {version} in requirements.lock, {dev[name][0]} in the dev lock"
    dev_only = {canonicalize_name(r.name) for r in DEV}
    assert not dev_only & set(runtime), "a dev tool is in the runtime lock (the Docker image)"


def test_the_makefile_and_the_dockerfile_install_from_the_locks() -> None:
    makefile = (REPO / "Makefile").read_text()
    assert "pip install -q -r $(LOCK_RUN)" in makefile and "pip install -q -r $(LOCK_DEV)" in makefile
    assert "LOCK_RUN := requirements.lock" in makefile and "LOCK_DEV := requirements-dev.lock" in makefile
    assert "--no-deps -e ." in makefile  # the tutor itself without resolving anything
    stamps = re.findall(r"^\$\(STAMP_(?:RUN|DEV)\):(.*)$", makefile, re.MULTILINE)
    assert len(stamps) == 2 and all("$(LOCK_RUN)" in deps for deps in stamps), stamps  # a new lock reinstalls
    assert "$(LOCK_DEV)" in stamps[1]
    assert re.search(r"^lock:", makefile, re.MULTILINE)
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "--require-hashes" in dockerfile and "-r requirements.lock" in dockerfile
    assert "--no-deps" in dockerfile
