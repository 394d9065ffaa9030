"""Options: narrative.yaml defaults, then the profile, then flags (flags win)."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrative_cli.errors import UsageError
from narrative_cli.export.options import parse_chapters, resolve
from narrative_cli.model.project import ProjectConfig
from tests.export.helpers import CONFIG

ROOT = Path("/books/salt")


def config(**export) -> ProjectConfig:
    return ProjectConfig.model_validate({**CONFIG, "export": export})


def test_defaults_come_from_narrative_yaml():
    chosen = resolve(config(docx={"include_toc": False}, smart_typography=False), ROOT, "docx", None, {})
    assert (chosen.include_toc, chosen.manuscript_format, chosen.smart_typography) == (False, False, False)
    assert chosen.output == ROOT / "build" / "the-test-book.docx"


def test_profile_overrides_defaults_and_flags_override_profile():
    cfg = config(profiles={"submission": {"format": "docx", "manuscript_format": True, "status": "final",
                                          "font": "courier", "output": "out/sub.docx"}})
    chosen = resolve(cfg, ROOT, "docx", "submission", {"font": "times", "status": None})
    assert (chosen.manuscript_format, chosen.status, chosen.font) == (True, "final", "times")
    assert chosen.output == ROOT / "out" / "sub.docx"


def test_output_flag_is_relative_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    chosen = resolve(config(), ROOT, "epub", None, {"output": Path("x.epub")})
    assert chosen.output == tmp_path / "x.epub"


def test_unknown_profile():
    with pytest.raises(UsageError) as caught:
        resolve(config(profiles={"ebook": {"format": "epub"}}), ROOT, "epub", "kindle", {})
    assert caught.value.message == "no export profile 'kindle' in narrative.yaml"
    assert caught.value.hint == "profiles: ebook; add one under export.profiles"


def test_profile_of_another_format():
    with pytest.raises(UsageError) as caught:
        resolve(config(profiles={"ebook": {"format": "epub"}}), ROOT, "docx", "ebook", {})
    assert caught.value.message == "profile 'ebook' builds epub, not docx"
    assert caught.value.hint == "run `narrative export epub --profile ebook`"


def test_chapter_selection():
    assert parse_chapters("1-3,7") == {1, 2, 3, 7}
    assert parse_chapters(" 2 ") == {2}
    assert parse_chapters(None) is None


@pytest.mark.parametrize("spec, message", [
    ("1-x", "bad chapter selection '1-x'"),
    ("3-1", "bad chapter range '3-1' in '3-1'"),
    ("0", "bad chapter range '0' in '0'"),
])
def test_bad_chapter_selection(spec, message):
    with pytest.raises(UsageError) as caught:
        parse_chapters(spec)
    assert caught.value.message == message
