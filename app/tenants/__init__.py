"""Tenants: intake (信息采集), one card per person (R6), occupancy (R5), search."""
