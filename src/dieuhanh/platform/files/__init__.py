"""Uploaded files: checked by content, stored under generated names, text extracted for search."""
