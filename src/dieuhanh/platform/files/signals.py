"""Signals of the files part.

`text_extracted(sender=StoredFile, stored_file=...)` is sent after the background extraction
saved `text`, `page_count` and `text_state` ("done", or "failed" with whatever text was
found), so a module can re-index what the file is attached to:

    @receiver(files.signals.text_extracted)
    def reindex_attachment(sender, stored_file, **kwargs): ...
"""

from django.dispatch import Signal

text_extracted = Signal()
