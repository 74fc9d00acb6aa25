"""JSON log lines carry the request id; the id is echoed to the client."""

import json
import logging

from django.http import HttpResponse

from store.logging import JsonFormatter, RequestIdMiddleware


def test_a_well_formed_incoming_request_id_is_kept_and_echoed(rf):
    middleware = RequestIdMiddleware(lambda request: HttpResponse("ok"))
    response = middleware(rf.get("/", HTTP_X_REQUEST_ID="abcdef0123456789"))
    assert response["X-Request-ID"] == "abcdef0123456789"


def test_a_forged_request_id_is_replaced(rf):
    middleware = RequestIdMiddleware(lambda request: HttpResponse("ok"))
    response = middleware(rf.get("/", HTTP_X_REQUEST_ID='"><script>'))
    assert response["X-Request-ID"] != '"><script>'
    assert len(response["X-Request-ID"]) == 32


def test_log_lines_made_during_a_request_carry_its_id(rf):
    formatter = JsonFormatter()
    lines = []

    def view(request):
        record = logging.makeLogRecord({"name": "shop", "msg": "placed %s", "args": ("A1",)})
        lines.append(formatter.format(record))
        return HttpResponse("ok")

    RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="req-12345678"))
    entry = json.loads(lines[0])
    assert entry["message"] == "placed A1"
    assert entry["request_id"] == "req-12345678"
