"""`narrative validate`: output shape, exit codes 0/1/2, --strict, the JSON schema."""

from __future__ import annotations

import json
import os

import pytest

from tests.foundation.conftest import snapshot, write


def test_clean_project(project, cli):
    result = cli("validate", cwd=project)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "no problems found\n", "")


def test_bundled_example_is_clean(example, cli):
    result = cli("validate", str(example))
    assert (result.exit_code, result.stdout) == (0, "no problems found\n")


def test_json_schema_of_a_clean_project(project, cli):
    result = cli("validate", "--format", "json", cwd=project)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "schema": "narrative-diagnostics/1", "project": str(project.resolve()), "ok": True,
        "files": {"canon": 4, "scenes": 1}, "summary": {"errors": 0, "warnings": 0}, "diagnostics": []}


def test_json_diagnostic_fields(project, cli):
    write(project, "canon/characters/elena-voss.yaml", "name: Elena\nrelationships:\n  - {to: reyes, kind: x}\n")
    write(project, "manuscript/01-arrival/01-dockside.md", "---\npov: elena-voss\n---\n")
    write(project, "manuscript/01-arrival/01-again.md", "---\npov: elena-voss\n---\n")
    data = json.loads(cli("validate", "-f", "json", cwd=project).stdout)
    assert data["ok"] is False
    assert data["summary"] == {"errors": 2, "warnings": 0}
    assert data["diagnostics"] == [
        {"code": "N401", "severity": "error", "message": "relationships.0.to: 'reyes' does not exist",
         "path": "canon/characters/elena-voss.yaml", "line": 3, "column": 6,
         "hint": "create it with `narrative new`, or check the spelling", "related": []},
        {"code": "N304", "severity": "error", "message": "prefix 1 is used twice",
         "path": "manuscript/01-arrival/01-dockside.md", "line": 1, "column": 1,
         "hint": "renumber one of them; numbers need not be contiguous (10, 20, 30)",
         "related": [{"path": "manuscript/01-arrival/01-again.md", "line": 1, "column": 1}]},
    ]


def test_warnings_pass_unless_strict(project, cli):
    write(project, "canon/characters/notes.txt", "x\n")
    assert cli("validate", cwd=project).exit_code == 0
    strict = cli("validate", "--strict", cwd=project)
    assert strict.exit_code == 1
    assert strict.stdout.endswith("0 errors, 1 warning\n")
    data = json.loads(cli("validate", "--strict", "--format", "json", cwd=project).stdout)
    assert data["ok"] is False


@pytest.mark.parametrize("args, message", [
    (["validate", "--format", "xml"], "narrative: error: invalid value for '--format' / '-f'"),
    (["validate", "--bogus"], "narrative: error: no such option: --bogus"),
    (["new", "dragon", "Smaug"], "narrative: error: no such command 'dragon'"),
    (["new", "scene", "X"], "narrative: error: missing option '--chapter' / '-c'"),
])
def test_bad_arguments_exit_2(project, cli, args, message):
    before = snapshot(project)
    result = cli(*args, cwd=project)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(project) == before


def test_validate_writes_nothing(project, cli):
    write(project, "canon/characters/ines-marrow.yaml", "name: [\n")
    before = snapshot(project)
    assert cli("validate", cwd=project).exit_code == 1
    assert snapshot(project) == before
    assert not (project / ".narrative").exists()


def test_related_location_is_printed(project, cli):
    write(project, "manuscript/01-arrival/01-again.md", "")
    assert cli("validate", cwd=project).stdout == (
        "manuscript/01-arrival/01-dockside.md:1:1: error N304: prefix 1 is used twice\n"
        "  see: manuscript/01-arrival/01-again.md:1:1\n"
        "  hint: renumber one of them; numbers need not be contiguous (10, 20, 30)\n"
        "1 error, 0 warnings\n")


def test_line_breaks_quoted_from_a_file_stay_on_one_line(project, cli):
    write(project, "canon/characters/ines.yaml", 'name: Ines\n"bad\\nkey": 1\n"tab\\tbé": 2\n')
    assert cli("validate", cwd=project).stdout == (
        "canon/characters/ines.yaml:2:1: error N201: unknown key 'bad\\nkey'\n"
        "  hint: free-form fields go under `custom:`\n"
        "canon/characters/ines.yaml:3:1: error N201: unknown key 'tab\\tbé'\n"
        "  hint: free-form fields go under `custom:`\n2 errors, 0 warnings\n")


def test_file_name_with_a_line_break_stays_on_one_line(project, cli):
    write(project, "canon/characters/bad\nname.yaml", "name: X\n")
    assert cli("validate", cwd=project).stdout.splitlines()[0] == (
        "canon/characters/bad\\nname.yaml:1:1: error N301: invalid id 'bad\\nname'")


def test_file_name_that_is_not_utf8(project, cli):
    os.close(os.open(bytes(project / "canon" / "characters") + b"/\xff.yaml", os.O_CREAT | os.O_WRONLY))
    text = cli("validate", cwd=project)
    assert text.stdout.splitlines()[0] == "canon/characters/\\xff.yaml:1:1: error N301: invalid id '\\xff'"
    data = json.loads(cli("validate", "-f", "json", cwd=project).stdout)
    assert data["diagnostics"][0]["path"] == "canon/characters/\\xff.yaml"


def test_real_process_exit_codes(project, narrative_bin, tmp_path):
    """The installed-style entry point, in its own process: 0, 1 and 2, never a traceback."""
    import subprocess

    def run(*args, cwd):
        done = subprocess.run([str(narrative_bin), *args], cwd=cwd, capture_output=True, text=True)
        assert "Traceback" not in done.stderr
        return done.returncode, done.stdout, done.stderr

    assert run("validate", cwd=project) == (0, "no problems found\n", "")
    write(project, "canon/characters/ines.yaml", "name: Ines\nname: Again\n")
    code, out, _ = run("validate", cwd=project / "canon")
    assert (code, out.splitlines()[0]) == (1, "canon/characters/ines.yaml:2:1: error N102: duplicate key 'name'")
    code, _, err = run("validate", cwd=tmp_path)
    assert (code, err.splitlines()[0]) == (2, f"narrative: error: no narrative project in {tmp_path.resolve()} "
                                              "or any parent folder")
    assert run("validate", "--format", "yaml", cwd=project)[0] == 2
