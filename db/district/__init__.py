"""The district database (PostgreSQL): every centre's rows, one place, district-wide rules."""
