"""Revision 0003's hand-written part: the centres' audit logs at the district (R10).

A centre may add its own entries and read them back, never change or delete one: the
district's copy is the record that survives a desk PC being wiped or tampered with.
"""

UPGRADE = [
    "ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY own_rows ON audit_event USING (center_code = (SELECT district_center()))"
    " WITH CHECK (center_code = (SELECT district_center()))",
    "GRANT SELECT, INSERT ON audit_event TO rentdesk_center",
]
