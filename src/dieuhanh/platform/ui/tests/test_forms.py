"""`{{ form }}` through the project's renderer: summary, labels, help text, inline errors."""

import re

from django import forms
from django.template import Context, Template

from dieuhanh.platform.ui.widgets import DateField


class PetitionForm(forms.Form):
    title = forms.CharField(label="Tiêu đề", help_text="Tóm tắt nội dung kiến nghị.")
    received = DateField(label="Ngày nhận")
    note = forms.CharField(label="Ghi chú", required=False)

    def clean(self):
        data = super().clean()
        if data.get("title") == "trùng":
            raise forms.ValidationError("Kiến nghị này đã có trong hệ thống.")
        return data


def render(form) -> str:
    return Template("{{ form }}").render(Context({"form": form}))


def test_valid_form_has_labels_help_text_and_no_summary():
    html = render(PetitionForm())
    assert '<label for="id_title">Tiêu đề' in html
    assert 'id="id_title_helptext"' in html
    assert 'aria-describedby="id_title_helptext"' in html
    assert "data-error-summary" not in html
    assert "aria-invalid" not in html


def test_errors_render_a_summary_linking_to_fields_and_inline_messages():
    form = PetitionForm({"title": "", "received": "31/02/2026"})
    assert not form.is_valid()
    html = render(form)
    summary = html.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert 'href="#id_title"' in summary and 'href="#id_received"' in summary
    assert "Biểu mẫu có 2 chỗ cần sửa" in html
    assert 'role="alert"' in html
    # inline, tied to the input
    assert 'id="id_received_error"' in html
    input_tag = re.search(r"<input[^>]*name=\"received\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in input_tag
    assert "id_received_error" in input_tag
    assert "field-invalid" in html
    # the untouched optional field is not marked invalid
    note_tag = re.search(r"<input[^>]*name=\"note\"[^>]*>", html).group(0)
    assert "aria-invalid" not in note_tag


def test_non_field_errors_appear_in_the_summary():
    form = PetitionForm({"title": "trùng", "received": "01/01/2026"})
    assert not form.is_valid()
    html = render(form)
    assert "Kiến nghị này đã có trong hệ thống." in html.split("data-error-summary", 1)[1]
