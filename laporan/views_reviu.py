"""(being written)"""

from django.http import Http404


def baca(request, **kwargs):
    raise Http404


def catatan_tambah(request, **kwargs):
    raise Http404


def catatan_jawab(request, **kwargs):
    raise Http404


def reviu_selesai(request, **kwargs):
    raise Http404
