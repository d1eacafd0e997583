"""Sync with the district database: upload the outbox, download the district's decisions.

`app.sync.run.sync` is the entry point (CLI, GUI and tests call it); `app.sync.district`
creates the district database and centre logins; `app.sync.conflicts` lists and resolves
what the district flagged.
"""
