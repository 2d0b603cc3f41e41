"""Điều Hành: one destination for the work of a city's elected bodies."""

__version__ = "0.1.0"
