"""The permissions part has no URL with parameters."""

SAMPLES: dict = {}
