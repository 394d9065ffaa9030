"""Every command that changes the project: one transaction path (lock, write, validate, commit, or roll back)."""
