"""Buildings, units, companies and landlords: where tenants live (R4, R5)."""
