"""(being written)"""

from django.http import Http404


def narasi(request, **kwargs):
    raise Http404


def gambar(request, **kwargs):
    raise Http404
