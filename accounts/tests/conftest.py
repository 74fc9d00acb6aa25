from shop.tests.admin_fixtures import PASSWORD, make_order, make_user, shopper  # noqa: F401
