"""Pemeriksaan data (SAKIP.md §7): what is still wrong in a PD's year before its LKjIP is generated and reviewed.

:func:`periksa` lists every problem found, each with a sentence naming the thing and a link to the page where it is
fixed: the unit's entry page of a quarter, the PD's quarter page, the narrative editor, or the administration page of
the object. It reads the year once (:func:`laporan.konteks.muat_dasar`, the same figures as the report) plus a fixed
number of queries, whatever the size of the PD.

Categories are not checked: the application computes every category from the number and the scale and offers no
way to override one, so a category can never contradict the scale.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anggaran.models import PaguAnggaran, RealisasiAnggaran
from kinerja import hitung as h
from kinerja.models import KunciTriwulan, PelaporanTriwulan, RealisasiKinerja, Tahap
from kinerja.selectors import label_triwulan
from kinerja.services import rekening_bertumpuk, unit_pelapor
from renstra.models import Indikator, PerangkatDaerah
from sakip.angka import format_nilai, format_persen, format_rupiah

from .konteks import Dasar, muat_dasar
from .models import KUNCI_NARASI
from .narasi import angka_diketik, isian_dipakai
from .services_reviu import KUNCI_SASARAN, nama_bagian

GALAT, PERINGATAN = "galat", "peringatan"

#: Capaian above this (in %) is listed as suspicious.
BATAS_CAPAIAN_WAJAR = Decimal(200)

# The classes of problems (the page groups by them), in the order the page lists them.
J_BELUM_DIAJUKAN = gettext_lazy("Triwulan belum diajukan")
J_BELUM_DIVERIFIKASI = gettext_lazy("Triwulan belum diverifikasi")
J_BELUM_DIKUNCI = gettext_lazy("Triwulan belum dikunci")
J_TANPA_REALISASI = gettext_lazy("Indikator tanpa realisasi")
J_TARGET = gettext_lazy("Target kosong atau nol")
J_SATUAN = gettext_lazy("Target dan realisasi tidak sebanding")
J_PARSIAL = gettext_lazy("Realisasi tahunan belum lengkap")
J_TAHUNAN_GANDA = gettext_lazy("Realisasi tahunan dan triwulanan sekaligus")
J_CAPAIAN_TINGGI = gettext_lazy("Capaian di atas 200%")
J_SUB_TANPA_UNIT = gettext_lazy("Sub kegiatan tanpa unit kerja")
J_PAGU_LUAR = gettext_lazy("Pagu pada sub kegiatan perangkat daerah lain")
J_PAGU_GANDA = gettext_lazy("Pagu terhitung dua kali")
J_REALISASI_TANPA_PAGU = gettext_lazy("Realisasi anggaran tanpa pagu")
J_MELEBIHI_PAGU = gettext_lazy("Realisasi anggaran melebihi pagu")
J_PK_ANGGARAN = gettext_lazy("Anggaran program PK berbeda dengan DPA")
J_ISIAN = gettext_lazy("Isian narasi tidak dikenal")
J_ANGKA_DIKETIK = gettext_lazy("Angka diketik dalam narasi")
J_KUNCI_NARASI = gettext_lazy("Narasi yang tidak dicetak")
J_IDENTITAS = gettext_lazy("Identitas laporan belum lengkap")

# The sentences of the problems (tests assert them exactly).
P_BELUM_DIAJUKAN = gettext_lazy("%(unit)s: %(tw)s tahun %(tahun)s belum diajukan.")
P_BELUM_DIVERIFIKASI = gettext_lazy("%(unit)s: %(tw)s tahun %(tahun)s sudah diajukan tetapi belum diverifikasi.")
P_BELUM_DIKUNCI = gettext_lazy("%(tw)s belum dikunci perencana.")
P_TANPA_REALISASI = gettext_lazy("Indikator %(nama)s belum memiliki realisasi tahun %(tahun)s.")
P_TANPA_REALISASI_TANPA_UNIT = gettext_lazy(
    "Indikator %(nama)s belum memiliki realisasi tahun %(tahun)s dan tidak memiliki unit penanggung jawab, sehingga "
    "tidak muncul di halaman isian unit mana pun."
)
P_TANPA_TARGET = gettext_lazy(
    "Indikator %(nama)s tidak memiliki target tahun %(tahun)s, sehingga capaiannya tidak dapat dihitung."
)
P_TARGET_NOL = gettext_lazy(
    "Target tahun %(tahun)s indikator %(nama)s bernilai 0, sehingga capaiannya tidak dapat dihitung."
)
P_REALISASI_LABEL = gettext_lazy(
    "Target indikator %(nama)s berupa angka (%(target)s) tetapi realisasinya hanya label "
    "(%(realisasi)s), sehingga capaiannya tidak dapat dihitung."
)
P_TARGET_LABEL = gettext_lazy(
    "Target indikator %(nama)s hanya label (%(target)s) tetapi realisasinya berupa angka "
    "(%(realisasi)s), sehingga capaiannya tidak dapat dihitung."
)
P_TAHUNAN_GANDA = gettext_lazy(
    "Indikator %(nama)s memiliki realisasi tahunan dan triwulanan tahun %(tahun)s; yang dipakai angka tahunan."
)
P_PARSIAL = gettext_lazy("Realisasi tahunan indikator %(nama)s dihitung dari triwulan yang belum lengkap.")
P_CAPAIAN_TINGGI = gettext_lazy("Capaian indikator %(nama)s sebesar %(capaian)s; periksa target dan realisasinya.")
P_SUB_TANPA_UNIT = gettext_lazy(
    "Sub kegiatan %(kode)s %(nama)s tidak memiliki unit kerja penanggung jawab, sehingga "
    "realisasinya tidak dapat diisi."
)
P_PAGU_LUAR = gettext_lazy(
    "Pagu %(rek)s sebesar %(jumlah)s pada %(versi)s tercatat untuk sub kegiatan %(sub)s milik "
    "perangkat daerah lain, sehingga tidak terhitung di mana pun."
)
P_PAGU_GANDA = gettext_lazy(
    "Sub kegiatan %(sub)s memiliki pagu pada rekening %(induk)s dan juga pada rinciannya %(kode)s di "
    "%(versi)s, sehingga jumlah per rekening menghitungnya dua kali."
)
P_REALISASI_TANPA_PAGU = gettext_lazy(
    "Sub kegiatan %(sub)s memiliki realisasi %(jumlah)s pada rekening %(rek)s yang tidak memiliki pagu di DPA terakhir."
)
P_MELEBIHI_PAGU_REKENING = gettext_lazy(
    "Realisasi sub kegiatan %(sub)s pada rekening %(rek)s sebesar %(realisasi)s melebihi pagunya %(pagu)s."
)
P_MELEBIHI_PAGU = gettext_lazy("Realisasi sub kegiatan %(sub)s sebesar %(realisasi)s melebihi pagunya %(pagu)s.")
P_PK_TANPA_PROGRAM = gettext_lazy(
    "Program %(kode)s %(nama)s berpagu %(pagu)s di DPA tetapi tidak tercantum dalam anggaran "
    "perjanjian kinerja versi %(versi)s."
)
P_PK_BERBEDA = gettext_lazy(
    "Anggaran program %(kode)s %(nama)s dalam perjanjian kinerja versi %(versi)s sebesar %(pk)s, "
    "sedangkan pagunya di DPA %(pagu)s."
)
P_KUNCI_NARASI = gettext_lazy(
    "Narasi berkunci %(kunci)s tidak termasuk bagian laporan tahun %(tahun)s, sehingga tidak dicetak."
)
P_ISIAN = gettext_lazy("Narasi %(bagian)s memakai isian yang tidak dikenal: %(isian)s.")
P_ANGKA_DIKETIK = gettext_lazy(
    "Narasi %(bagian)s memuat angka yang diketik: %(angka)s. Gunakan isian agar angka selalu sama dengan data."
)
P_IDENTITAS = gettext_lazy("Laporan tahun %(tahun)s belum memiliki %(kurang)s.")

KATEGORI_DIHITUNG = gettext_lazy(
    "Kategori capaian selalu dihitung dari angka capaian dan skala yang dipakai; aplikasi ini tidak menyediakan "
    "cara mengubah kategori secara manual, sehingga tidak ada kategori yang bertentangan dengan skala."
)


@dataclass(frozen=True)
class Masalah:
    jenis: str  # short slug of the class of problem
    judul: str  # the class, in Indonesian
    pesan: str  # a sentence naming the thing
    tautan: str  # where to fix it, or ""
    tingkat: str  # GALAT | PERINGATAN


def _admin(obj_or_model, pk: int) -> str:
    meta = obj_or_model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[pk])


def _daftar(bagian: list[str]) -> str:
    """ "A", "A dan B", "A, B dan C"."""
    if len(bagian) <= 1:
        return "".join(bagian)
    return _("%(awal)s dan %(akhir)s") % {"awal": ", ".join(bagian[:-1]), "akhir": bagian[-1]}


class _Pemeriksa:
    def __init__(self, d: Dasar) -> None:
        self.d = d
        self.masalah: list[Masalah] = []
        self.sub = {s.pk: s for s in d.sub_kegiatan}

    def tambah(self, jenis: str, judul, pesan: str, tautan: str, tingkat: str) -> None:
        self.masalah.append(Masalah(jenis, str(judul), str(pesan), tautan, tingkat))

    # --- links ---

    def entri(self, unit_id: int, triwulan: int = 4) -> str:
        return reverse("kinerja:entri", kwargs={"unit_id": unit_id, "tahun": self.d.tahun, "triwulan": triwulan})

    def narasi(self) -> str:
        return reverse("laporan:narasi", kwargs={"pd_id": self.d.pd.pk, "tahun": self.d.tahun})

    def unit_indikator(self, i: Indikator) -> int | None:
        if i.unit_kerja_id:
            return i.unit_kerja_id
        sub = self.sub.get(i.sub_kegiatan_id) if i.sub_kegiatan_id else None
        return sub.unit_kerja_id if sub else None

    def tautan_indikator(self, i: Indikator, triwulan: int = 4) -> str:
        unit_id = self.unit_indikator(i)
        return self.entri(unit_id, triwulan) if unit_id else _admin(Indikator, i.pk)

    # --- the quarterly workflow ---

    def pelaporan(self) -> None:
        d = self.d
        units = unit_pelapor(d.pd)
        tahap = {
            (u, tw): t
            for u, tw, t in PelaporanTriwulan.objects.filter(unit_kerja__in=units, tahun=d.tahun).values_list(
                "unit_kerja_id", "triwulan", "tahap"
            )
        }
        dikunci = set(
            KunciTriwulan.objects.filter(pd=d.pd, tahun=d.tahun, dikunci=True).values_list("triwulan", flat=True)
        )
        for u in units:
            belum_diajukan, belum_diverifikasi = [], []
            for tw in h.TRIWULAN:
                if tw in dikunci:
                    continue
                t = tahap.get((u.pk, tw), Tahap.DRAF)
                if t in (Tahap.DRAF, Tahap.DIKEMBALIKAN):
                    belum_diajukan.append(tw)
                elif t == Tahap.DIAJUKAN:
                    belum_diverifikasi.append(tw)
            if belum_diajukan:
                self.tambah(
                    "belum_diajukan",
                    J_BELUM_DIAJUKAN,
                    P_BELUM_DIAJUKAN
                    % {"unit": u.nama, "tw": _daftar([label_triwulan(t) for t in belum_diajukan]), "tahun": d.tahun},
                    self.entri(u.pk, belum_diajukan[0]),
                    GALAT,
                )
            if belum_diverifikasi:
                self.tambah(
                    "belum_diverifikasi",
                    J_BELUM_DIVERIFIKASI,
                    P_BELUM_DIVERIFIKASI
                    % {
                        "unit": u.nama,
                        "tw": _daftar([label_triwulan(t) for t in belum_diverifikasi]),
                        "tahun": d.tahun,
                    },
                    self.entri(u.pk, belum_diverifikasi[0]),
                    PERINGATAN,
                )
        for tw in h.TRIWULAN:
            if tw not in dikunci:
                self.tambah(
                    "belum_dikunci",
                    J_BELUM_DIKUNCI,
                    P_BELUM_DIKUNCI % {"tw": label_triwulan(tw, d.tahun)},
                    reverse("kinerja:triwulan", kwargs={"pd_id": d.pd.pk, "tahun": d.tahun, "triwulan": tw}),
                    PERINGATAN,
                )

    # --- indicators ---

    def indikator(self) -> None:
        d = self.d
        realisasi: dict[int, dict[int | None, int]] = defaultdict(dict)  # indikator → {triwulan: pk}
        for pk, ind_id, tw in RealisasiKinerja.objects.filter(indikator__pd=d.pd, tahun=d.tahun).values_list(
            "pk", "indikator_id", "triwulan"
        ):
            realisasi[ind_id][tw] = pk
        target_pk = {t.indikator_id: t.pk for t in d.pk[-1].target.all()} if d.pk else {}
        for hi in d.hasil.indikator:
            i = d.indikator[hi.kode]
            utama = hi.iku or hi.level in ("tujuan", "sasaran")
            tingkat = GALAT if utama else PERINGATAN
            nama = _("%(kode)s %(uraian)s") % {"kode": i.kode, "uraian": i.uraian}
            if hi.realisasi is None:
                tanpa_unit = self.unit_indikator(i) is None
                self.tambah(
                    "tanpa_realisasi",
                    J_TANPA_REALISASI,
                    (P_TANPA_REALISASI_TANPA_UNIT if tanpa_unit else P_TANPA_REALISASI)
                    % {"nama": nama, "tahun": d.tahun},
                    self.tautan_indikator(i),  # no unit: the indicator's admin page, where the unit is set
                    tingkat,
                )
            target = hi.target
            if target is None or (target.nilai == 0 and i.polaritas == h.POSITIF):
                pesan = P_TANPA_TARGET if target is None else P_TARGET_NOL
                if hi.sumber_target == "pk" and i.pk in target_pk:
                    tautan = reverse("admin:kinerja_targetpk_change", args=[target_pk[i.pk]])
                else:
                    tautan = _admin(Indikator, i.pk)
                self.tambah("target", J_TARGET, pesan % {"nama": nama, "tahun": d.tahun}, tautan, tingkat)
            elif hi.realisasi is not None and hi.status != h.BELUM_TERSEDIA:
                if target.nilai is not None and hi.realisasi.nilai is None:
                    self.tambah(
                        "satuan",
                        J_SATUAN,
                        P_REALISASI_LABEL
                        % {"nama": nama, "target": self._nilai(target, i), "realisasi": hi.realisasi.label},
                        self.tautan_indikator(i),
                        tingkat,
                    )
                elif target.nilai is None and hi.realisasi.nilai is not None:
                    self.tambah(
                        "satuan",
                        J_SATUAN,
                        P_TARGET_LABEL
                        % {"nama": nama, "target": target.label, "realisasi": self._nilai(hi.realisasi, i)},
                        _admin(Indikator, i.pk),
                        tingkat,
                    )
            per_tw = realisasi.get(i.pk, {})
            if None in per_tw and len(per_tw) > 1:
                self.tambah(
                    "tahunan_ganda",
                    J_TAHUNAN_GANDA,
                    P_TAHUNAN_GANDA % {"nama": nama, "tahun": d.tahun},
                    reverse("admin:kinerja_realisasikinerja_change", args=[per_tw[None]]),
                    PERINGATAN,
                )
            elif hi.parsial and hi.realisasi is not None:
                self.tambah(
                    "parsial",
                    J_PARSIAL,
                    P_PARSIAL % {"nama": nama},
                    self.tautan_indikator(i, next((t for t in h.TRIWULAN if t not in per_tw), 4)),
                    PERINGATAN,
                )
            if hi.capaian is not None and hi.capaian > BATAS_CAPAIAN_WAJAR:
                self.tambah(
                    "capaian_tinggi",
                    J_CAPAIAN_TINGGI,
                    P_CAPAIAN_TINGGI % {"nama": nama, "capaian": format_persen(hi.capaian)},
                    self.tautan_indikator(i),
                    PERINGATAN,
                )

    def _nilai(self, n, i: Indikator) -> str:
        return format_nilai(n.nilai, n.label, i.desimal)

    # --- money ---

    def anggaran(self) -> None:
        d = self.d
        for s in d.sub_kegiatan:
            if s.unit_kerja_id is None:
                self.tambah(
                    "sub_tanpa_unit",
                    J_SUB_TANPA_UNIT,
                    P_SUB_TANPA_UNIT % {"kode": s.kode, "nama": s.nama},
                    _admin(s, s.pk),
                    GALAT,
                )
        baris = list(
            PaguAnggaran.objects.filter(versi__pd=d.pd, versi__tahun=d.tahun)
            .annotate(pd_sub=F("sub_kegiatan__kegiatan__program__pd_id"))
            .values_list(
                "pk", "versi__versi", "sub_kegiatan_id", "sub_kegiatan__kode", "rekening__kode", "jumlah", "pd_sub"
            )
        )
        versi_akhir = "perubahan" if any(b[1] == "perubahan" for b in baris) else "murni"
        label_versi = {"murni": _("DPA murni"), "perubahan": _("DPA perubahan")}
        per_sub: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
        pagu: dict[tuple[int, str], Decimal] = {}
        for pk, versi, sub_id, sub_kode, rek, jumlah, pd_sub in baris:
            if pd_sub != d.pd.pk:
                self.tambah(
                    "pagu_luar",
                    J_PAGU_LUAR,
                    P_PAGU_LUAR
                    % {"rek": rek, "jumlah": format_rupiah(jumlah), "versi": label_versi[versi], "sub": sub_kode},
                    _admin(PaguAnggaran, pk),
                    GALAT,
                )
                continue
            per_sub[(versi, sub_id)].append((rek, pk))
            if versi == versi_akhir:
                pagu[(sub_id, rek)] = jumlah
        for (versi, sub_id), rekening in per_sub.items():
            pk_per_kode = dict(rekening)  # one line per account, version and sub kegiatan (a database constraint)
            for induk, kode in rekening_bertumpuk(pk_per_kode):
                pk = pk_per_kode[kode]
                self.tambah(
                    "pagu_ganda",
                    J_PAGU_GANDA,
                    P_PAGU_GANDA
                    % {"sub": self.sub[sub_id].kode, "induk": induk, "kode": kode, "versi": label_versi[versi]},
                    _admin(PaguAnggaran, pk),
                    GALAT,
                )

        realisasi: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
        triwulan_akhir: dict[int, int] = {}
        tanpa_pagu: dict[tuple[int, str], int] = {}
        for pk, sub_id, rek, tw, jumlah in RealisasiAnggaran.objects.filter(
            sub_kegiatan__kegiatan__program__pd=d.pd, tahun=d.tahun
        ).values_list("pk", "sub_kegiatan_id", "rekening__kode", "triwulan", "jumlah"):
            realisasi[(sub_id, rek)] += jumlah
            if tw:
                triwulan_akhir[sub_id] = max(tw, triwulan_akhir.get(sub_id, 1))
            if (sub_id, rek) not in pagu and jumlah:
                tanpa_pagu.setdefault((sub_id, rek), pk)
        for (sub_id, rek), pk in tanpa_pagu.items():
            self.tambah(
                "realisasi_tanpa_pagu",
                J_REALISASI_TANPA_PAGU,
                P_REALISASI_TANPA_PAGU
                % {"sub": self.sub[sub_id].kode, "jumlah": format_rupiah(realisasi[(sub_id, rek)]), "rek": rek},
                reverse("admin:anggaran_realisasianggaran_change", args=[pk]),
                GALAT,
            )
        sudah: set[int] = set()
        for (sub_id, rek), jumlah in realisasi.items():
            batas = pagu.get((sub_id, rek))
            if batas is not None and jumlah > batas:
                sudah.add(sub_id)
                self.tambah(
                    "melebihi_pagu",
                    J_MELEBIHI_PAGU,
                    P_MELEBIHI_PAGU_REKENING
                    % {
                        "sub": self.sub[sub_id].kode,
                        "rek": rek,
                        "realisasi": format_rupiah(jumlah),
                        "pagu": format_rupiah(batas),
                    },
                    self._tautan_sub(sub_id, triwulan_akhir.get(sub_id, 4)),
                    GALAT,
                )
        for s in d.sub_kegiatan:
            a = d.hasil_sub_kegiatan.get(s.kode)
            if a is None or s.pk in sudah or a.rp.realisasi <= a.rp.pagu:
                continue
            self.tambah(
                "melebihi_pagu",
                J_MELEBIHI_PAGU,
                P_MELEBIHI_PAGU
                % {"sub": s.kode, "realisasi": format_rupiah(a.rp.realisasi), "pagu": format_rupiah(a.rp.pagu)},
                self._tautan_sub(s.pk, triwulan_akhir.get(s.pk, 4)),
                GALAT,
            )

    def _tautan_sub(self, sub_id: int, triwulan: int) -> str:
        s = self.sub[sub_id]
        return self.entri(s.unit_kerja_id, triwulan) if s.unit_kerja_id else _admin(s, s.pk)

    def pk_anggaran(self) -> None:
        d = self.d
        if not d.pk:
            return
        pk = d.pk[-1]
        tercatat = {a.program_id: a for a in pk.anggaran_program.all()}
        if not tercatat:
            return
        for p in d.program:
            hp = d.hasil_program.get(p.kode)
            pagu = hp.rp.pagu if hp else h.NOL
            a = tercatat.get(p.pk)
            if a is None:
                if pagu:
                    self.tambah(
                        "pk_anggaran",
                        J_PK_ANGGARAN,
                        P_PK_TANPA_PROGRAM
                        % {"kode": p.kode, "nama": p.nama, "pagu": format_rupiah(pagu), "versi": pk.versi},
                        _admin(pk, pk.pk),
                        GALAT,
                    )
                continue
            if a.jumlah != pagu:
                self.tambah(
                    "pk_anggaran",
                    J_PK_ANGGARAN,
                    P_PK_BERBEDA
                    % {
                        "kode": p.kode,
                        "nama": p.nama,
                        "versi": pk.versi,
                        "pk": format_rupiah(a.jumlah),
                        "pagu": format_rupiah(pagu),
                    },
                    _admin(a, a.pk),
                    GALAT,
                )

    # --- the report itself ---

    def narasi_laporan(self) -> None:
        d = self.d
        dikenal = set(d.isian)
        kode_sasaran = {s.kode for s in d.sasaran}
        for kunci in sorted(d.narasi):
            teks = d.narasi[kunci]
            bagian = nama_bagian(kunci)
            cocok = KUNCI_SASARAN.match(kunci)
            if kunci not in KUNCI_NARASI and not (cocok and cocok["kode"] in kode_sasaran):
                self.tambah(
                    "kunci_narasi",
                    J_KUNCI_NARASI,
                    P_KUNCI_NARASI % {"kunci": kunci, "tahun": d.tahun},
                    self.narasi(),
                    PERINGATAN,
                )
            hilang = sorted({n for n in isian_dipakai(teks) if n not in dikenal})
            if hilang:
                self.tambah(
                    "isian",
                    J_ISIAN,
                    P_ISIAN % {"bagian": bagian, "isian": ", ".join(f"{{{{ {n} }}}}" for n in hilang)},
                    self.narasi(),
                    GALAT,
                )
            angka = angka_diketik(teks)
            if angka:
                self.tambah(
                    "angka_diketik",
                    J_ANGKA_DIKETIK,
                    P_ANGKA_DIKETIK % {"bagian": bagian, "angka": ", ".join(dict.fromkeys(angka))},
                    self.narasi(),
                    PERINGATAN,
                )

    def identitas(self) -> None:
        idn = self.d.identitas
        kurang = []
        if idn.penandatangan is None:
            kurang.append(_("penandatangan"))
        if not idn.tanggal:
            kurang.append(_("tanggal"))
        if not idn.tempat:
            kurang.append(_("tempat"))
        if kurang:
            self.tambah(
                "identitas",
                J_IDENTITAS,
                P_IDENTITAS % {"tahun": self.d.tahun, "kurang": _daftar(kurang)},
                self.narasi(),
                GALAT,
            )


def periksa_dasar(d: Dasar) -> tuple[Masalah, ...]:
    p = _Pemeriksa(d)
    p.pelaporan()
    p.indikator()
    p.anggaran()
    p.pk_anggaran()
    p.narasi_laporan()
    p.identitas()
    return tuple(p.masalah)


def periksa(*, pd: PerangkatDaerah, tahun: int) -> tuple[Masalah, ...]:
    """Every data problem of the PD's year, galat before peringatan within the order of the checks."""
    return periksa_dasar(muat_dasar(pd, tahun))
