"""Every command against every hostile project: never a traceback, never exit 70.

The command list comes from the Typer app itself, so a new command without an entry in
ARGS fails `test_every_command_has_arguments` instead of escaping the sweep.
Projects are built once per module; writing commands run on a fresh copy, read-only
commands run on the shared build and must leave its files exactly as they were.
"""

from __future__ import annotations

import hashlib
import os
import stat
import shutil
from pathlib import Path

import pytest
import typer

from narrative_cli.cli.app import app
from narrative_cli.cli.edge import run
from tests.conftest import EXAMPLE, GIT_ENV, git, make_repo
from tests.sweep.hostile import TRUSTED, VARIANTS

PASS = "correct horse battery staple"
ALL = [*VARIANTS, *TRUSTED]

# command path -> (arguments, read-only?). {target}: the variant's aimed-at file; {out}: a folder
# outside the project.
ARGS: dict[str, tuple[list[str], bool]] = {
    "init": (["{out}/new-book", "--title", "New Book", "--author", "Me"], False),
    "validate": ([], True),
    "list": (["character"], True),
    "show": (["elena-voss"], True),
    "rm": (["captain-reyes"], False),
    "restore": (["captain-reyes"], False),
    "export": (["epub", "-o", "{out}/book.epub", "-q"], True),
    "import": (["{target}", "{out}/imported"], True),
    "brief": (["01-01"], True),
    "check": ([], True),
    "impact": (["elena-voss", "--set", "status=dead", "--at", "02-01"], True),
    "suggest": ([], True),
    "search": (["salt"], True),
    "stats": ([], True),
    "site": (["-o", "{out}/site"], True),
    # serve would run until Ctrl-C: an unwritable folder stops it after the build, before it listens
    "serve": (["-o", "/proc/nope/site", "--port", "0"], True),
    "diff": (["HEAD~1"], True),
    "textconv": (["{target}"], True),
    "install-git-config": ([], False),
    "install-hook": (["pre-commit"], False),
    "ci": (["github"], False),
    "commit": (["-m", "A change"], False),
    "purge": (["captain-reyes"], False),
    "verify": ([], True),
    "history": (["elena-voss"], True),
    "log": ([], True),
    "new character": (["Mara Quill"], False),
    "new location": (["The Brine Steps"], False),
    "new faction": (["The Tide Guild"], False),
    "new item": (["A Brass Key"], False),
    "new magic": (["Tide Reading"], False),
    "new event": (["The Long Night"], False),
    "new chapter": (["The Coast"], False),
    "mv": (["01-02", "--to", "2", "--after", "0"], False),
    "renumber": ([], False),
    "rename": (["elena-voss", "Elena Vossberg", "--id", "elena-vossberg"], False),
    "progress": ([], True),
    "new scene": (["A New Scene", "--chapter", "1"], False),
    "voice whois": (["{target}"], True),
    "voice quotes": ([], True),
    "keys generate": (["--name", "Test Writer"], False),
    "keys list": ([], True),
    "keys show": ([], True),
    "keys export-public": ([], True),
    "keys change-passphrase": ([], False),
    "manifest init": ([], False),
    "manifest show": ([], True),
    "manifest sign": ([], False),
    "manifest verify": ([], True),
    "manifest renew": ([], False),
    "collab add": (["Bo Editor", "--key", "{bo_key}", "--role", "editor"], False),
    "collab rm": (["bo-editor"], False),
    "collab role": (["bo-editor", "editor"], False),
    "collab revoke": (["bo-editor", "--last-good", "HEAD"], False),
    "collab list": ([], True),
}


def command_paths() -> list[str]:
    from narrative_cli.cli.app import app

    def walk(command, path: list[str]):
        subs = getattr(command, "commands", None)
        if subs is None:
            yield " ".join(path)
            return
        for name, sub in subs.items():
            yield from walk(sub, [*path, name])

    return sorted(walk(typer.main.get_command(app), []))


def copy_project(source: Path, dest: Path) -> Path:
    """copytree that keeps links as links and remakes FIFOs (copying one would block forever)."""
    def copy(src, dst):
        if stat.S_ISFIFO(os.lstat(src).st_mode):
            os.mkfifo(dst)
        else:
            shutil.copy2(src, dst, follow_symlinks=False)

    shutil.copytree(source, dest, symlinks=True, copy_function=copy)
    return dest


