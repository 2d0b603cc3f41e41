"""The project's form renderer: `{{ form }}` renders an error summary linking to the fields,
labels, help text, inline errors, `aria-describedby` and `aria-invalid` (see settings.FORM_RENDERER)."""

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"
