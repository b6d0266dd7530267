"""(being written)"""

from django.http import Http404


def detail(request, **kwargs):
    raise Http404


def buat(request, **kwargs):
    raise Http404


def status(request, **kwargs):
    raise Http404


def unduh(request, **kwargs):
    raise Http404
