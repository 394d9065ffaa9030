"""Git access: commits for every write, and the audit trail read back from them."""
