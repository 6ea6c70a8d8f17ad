"""Build hook: ship the repo's top-level content/ inside the wheel as the package data bot/content.

Why this file exists next to pyproject.toml: setuptools' package data can only take files from inside
the package, and content/ deliberately stays at the top of the repo, where the teachers who edit it
find it (the README, the content checker and the reviewers all point there). Moving it to bot/content
would make this hook unnecessary but move every teacher-facing path, so the copy is done here instead.

An installed bot (the Docker image, `pip install .`) has no repo, so bot/settings.py falls back to
bot/content in the package. Editable installs keep reading the repo's content/ directly, so nothing
is copied for them. tests/packaging/test_wheel.py builds and installs the wheel to prove it works.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CONTENT = Path(__file__).resolve().parent / "content"


class BuildPyWithContent(build_py):
    """build_py, plus content/**/*.yaml copied to bot/content in the build tree."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        if not (CONTENT / "topics.yaml").is_file():
            raise SystemExit(f"content/ not found next to setup.py ({CONTENT}); the wheel would ship no content")
        target = Path(self.build_lib) / "bot" / "content"
        for source in sorted(CONTENT.rglob("*.yaml")):
            destination = target / source.relative_to(CONTENT)
            self.mkpath(str(destination.parent))
            self.copy_file(str(source), str(destination))


setup(cmdclass={"build_py": BuildPyWithContent})
