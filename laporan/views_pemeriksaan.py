"""(being written)"""

from django.http import Http404


def pemeriksaan(request, **kwargs):
    raise Http404
