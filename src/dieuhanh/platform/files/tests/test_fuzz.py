"""Whatever bytes arrive, the checks answer a file or a UserError — never another exception
(which would be a 500 page)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dieuhanh.platform.files.inspection import Inspected, inspect_bytes
from dieuhanh.platform.ui.errors import UserError

from . import factories as f

SEEDS = {"pdf": f.pdf_bytes(), "docx": f.docx_bytes(), "png": f.png_bytes(), "xlsx": f.xlsx_bytes()}


def check(data: bytes) -> None:
    try:
        result = inspect_bytes(data, name="tep", kinds=("pdf", "docx", "xlsx", "image"))
    except UserError as error:
        assert error.messages and all('"tep"' in m for m in error.messages)
    else:
        assert isinstance(result, Inspected)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(sorted(SEEDS)), cuts=st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=8)),
                                                       min_size=1, max_size=6), truncate=st.integers(0, 10**6))
def test_damaged_copies_of_real_files_never_crash_the_checks(seed, cuts, truncate):
    data = bytearray(SEEDS[seed])
    for position, garbage in cuts:
        position %= len(data)
        data[position:position + len(garbage)] = garbage
    if truncate % 3 == 0:
        data = data[: max(1, truncate % len(data))]
    check(bytes(data))


@pytest.mark.parametrize("data", [b"%PDF-", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"BM", b"RIFF\0\0\0\0WEBP",
                                  b"%PDF-1.7\n%%EOF", b"\xff\xd8\xff" + b"\0" * 100])
def test_bare_magic_bytes_are_refused_cleanly(data):
    with pytest.raises(UserError):
        inspect_bytes(data, name="tep", kinds=("pdf", "docx", "xlsx", "image"))
