"""`narrative export` end to end: report, quiet and CI output, validation stops, atomic output."""

from __future__ import annotations

import json

from tests.export.helpers import scene, write_project


def test_text_output_is_one_line(book, cli, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = cli("export", "epub", str(book), "-o", "out.epub", cwd=book)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("Wrote out.epub (2 chapters, 3 scenes, 22 words, ")
    assert result.stdout.count("\n") == 1


def test_quiet_prints_nothing(book, cli):
    result = cli("export", "docx", "--quiet", cwd=book)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert (book / "build" / "the-test-book.docx").is_file()


def test_json_build_report(book, cli):
    result = cli("export", "md", "--format", "json", "--status", "revised", "--chapters", "1-2", cwd=book)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"output", "format", "chapters", "scenes", "words", "warnings", "seconds"}
    assert (report["output"], report["format"], report["chapters"], report["scenes"], report["words"]) == (
        str(book / "build" / "the-test-book.md"), "md", 2, 2, 16)
    assert report["warnings"] == []


def test_profile_from_narrative_yaml(tmp_path, cli):
    root = write_project(tmp_path / "p", [("One", [scene("Draft.\n"), scene("Done.\n", status="final")])],
                         export={"profiles": {"submission": {"format": "docx", "manuscript_format": True,
                                                             "status": "final", "output": "sub.docx"}}})
    result = cli("export", "docx", "--profile", "submission", "--format", "json", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["scenes"] == 1
    import docx

    assert docx.Document(str(root / "sub.docx")).paragraphs[-1].text == "END"


def test_validation_errors_stop_the_build_and_leave_the_old_file(tmp_path, cli):
    root = write_project(tmp_path / "bad", [("One", [scene("Text.\n", pov="nobody-at-all")])])
    out = root / "out.epub"
    out.write_bytes(b"old build")
    result = cli("export", "epub", "-o", str(out), cwd=root)
    assert result.exit_code == 1
    validate = cli("validate", cwd=root)
    diagnostics = [line for line in validate.stdout.splitlines() if line.startswith("manuscript/")]
    assert diagnostics and result.stderr.startswith("\n".join(diagnostics) + "\n")
    assert "narrative: error: the project has errors; nothing was exported\n" in result.stderr
    assert out.read_bytes() == b"old build"
    assert [p.name for p in root.iterdir() if p.name.startswith(".out.epub")] == []


def test_failed_write_leaves_no_partial_file(book, cli):
    target = book / "taken"
    (target / "inside").mkdir(parents=True)
    result = cli("export", "epub", "-o", str(target), cwd=book)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"narrative: error: cannot write {target}: ")
    assert sorted(p.name for p in book.iterdir() if p.name.startswith(".")) == [".git"]
    assert [p.name for p in target.iterdir()] == ["inside"]


def test_bad_arguments(book, cli):
    result = cli("export", "epub", "--chapters", "9", cwd=book)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: no chapter 9: the book has 2 chapters\n"
                             "  hint: list them with `narrative list chapters`\n")
    result = cli("export", "epub", "--profile", "nope", cwd=book)
    assert result.stderr == ("narrative: error: no export profile 'nope' in narrative.yaml\n"
                             "  hint: profiles: none defined; add one under export.profiles\n")


def test_nothing_matches_the_selection(tmp_path, cli):
    root = write_project(tmp_path / "d", [("One", [scene("Draft.\n")])])
    result = cli("export", "epub", "--status", "final", cwd=root)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: nothing to export: no scene matches the selection\n"
                             "  hint: no scene has status final or above; try --status draft\n")


def test_validation_warnings_do_not_stop_the_build_and_are_reported(book, cli):
    (book / "manuscript" / "notes.txt").write_text("ideas\n", encoding="utf-8")
    warning = ("manuscript/notes.txt:1:1: warning N305: unexpected file; manuscript/ holds chapter folders")
    result = cli("export", "md", "--format", "json", cwd=book)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["warnings"] == [warning]
    result = cli("export", "md", cwd=book)
    assert result.stderr == warning + "\n"


def test_the_cycle_collector_is_back_on_after_a_build_and_after_a_failed_one(tmp_path, book):
    """The build pauses it for speed; the rest of the process must get it back either way."""
    import gc

    from narrative_cli.errors import ProblemsFound
    from narrative_cli.export.build import export

    assert gc.isenabled()
    export(book, "md", flags={"output": tmp_path / "book.md"})
    assert gc.isenabled() and (tmp_path / "book.md").is_file()
    bad = write_project(tmp_path / "bad", [("One", [scene("Text.\n", pov="nobody-at-all")])])
    try:
        export(bad, "md")
    except ProblemsFound:
        pass
    else:
        raise AssertionError("a project with errors was exported")
    assert gc.isenabled()


def test_the_process_entry_freezes_the_heap_on_the_way_out(monkeypatch, capsys):
    """Skips the interpreter's last full collections over every imported object (bench/RESULTS.md)."""
    import gc
    import sys

    from narrative_cli.entry import main

    monkeypatch.setattr(sys, "argv", ["narrative", "--version"])
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")  # main() sets it when unset: keep it to this test
    gc.unfreeze()
    try:
        main()
    except SystemExit as done:
        assert done.code == 0
    try:
        assert gc.get_freeze_count() > 0
        assert capsys.readouterr().out.startswith("narrative ")
    finally:
        gc.unfreeze()
