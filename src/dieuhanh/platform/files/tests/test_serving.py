"""A module serves a stored file after its own permission check: right type, a Vietnamese
file name that every browser understands, and no content sniffing."""

import pytest

from dieuhanh.platform import files

from . import factories as f

pytestmark = pytest.mark.django_db


def test_a_pdf_is_served_with_its_sniffed_type_and_vietnamese_name():
    data = f.pdf_bytes()
    stored = files.store_upload(f.upload(data, "Quyết định số 15.pdf", "application/x-msdownload"))
    response = files.response(stored)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Quyet dinh so 15.pdf\"; "
        "filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20s%E1%BB%91%2015.pdf"
    )
    assert int(response["Content-Length"]) == len(data)
    assert b"".join(response.streaming_content) == data
    response.close()


def test_inline_shows_it_in_the_browser_with_the_real_extension():
    stored = files.store_upload(f.upload(f.png_bytes(), "Ảnh hiện trường"), kinds=("image",))
    response = files.response(stored, inline=True)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith('inline; filename="Anh hien truong.png"; ')
    response.close()


def test_lazy_public_face():
    import importlib
    import subprocess
    import sys

    assert files.StoredFile._meta.label == "files.StoredFile"
    assert files.forms.UploadField and files.word.new_document and files.signals.text_extracted
    with pytest.raises(AttributeError):
        files.nothing_here  # noqa: B018
    # Importing the package must not import models (it is also the Django app).
    code = "import dieuhanh.platform.files as f, sys; print('dieuhanh.platform.files.models' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
    importlib.import_module("dieuhanh.platform.files.tasks")
