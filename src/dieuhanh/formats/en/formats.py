# English screens keep Vietnamese dates (dd/mm/yyyy) and differ only in number separators.
from dieuhanh.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
