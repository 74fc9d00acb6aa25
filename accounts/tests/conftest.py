# ruff: noqa: F401, F811 -- fixtures are imported by name, then requested as arguments
from shop.tests.helpers import PASSWORD, make_order, make_user, shopper