def tree_hash(root: Path) -> str:
    """Every file's path and bytes (symlinks by target), skipping .git and the .narrative cache."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] in (".git", ".narrative"):
            continue
        digest.update(str(rel).encode("utf-8", "surrogateescape"))
        if path.is_symlink():
            digest.update(str(path.readlink()).encode())
        elif path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> dict:
    """Two keys made once (argon2id is slow on purpose): ada owns the trusted projects, bo joins."""
    from narrative_cli.trust import keys as keymod

    made = {}
    for name in ("ada", "bo"):
        folder = tmp_path_factory.mktemp(f"home-{name}") / "keys"
        folder.mkdir()
        made[name] = keymod.generate(name.title(), f"{name}@example.org", PASS, directory=folder)
    return made


@pytest.fixture(scope="module")
def built(tmp_path_factory, keys) -> dict[str, tuple[Path, str]]:
    """Each hostile project built once: name -> (root, target file)."""
    projects = {}
    with pytest.MonkeyPatch.context() as mp:
        for key, value in {**GIT_ENV, "NARRATIVE_NON_INTERACTIVE": "1", "NARRATIVE_KEY_PASSPHRASE": PASS,
                           "NARRATIVE_HOME": str(keys["ada"].path.parent.parent)}.items():
            mp.setenv(key, value)
        builders = {**{n: (b, c, False) for n, (b, c) in VARIANTS.items()},
                    **{n: (b, True, True) for n, b in TRUSTED.items()}}
        for name, (builder, commit, trusted) in builders.items():
            root = tmp_path_factory.mktemp("sweep") / "book"
            shutil.copytree(EXAMPLE, root)
            make_repo(root)
            if trusted:
                mp.chdir(root)
                assert run(app, ["manifest", "init"]) == 0
            target = builder(root)
            if commit:
                git(root, "add", "-A")
                git(root, "commit", "-q", "--no-verify", "--allow-empty", "-m", f"Hostile: {name}")
            projects[name] = (root, target)
    return projects


@pytest.fixture(autouse=True)
def _non_interactive(monkeypatch, keys):
    """Never a prompt: passphrases from the environment, ada's key in this test's home."""
    from narrative_cli.trust.keys import keys_dir

    monkeypatch.setenv("NARRATIVE_NON_INTERACTIVE", "1")
    monkeypatch.setenv("NARRATIVE_KEY_PASSPHRASE", PASS)
    keys_dir().mkdir(parents=True, mode=0o700)
    shutil.copy(keys["ada"].path, keys_dir() / keys["ada"].path.name)
    monkeypatch.setenv("NARRATIVE_NEW_KEY_PASSPHRASE", "another horse battery staple")


def assert_clean(result, what: str) -> None:
    output = result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2, 3), f"{what}: exit {result.exit_code}\n{output[-3000:]}"
    assert "internal error" not in output, f"{what}:\n{output[-3000:]}"
    assert "Traceback" not in output, f"{what}:\n{output[-3000:]}"


def test_every_command_has_arguments():
    assert command_paths() == sorted(ARGS)


@pytest.mark.parametrize("variant", ALL)
@pytest.mark.parametrize("command", sorted(ARGS))
def test_command_survives(command, variant, built, keys, cli, tmp_path):
    source, target = built[variant]
    args, read_only = ARGS[command]
    if read_only:
        root = source
    else:
        root = copy_project(source, tmp_path / "book")
    argv = [*command.split(), *(a.format(target=target, out=tmp_path, bo_key=keys['bo'].public_key) for a in args)]
    before = tree_hash(root) if read_only else None
    result = cli(*argv, cwd=root)
    assert_clean(result, f"narrative {' '.join(argv)} on {variant}")
    if variant == "terminal-escapes":  # content quoted back escaped, never raw (printable.py)
        for raw in ("\x1b", "\x07", "\x9b", "\r", "\u202e"):
            assert raw not in result.stdout + result.stderr, f"{command}: raw {raw!r}"
    if read_only:
        assert tree_hash(root) == before, f"{command} changed the project on {variant}"


HOSTILE_REFS = ["../x", "/etc/passwd", "Elena Voss", "", "x" * 10_000, "elena-voss/../../x", "\x00", "-",
                "\x1b]0;owned\x07\x1b[2J", "elena\u202evoss"]
REF_COMMANDS = ["show", "rm", "restore", "impact", "history", "purge", "brief", "new character",
                "collab rm", "keys show", "textconv", "voice whois"]


@pytest.mark.parametrize("ref", HOSTILE_REFS, ids=["dotdot", "abs", "spaced", "empty", "long", "nested",
                                                   "nul", "dash", "escape", "bidi"])
@pytest.mark.parametrize("command", REF_COMMANDS)
def test_hostile_refs(command, ref, built, cli, tmp_path):
    root = copy_project(built["clean"][0], tmp_path / "book")
    argv = [*command.split(), "--", ref]
    result = cli(*argv, cwd=root)
    assert_clean(result, f"narrative {command} {ref[:40]!r}")
    for raw in ("\x00", "\x1b", "\u202e"):  # quoted back escaped, never raw to the terminal
        assert raw not in result.stderr, f"narrative {command} {ref[:40]!r}: {result.stderr!r}"


HOSTILE_OPTIONS = [
    ["validate", "--project", "/etc/passwd"], ["validate", "--project", "/nonexistent"], ["validate", "/etc"],
    ["validate", "{out}"], ["list", "dragons"], ["list", ""], ["check", "--rule", "no-such-rule"],
    ["check", "manuscript/nowhere.md"], ["search", "--regex", "("], ["search", "--regex", "(a*)*b" * 20],
    ["search", "salt", "--limit", "-1"], ["search", "salt", "--chapter", "99"], ["search", "salt", "--pov", "../x"],
    ["search", ""], ["stats", "--html", "{out}"], ["stats", "--html", "/proc/nope/x.html"],
    ["diff", "HEAD~999"], ["diff", "a..b..c"], ["diff", "--", "HEAD"], ["diff", "HEAD", "nope"],
    ["verify", "--since", "not-a-commit"], ["verify", "--rev", "HEAD~99"], ["verify", "--ref", "refs/heads/../x"],
    ["log", "--since", "not-a-date"], ["log", "--until", "9999-99-99"], ["log", "--action", "explode"],
    ["impact", "elena-voss", "--set", "garbage"], ["impact", "elena-voss", "--set", "status=dead", "--at", "99-99"],
    ["impact", "elena-voss", "--set", "=", "--at", "01-01"], ["brief", "99-99"], ["brief", "1-1-1"],
    ["brief", "manuscript/../../etc/passwd"], ["export", "pdf"], ["export", "epub", "-o", "/proc/nope/x.epub"],
    ["export", "epub", "-o", "{out}"], ["export", "docx", "--profile", "nope", "-o", "{out}/x.docx"],
    ["export", "md", "--chapters", "9-1", "-o", "{out}/x.md"], ["export", "md", "--chapters", "x", "-o", "{out}/x.md"],
    ["export", "epub", "--status", "explode", "-o", "{out}/x.epub"], ["export", "docx", "--font", "comic", "-o", "x"],
    ["suggest", "--min-count", "-5"], ["suggest", "--kind", "dragons"], ["suggest", "../../etc/passwd"],
    ["textconv", "/etc"], ["textconv", "/nonexistent"], ["textconv", "assets/cover.png"],
    ["voice", "whois", "assets/cover.png"], ["voice", "whois", "/etc"],
    ["init", "{out}/b", "--title", "", "--author", ""], ["init", "/etc/passwd", "--title", "T", "--author", "A"],
    ["init", ".", "--title", "T", "--author", "A"], ["init", "{out}/c", "--title", "T", "--author", "A",
                                                     "--language", "!!"],
    ["init", "{out}/d", "--title", "T", "--author", "A", "--template", "../../etc"],
    ["import", "manuscript", "--into", "."], ["import", ".", "{out}/x"], ["import", "/dev/zero", "{out}/y"],
    ["import", "/etc", "{out}/z"], ["import", "narrative.yaml", "--into", ".", "--chapter-pattern", "("],
    ["new", "scene", "X", "--chapter", "99"], ["new", "scene", "X", "--chapter", "1", "--after", "99"],
    ["new", "scene", "X", "--chapter", "1", "--pov", "port-verrin"], ["new", "chapter", "X", "--after", "-3"],
    ["install-hook", "post-nonsense"], ["ci", "circle"], ["ci", "gitlab", "--install", "a b"],
    ["ci", "gitlab", "--install", ""], ["ci", "github", "--install", "git+x@$(id)"],
    ["init", "{out}/e", "--title", "T", "--author", "A", "--ci-install", "'\"`"], ["keys", "show", "zzzz"], ["keys", "generate", "--name", ""],
    ["collab", "add", "Bo", "--key", "ssh-ed25519 AAAA", "--role", "emperor"],
    ["collab", "add", "Bo", "--key", "", "--scope", "../../x"], ["manifest", "renew", "--days", "-5"],
    ["manifest", "renew", "--days", "999999999999"], ["history", "elena-voss", "--format", "yaml"],
    ["rm", "01-01"], ["rm", "manuscript/01-arrival"], ["restore", "elena-voss"], ["purge", "narrative.yaml"],
]


@pytest.mark.parametrize("argv", HOSTILE_OPTIONS, ids=lambda argv: " ".join(argv)[:60])
def test_hostile_options(argv, built, cli, tmp_path):
    root = copy_project(built["trusted"][0], tmp_path / "book")
    (tmp_path / "out").mkdir()
    result = cli(*(a.format(out=tmp_path / "out") for a in argv), cwd=root)
    assert_clean(result, f"narrative {' '.join(argv)[:200]}")


def json_commands() -> list[str]:
    """Commands with a --format option that accepts json."""
    from narrative_cli.cli.app import app

    found = []

    def walk(command, path):
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])
        if not hasattr(command, "commands") and any("--format" in p.opts for p in command.params):
            found.append(" ".join(path))

    walk(typer.main.get_command(app), [])
    return sorted(found)


JSON_VARIANTS = ["clean", "broken-yaml", "binary-and-bad-utf8", "unicode-names", "empty", "no-git", "trusted",
                 "weird-yaml"]


@pytest.mark.parametrize("variant", JSON_VARIANTS)
@pytest.mark.parametrize("command", json_commands())
def test_json_output_survives(command, variant, built, keys, cli, tmp_path):
    """--format json on hostile input: no crash, and what is printed on stdout is one JSON document."""
    import json

    source, target = built[variant]
    args, _ = ARGS[command]
    root = copy_project(source, tmp_path / "book")
    argv = [*command.split(), *(a.format(target=target, out=tmp_path, bo_key=keys["bo"].public_key) for a in args),
            "--format", "json"]
    result = cli(*argv, cwd=root)
    assert_clean(result, f"narrative {' '.join(argv)} on {variant}")
    if variant == "terminal-escapes":  # content quoted back escaped, never raw (printable.py)
        for raw in ("\x1b", "\x07", "\x9b", "\r", "\u202e"):
            assert raw not in result.stdout + result.stderr, f"{command}: raw {raw!r}"
    if result.stdout.strip():
        json.loads(result.stdout)


REF_OPTIONS = [
    ["impact", "elena-voss", "--set", "status=dead", "--at", "{ref}"], ["impact", "elena-voss", "--set", "{ref}"],
    ["search", "salt", "--pov", "{ref}"], ["search", "salt", "--character", "{ref}"],
    ["search", "salt", "--chapter", "{ref}"], ["voice", "quotes", "--character", "{ref}"],
    ["voice", "quotes", "--chapter", "{ref}"], ["search", "{ref}", "--regex"], ["search", "{ref}", "--phrase"],
    ["new", "scene", "X", "--chapter", "{ref}"], ["new", "scene", "X", "--chapter", "1", "--after", "{ref}"],
    ["new", "scene", "X", "--chapter", "1", "--pov", "{ref}"], ["new", "chapter", "{ref}"],
    ["new", "location", "X", "--id", "{ref}"], ["export", "md", "--chapters", "{ref}", "-o", "{out}/x.md"],
    ["verify", "--since", "{ref}"], ["verify", "--rev", "{ref}"], ["log", "--actor", "{ref}"],
    ["log", "--kind", "{ref}"], ["log", "--since", "{ref}"], ["collab", "role", "{ref}", "editor"],
    ["collab", "role", "ada", "{ref}"], ["collab", "revoke", "ada", "--last-good", "{ref}"],
    ["diff", "{ref}"], ["check", "--rule", "{ref}"], ["list", "{ref}"], ["suggest", "{ref}"],
    ["install-hook", "{ref}"], ["keys", "export-public", "{ref}"],
]


@pytest.mark.parametrize("ref", HOSTILE_REFS, ids=["dotdot", "abs", "spaced", "empty", "long", "nested",
                                                   "nul", "dash", "escape", "bidi"])
@pytest.mark.parametrize("argv", REF_OPTIONS, ids=lambda argv: " ".join(argv)[:40])
def test_hostile_values_in_options(argv, ref, built, cli, tmp_path):
    root = copy_project(built["trusted"][0], tmp_path / "book")
    (tmp_path / "out").mkdir()
    result = cli(*(a.format(out=tmp_path / "out", ref=ref) for a in argv), cwd=root)
    assert_clean(result, f"narrative {' '.join(argv)} with {ref[:40]!r}")
    for raw in ("\x00", "\x1b", "\u202e"):
        assert raw not in result.stderr, f"narrative {' '.join(argv)} with {ref[:40]!r}: {result.stderr[:500]!r}"


@pytest.mark.parametrize("where", ["outside", "subfolder"])
@pytest.mark.parametrize("command", sorted(ARGS))
def test_command_from_elsewhere(command, where, built, keys, cli, tmp_path):
    """Outside any project (an empty folder), and from deep inside one."""
    root = copy_project(built["trusted"][0], tmp_path / "book")
    cwd = tmp_path / "empty" if where == "outside" else root / "manuscript" / "01-arrival"
    cwd.mkdir(exist_ok=True)
    args, _ = ARGS[command]
    argv = [*command.split(), *(a.format(target="01-dockside.md", out=tmp_path, bo_key=keys["bo"].public_key)
                                for a in args)]
    assert_clean(cli(*argv, cwd=cwd), f"narrative {' '.join(argv)} {where}")
