"""Keys, the signed manifest and roles (TRUST.md)."""
