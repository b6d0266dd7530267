"""Benchmark: the entry page of a unit's quarter and the save of one row, in process and under gunicorn.

Run from the project root::

    .venv/bin/python bench/entry.py [--runs 15] [--sub-kegiatan 60] [--database sqlite|postgres|both]

The parent process creates a throw-away database per engine (a temp SQLite file; a fresh PostgreSQL database that
is dropped at the end) and runs one child process per engine with that database in its environment. The child
migrates, collects the static files into its temp folder, imports a deterministic ``sakip-bundle/1`` built in memory
(60 sub kegiatan by default), adds an operator for the unit with the most sub kegiatan and then, for 2024 TW II:

1. in process (``django.test.Client``): the median time of a GET of the entry page and of one htmx row save (the
   form read back from the page, two values in turn so every save changes the row), with their query counts;
2. under gunicorn (sync workers, 2 × cores + 1) on loopback: a load generator of a few threads, each with its own
   session, GETs the page and then saves rows of its own, bounded in time and count; requests/s and p50/p95/p99;
3. the baseline: the bare ORM read of the rows the page shows (``values_list`` of the unit's indicators, their
   realisations and the pagu lines of the year), in the same process, so the overhead of our code shows as a ratio.

The issue's aims are an entry page under 150 ms and a row save under 100 ms (medians). Timings are noisy: nothing
here asserts.
"""

from __future__ import annotations

import argparse
import gc
import http.client
import math
import os
import re
import secrets
import signal
import socket
import string
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._buang import Anak, kirim, mulai_anak, per_engine, ringkas, versi_server  # noqa: E402
from sakip.bundle.sintetis import KODE_PD, TAHUN, bundle_sintetis  # noqa: E402

TANDA = "@@bench-entry "  # prefix of the child's machine-readable result line
MODUL_SETTINGS = "sakip_bench_settings"  # written by the parent into the engine's temp folder
TRIWULAN = 2
AIM_HALAMAN = 0.150  # seconds, median GET of the entry page
AIM_SIMPAN = 0.100  # seconds, median save of one row
NILAI = ("97,5", "98,5")  # typed the Indonesian way; saves alternate so each one really changes the row
SETTINGS = '''"""Production settings of a benchmark run: static files collected into this throw-away folder."""

from pathlib import Path

from sakip.settings.prod import *  # noqa: F403

STATIC_ROOT = Path(__file__).resolve().parent / "static"
'''

RE_FORM_VERSI = re.compile(r'id="f-kinerja-(\d+)".*?name="version" value="(\d+)"', re.S)
RE_VERSI = re.compile(r'name="version" value="(\d+)"')
RE_KONFLIK = re.compile(r'<tr id="kinerja-\d+" class="[^"]*\bkonflik\b')


# --- the child: one engine, one throw-away database ----------------------------------------------------------


def persentil(xs: list[float], p: float) -> float:
    """Nearest rank."""
    ys = sorted(xs)
    return ys[max(0, math.ceil(p / 100 * len(ys)) - 1)]


def anak(engine: str, args: argparse.Namespace) -> int:
    if kode := mulai_anak(engine):
        return kode

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from renstra.models import Keanggotaan, PerangkatDaerah, UnitKerja
    from sakip.bundle.impor import bundle_import

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    t_migrate = time.perf_counter() - t
    t = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest the production settings need
    t_static = time.perf_counter() - t

    doc = bundle_sintetis(args.sub_kegiatan, args.seed)
    t = time.perf_counter()
    hasil_periksa, ringkasan = bundle_import(doc=doc, user=None)
    t_impor = time.perf_counter() - t
    if not hasil_periksa.sah or ringkasan is None:
        print(f"{engine}: the synthetic bundle was refused ({len(hasil_periksa.galat)} errors):", file=sys.stderr)
        for m in hasil_periksa.galat[:20]:
            print(f"  {m}", file=sys.stderr)
        return 1
    print(
        f"{engine}: migrate {t_migrate:.1f} s, collectstatic {t_static:.1f} s, import {t_impor:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
        flush=True,
    )

    pd = PerangkatDaerah.objects.select_related("pemda").get(pemda__kode=doc["pemda"]["kode"], kode=KODE_PD)
    unit = (
        UnitKerja.objects.filter(pd=pd).annotate(n=Count("sub_kegiatan")).order_by("-n", "kode").first()
    )  # the unit with the most sub kegiatan
    assert unit is not None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("operator-bench", password=secrets.token_urlsafe(24))
    Keanggotaan.objects.create(user=user, pemda=pd.pemda, pd=pd, unit_kerja=unit, peran=Keanggotaan.Peran.OPERATOR)

    hasil = {"engine": engine, "server": versi_server(connection), "runs": args.runs, "unit": unit.kode}
    hasil |= dalam_proses(engine, args, unit, user)
    if not args.no_load:
        hasil["beban"] = di_gunicorn(engine, args, unit, user, hasil.pop("_baris_kinerja"))
    hasil.pop("_baris_kinerja", None)
    connection.close()
    kirim(TANDA, hasil)
    return 0


