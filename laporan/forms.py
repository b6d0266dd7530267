"""Forms of the report: the narrative editor (identity, images, narrative texts) and the review notes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renstra.models import Pejabat, PerangkatDaerah
from sakip import batas, unggahan
from sakip.batas import BidangTeks

from .konteks import nama_pejabat
from .services_reviu import JAWABAN_KOSONG, BagianNarasi, Jangkar

UKURAN_GAMBAR_MAKS = 2 * 1024 * 1024
GAMBAR_TERLALU_BESAR = _("Gambar lebih dari 2 MB.")
JENIS_GAMBAR_DITOLAK = _("Jenis berkas tidak diterima: unggah gambar PNG atau JPEG.")
UNGGAH_ATAU_HAPUS = _("Pilih salah satu: unggah gambar baru atau hapus gambar yang ada.")
FORMULIR_TIDAK_LENGKAP = _("Formulir ini tidak lengkap: muat ulang halaman lalu isi kembali.")
FORMAT_TANGGAL = _("Tulis tanggal sebagai hh/bb/tttt, misalnya 28/02/2025.")

#: The image types the report accepts: by content and extension, then decoded (sakip.unggahan).
GAMBAR_DITERIMA = (unggahan.PNG, unggahan.JPEG)


def cek_gambar(berkas) -> str:
    """Refuse an image over 2 MB, of another type than PNG/JPEG (by its first bytes and extension), or that does not
    decode as that type (a PNG header followed by SVG, a cut-off JPEG); returns the content type."""
    return unggahan.cek_unggahan(
        berkas,
        diterima=GAMBAR_DITERIMA,
        ukuran_maks=UKURAN_GAMBAR_MAKS,
        terlalu_besar=GAMBAR_TERLALU_BESAR,
        jenis_ditolak=JENIS_GAMBAR_DITOLAK,
    )


class PejabatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Pejabat) -> str:
        return f"{nama_pejabat(obj)} — {obj.jabatan}"


class NarasiForm(forms.Form):
    """Identity, images and one textarea per narrative key (field name = the key)."""

    sidik = forms.CharField(widget=forms.HiddenInput, error_messages={"required": FORMULIR_TIDAK_LENGKAP})
    tempat = forms.CharField(label=_("Tempat"), max_length=100, required=False)
    tanggal = forms.DateField(
        label=_("Tanggal laporan"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "hh/bb/tttt", "inputmode": "numeric"}),
        help_text=_("Tanggal di bawah kata pengantar dan penutup, misalnya 28/02/2025."),
        error_messages={"invalid": FORMAT_TANGGAL},
    )
    penandatangan = PejabatChoiceField(
        label=_("Penandatangan"),
        queryset=Pejabat.objects.none(),
        required=False,
        empty_label=_("— pihak pertama perjanjian kinerja terakhir —"),
    )
    logo = forms.FileField(label=_("Logo sampul"), required=False, help_text=_("PNG atau JPEG, paling besar 2 MB."))
    hapus_logo = forms.BooleanField(label=_("Hapus logo"), required=False)
    bagan_organisasi = forms.FileField(
        label=_("Bagan struktur organisasi"), required=False, help_text=_("PNG atau JPEG, paling besar 2 MB.")
    )
    hapus_bagan_organisasi = forms.BooleanField(label=_("Hapus bagan"), required=False)

    def __init__(self, *args, pd: PerangkatDaerah, bagian: list[BagianNarasi], **kwargs):
        super().__init__(*args, **kwargs)
        self.bagian = bagian
        self.fields["penandatangan"].queryset = Pejabat.objects.filter(pd=pd).order_by("urutan", "pk")
        self.fields["tempat"].widget.attrs["placeholder"] = pd.tempat
        self.fields["tempat"].help_text = _(
            "Kosongkan untuk memakai tempat kedudukan perangkat daerah (%(tempat)s)."
        ) % {"tempat": pd.tempat or "—"}
        for b in bagian:
            self.fields[b.kunci] = BidangTeks(
                label=b.label,
                max_length=batas.NARASI,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6, "class": "narasi-teks"}),
            )

    def _gambar(self, field: str):
        berkas = self.cleaned_data.get(field)
        if berkas:
            cek_gambar(berkas)
        return berkas

    def clean_logo(self):
        return self._gambar("logo")

    def clean_bagan_organisasi(self):
        return self._gambar("bagan_organisasi")

    def clean(self):
        data = super().clean()
        for field in ("logo", "bagan_organisasi"):
            if data.get(field) and data.get(f"hapus_{field}"):
                self.add_error(f"hapus_{field}", UNGGAH_ATAU_HAPUS)
        return data

    def field_identitas(self):
        return [self[f] for f in ("tempat", "tanggal", "penandatangan")]

    def narasi(self) -> dict[str, str]:
        return {b.kunci: self.cleaned_data.get(b.kunci) or "" for b in self.bagian}


class CatatanForm(forms.Form):
    """A review note on one anchor of the report; ``sidik`` is the data hash of the page that was read."""

    bagian = forms.ChoiceField(label=_("Bagian laporan"))
    teks = BidangTeks(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=batas.CATATAN_REVIU)
    sidik = forms.CharField(widget=forms.HiddenInput, error_messages={"required": FORMULIR_TIDAK_LENGKAP})

    def __init__(self, *args, jangkar: list[Jangkar] | None, **kwargs):
        """``jangkar`` None: the anchor is checked by the service against the report (no need to build it twice)."""
        super().__init__(*args, **kwargs)
        if jangkar is None:
            self.fields["bagian"] = forms.CharField(label=_("Bagian laporan"), max_length=80)
            return
        kelompok = {"bagian": _("Bab dan bagian"), "tabel": _("Tabel"), "grafik": _("Grafik")}
        pilihan = [
            (str(judul), [(j.id, j.judul) for j in jangkar if j.jenis == jenis])
            for jenis, judul in kelompok.items()
            if any(j.jenis == jenis for j in jangkar)
        ]
        self.fields["bagian"].choices = [("", _("— pilih bab, bagian, tabel atau grafik —")), *pilihan]


class JawabanForm(forms.Form):
    jawaban = BidangTeks(
        label=_("Jawaban perencana"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=batas.CATATAN_REVIU,
        error_messages={"required": JAWABAN_KOSONG},
    )
