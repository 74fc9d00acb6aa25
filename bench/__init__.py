"""`make bench` (`python -m bench`): performance measurements of the shop on a production-like
stack.

Modules, each importing only those listed before it: `processes` (run, measure and stop
commands, read /proc), `load` (wrk against loopback), `report` (format and save the results),
`services` (PostgreSQL through the tests' `testing.postgres.Cluster`, Redis, gunicorn), `stack`
(one run's options, services and Django environment), `pages` (demo data, shopper pages, worker
memory, queries per page), `runner` (runs scenarios, writes the report), `buyers` (the checkout's
buyer threads), `khalti` (a fake Khalti in this process and a gunicorn that pays through it),
`search` and `checkout` (their scenarios, and entry points `python -m bench.search` /
`python -m bench.checkout`), and `__main__` (every scenario). `probe` runs inside Django in a
subprocess.
"""
