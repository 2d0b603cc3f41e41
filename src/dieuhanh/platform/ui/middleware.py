"""Turns a UserError that a view did not catch into a clear 4xx page instead of a 500."""

from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from .errors import ConflictError


class FriendlyErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ValidationError):
            return None
        status = 409 if isinstance(exception, ConflictError) else 400
        response = TemplateResponse(
            request, "errors/4xx.html", {"messages_list": exception.messages, "status": status}, status=status
        )
        return response.render()
