"""The shell every module plugs into. It imports no module."""
