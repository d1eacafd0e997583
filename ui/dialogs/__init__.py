"""Dialogs: windows of their own that a page or the shell opens (sign-in, set-up, a
tenant, a photo, a building, door controllers, confirmations)."""
