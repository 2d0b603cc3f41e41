"""Serialising fitted pipelines, checking they are ours, and the per-process model cache."""

from __future__ import annotations

import hashlib
import hmac
import io
import threading

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

_SALT = "dieuhanh.platform.classifier.payload"
ACTIVE_CACHE_TTL = 30  # seconds; another process's new version is picked up within this
_loaded: dict[str, tuple[int, object]] = {}  # key -> (ClassifierModel pk, pipeline)
_lock = threading.Lock()


class UntrustedModel(Exception):
    """The stored payload is not one this deployment wrote (or it was damaged)."""


def dumps(pipeline) -> bytes:
    import joblib

    buffer = io.BytesIO()
    joblib.dump(pipeline, buffer, compress=3)
    return buffer.getvalue()


def digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def signature(payload: bytes, secret: str | None = None) -> str:
    return salted_hmac(_SALT, payload, secret=secret, algorithm="sha256").hexdigest()


def loads(payload: bytes, *, sha256: str, mac: str):
    """Unpickle only after the SHA-256 and the HMAC (current or fallback SECRET_KEY) match."""
    import joblib

    payload = bytes(payload)
    if not hmac.compare_digest(digest(payload), sha256):
        raise UntrustedModel("sha256 mismatch")
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if not any(hmac.compare_digest(signature(payload, s), mac) for s in secrets):
        raise UntrustedModel("hmac mismatch")
    return joblib.load(io.BytesIO(payload))


def _cache_key(key: str) -> str:
    return f"classifier:active:{key}"


def active_id(key: str) -> int | None:
    """The pk of the active version: one cache read, or one indexed query every 30 s."""
    from .models import ClassifierModel

    cached = cache.get(_cache_key(key))
    if cached is not None:
        return cached or None
    pk = ClassifierModel.objects.filter(key=key, is_active=True).values_list("pk", flat=True).first()
    cache.set(_cache_key(key), pk or 0, ACTIVE_CACHE_TTL)
    return pk


def forget(key: str) -> None:
    """Called after a new version is activated (on commit)."""
    cache.delete(_cache_key(key))
    with _lock:
        _loaded.pop(key, None)


def active_pipeline(key: str):
    """(ClassifierModel without payload, pipeline) of the active version, or (None, None).
    The pipeline is loaded once per process and kept until another version is active."""
    from .models import ClassifierModel

    pk = active_id(key)
    if pk is None:
        return None, None
    with _lock:
        hit = _loaded.get(key)
    if hit is not None and hit[0] == pk:
        return hit[2], hit[1]
    row = ClassifierModel.objects.filter(pk=pk).first()
    if row is None:
        forget(key)
        return None, None
    pipeline = loads(row.payload, sha256=row.payload_sha256, mac=row.payload_hmac)
    row.payload = b""  # the bytes are not needed any more
    with _lock:
        _loaded[key] = (pk, pipeline, row)
    return row, pipeline
