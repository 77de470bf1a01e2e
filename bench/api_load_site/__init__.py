"""Bench-only settings and URLs for bench/api_load.py: the platform plus a minimal peer endpoint. Never shipped."""
