"""Forms of the Excel imports: the upload (checked by size, name and content) and one pagu line of a DPA workbook."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.forms import BERKAS_TERLALU_BESAR, UKURAN_MAKS, AngkaField
from sakip import unggahan

from .models import VersiAnggaran

HANYA_XLSX = _("Unggah buku kerja Excel berekstensi .xlsx (templat yang diunduh dari SAKIP).")
XLSM_DITOLAK = _("Buku kerja bermakro (.xlsm) tidak diterima; simpan sebagai .xlsx tanpa makro.")
BUKAN_XLSX = _("Isi berkas ini bukan buku kerja Excel (.xlsx).")
RUPIAH_DUA_DESIMAL = _("Rupiah paling banyak dua desimal.")
RUPIAH_TERLALU_BESAR = _("Jumlah terlalu besar.")

#: Digits before the decimal point that a money column (18, 2) holds.
DIGIT_RUPIAH = 16


def cek_berkas_impor(berkas) -> None:
    """Refuse an upload over 10 MB, a name other than .xlsx (.xlsm named apart), content that is no zip package, or
    a package that does not open as a workbook (sakip.unggahan: the zip's sizes, no macros, openpyxl read-only)."""
    if berkas.size > UKURAN_MAKS:
        raise forms.ValidationError(BERKAS_TERLALU_BESAR)
    nama = berkas.name.lower()
    if nama.endswith(".xlsm"):
        raise forms.ValidationError(XLSM_DITOLAK)
    if not nama.endswith(".xlsx"):
        raise forms.ValidationError(HANYA_XLSX)
    if unggahan.jenis_berkas(berkas, (unggahan.XLSX,)) is None:
        raise forms.ValidationError(BUKAN_XLSX)
    unggahan.buka(berkas, unggahan.XLSX)


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas Excel (.xlsx)"),
        help_text=_("Templat yang diunduh dari halaman ini dan sudah diisi; paling besar 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        cek_berkas_impor(berkas)
        return berkas


class ImporDPAForm(ImporForm):
    versi = forms.ChoiceField(label=_("Versi DPA"), choices=VersiAnggaran.Versi.choices)

    field_order = ["versi", "berkas"]


class PaguForm(forms.Form):
    """One line of a DPA workbook: a sub kegiatan, an account and its pagu (a number, not below 0, whole cents)."""

    sub_kegiatan = forms.CharField(label=_("Kode sub kegiatan"), max_length=40)
    rekening = forms.CharField(label=_("Kode rekening"), max_length=40)
    jumlah = AngkaField(label=_("Pagu (Rp)"), desimal=0, min_value=Decimal("0"))

    def clean_jumlah(self):
        return self.cek_jumlah(self.cleaned_data["jumlah"])

    @classmethod
    def periksa(cls, data: dict) -> tuple[dict, dict[str, list[str]]]:
        """(cleaned_data, errors) as a bound form's is_valid() gives them, without building a form per line: a DPA
        workbook has 20,000 of them, and a form instance copies its fields. Each field's clean(), then the rule of
        clean_jumlah."""
        bersih: dict = {}
        galat: dict[str, list[str]] = {}
        for nama, field in cls.base_fields.items():
            try:
                bersih[nama] = field.clean(data.get(nama))
            except forms.ValidationError as e:
                galat[nama] = e.messages
        if "jumlah" in bersih:
            try:
                bersih["jumlah"] = cls.cek_jumlah(bersih["jumlah"])
            except forms.ValidationError as e:
                galat["jumlah"] = e.messages
                del bersih["jumlah"]
        return bersih, galat

    @staticmethod
    def cek_jumlah(jumlah: Decimal) -> Decimal:
        if jumlah != jumlah.quantize(Decimal("0.01")):
            raise forms.ValidationError(RUPIAH_DUA_DESIMAL)
        if jumlah >= Decimal(10) ** DIGIT_RUPIAH:
            raise forms.ValidationError(RUPIAH_TERLALU_BESAR)
        return jumlah
