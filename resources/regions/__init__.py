"""Region (GB/T 2260) and country (ISO 3166) code tables; see SOURCE.md. Data only."""
