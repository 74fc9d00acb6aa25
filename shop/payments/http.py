"""One small JSON-over-HTTP client for the providers we call directly (Khalti, eSewa).

Every call has a timeout (`PAYMENT_TIMEOUT`). A provider that is slow, unreachable or failing
on its side (5xx) raises `ProviderUnavailable`, one error the caller turns into "try again or
pay on delivery". Any other answer, 4xx included, is returned: some providers put a result
in a 400 (Khalti's expired or cancelled payments).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings

from .base import ProviderUnavailable


@dataclass(frozen=True)
class JsonAnswer:
    status_code: int
    data: Any

    @property
    def ok(self) -> bool:
        return 200 <= self.status_code < 300


def call_json(
    method: str,
    url: str,
    *,
    provider: str,
    headers: dict[str, str] | None = None,
    json: dict | None = None,
    params: dict | None = None,
) -> JsonAnswer:
    """Call `url` and decode its JSON answer; raise `ProviderUnavailable` when `provider`
    cannot give one (timeout, connection error, 5xx, or a body that is not JSON)."""
    try:
        response = requests.request(
            method,
            url,
            headers={"Accept": "application/json", **(headers or {})},
            json=json,
            params=params,
            timeout=settings.PAYMENT_TIMEOUT,
        )
    except requests.Timeout as error:
        raise ProviderUnavailable(f"{provider} did not answer in time.") from error
    except requests.RequestException as error:
        raise ProviderUnavailable(f"{provider} could not be reached.") from error
    if response.status_code >= 500:
        raise ProviderUnavailable(f"{provider} failed on its side (HTTP {response.status_code}).")
    try:
        data = response.json()
    except ValueError as error:
        raise ProviderUnavailable(f"{provider} sent an answer that is not JSON.") from error
    return JsonAnswer(response.status_code, data)
