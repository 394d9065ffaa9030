"""Who may do what to which path (TRUST.md "Roles"). Pure functions: used by the
write path before anything is written, and by `verify` for every commit."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

PERMISSIONS = ("read", "edit", "delete", "manage_collaborators", "generate_prose")
ROLES: dict[str, frozenset[str]] = {
    "OWNER": frozenset(PERMISSIONS),
    "EDITOR": frozenset({"read", "edit", "generate_prose"}),
    "VIEWER": frozenset({"read"}),
}
CONTENT_ROOTS = ("canon/", "manuscript/", "assets/")
MANIFEST_FILES = ("manifest.yaml", "manifest.sig")
OWNER_ONLY = "owner"  # pseudo-permission: paths that are neither content nor the manifest


@dataclass(frozen=True)
class PathChange:
    """One path of a change: old/new blob ids (None = absent)."""

    path: str
    old: str | None
    new: str | None


def roles_with(permission: str) -> list[str]:
    if permission == OWNER_ONLY:
        return ["OWNER"]
    return [role for role, perms in ROLES.items() if permission in perms]


def is_content(path: str) -> bool:
    return path.startswith(CONTENT_ROOTS)


def needed(action: str, change: PathChange, moved_blobs: frozenset[str] = frozenset()) -> str:
    """The permission one path of a change needs.

    Removing a content file is a hard delete (purge) unless the same blob
    reappears elsewhere in the commit (a rename, which is an edit).
    """
    if change.path in MANIFEST_FILES:
        return "manage_collaborators"
    if not is_content(change.path):
        return OWNER_ONLY
    if action == "purge" or (change.new is None and change.old not in moved_blobs):
        return "delete"
    if action == "generate_prose":
        return "generate_prose"
    if action == "manage_collaborators":
        return "manage_collaborators"
    return "edit"


def allowed(role: str, permission: str) -> bool:
    if permission == OWNER_ONLY:
        return role == "OWNER"
    return permission in ROLES.get(role, frozenset())


def in_scope(scopes: list[str] | tuple[str, ...], path: str) -> bool:
    """Empty scopes mean everywhere; otherwise one glob (matched per path segment) must match."""
    return not scopes or any(glob_match(pattern, path) for pattern in scopes)


def glob_match(pattern: str, path: str) -> bool:
    """`*` stays inside one segment, `**` spans any number of segments (including none)."""
    return _match(pattern.strip("/").split("/"), path.split("/"))


def _match(pats: list[str], segs: list[str]) -> bool:
    if not pats:
        return not segs
    if pats[0] == "**":
        return any(_match(pats[1:], segs[i:]) for i in range(len(segs) + 1))
    return bool(segs) and fnmatchcase(segs[0], pats[0]) and _match(pats[1:], segs[1:])


def denials(role: str, scopes: list[str], action: str, changes: list[PathChange]) -> list[tuple[str, str]]:
    """(path, what is missing) for every path this role may not change; empty when all is allowed."""
    moved = frozenset(c.new for c in changes if c.new and c.old is None)
    found = []
    for change in changes:
        permission = needed(action, change, moved)
        if not allowed(role, permission):
            found.append((change.path, permission))
        elif not in_scope(scopes, change.path):
            found.append((change.path, f"scope ({', '.join(scopes)})"))
    return found


def describe(permission: str) -> str:
    """`edit needs EDITOR or OWNER`, for refusal messages."""
    if permission.startswith("scope"):
        return f"the path is outside your {permission}"
    name = "changing this file" if permission == OWNER_ONLY else permission
    return f"{name} needs {' or '.join(reversed(roles_with(permission)))}"
