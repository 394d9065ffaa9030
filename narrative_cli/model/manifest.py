"""manifest.yaml: who may do what in a project (TRUST.md "The manifest")."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from narrative_cli.model.common import Strict

HEX64 = r"^[0-9a-f]{64}$"


class Collaborator(Strict):
    kid: str = Field(pattern=HEX64, description="hex SHA-256 of the raw Ed25519 public key")
    public_key: str = Field(min_length=10, max_length=400, description="OpenSSH public key line: ssh-ed25519 AAAA...")
    name: str = Field(min_length=1, max_length=200, description="display name")
    email: str = Field("", max_length=200, description="contact address")
    role: Literal["OWNER", "EDITOR", "VIEWER"] = Field(description="what this key may do")
    kind: Literal["human", "automation"] = Field("human", description="a person or a bot/CI job")
    scopes: list[str] = Field(default_factory=list, description="path globs; empty means everywhere")


class Revoked(Strict):
    kid: str = Field(pattern=HEX64, description="the compromised key")
    last_good_commit: str = Field(pattern=r"^[0-9a-f]{40}$", description="its last trusted commit")


class ManifestModel(Strict):
    schema_: Literal["narrative-manifest/1"] = Field(alias="schema", description="format version")
    project_id: str = Field(min_length=1, max_length=200, description="equals narrative.yaml identifier")
    version: int = Field(ge=1, description="+1 on every change, exactly")
    expires: str = Field(pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", description="UTC expiry time")
    owner_threshold: int = Field(ge=1, le=16, description="owner signatures a change needs")
    collaborators: list[Collaborator] = Field(description="sorted by kid")
    revoked: list[Revoked] = Field(default_factory=list, description="compromised keys")
