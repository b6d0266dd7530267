"""Forms of the quarterly entry. Numbers are typed the Indonesian way and read strictly (sakip.angka.parse_angka)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip import batas, unggahan
from sakip.angka import desimal_tersimpan, format_angka, parse_angka
from sakip.batas import BidangTeks

from .models import RealisasiKinerja

UKURAN_MAKS = 10 * 1024 * 1024
BERKAS_TERLALU_BESAR = _("Berkas lebih dari 10 MB.")
JENIS_BERKAS_DITOLAK = _("Jenis berkas tidak diterima: unggah PDF, gambar (PNG/JPEG) atau buku kerja Excel (.xlsx).")

#: Evidence types: by their first bytes and extension, then opened as that (sakip.unggahan).
JENIS_BUKTI = (unggahan.PDF, unggahan.PNG, unggahan.JPEG, unggahan.XLSX)


class AngkaInput(forms.TextInput):
    """A text input for Indonesian numbers (a type=number input cannot hold 1.500,25)."""

    def __init__(self, attrs=None, desimal: int = 2):
        super().__init__({"inputmode": "decimal", "class": "angka", "autocomplete": "off", **(attrs or {})})
        self.desimal = desimal

    def format_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_angka(value, max(self.desimal, desimal_tersimpan(value)))
        return super().format_value(value)


class AngkaField(forms.Field):
    """Reads "1.250.000" or "97,5"; refuses an ambiguous "12.50" with the reading it would have taken."""

    widget = AngkaInput

    def __init__(self, *, desimal: int = 2, min_value: Decimal | None = None, **kwargs):
        self.desimal = desimal
        self.min_value = min_value
        super().__init__(**kwargs)
        self.widget.desimal = desimal

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            angka = Decimal(value)  # a number from a workbook cell: no text to read, the same bounds
        else:
            try:
                angka = parse_angka(str(value))
            except ValueError as e:
                raise forms.ValidationError(str(e), code="angka") from e
        if self.min_value is not None and angka < self.min_value:
            raise forms.ValidationError(
                _("Tidak boleh kurang dari %(min)s.") % {"min": format_angka(self.min_value, self.desimal)}
            )
        return angka


class VersiForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class RealisasiKinerjaForm(VersiForm):
    nilai = AngkaField(label=_("Realisasi"), required=False)
    label = forms.CharField(label=_("Keterangan nilai"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), choices=RealisasiKinerja.Status.choices, initial="final")
    catatan = BidangTeks(
        label=_("Catatan"), max_length=batas.CATATAN, required=False, widget=forms.Textarea(attrs={"rows": 1})
    )
    hambatan = BidangTeks(
        label=_("Hambatan"), max_length=batas.CATATAN, required=False, widget=forms.Textarea(attrs={"rows": 1})
    )
    solusi = BidangTeks(
        label=_("Solusi"), max_length=batas.CATATAN, required=False, widget=forms.Textarea(attrs={"rows": 1})
    )

    def __init__(self, *args, satuan: str = "", desimal: int = 2, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nilai"].desimal = desimal
        self.fields["nilai"].widget.desimal = desimal
        self.satuan = satuan

    def clean(self):
        data = super().clean()
        nilai = data.get("nilai")
        if nilai is not None and self.satuan.strip().lower() in ("persen", "%") and not (0 <= nilai <= 100):
            self.add_error("nilai", _("Satuan indikator ini Persen: isi 0 sampai 100."))
        if nilai is not None and nilai < 0:
            self.add_error("nilai", _("Realisasi tidak boleh negatif."))
        return data


class RealisasiAnggaranForm(VersiForm):
    jumlah = AngkaField(label=_("Realisasi triwulan ini (Rp)"), desimal=0, min_value=Decimal("0"))

    def clean_jumlah(self):
        jumlah = self.cleaned_data["jumlah"]
        if jumlah is not None and jumlah != jumlah.quantize(Decimal("0.01")):
            raise forms.ValidationError(_("Rupiah paling banyak dua desimal."))
        return jumlah


class RealisasiFisikForm(VersiForm):
    persen = AngkaField(label=_("Fisik kumulatif (%)"), min_value=Decimal("0"))


class AlasanForm(forms.Form):
    alasan = BidangTeks(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=batas.ALASAN)


def cek_berkas_bukti(berkas) -> str:
    """Refuse evidence over 10 MB, of another type than PDF, PNG/JPEG or .xlsx (by content and extension), or that
    does not open as that type (sakip.unggahan); returns the content type."""
    return unggahan.cek_unggahan(
        berkas,
        diterima=JENIS_BUKTI,
        ukuran_maks=UKURAN_MAKS,
        terlalu_besar=BERKAS_TERLALU_BESAR,
        jenis_ditolak=JENIS_BERKAS_DITOLAK,
    )


class BuktiForm(forms.Form):
    berkas = forms.FileField(label=_("Bukti dukung"))

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        berkas.jenis_konten = cek_berkas_bukti(berkas)
        return berkas
