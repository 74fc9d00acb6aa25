"""`make bench`: performance measurements of the shop on a production-like stack.

`bench/run.py` is the entry point; `services` starts the throwaway PostgreSQL, Redis and
gunicorn processes, `load` drives wrk against loopback, `probe` runs inside Django to find real
page URLs and count queries, and `report` formats and saves the results. Each measurement is a
scenario function in `run.py`, so new ones (checkout, search) slot in beside the others.
"""
