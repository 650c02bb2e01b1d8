"""Fixtures for interventions live in tests/conftest.py, beside the cast."""
