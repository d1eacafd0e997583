"""The composition root: the one package that may import every layer (ui, app, db)."""
