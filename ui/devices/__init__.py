"""The desk's devices: the camera preview worker and the ID-card readers."""