def dalam_proses(engine: str, args: argparse.Namespace, unit, user) -> dict[str, Any]:
    """Median GET of the entry page and median htmx save of one row with django.test.Client, plus the baseline."""
    from django.db import connection
    from django.db.models import Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from anggaran.models import PaguAnggaran, RealisasiAnggaran, RealisasiFisik, VersiAnggaran
    from kinerja.models import RealisasiKinerja
    from renstra.models import Indikator

    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(user)
    url = reverse("kinerja:entri", kwargs={"unit_id": unit.pk, "tahun": TAHUN, "triwulan": TRIWULAN})

    def halaman() -> str:
        r = c.get(url)
        if r.status_code != 200:
            raise SystemExit(f"{engine}: GET {url} answered {r.status_code}")
        return r.content.decode()

    html = halaman()  # warm-up
    with CaptureQueriesContext(connection) as q:
        html = halaman()
    kueri_halaman = q.captured_queries
    versi = {int(i): int(v) for i, v in RE_FORM_VERSI.findall(html)}
    if not versi:
        raise SystemExit(f"{engine}: the entry page has no editable kinerja row (is the quarter open?)")
    baris = {
        "kinerja": html.count('<tr id="kinerja-'),
        "anggaran": html.count('<tr id="anggaran-'),
        "fisik": html.count('<tr id="fisik-'),
    }
    t_halaman = []
    for _ in range(args.runs):
        gc.collect()
        t0 = time.perf_counter()
        halaman()
        t_halaman.append(time.perf_counter() - t0)

    # One row, saved in place as htmx does: the fields of its form, the version read back from each answer.
    ind_id = next(iter(versi))
    url_simpan = reverse(
        "kinerja:simpan-kinerja",
        kwargs={"unit_id": unit.pk, "tahun": TAHUN, "triwulan": TRIWULAN, "indikator_id": ind_id},
    )
    keadaan = {"versi": versi[ind_id], "n": 0}

    def simpan() -> None:
        data = isian_baris(keadaan["versi"], NILAI[keadaan["n"] % 2])
        keadaan["n"] += 1
        r = c.post(url_simpan, data, headers={"HX-Request": "true"})
        teks = r.content.decode()
        if r.status_code != 200 or 'class="tersimpan"' not in teks:
            raise SystemExit(f"{engine}: save of row {ind_id} failed ({r.status_code}): {teks[:500]}")
        keadaan["versi"] = int(RE_VERSI.search(teks).group(1))  # type: ignore[union-attr]

    simpan()  # warm-up
    with CaptureQueriesContext(connection) as q:
        simpan()
    kueri_simpan = q.captured_queries
    t_simpan = []
    for _ in range(args.runs):
        gc.collect()
        t0 = time.perf_counter()
        simpan()
        t_simpan.append(time.perf_counter() - t0)
    if RealisasiKinerja.objects.get(indikator_id=ind_id, tahun=TAHUN, triwulan=TRIWULAN).version != keadaan["versi"]:
        raise SystemExit(f"{engine}: the saved version of row {ind_id} does not match the last answer")

    milik_unit = Q(unit_kerja=unit) | Q(unit_kerja__isnull=True, sub_kegiatan__unit_kerja=unit)

    def baseline() -> None:
        """The unavoidable read: the rows the page shows, as bare tuples."""
        indikator = list(
            Indikator.objects.filter(milik_unit, pd_id=unit.pd_id).values_list(
                "id", "kode", "uraian", "satuan", "desimal", "sub_kegiatan_id"
            )
        )
        ids = [i[0] for i in indikator]
        list(
            RealisasiKinerja.objects.filter(indikator_id__in=ids, tahun=TAHUN).values_list(
                "indikator_id", "triwulan", "nilai", "label", "status", "version"
            )
        )
        versi_dpa = VersiAnggaran.objects.filter(pd_id=unit.pd_id, tahun=TAHUN).order_by("-versi").first()
        list(
            PaguAnggaran.objects.filter(versi=versi_dpa, sub_kegiatan__unit_kerja=unit).values_list(
                "sub_kegiatan__kode", "rekening__kode", "jumlah"
            )
        )
        list(
            RealisasiAnggaran.objects.filter(sub_kegiatan__unit_kerja=unit, tahun=TAHUN).values_list(
                "sub_kegiatan_id", "rekening_id", "triwulan", "jumlah", "version"
            )
        )
        list(
            RealisasiFisik.objects.filter(sub_kegiatan__unit_kerja=unit, tahun=TAHUN).values_list(
                "sub_kegiatan_id", "triwulan", "persen", "version"
            )
        )

    baseline()  # warm-up
    t_dasar = []
    for _ in range(args.runs):
        gc.collect()
        t0 = time.perf_counter()
        baseline()
        t_dasar.append(time.perf_counter() - t0)

    if args.sql:
        for judul, kueri in (("GET entry page", kueri_halaman), ("htmx save", kueri_simpan)):
            print(f"{engine}: queries of one {judul}:")
            for k in kueri:
                print(f"  {float(k['time']) * 1000:7.2f} ms  {k['sql'][:300]}")
    if args.profile:
        import cProfile
        import pstats

        for judul, fungsi in (("GET entry page", halaman), ("htmx save", simpan)):
            prof = cProfile.Profile()
            prof.runcall(fungsi)
            print(f"{engine}: profile of one {judul}: own time, then our code by cumulative time", flush=True)
            stats = pstats.Stats(prof, stream=sys.stdout)
            stats.sort_stats("tottime").print_stats(20)
            stats.sort_stats("cumulative").print_stats(r"/(kinerja|renstra|anggaran|sakip|templates)/", 20)
            sys.stdout.flush()
    return {
        "halaman": ringkas(t_halaman),
        "simpan": ringkas(t_simpan),
        "dasar": ringkas(t_dasar),
        "kueri_halaman": len(kueri_halaman),
        "kueri_simpan": len(kueri_simpan),
        "baris": baris,
        "kib_halaman": len(html.encode()) / 1024,
        "_baris_kinerja": sorted(versi),
    }


