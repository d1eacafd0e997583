"""Data in and out: import, backup, retention, blobs, keys, the input/output bounds."""
