"""The street office's desk (街道办): the district database read and decided on (issue 16).

No Qt here: each module is one page of the office's window and one CLI command, over a
psycopg connection signed in as a district staff login (`district_viewer`/`district_admin`).
Every read and every decision goes through the `office_*` functions of district revision
0005, so what a login may do is decided by PostgreSQL grants, not by this client.
"""
