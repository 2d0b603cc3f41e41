"""Re-index the documents a file belongs to once its text has been extracted."""

from __future__ import annotations

from django.db.models import Q


def reindex_for_file(sender, stored_file, **kwargs) -> None:
    from dieuhanh.platform import search

    from .models import IncomingDocument, OutgoingDocument, Record

    pk = stored_file.pk
    found = {
        "incoming": IncomingDocument.objects.filter(Q(file_id=pk) | Q(result_file_id=pk)),
        "outgoing": OutgoingDocument.objects.filter(Q(issued_file_id=pk) | Q(versions__file_id=pk)),
        "record": Record.objects.filter(file_id=pk),
    }
    for kind, qs in found.items():
        ids = list(qs.values_list("pk", flat=True).distinct())
        if ids:
            search.index_after_commit(module="documents", type=kind, object_ids=ids)


def connect() -> None:
    from dieuhanh.platform.files.signals import text_extracted

    text_extracted.connect(reindex_for_file, dispatch_uid="documents.reindex_for_file")
