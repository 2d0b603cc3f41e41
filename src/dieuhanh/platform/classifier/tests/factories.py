"""Labelled history for the classifier tests, from the demo generator."""

from __future__ import annotations

from functools import cache

from dieuhanh.platform.classifier import demo_history

KEY = "tests.field"


@cache
def history(n: int = 420, seed: int = 1) -> tuple[tuple[str, str], ...]:
    """(text, field) pairs: about 30 per field for the default n."""
    return tuple((e.text, e.field) for e in demo_history.examples(n, seed))


def trained(key: str = KEY, *, n: int = 420, seed: int = 1, by=None):
    from dieuhanh.platform import classifier

    info = classifier.train(key=key, examples=history(n, seed), by=by, min_examples=100)
    assert info.ready, info.message
    return info


# A source a test registers with classifier.register_source(KEY, SOURCE).
SOURCE = "dieuhanh.platform.classifier.tests.factories.registered_history"
_source_rows: list[tuple[str, str]] = []


def registered_history():
    return list(_source_rows or history())


def set_registered_history(rows) -> None:
    _source_rows[:] = list(rows)
