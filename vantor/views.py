from django.http import HttpResponse


def healthz(request):
    """Liveness check for load balancers; also the minimal view `make bench` compares against."""
    return HttpResponse("ok", content_type="text/plain")
