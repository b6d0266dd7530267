"""Logins (django-axes): the client's address behind a trusted proxy, and a limit per account that spreading the
guesses over many addresses does not escape.

Axes counts failures per username and address (``AXES_LOCKOUT_PARAMETERS``): a whole office shares one NAT address,
so the address alone would lock everyone out, and the pair alone leaves guesses spread over many addresses unlimited.
:class:`PenanganMasuk` therefore adds a second, higher limit per account over every address
(``SAKIP_BATAS_GAGAL_AKUN`` failures within ``AXES_COOLOFF_TIME``). Anyone can reach that limit for any account, so it
does not apply at an address the account has signed in from successfully within ``SAKIP_ALAMAT_DIKENAL``: guesses from
elsewhere lock the account for everyone else, not for its owner at the office, who is still held to the five failures
per address.
"""

from __future__ import annotations

import ipaddress
import logging
from datetime import datetime

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def alamat_klien(request: HttpRequest) -> str | None:
    """The client's address (``AXES_CLIENT_IP_CALLABLE``).

    Directly on the internet (``TRUSTED_PROXY_COUNT = 0``) it is ``REMOTE_ADDR``, and ``X-Forwarded-For`` is ignored:
    anyone can write it. Behind ``n`` trusted proxies, each of which appends the address it was reached from, the
    client is the ``n``-th address from the right of ``X-Forwarded-For``; what stands left of it was written by the
    client and is not believed. A header shorter than that or not an address falls back to ``REMOTE_ADDR``."""
    langsung = request.META.get("REMOTE_ADDR")
    jumlah = settings.TRUSTED_PROXY_COUNT
    if jumlah <= 0:
        return langsung
    alamat = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(alamat) < jumlah:
        logger.warning("X-Forwarded-For has %d addresses behind %d trusted proxies", len(alamat), jumlah)
        return langsung
    try:
        return str(ipaddress.ip_address(alamat[-jumlah]))
    except ValueError:
        logger.warning("X-Forwarded-For does not hold an address: %.100s", alamat[-jumlah])
        return langsung


def alamat_dikenal(username: str, alamat: str | None, *, sejak: datetime) -> bool:
    """Whether ``username`` signed in successfully from ``alamat`` since ``sejak`` (axes' access log)."""
    return (
        bool(alamat)
        and AccessLog.objects.filter(username=username, ip_address=alamat, attempt_time__gte=sejak).exists()
    )


class PenanganMasuk(AxesDatabaseHandler):
    """Axes' database handler with the per-account limit described in the module's docstring."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        gagal = super().get_failures(request, credentials)  # per username and address
        batas = get_failure_limit(request, credentials)
        username = get_client_username(request, credentials)
        if gagal >= batas or not username:
            return gagal
        sejak = request.axes_attempt_time - settings.SAKIP_ALAMAT_DIKENAL
        if alamat_dikenal(username, request.axes_ip_address, sejak=sejak):
            return gagal
        per_akun = (
            AccessAttempt.objects.filter(
                username=username, attempt_time__gte=get_cool_off_threshold(request)
            ).aggregate(n=Sum("failures_since_start"))["n"]
            or 0
        )
        if per_akun >= settings.SAKIP_BATAS_GAGAL_AKUN:
            return batas  # counted as locked, like the pair that reached its limit
        return gagal
