"""Printing the papers from the records, logged (R2, R6, R10); the bundled fonts."""
