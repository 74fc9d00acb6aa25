"""`python -m bench` (`make bench`): every scenario on one throwaway stack.

    python -m bench                   # 10,000 products, 15 s of load per URL (~15 min)
    python -m bench --quick           # 500 products, 3 s per URL: a smoke run
    python -m bench --products 2000 --duration 10 --cache locmem

Scenarios, in order: the demo data, the shopper pages against the minimal view (bench/pages.py),
search and autocomplete (bench/search.py), checkout paid on delivery and checkout paid with
Khalti against a fake of it (bench/checkout.py), worker memory and queries per page
(bench/pages.py).
"""

import sys

from bench.checkout import (
    checkout_khalti_targets,
    checkout_targets,
    scenario_checkout,
    scenario_checkout_khalti,
)
from bench.pages import (
    data_checks,
    http_checks,
    queries_checks,
    scenario_data,
    scenario_http,
    scenario_queries,
    scenario_worker_memory,
    worker_memory_checks,
)
from bench.runner import Scenario, run
from bench.search import scenario_search, search_checks

SCENARIOS = [
    Scenario("data", scenario_data, data_checks, required=True),
    Scenario("http", scenario_http, http_checks),
    Scenario("search", scenario_search, search_checks),
    Scenario("checkout", scenario_checkout, checkout_targets),
    Scenario("checkout-khalti", scenario_checkout_khalti, checkout_khalti_targets),
    Scenario("worker_memory", scenario_worker_memory, worker_memory_checks),
    Scenario("queries", scenario_queries, queries_checks),
]

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:], SCENARIOS, __doc__.split("\n\n")[0]))
