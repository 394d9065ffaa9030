"""`narrative keys|manifest|collab|commit|purge`: thin commands over trust/ and history/.

No `from __future__ import annotations` here: Typer reads the annotations at run time."""


from pathlib import Path
from typing import Annotated, List, Optional

import typer

from narrative_cli.cli.common import FormatOpt, OutputFormat, ProjectOpt

keys_app = typer.Typer(help="Your Ed25519 signing keys (kept encrypted under $NARRATIVE_HOME).", no_args_is_help=True)
manifest_app = typer.Typer(help="The signed manifest: who may do what in this project.", no_args_is_help=True)
collab_app = typer.Typer(help="Add, remove and change collaborators (each change is a signed manifest version).",
                         no_args_is_help=True)
KidArg = Annotated[Optional[str], typer.Argument(help="Key id or prefix (default: your only key).", show_default=False)]


def _root(project: Optional[Path], write: bool = True) -> Path:
    from narrative_cli.cli.common import project_root

    return project_root(project, write=write)


def _say_outcome(outcome, fmt: OutputFormat) -> int:
    from narrative_cli.cli.render import print_json

    if fmt is OutputFormat.json:
        print_json({"version": outcome.version, "commit": outcome.commit, "note": outcome.note})
    else:
        print(f"manifest version {outcome.version}: {outcome.note}"
              + (f" (commit {outcome.commit[:10]})" if outcome.commit else ""))
    return 0


@keys_app.command("generate")
def keys_generate(
    name: Annotated[str, typer.Option(help="Your name, as collaborators will see it.")],
    email: Annotated[str, typer.Option(help="Your e-mail address.")] = "",
) -> int:
    """Create an Ed25519 key; asks for a passphrase twice (CI: NARRATIVE_KEY_PASSPHRASE)."""
    from narrative_cli.trust import identity, keys

    key = keys.generate(name, email, identity.passphrase("new passphrase: ", confirm=True))
    print(f"created key {key.kid}\n  stored in {key.path}\n  public: {key.public_key}")
    print("Next: send `narrative keys export-public` to a project owner.")
    return 0


@keys_app.command("list")
def keys_list(fmt: FormatOpt = OutputFormat.text) -> int:
    """Your keys: kid, name, e-mail."""
    from narrative_cli.cli.render import print_json, table
    from narrative_cli.trust import keys

    found = keys.list_keys()
    if fmt is OutputFormat.json:
        print_json([{"kid": k.kid, "name": k.name, "email": k.email, "public_key": k.public_key} for k in found])
    elif not found:
        print("no keys; create one with `narrative keys generate --name NAME --email EMAIL`")
    else:
        table(None, ["kid", "name", "email"], [(k.kid[:16], k.name, k.email) for k in found])
    return 0


@keys_app.command("show")
def keys_show(kid: KidArg = None, fmt: FormatOpt = OutputFormat.text) -> int:
    """One key's public details (never the private key)."""
    from narrative_cli.cli.render import print_json
    from narrative_cli.trust import identity

    who = identity.current(None, kid)
    data = {"kid": who.kid, "name": who.name, "email": who.email, "public_key": who.public_key, "file": who.origin}
    if fmt is OutputFormat.json:
        print_json(data)
    else:
        print("\n".join(f"{k}: {v}" for k, v in data.items()))
    return 0


@keys_app.command("export-public")
def keys_export_public(kid: KidArg = None) -> int:
    """Print the public key line an owner pastes into `narrative collab add --key`."""
    from narrative_cli.trust import identity

    print(identity.current(None, kid).public_key)
    return 0


@keys_app.command("change-passphrase")
def keys_change_passphrase(kid: KidArg = None) -> int:
    """Re-encrypt a key under a new passphrase (CI: NARRATIVE_KEY_PASSPHRASE, NARRATIVE_NEW_KEY_PASSPHRASE).

    Refuses an empty new passphrase or the current one; afterwards re-reads the file and checks
    that the new passphrase opens it and the old one no longer does."""
    from narrative_cli.trust import identity, keys

    who = identity.current(None, kid)
    found = keys.find_key(who.kid)
    old = identity.passphrase("current passphrase: ")
    new = identity.new_passphrase()
    keys.change_passphrase(found, old, new)
    print(f"passphrase changed for {who.kid[:12]} (checked: {found.path} opens with the new passphrase only)")
    return 0


@manifest_app.command("init")
def manifest_init(key: Annotated[Optional[str], typer.Option("--key", help="Key id prefix.")] = None,
                  project: ProjectOpt = None, fmt: FormatOpt = OutputFormat.text) -> int:
    """Adopt a signed manifest (version 1) with you as the only OWNER."""
    from narrative_cli.ops.manifest import run
    from narrative_cli.trust.collab import adopt

    return _say_outcome(run(_root(project), adopt, key), fmt)


@manifest_app.command("show")
def manifest_show(project: ProjectOpt = None, fmt: FormatOpt = OutputFormat.text) -> int:
    """Version, expiry, threshold and collaborators of the committed manifest."""
    return collab_list(project, fmt)


@manifest_app.command("sign")
def manifest_sign(project: ProjectOpt = None) -> int:
    """Add your signature to the working manifest.sig (for owner_threshold > 1)."""
    from narrative_cli.ops.manifest import run
    from narrative_cli.trust.collab import check_working, sign_working

    root = _root(project)
    count = run(root, sign_working).signatures
    missing = check_working(root)
    if missing:
        print(f"signed; manifest.sig now has {count} signature(s); still needed: {missing[0]}")
    else:
        print(f"signed; manifest.sig now has {count} signature(s). Commit with `narrative commit -m MSG`.")
    return 0


