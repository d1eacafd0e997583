"""Bundled fonts (see SOURCES.md); a package so that installers carry the files along."""
