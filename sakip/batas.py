"""The longest free text each field accepts, defined once for models, forms, workbook imports and the bundle.

A text without a bound lets one person make a page, every history row and every report weigh megabytes. The
limits follow what real LKjIP and Renstra documents hold, with room to spare: a whole chapter section of an LKjIP
is a few thousand characters (the longest of the Paser 2024 report, the ikhtisar, has 2,499), a quarter row's note a
few hundred, a visi one sentence. Models declare their long texts as :class:`TeksField`, which gives ``full_clean()``
and every form built from the model the same refusal; forms that are not built from a model use :class:`BidangTeks`
with the same constant. The message names the limit, written the Indonesian way (``50.000``).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from sakip.angka import format_angka

# --- the limits (characters) ------------------------------------------------------------------------------

#: The visi of a Renstra: one or two sentences.
VISI = 2_000
#: Uraian of a misi, tujuan, sasaran or indicator.
URAIAN = 1_000
#: Definisi operasional of an indicator.
DEFINISI = 4_000
#: Formula of an indicator.
FORMULA = 2_000
#: Sumber data of an indicator.
SUMBER_DATA = 1_000
#: Catatan, hambatan and solusi of one quarter row.
CATATAN = 4_000
#: Why a row was sent back, or a locked quarter reopened.
ALASAN = 2_000
#: A recommendation of the AKIP evaluation, its action plan and its follow-up.
REKOMENDASI = 4_000
#: One narrative section of the report (a chapter part): about fifteen printed pages.
NARASI = 50_000
#: A reviewer's note on a part of the report, and the planner's answer.
CATATAN_REVIU = 5_000
#: A password typed in the user screens (hashing megabytes costs the server, not the guesser).
KATA_SANDI = 128

TERLALU_PANJANG = _("Paling banyak %(maks)s karakter; teks ini %(panjang)s karakter.")


def pesan_terlalu_panjang(maks: int, panjang: int) -> str:
    """The refusal of a text longer than ``maks``, as the forms, the workbook import and the bundle show it."""
    return str(TERLALU_PANJANG % {"maks": format_angka(maks, 0), "panjang": format_angka(panjang, 0)})


@deconstructible
class BatasTeks(MaxLengthValidator):
    """Django's MaxLengthValidator with the limit and the length written the Indonesian way."""

    message = TERLALU_PANJANG

    def __call__(self, value) -> None:
        panjang = self.clean(value)
        if self.compare(panjang, self.limit_value):
            raise ValidationError(
                self.message,
                code=self.code,
                params={"maks": format_angka(self.limit_value, 0), "panjang": format_angka(panjang, 0)},
            )


class BidangTeks(forms.CharField):
    """A form text field bounded by ``max_length`` (also given to the widget as ``maxlength``) with our message."""

    def __init__(self, *, max_length: int, **kwargs) -> None:
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]
        self.validators.append(BatasTeks(max_length))


class TeksField(models.TextField):
    """A TextField whose ``max_length`` is enforced by ``full_clean()`` and by the forms built from the model.

    Django's TextField passes ``max_length`` to the form's widget only; the database keeps an unbounded text column.
    """

    def __init__(self, *args, max_length: int, **kwargs) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)

    @property
    def validators(self):
        return [*super().validators, BatasTeks(self.max_length)]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": BidangTeks, **kwargs})


#: The history's change reason is a varchar(100) (simple-history); the whole reason stays on the row itself.
ALASAN_RIWAYAT = 100


def alasan_riwayat(teks: str) -> str:
    """A reason cut to fit the history's change reason column, marked with an ellipsis when cut."""
    return teks if len(teks) <= ALASAN_RIWAYAT else teks[: ALASAN_RIWAYAT - 1] + "…"
