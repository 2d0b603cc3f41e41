"""Errors a person can fix. Services raise them; views and the middleware answer 4xx."""

from django.core.exceptions import ValidationError


class UserError(ValidationError):
    """A clear, Vietnamese message about bad input or a forbidden state change (answers 400)."""


class ConflictError(UserError):
    """The object changed meanwhile or the action was already done (answers 409)."""
