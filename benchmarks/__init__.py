"""Performance figures of the product: ``uv run python -m benchmarks [--only NAME ...]``."""
