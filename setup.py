"""Only what pyproject.toml cannot say: templates/ (top level, by the project's
layout) is installed as the data package narrative_cli._templates."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["narrative_cli", "narrative_cli.*"]) + ["narrative_cli._templates"],
    package_dir={"narrative_cli._templates": "templates"},
)
