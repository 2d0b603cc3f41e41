"""Every Vietnamese msgid of the signing part has its English, and the catalog is compiled."""

from pathlib import Path

from django.utils import translation


def test_every_po_entry_is_translated_and_compiled():
    from babel.messages.pofile import read_po

    po = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    catalog = read_po(po.open("rb"))
    assert len(catalog) > 100
    assert [m.id for m in catalog if m.id and not m.string] == []
    assert po.with_suffix(".mo").exists()


def test_a_refusal_reads_in_english():
    with translation.override("en"):
        assert translation.gettext("Mật khẩu/PIN của chứng thư số không đúng.") == "The passphrase/PIN of the certificate is wrong."
        assert translation.gettext("Chưa ký số") == "Not digitally signed"
