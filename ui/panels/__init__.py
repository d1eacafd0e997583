"""Panels: widgets that pages and dialogs are built from (the intake form, the photo and
card panels, building and unit pickers, the conflicts list)."""
