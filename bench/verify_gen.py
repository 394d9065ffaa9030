"""Build a signed history of N commits by several collaborators, fast.

Usage: PYTHONPATH=. python bench/verify_gen.py OUT_DIR [--commits 10000]

Running the CLI 10,000 times would take many minutes, so this writes Git
objects directly (zlib loose objects, then `git repack`), computing tree and
commit ids itself and signing each commit exactly as `narrative` does
(audit.commit_object + audit.payload + jws.sign, format 2). `narrative verify` then has no idea the history
was not made by the CLI: that is the point.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import subprocess
import sys
import uuid
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from narrative_cli.history import audit  # noqa: E402
from narrative_cli.trust import jws, manifest as mf  # noqa: E402
from narrative_cli.trust.roles import PathChange  # noqa: E402

PEOPLE = [("Ada Quill", "OWNER"), ("Eve Stone", "EDITOR"), ("Bo Lind", "EDITOR"), ("Cy Marr", "EDITOR")]


class Store:
    def __init__(self, git_dir: Path):
        self.objects = git_dir / "objects"

    def put(self, kind: str, body: bytes) -> str:
        raw = b"%s %d\0" % (kind.encode(), len(body)) + body
        sha = hashlib.sha1(raw).hexdigest()
        path = self.objects / sha[:2] / sha[2:]
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(zlib.compress(raw, 1))
        return sha


def tree_bytes(entries: dict[str, tuple[str, str]]) -> bytes:
    """entries: name -> (mode, sha); git sorts trees as if their name ended in '/'."""
    key = lambda n: n + "/" if entries[n][0] == "40000" else n  # noqa: E731
    return b"".join(b"%s %s\0" % (entries[n][0].encode(), n.encode()) + bytes.fromhex(entries[n][1])
                    for n in sorted(entries, key=key))


def write_tree(store: Store, files: dict[str, str]) -> str:
    """files: path -> blob sha; builds every folder's tree object."""
    root: dict = {}
    for path, sha in files.items():
        node = root
        *dirs, name = path.split("/")
        for d in dirs:
            node = node.setdefault(d, {})
        node[name] = sha

    def build(node: dict) -> str:
        entries = {n: ("40000", build(v)) if isinstance(v, dict) else ("100644", v) for n, v in node.items()}
        return store.put("tree", tree_bytes(entries))

    return build(root)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--commits", type=int, default=10000)
    args = parser.parse_args()
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from narrative_cli.trust.keys import kid_of_raw, raw_public, ssh_line

    rng = random.Random(7)
    people = []
    for name, role in PEOPLE:
        private = Ed25519PrivateKey.generate()
        raw = raw_public(private)
        people.append((kid_of_raw(raw), private, name, role, ssh_line(raw)))
    subprocess.run(["git", "init", "-q", "--initial-branch=main", str(args.out)], check=True)
    store = Store(args.out / ".git")
    project_id = f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}"
    model = mf.ManifestModel.model_validate({
        "schema": mf.SCHEMA, "project_id": project_id, "version": 1, "expires": "2099-01-01T00:00:00Z",
        "owner_threshold": 1, "revoked": [],
        "collaborators": sorted((mf.collaborator(k, line, n, "", r) for k, _, n, r, line in people),
                                key=lambda c: c["kid"])})
    text = mf.dump(model)
    owner = people[0]
    contents = {
        ".gitignore": ".narrative/\n",
        "narrative.yaml": f"format: 1\ntitle: Bench\nauthor: Ada Quill\nlanguage: en\nidentifier: {project_id}\n",
        "manifest.yaml": text, "manifest.sig": mf.sign(text, owner[1], owner[0]) + "\n",
    }
    for i in range(200):
        contents[f"canon/characters/person-{i:03d}.yaml"] = f"name: Person {i}\nstatus: alive\n"
    for i in range(1, 51):
        contents[f"manuscript/01-one/{i:02d}-scene.md"] = f"---\ntitle: Scene {i}\n---\nText {i}.\n"
    files = {p: store.put("blob", t.encode()) for p, t in contents.items()}
    parent, when = None, 1767225600
    for n in range(args.commits):
        actor = owner if n == 0 else people[rng.randrange(len(people))]
        if n == 0:
            changes = [PathChange(p, None, s) for p, s in files.items()]
            action = "create"
        else:
            path = rng.choice(sorted(p for p in files if p.startswith(("canon/", "manuscript/"))))
            new_text = (f"name: {path}\nstatus: {rng.choice(['alive', 'dead', 'missing'])}\nnotes: edit {n}\n"
                        if path.endswith(".yaml") else f"---\ntitle: Scene\n---\nRevision {n}.\n")
            blob = store.put("blob", new_text.encode())
            changes = [PathChange(path, files[path], blob)]
            files[path] = blob
            action = "edit"
        tree = write_tree(store, files)
        when += 60
        parents = [parent] if parent else []
        message = audit.message_for(f"Commit {n}", actor[0], action, None, changes, [], 1, when)
        ident = f"{actor[2]} <{actor[2].split()[0].lower()}@example.org> {when} +0000"
        unsigned = audit.commit_object(tree, parents, ident, ident, message)
        body = audit.payload(project_id, tree, parents, 1, actor[0], action, changes, when, message, unsigned)
        parent = store.put("commit", unsigned + f"Narrative-Signature: {jws.sign(body, actor[1], actor[0], jws.COMMIT_TYP)}\n".encode())
    subprocess.run(["git", "update-ref", "HEAD", parent], cwd=args.out, check=True)
    subprocess.run(["git", "repack", "-adq"], cwd=args.out, check=True)
    subprocess.run(["git", "prune"], cwd=args.out, check=True)
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=args.out, check=True)
    print(f"{args.commits} commits in {args.out}; head {parent}")
    save_bench_keys(args.out, people)


def save_bench_keys(out: Path, people) -> None:
    """Bench-only throwaway keys, kept inside .git (never in the work tree) for verify_push.py."""
    import json

    from cryptography.hazmat.primitives import serialization

    seeds = [{"kid": kid, "seed": private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                                         serialization.NoEncryption()).hex(), "role": role}
             for kid, private, _, role, _ in people]
    path = out / ".git" / "bench-keys.json"
    path.write_text(json.dumps(seeds))
    os.chmod(path, 0o600)


if __name__ == "__main__":
    main()
