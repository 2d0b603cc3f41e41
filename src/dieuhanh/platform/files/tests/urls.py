"""URLs used only by the form test: the root URLs plus one page with an upload form
(the platform's files part itself has no URLs)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template import engines
from django.urls import path

from dieuhanh.platform import files
from dieuhanh.platform.permissions.access import AUTHENTICATED, access
from dieuhanh.urls import handler400, handler403, handler404, handler500  # noqa: F401
from dieuhanh.urls import urlpatterns as root_urlpatterns


class AttachmentForm(forms.Form):
    title = forms.CharField(label="Trích yếu", max_length=200)
    file = files.forms.UploadField(label="Tệp đính kèm", kinds=("pdf", "docx"), max_bytes=50 * 1024)


PAGE = engines["django"].from_string(
    """{% extends "base.html" %}{% block content %}<h1>Tải tệp</h1>
<form method="post" enctype="multipart/form-data" novalidate>{% csrf_token %}{{ form }}
<div class="form-actions"><button type="submit">Gửi</button></div></form>{% endblock %}"""
)


@access(AUTHENTICATED)
def upload_page(request):
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        stored = files.store_upload(form.cleaned_data["file"], kinds=("pdf", "docx"), max_bytes=50 * 1024,
                                    by=request.user)
        messages.success(request, f"Đã lưu {stored.original_name}")
        return redirect(request.path)
    from django.http import HttpResponse

    status = 400 if form.errors else 200
    return HttpResponse(PAGE.render({"form": form}, request), status=status)


urlpatterns = [path("files-test/upload/", upload_page, name="files_test_upload"), *root_urlpatterns]
