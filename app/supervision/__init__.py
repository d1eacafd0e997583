"""The supervisor's desk: delivery (R2), dashboard, statistics (R8), faults (R7)."""
