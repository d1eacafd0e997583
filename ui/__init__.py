"""The desk's Qt front end (the only layer importing PySide6)."""
