"""Translations: rentdesk_en.ts (edit with Qt Linguist) and the compiled .qm the GUI loads."""
