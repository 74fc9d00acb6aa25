"""Helpers the test suite uses to run against real services (a throwaway PostgreSQL cluster)."""
