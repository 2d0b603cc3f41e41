"""The audit part has no URL with parameters."""

SAMPLES: dict = {}
