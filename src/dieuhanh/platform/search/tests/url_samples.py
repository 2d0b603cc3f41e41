"""The search part has no parameterised URL patterns (only /search/ with a query string)."""

SAMPLES: dict = {}
