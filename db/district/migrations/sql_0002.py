"""Revision 0002's hand-written part: the R1 service tables get the same row-level security
as the tables of revision 0001 (a centre sees and writes only its own rows)."""

SERVICE_TABLES = ("listing", "listing_photo", "lease_registration", "lease_tenant",
                  "permit_application", "permit_event")

_TABLES = "ARRAY[" + ", ".join(f"'{t}'" for t in SERVICE_TABLES) + "]"

UPGRADE = [
    f"""DO $$ DECLARE t text; ins text; upd text; BEGIN
      FOREACH t IN ARRAY {_TABLES} LOOP
        SELECT string_agg(quote_ident(column_name), ', ') INTO ins
          FROM information_schema.columns WHERE table_schema = 'public' AND table_name = t
           AND column_name <> 'received_at';
        SELECT string_agg(quote_ident(column_name), ', ') INTO upd
          FROM information_schema.columns WHERE table_schema = 'public' AND table_name = t
           AND column_name NOT IN ('id', 'center_code');
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY own_rows ON %I USING (center_code = (SELECT district_center()))'
                       ' WITH CHECK (center_code = (SELECT district_center()))', t);
        EXECUTE format('GRANT SELECT, DELETE ON %I TO rentdesk_center', t);
        EXECUTE format('GRANT INSERT (%s) ON %I TO rentdesk_center', ins, t);
        EXECUTE format('GRANT UPDATE (%s) ON %I TO rentdesk_center', upd, t);
      END LOOP; END $$""",
]
