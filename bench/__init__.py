"""City-scale data generator and load/latency benchmarks (run with the project venv)."""
