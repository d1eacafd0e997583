"""The other one-stop services (R1): listings, leases, residence permits."""
