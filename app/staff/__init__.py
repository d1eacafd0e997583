"""Staff accounts, roles, the training gate (R3), passwords and the audit log (R10)."""
