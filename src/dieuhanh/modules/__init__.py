"""One Django app per application; each declares itself in module.py."""
