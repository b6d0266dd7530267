"""The crawl: every demo persona walks every same-site link it is shown, from the home page (and the admin index for
staff), and no page answers an error or shows data of a PD the persona may not see.

Three PDs share the database: the Setda of Kabupaten Paser and of its twin Kabupaten Kembaran (the same Kepmendagri
code, see test_banyak_pemda) and Kecamatan Sukamaju of another pemda. Each has marker texts and figures that appear on
its own pages; a persona's crawl must show the markers of what it may see (so a crawl that reached nothing fails) and
none of the others'. Only GET is followed: forms that post (saves, the PDF) are not submitted.
"""

from __future__ import annotations

import html
import io
import re
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve

from renstra.models import Keanggotaan, PerangkatDaerah
from sakip.angka import format_angka
from sakip.bundle.impor import baca_json, bundle_import
from sakip.demo import DEMO_DIR, PASER, _grup, demo_load
from tests.test_banyak_pemda import IKU_B, PEMDA_B, RUPIAH_B, kembaran

pytestmark = pytest.mark.django_db

#: At most this many pages per persona; past it the crawl fails and says so.
BATAS_HALAMAN = 400
#: At most this many distinct URLs per route (the admin's change view of every row would otherwise dominate): the
#: application's pages are walked for a few objects each, the admin's views (list, add, change, history, delete) of
#: every model once (but not its delete confirmation), each download once.
BATAS_PER_RUTE = 2
BATAS_PER_RUTE_ADMIN = 1
#: At most this many query strings per path (filters, sorting, pages).
BATAS_PER_QUERY = 2
#: Query parameters whose value only pages or orders the same rows: their value is not part of a page's identity.
PARAM_URUTAN = frozenset({"page", "p", "o", "sort", "urutan", "halaman"})

