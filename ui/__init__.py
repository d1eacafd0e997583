"""The desk's Qt front end (the only layer importing PySide6)."""

from ui.compat import pin_singletons

# Before any other Qt call: see ui/compat.py (PySide6 6.12 on Python 3.11 drains None/True).
pin_singletons()
