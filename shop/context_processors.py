from .cart import Cart


def cart(request):
    """`cart_count` for the header: read from the session, never from the database."""
    if not hasattr(request, "session"):
        return {"cart_count": 0}
    return {"cart_count": Cart(request.session).count}
