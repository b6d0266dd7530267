"""Forms of the user screens of an admin pemda. The rules themselves live in renstra.services (one message each)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from sakip import batas
from sakip.batas import BidangTeks

from .models import Keanggotaan, Pemda, PerangkatDaerah, UnitKerja

KATA_SANDI_BEDA = _("Kedua kata sandi tidak sama.")
PILIH_PD_DULU = _("— pilih perangkat daerah terlebih dahulu —")
PILIH_UNIT = _("— pilih unit kerja (khusus operator) —")


def pilihan_unit(pd: PerangkatDaerah | None) -> list[tuple[str, str]]:
    """The options of the unit select: the units of the chosen PD only."""
    if pd is None:
        return [("", PILIH_PD_DULU)]
    units = UnitKerja.objects.filter(pd=pd).order_by("urutan", "kode").values_list("pk", "nama")
    return [("", PILIH_UNIT), *((str(pk), nama) for pk, nama in units)]


class KeanggotaanForm(forms.Form):
    """Role, PD and unit within one pemda. The unit select lists the chosen PD's units (refreshed by htmx)."""

    peran = forms.ChoiceField(label=_("Peran"), choices=Keanggotaan.Peran.choices)
    pd = forms.ModelChoiceField(
        label=_("Perangkat daerah"),
        queryset=PerangkatDaerah.objects.none(),
        required=False,
        empty_label=_("— seluruh pemda (reviewer, admin pemda) —"),
        help_text=_("Operator, perencana dan pimpinan bekerja pada satu perangkat daerah."),
    )
    unit_kerja = forms.ModelChoiceField(
        label=_("Unit kerja"),
        queryset=UnitKerja.objects.none(),
        required=False,
        help_text=_("Hanya untuk operator: unit kerja yang isiannya ia kerjakan."),
    )

    def __init__(self, *args, pemda: Pemda, url_unit: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pemda = pemda
        self.fields["pd"].queryset = PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama")
        # Any unit of the pemda is accepted here; whether it belongs to the chosen PD is the service's rule.
        self.fields["unit_kerja"].queryset = UnitKerja.objects.filter(pd__pemda=pemda)
        self.fields["pd"].widget.attrs.update(
            {"hx-get": url_unit, "hx-target": "#id_unit_kerja", "hx-trigger": "change", "hx-include": "this"}
        )
        self.fields["unit_kerja"].widget.choices = pilihan_unit(self._pd_terpilih())

    def _pd_terpilih(self) -> PerangkatDaerah | None:
        nilai = self.data.get(self.add_prefix("pd")) if self.is_bound else self.initial.get("pd")
        if isinstance(nilai, PerangkatDaerah):
            return nilai if nilai.pemda_id == self.pemda.pk else None
        if not str(nilai or "").isdigit():
            return None
        return self.fields["pd"].queryset.filter(pk=int(nilai)).first()


class PenggunaForm(KeanggotaanForm):
    """A new account with its first role."""

    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Dipakai untuk masuk; huruf, angka dan @ . + - _ saja."),
    )
    nama_depan = forms.CharField(label=_("Nama depan"), max_length=150)
    nama_belakang = forms.CharField(label=_("Nama belakang"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False, max_length=254)
    password = BidangTeks(
        label=_("Kata sandi"),
        max_length=batas.KATA_SANDI,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Minimal 8 karakter, tidak seluruhnya angka, bukan kata sandi yang umum dan tidak mirip dengan nama "
            "pengguna."
        ),
    )
    password_ulang = BidangTeks(
        label=_("Ulangi kata sandi"),
        max_length=batas.KATA_SANDI,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = [
        "username",
        "nama_depan",
        "nama_belakang",
        "email",
        "password",
        "password_ulang",
        "peran",
        "pd",
        "unit_kerja",
    ]

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_ulang") and data["password"] != data["password_ulang"]:
            self.add_error("password_ulang", KATA_SANDI_BEDA)
        return data