UNDUHAN = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/csv",
    "application/pdf",
    "application/json",
    "image/png",
    "image/jpeg",
    "text/html",
}
#: Links the application shows that refuse the persona who follows them (a 403, or the admin's login for a person who
#: is not staff). They leak nothing, but a person should not be shown them.
DITOLAK_DIKETAHUI = {
    "laporan:narasi": "the report page links the narrative editor for read-only roles",
    "admin:auth_user_change": "the admin links a row's user to the user admin, which is a superuser's",
    "admin:renstra_indikator_change": "the report check links the indicator's admin page for people who are not staff",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _teks(s: str) -> re.Pattern:
    return re.compile(re.escape(s))


def _angka(s: str) -> re.Pattern:
    """A figure as printed, not inside a longer one (41,37 is not 141,37)."""
    return re.compile(rf"(?<![\d.,]){re.escape(s)}(?![\d]|,\d)")


#: Both Setda (Paser and its twin): the same unit and indicator texts.
SETDA = {
    "unit Setda": _teks("Bagian Pengadaan Barang dan Jasa"),
    "indikator Setda": _teks("Jumlah Dokumen Hasil Fasilitasi Kerja Sama Dalam Negeri"),
}
PASER_SAJA = {
    "nama Paser": _teks("Sekretariat Daerah Kabupaten Paser"),
    "IKU-2 Paser": _angka(format_angka(Decimal("86.72"))),
    "pengguna Paser": _teks("perencana.setda"),
}
KEMBARAN_SAJA = {
    "nama Kembaran": _teks("Kembaran"),
    "IKU-2 Kembaran": _angka(format_angka(IKU_B)),
    "rupiah Kembaran": _angka(format_angka(Decimal(RUPIAH_B), 0)),
    "pengguna Kembaran": _teks("perencana.kembaran"),
}
SUKAMAJU = {
    "nama Sukamaju": _teks("Kecamatan Sukamaju"),
    "unit Sukamaju": _teks("Seksi Ketenteraman dan Ketertiban Umum"),
    "indikator Sukamaju": _teks("Jumlah Dokumen Hasil Koordinasi Trantibum"),
    "pengguna Sukamaju": _teks("perencana.sukamaju"),
}
PENANDA = {**SETDA, **PASER_SAJA, **KEMBARAN_SAJA, **SUKAMAJU}


@dataclass(frozen=True)
class Persona:
    username: str
    #: markers that must appear somewhere in the crawl
    harus: tuple[str, ...]
    #: markers that must appear nowhere
    dilarang: tuple[str, ...]


_PASER = (*SETDA, "nama Paser", "IKU-2 Paser")
_BUKAN_PASER = (*KEMBARAN_SAJA, *SUKAMAJU)
_KEMBARAN = (*SETDA, "nama Kembaran", "IKU-2 Kembaran", "rupiah Kembaran")
_SUKAMAJU = ("nama Sukamaju", "unit Sukamaju", "indikator Sukamaju")
_BUKAN_SUKAMAJU = (*SETDA, *PASER_SAJA, *KEMBARAN_SAJA)
PERSONA = (
    Persona("admin", tuple(PENANDA), ()),
    Persona("admin.paser", (*_PASER, "pengguna Paser"), _BUKAN_PASER),
    Persona("perencana.setda", _PASER, _BUKAN_PASER),
    Persona("pimpinan.setda", _PASER, _BUKAN_PASER),
    Persona("reviewer.inspektorat", _PASER, _BUKAN_PASER),
    Persona("operator.pemerintahan", ("nama Paser", "IKU-2 Paser"), _BUKAN_PASER),
    Persona("perencana.kembaran", _KEMBARAN, (*PASER_SAJA, *SUKAMAJU)),
    Persona("perencana.sukamaju", _SUKAMAJU, _BUKAN_SUKAMAJU),
    Persona("operator.pelayanan", ("nama Sukamaju",), _BUKAN_SUKAMAJU),
)  # fmt: skip


class _Tautan(HTMLParser):
    """The links of a page: a[href] and the action of every GET form."""

    def __init__(self) -> None:
        super().__init__()
        self.tautan: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.tautan.append(a["href"])
        elif tag == "form" and (a.get("method") or "get").lower() == "get":
            self.tautan.append(a.get("action") or "")


@dataclass
class Jelajah:
    """What a persona's crawl saw."""

    status: dict[str, int] = field(default_factory=dict)
    gagal: list[str] = field(default_factory=list)
    bocor: list[str] = field(default_factory=list)
    terlihat: set[str] = field(default_factory=set)
    dipangkas: set[str] = field(default_factory=set)
    ditolak: set[str] = field(default_factory=set)
    batas_tercapai: bool = False


def _rute(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _normal(href: str, dari: str) -> str | None:
    """The same-site URL a link leads to, or None for what the crawl does not follow."""
    if href.startswith(("mailto:", "javascript:", "tel:", "#")):
        return None
    bagian = urlsplit(href)
    if bagian.scheme not in ("", "http", "https") or bagian.netloc not in ("", "testserver"):
        return None  # another site
    path = bagian.path or urlsplit(dari).path
    if not path.startswith("/"):
        basis = urlsplit(dari).path
        path = basis[: basis.rfind("/") + 1] + path
    if path.startswith(("/static/", "/keluar/", "/admin/logout/")):
        return None
    query = urlencode(sorted(parse_qsl(bagian.query, keep_blank_values=True)))
    return f"{path}?{query}" if query else path


def _kunci(url: str) -> str:
    """Links that only page or order the same list are one page."""
    bagian = urlsplit(url)
    q = sorted((k, "" if k in PARAM_URUTAN else v) for k, v in parse_qsl(bagian.query, keep_blank_values=True))
    return f"{bagian.path}?{urlencode(q)}"


def _isi_teks(r) -> str | None:
    """The text of a response in which markers are looked for: the page, a CSV, the cells of a workbook."""
    jenis = r.get("Content-Type", "").split(";")[0].strip()
    isi = b"".join(r.streaming_content) if r.streaming else r.content
    if jenis == "text/html":
        return html.unescape(isi.decode())
    if jenis in ("text/csv", "application/json", "text/plain"):
        return isi.decode("utf-8-sig")
    if jenis == XLSX:
        buku = openpyxl.load_workbook(io.BytesIO(isi), read_only=True)
        sel = (v for ws in buku.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None)
        return "\n".join(format_angka(Decimal(str(v))) if isinstance(v, int | float | Decimal) else str(v) for v in sel)
    return None  # a PDF or an image: its status and type are checked only


def jelajah(client: Client, persona: Persona, awal: list[str]) -> Jelajah:
    hasil = Jelajah()
    antrean: deque[tuple[str, str]] = deque((u, "(awal)") for u in awal)
    kunci_dilihat: set[str] = set()
    per_rute: dict[str, int] = {}
    per_path: dict[str, int] = {}
    while antrean:
        url, dari = antrean.popleft()
        kunci = _kunci(url)
        if kunci in kunci_dilihat:
            continue
        kunci_dilihat.add(kunci)
        path = urlsplit(url).path
        rute = _rute(path) or path
        if rute.startswith("admin:") and rute.endswith("_delete"):
            continue  # a confirmation before an action, like logging out
        batas = BATAS_PER_RUTE_ADMIN if rute.startswith("admin:") or rute.endswith("-unduh") else BATAS_PER_RUTE
        if per_rute.get(rute, 0) >= batas or per_path.get(path, 0) >= BATAS_PER_QUERY:
            hasil.dipangkas.add(rute)
            continue
        if len(hasil.status) >= BATAS_HALAMAN:
            hasil.batas_tercapai = True
            break
        per_rute[rute] = per_rute.get(rute, 0) + 1
        per_path[path] = per_path.get(path, 0) + 1
        r = client.get(url)
        hasil.status[url] = r.status_code
        if rute in DITOLAK_DIKETAHUI and (
            r.status_code == 403 or (r.status_code == 302 and r["Location"].startswith("/admin/login/"))
        ):
            hasil.ditolak.add(rute)
            continue
        if r.status_code in (301, 302):
            tujuan = _normal(r["Location"], url)
            if tujuan is None or tujuan.startswith(("/masuk/", "/admin/login/")):
                hasil.gagal.append(f"{url} (dari {dari}): dialihkan ke {r['Location']}")
            else:
                antrean.append((tujuan, url))
            continue
        if r.status_code != 200:
            hasil.gagal.append(f"{url} (dari {dari}): {r.status_code}")
            continue
        jenis = r.get("Content-Type", "").split(";")[0].strip()
        if jenis not in UNDUHAN:
            hasil.gagal.append(f"{url} (dari {dari}): jenis {jenis}")
            continue
        teks = _isi_teks(r)
        if teks is None:
            continue
        for nama, pola in PENANDA.items():
            if pola.search(teks):
                hasil.terlihat.add(nama)
                if nama in persona.dilarang:
                    hasil.bocor.append(f"{url} (dari {dari}): {nama} {pola.pattern!r}")
        if jenis == "text/html":
            p = _Tautan()
            p.feed(teks)
            for href in p.tautan:
                tujuan = _normal(href, url)
                if tujuan is not None and _kunci(tujuan) not in kunci_dilihat:
                    antrean.append((tujuan, url))
    return hasil


@pytest.fixture
def demo(db) -> None:
    """The demo (Paser Setda, Kecamatan Sukamaju, one user per role) and the Paser Setda's twin with its planner."""
    demo_load()
    hasil, _ = bundle_import(doc=kembaran(baca_json((DEMO_DIR / "paser-2024.json").read_bytes())))
    assert hasil.sah, hasil.galat
    pd = PerangkatDaerah.objects.get(pemda__kode=PEMDA_B, kode=PASER)
    user = get_user_model().objects.create_user("perencana.kembaran", password="x", is_staff=True)
    Keanggotaan.objects.create(user=user, pemda=pd.pemda, pd=pd, peran=Keanggotaan.Peran.PERENCANA)
    user.groups.add(_grup(Keanggotaan.Peran.PERENCANA))


def test_every_page_each_persona_reaches_answers_and_keeps_to_its_scope(demo):
    """One test for all personas: the demo is loaded once, and the crawl only reads."""
    masalah = []
    for persona in PERSONA:
        user = get_user_model().objects.get(username=persona.username)
        client = Client()
        client.force_login(user)
        hasil = jelajah(client, persona, ["/", "/admin/"] if user.is_staff else ["/"])
        print(
            f"{persona.username}: {len(hasil.status)} halaman, {len(hasil.dipangkas)} rute dipangkas, "
            f"ditolak (diketahui): {sorted(hasil.ditolak)}"
        )
        if hasil.batas_tercapai:
            masalah.append(f"{persona.username}: lebih dari {BATAS_HALAMAN} halaman")
        masalah += [f"{persona.username}: {g}" for g in hasil.gagal]
        masalah += [f"{persona.username}: bocor di {b}" for b in hasil.bocor]
        if kurang := sorted(set(persona.harus) - hasil.terlihat):
            masalah.append(f"{persona.username}: penanda tidak terlihat: {kurang}")
        if user.is_staff and not any(
            u.startswith("/admin/") and u != "/admin/" and s == 200 for u, s in hasil.status.items()
        ):
            masalah.append(f"{persona.username}: tidak ada halaman admin")
    assert not masalah, "\n".join(masalah)
