"""Middleware of the project itself."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class TanpaSimpanMiddleware:
    """Every response to a signed-in person carries ``Cache-Control: private, no-store``: pages, evidence, report
    files and workbooks hold a PD's data, and must stay out of shared proxies and of the browser's disk cache (a
    shared office computer, the back button after logging out).

    Static files never reach this middleware (WhiteNoise answers them first), so they stay cacheable. Anonymous
    responses (the login page) are left as they are."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
