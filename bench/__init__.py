"""Benchmarks at province and national scale: `python -m bench` (see docs/performance.md)."""