def isian_baris(versi: int, nilai: str) -> dict[str, str]:
    """What the row's form sends (tests/formulir.py reads the same fields back from the page)."""
    return {
        "version": str(versi),
        "nilai": nilai,
        "label": "",
        "status": "final",
        "catatan": "",
        "hambatan": "",
        "solusi": "",
    }


# --- the child, part 2: gunicorn and a small load generator on loopback --------------------------------------


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def di_gunicorn(engine: str, args: argparse.Namespace, unit, user, baris_kinerja: list[int]) -> dict[str, Any]:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import reverse

    port = port_bebas()
    workers = args.workers or 2 * (os.cpu_count() or 1) + 1
    log = Path(os.environ["SAKIP_DATA_DIR"]) / "gunicorn.log"
    cmd = [sys.executable, "-m", "gunicorn", "sakip.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    cmd += ["--workers", str(workers), "--worker-class", "sync", "--chdir", str(ROOT), "--log-level", "warning"]
    url = reverse("kinerja:entri", kwargs={"unit_id": unit.pk, "tahun": TAHUN, "triwulan": TRIWULAN})

    sesi = []
    for _ in range(args.connections):  # one session per connection, as if each were its own browser tab
        s = SessionStore()
        s[SESSION_KEY] = str(user.pk)
        s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        s[HASH_SESSION_KEY] = user.get_session_auth_hash()
        s.create()
        sesi.append(s.session_key)

    with open(log, "w") as berkas_log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=os.environ.copy(), stdout=berkas_log, stderr=subprocess.STDOUT)
    try:
        siap = False
        batas = time.monotonic() + 60
        while time.monotonic() < batas and proc.poll() is None:
            try:
                status, _h, _b = minta(port, "GET", reverse("login"))
                siap = status == 200
                if siap:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        if not siap:
            raise SystemExit(f"{engine}: gunicorn did not come up:\n{log.read_text()[-3000:]}")
        url_simpan = {
            i: reverse(
                "kinerja:simpan-kinerja",
                kwargs={"unit_id": unit.pk, "tahun": TAHUN, "triwulan": TRIWULAN, "indikator_id": i},
            )
            for i in baris_kinerja
        }
        klien = []
        for n in range(args.connections):  # rows of their own; more connections than rows share some
            baris = baris_kinerja[n :: args.connections] or [baris_kinerja[n % len(baris_kinerja)]]
            klien.append(Klien(port, url, sesi[n], {i: url_simpan[i] for i in baris}))
        for k in klien:
            k.mulai()  # the session works, the csrftoken cookie and each row's version from the page
        beban(klien, "halaman", 30, 3 * workers)  # warm-up: every worker has loaded its templates
        fase = {
            "halaman": beban(klien, "halaman", args.load_seconds, args.load_requests),
            "simpan": beban(klien, "simpan", args.load_seconds, args.load_requests),
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    ditolak = sum(1 for b in log.read_text().splitlines() if "Traceback" in b)
    return {
        "workers": workers,
        "koneksi": args.connections,
        "settings": "sakip.settings.prod" if settings.SETTINGS_MODULE == MODUL_SETTINGS else settings.SETTINGS_MODULE,
        "traceback_log": ditolak,
        **fase,
    }


def minta(port: int, metode: str, path: str, body: str | None = None, headers: dict[str, str] | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(metode, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.headers, r.read().decode()
    finally:
        conn.close()


class Klien:
    """One connection of the load generator: its own session, its own rows (so saves do not conflict)."""

    def __init__(self, port: int, url: str, sesi: str, url_simpan: dict[int, str]) -> None:
        self.port, self.url, self.sesi = port, url, sesi
        self.url_simpan = url_simpan
        self.baris = list(url_simpan)
        self.csrf = ""
        self.versi: dict[int, int] = {}
        self.n = 0

    def cookie(self) -> str:
        return f"sessionid={self.sesi}" + (f"; csrftoken={self.csrf}" if self.csrf else "")

    def mulai(self) -> None:
        status, headers, teks = minta(self.port, "GET", self.url, headers={"Cookie": self.cookie()})
        if status != 200:
            raise SystemExit(f"GET {self.url} under gunicorn answered {status} (is the session cookie accepted?)")
        for c in headers.get_all("Set-Cookie") or []:
            if c.startswith("csrftoken="):
                self.csrf = c.split(";", 1)[0].split("=", 1)[1]
        if not self.csrf:
            raise SystemExit("the entry page set no csrftoken cookie")
        semua = {int(i): int(v) for i, v in RE_FORM_VERSI.findall(teks)}
        self.versi = {i: semua[i] for i in self.baris}

    def halaman(self) -> str:
        status, _h, teks = minta(self.port, "GET", self.url, headers={"Cookie": self.cookie()})
        return "ok" if status == 200 and "f-kinerja-" in teks else f"HTTP {status}"

    def simpan(self) -> str:
        ind = self.baris[self.n % len(self.baris)]
        body = urlencode(isian_baris(self.versi[ind], NILAI[(self.n // len(self.baris)) % 2]))
        self.n += 1
        headers = {
            "Cookie": self.cookie(),
            "X-CSRFToken": self.csrf,
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        status, _h, teks = minta(self.port, "POST", self.url_simpan[ind], body, headers)
        if status != 200:
            return f"HTTP {status}"
        m = RE_VERSI.search(teks)
        if m:
            self.versi[ind] = int(m.group(1))  # after a conflict the form carries the other person's version
        if RE_KONFLIK.search(teks):
            return "konflik"
        return "ok" if 'class="tersimpan"' in teks else "galat"


def beban(klien: list[Klien], aksi: str, detik: float, maks: int) -> dict[str, Any]:
    """Every connection repeats ``aksi`` until ``detik`` have passed or ``maks`` requests were sent in all."""
    kunci = threading.Lock()
    waktu: list[float] = []
    hasil: dict[str, int] = {}
    terkirim = [0]
    mulai = threading.Barrier(len(klien) + 1)

    def jalan(k: Klien) -> None:
        mulai.wait()
        while time.monotonic() < batas[0]:
            with kunci:
                if terkirim[0] >= maks:
                    return
                terkirim[0] += 1
            t0 = time.perf_counter()
            try:
                r = getattr(k, aksi)()
            except (OSError, http.client.HTTPException) as e:
                r = type(e).__name__
            dt = time.perf_counter() - t0
            with kunci:
                hasil[r] = hasil.get(r, 0) + 1
                if r == "ok":
                    waktu.append(dt)

    batas = [math.inf]
    threads = [threading.Thread(target=jalan, args=(k,), daemon=True) for k in klien]
    for t in threads:
        t.start()
    batas[0] = time.monotonic() + detik
    mulai.wait()
    t_mulai, cpu_mulai = time.perf_counter(), time.process_time()
    for t in threads:
        t.join()
    lama = time.perf_counter() - t_mulai
    cpu = time.process_time() - cpu_mulai  # what the load generator itself took from the machine
    ok = hasil.pop("ok", 0)
    return {
        "ok": ok,
        "konflik": hasil.pop("konflik", 0),
        "galat": hasil,
        "detik": lama,
        "rps": ok / lama,
        "cpu_klien": cpu / lama,
        **({f"p{p}": persentil(waktu, p) for p in (50, 95, 99)} if waktu else {}),
    }


# --- the parent: throw-away databases, one child per engine, the summary -------------------------------------


def ok(x: float, aim: float) -> str:
    return "ok" if x < aim else "NOT MET"


def baris_ringkas(r: dict[str, Any]) -> str:
    h, s, d = r["halaman"]["median"], r["simpan"]["median"], r["dasar"]["median"]
    return (
        f"{r['engine']:<9} page {h * 1000:.1f} ms (queries {r['kueri_halaman']})"
        f"  save {s * 1000:.1f} ms (queries {r['kueri_simpan']})"
        f"  baseline {d * 1000:.1f} ms  ratio {h / d:.1f}"
        f"  aim <{AIM_HALAMAN * 1000:.0f} ms: {ok(h, AIM_HALAMAN)}"
        f"  aim <{AIM_SIMPAN * 1000:.0f} ms: {ok(s, AIM_SIMPAN)}"
    )


def baris_beban(nama: str, f: dict[str, Any]) -> str:
    if not f["ok"]:
        return f"{nama}: no successful request ({f['galat']})"
    lain = f"conflicts {f['konflik']}, errors {sum(f['galat'].values())}"
    if f["galat"]:
        lain += f" {f['galat']}"
    return (
        f"{nama} {f['rps']:.1f} req/s  p50 {f['p50'] * 1000:.0f}  p95 {f['p95'] * 1000:.0f}"
        f"  p99 {f['p99'] * 1000:.0f} ms  ({f['ok']} in {f['detik']:.1f} s; {lain};"
        f" load generator {f['cpu_klien'] * 100:.0f}% of a core)"
    )


def baris_rinci(r: dict[str, Any]) -> list[str]:
    def mm(k: str) -> str:
        return f"{r[k]['min'] * 1000:.1f}-{r[k]['max'] * 1000:.1f}"

    b = r["baris"]
    hasil = [
        f"          min-max ms: page {mm('halaman')}  save {mm('simpan')}  baseline {mm('dasar')}",
        f"          {r['server']}; unit {r['unit']}: {b['kinerja']} kinerja, {b['anggaran']} anggaran and "
        f"{b['fisik']} fisik rows, page {r['kib_halaman']:.0f} KiB; {r['runs']} runs after one warm-up",
    ]
    g = r.get("beban")
    if g:
        hasil += [
            f"          gunicorn ({g['workers']} sync workers, {g['koneksi']} connections, {g['settings']}):",
            "            " + baris_beban("GET page", g["halaman"]),
            "            " + baris_beban("save    ", g["simpan"]),
        ]
        if g["traceback_log"]:
            hasil.append(f"            gunicorn logged {g['traceback_log']} tracebacks")
    return hasil


def anak_entry(args: argparse.Namespace) -> Anak:
    """The child of this script: production settings of a benchmark run (see ``env_anak``)."""
    argumen = ["--runs", str(args.runs), "--sub-kegiatan", str(args.sub_kegiatan), "--seed", str(args.seed)]
    argumen += ["--connections", str(args.connections), "--load-seconds", str(args.load_seconds)]
    argumen += ["--load-requests", str(args.load_requests), "--workers", str(args.workers)]
    argumen += ["--no-load"] * args.no_load + ["--sql"] * args.sql + ["--profile"] * args.profile
    return Anak(
        skrip=Path(__file__).resolve(),
        tanda=TANDA,
        argumen=argumen,
        rincian=lambda r: [baris_ringkas(r), *baris_rinci(r)],
        env=env_anak,
        hapus=("DEBUG",),
    )


def env_anak(folder: str) -> dict[str, str]:
    """Production settings (with the static files collected into ``folder``), plain http on loopback."""
    Path(folder, f"{MODUL_SETTINGS}.py").write_text(SETTINGS)
    abjad = string.ascii_letters + string.digits + "!#%+-.:=@^_~"
    return {
        "DJANGO_SETTINGS_MODULE": MODUL_SETTINGS,
        "PYTHONPATH": os.pathsep.join([folder, str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
        "SECRET_KEY": "".join(secrets.choice(abjad) for _ in range(60)),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SAKIP_DATA_DIR": folder,
        "LOG_LEVEL": "WARNING",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=15, help="timed in-process runs after one warm-up (default 15)")
    ap.add_argument("--sub-kegiatan", type=int, default=60, help="sub kegiatan in the synthetic PD (default 60)")
    ap.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    ap.add_argument("--seed", type=int, default=2024, help="seed of the synthetic data (default 2024)")
    ap.add_argument(
        "--pg-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server (no database name); a throw-away database is created and dropped",
    )
    ap.add_argument("--no-load", action="store_true", help="skip gunicorn and the load generator")
    ap.add_argument("--connections", type=int, default=8, help="concurrent connections of the load (default 8)")
    ap.add_argument("--load-seconds", type=float, default=10, help="seconds per load phase, at most (default 10)")
    ap.add_argument("--load-requests", type=int, default=2000, help="requests per load phase, at most (default 2000)")
    ap.add_argument("--workers", type=int, default=0, help="gunicorn sync workers (default 2 × cores + 1)")
    ap.add_argument("--sql", action="store_true", help="print the queries of one page GET and one save")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one page GET and one save")
    ap.add_argument("--child", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.runs < 1 or args.sub_kegiatan < 1 or args.connections < 1 or args.load_requests < 1:
        ap.error("--runs, --sub-kegiatan, --connections and --load-requests must be at least 1")
    if not 0 < args.load_seconds <= 60:
        ap.error("--load-seconds must be more than 0 and at most 60")
    if args.child:
        return anak(args.child, args)

    print(
        f"bench/entry.py: entry page and htmx row save of {TAHUN} TW {TRIWULAN}, synthetic PD of "
        f"{args.sub_kegiatan} sub kegiatan, the unit with the most of them; {args.runs} runs after one warm-up "
        f"(seed {args.seed})",
        flush=True,
    )
    hasil, gagal = per_engine(anak_entry(args), args.database, args.pg_url)
    if hasil:
        print("\nsummary (in-process medians; gunicorn under load):")
        for r in hasil:
            print(baris_ringkas(r))
            if r.get("beban"):
                g = r["beban"]
                print(f"          gunicorn x{g['koneksi']}: " + baris_beban("page", g["halaman"]))
                print(f"          gunicorn x{g['koneksi']}: " + baris_beban("save", g["simpan"]))
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
