"""Template context for every page."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _admin_pemda(user) -> bool:
    from renstra.akses import cakupan

    c = cakupan(user)
    return c.semua or bool(c.pemda_admin)


def peran(request: HttpRequest) -> dict:
    """``is_admin_pemda``: whether the navigation shows the user screens (asked only when a template reads it)."""
    user = getattr(request, "user", None)
    return {"is_admin_pemda": SimpleLazyObject(lambda: _admin_pemda(user))}