@manifest_app.command("verify")
def manifest_verify(project: ProjectOpt = None) -> int:
    """Check the working manifest: schema, canonical form and owner signatures."""
    from narrative_cli.trust.collab import check_working

    problems = check_working(_root(project, write=False))
    for line in problems:
        print(f"manifest.yaml: error: {line}")
    print("manifest is valid and signed" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


@manifest_app.command("renew")
def manifest_renew(days: Annotated[int, typer.Option(help="Days from now until it expires.")] = 365,
                   project: ProjectOpt = None, fmt: FormatOpt = OutputFormat.text) -> int:
    """Move the expiry date (a new signed version)."""
    from narrative_cli.ops.manifest import run
    from narrative_cli.trust.collab import renew

    return _say_outcome(run(_root(project), renew, days), fmt)


@collab_app.command("add")
def collab_add(
    name: Annotated[str, typer.Argument(help="The collaborator's name.")],
    key: Annotated[str, typer.Option("--key", help="Their `narrative keys export-public` line.")],
    role: Annotated[str, typer.Option(help="owner, editor or viewer.")] = "editor",
    scope: Annotated[Optional[List[str]], typer.Option("--scope", help="Path glob they may change (repeatable).")] = None,
    email: Annotated[str, typer.Option(help="Their e-mail.")] = "",
    automation: Annotated[bool, typer.Option("--automation", help="A bot or CI job, not a person.")] = False,
    project: ProjectOpt = None, fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Add a collaborator (OWNER only)."""
    from narrative_cli.ops.manifest import run
    from narrative_cli.trust.collab import add

    kind = "automation" if automation else "human"
    return _say_outcome(run(_root(project), add, name, key, role, list(scope or []), email, kind), fmt)


@collab_app.command("rm")
def collab_rm(who: Annotated[str, typer.Argument(help="Name or kid prefix.")],
              project: ProjectOpt = None, fmt: FormatOpt = OutputFormat.text) -> int:
    """Remove a collaborator (OWNER only)."""
    from narrative_cli.ops.manifest import run
    from narrative_cli.trust.collab import remove

    return _say_outcome(run(_root(project), remove, who), fmt)


@collab_app.command("role")
def collab_role(who: Annotated[str, typer.Argument(help="Name or kid prefix.")],
                role: Annotated[str, typer.Argument(help="owner, editor or viewer.")],
                scope: Annotated[Optional[List[str]], typer.Option("--scope", help="Replace their scopes.")] = None,
                project: ProjectOpt = None, fmt: FormatOpt = OutputFormat.text) -> int:
    """Change a collaborator's role (and scopes)."""
    from narrative_cli.ops.manifest import run
    from narrative_cli.trust.collab import set_role

    return _say_outcome(run(_root(project), set_role, who, role, scope), fmt)


@collab_app.command("revoke")
def collab_revoke(who: Annotated[str, typer.Argument(help="Name or kid prefix of the compromised key.")],
                  last_good: Annotated[str, typer.Option("--last-good", help="Their last trusted commit.")],
                  project: ProjectOpt = None, fmt: FormatOpt = OutputFormat.text) -> int:
    """Revoke a compromised key: its commits after --last-good stop verifying."""
    from narrative_cli.ops.manifest import run
    from narrative_cli.trust.collab import revoke

    return _say_outcome(run(_root(project), revoke, who, last_good), fmt)


@collab_app.command("list")
def collab_list(project: ProjectOpt = None, fmt: FormatOpt = OutputFormat.text) -> int:
    """Collaborators in the committed manifest."""
    from narrative_cli.cli.render import print_json, table
    from narrative_cli.trust.gate import current_manifest

    manifest = current_manifest(_root(project, write=False))
    m = manifest.model
    if fmt is OutputFormat.json:
        print_json(m.model_dump(by_alias=True))
        return 0
    print(f"manifest version {m.version}, expires {m.expires}, owner_threshold {m.owner_threshold}")
    table(None, ["kid", "name", "role", "kind", "scopes"],
          [(c.kid[:12], c.name, c.role, c.kind, ", ".join(c.scopes) or "everywhere") for c in m.collaborators])
    for r in m.revoked:
        print(f"revoked: {r.kid[:12]} after {r.last_good_commit[:10]}")
    return 0


def commit(message: Annotated[str, typer.Option("--message", "-m", help="What you changed.")],
           project: ProjectOpt = None, fmt: FormatOpt = OutputFormat.text) -> int:
    """Record edits made in an editor as one signed commit (fields computed from the real diff).

    Exit 0 committed, 2 nothing to commit or no usable key, 3 denied by your role or scopes.
    """
    from narrative_cli.ops.commit import commit_worktree

    sha, paths = commit_worktree(_root(project), message)
    print(f"committed {len(paths)} file(s) as {sha[:10]}")
    return 0


def purge(ref: Annotated[str, typer.Argument(help="Entity (kind/id) or scene (CC-SS or path).")],
          project: ProjectOpt = None, fmt: FormatOpt = OutputFormat.text) -> int:
    """Delete an entity or scene for good (needs the delete permission: OWNER).

    Exit 0 purged, 2 not found or no usable key, 3 denied by your role.
    """
    from narrative_cli.cli.common import apply_change, open_project
    from narrative_cli.ops.canon import purge_change

    loaded = open_project(project, write=True)
    return apply_change(loaded.root, purge_change(loaded, ref), fmt)


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
    app.add_typer(manifest_app, name="manifest")
    app.add_typer(collab_app, name="collab")
    app.command()(commit)
    app.command()(purge)
    from narrative_cli.cli import trust_history

    trust_history.register(app)
