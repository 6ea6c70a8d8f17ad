"""Benchmarks (`make bench`): matcher quality and speed, end-to-end throughput, broadcasts."""
