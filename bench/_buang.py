"""Throw-away databases for the benchmarks: one child process per engine, never on your data.

The parent makes a temp folder per engine and either a SQLite file in it or a fresh ``sakip_bench_<pid>_<time>``
database on the PostgreSQL server, runs the benchmark script again with ``--child <engine>`` on it, reads the
child's result line (a prefix + JSON) and removes the folder and drops the database at the end. The child calls
:func:`mulai_anak`, which refuses any database but that one.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PENANDA_BUANG = "SAKIP_BENCH_THROWAWAY"  # set by the parent: the child's database is a throw-away one
AWALAN_DB_PG = "sakip_bench_"
ENGINES = ("sqlite", "postgres")

Hasil = dict[str, Any]


def ringkas(xs: list[float]) -> dict[str, float]:
    """Median, min and max of some timings."""
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs)}


# --- the child -------------------------------------------------------------------------------------------------


def mulai_anak(engine: str, settings_bawaan: str | None = None) -> int:
    """Set up Django in the child; 0 if its database is the one the parent made for it, else an exit code."""
    if os.environ.get(PENANDA_BUANG) != "1":
        print("--child is started by the parent process only (it needs a throw-away database).", file=sys.stderr)
        return 2
    if settings_bawaan:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_bawaan)
    import django

    django.setup()

    from django.conf import settings
    from django.db import connection

    nama_db = str(settings.DATABASES["default"]["NAME"])
    if engine == "sqlite":
        aman = connection.vendor == "sqlite" and nama_db == os.environ.get("SQLITE_PATH")
    else:
        aman = connection.vendor == "postgresql" and nama_db.startswith(AWALAN_DB_PG)
    if not aman:
        print(f"{engine}: refusing to run on {connection.vendor} database {nama_db!r}", file=sys.stderr)
        return 2
    return 0


def versi_server(connection: Any) -> str:
    """``SQLite 3.x.y`` or ``PostgreSQL N.m`` of a Django connection."""
    if connection.vendor == "sqlite":
        return "SQLite " + ".".join(map(str, connection.Database.sqlite_version_info))
    return f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"


def kirim(tanda: str, hasil: Hasil) -> None:
    """Print the child's machine-readable result line."""
    print(tanda + json.dumps(hasil), flush=True)


# --- the parent ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Anak:
    """How a benchmark script runs its child."""

    skrip: Path  # the script, started again with ``--child <engine>``
    tanda: str  # prefix of the child's result line
    argumen: list[str]  # options passed on to the child
    rincian: Callable[[Hasil], list[str]]  # the lines printed for a result
    env: Callable[[str], dict[str, str]]  # the child's own variables, given its temp folder (may write into it)
    hapus: tuple[str, ...] = field(default=())  # variables of ours the child must not inherit


def env_anak(anak: Anak, folder: str) -> dict[str, str]:
    """Our environment without any database setting, plus the child's own variables and the throw-away mark."""
    buang = {"DATABASE_URL", "SQLITE_PATH", *anak.hapus}
    env = {k: v for k, v in os.environ.items() if k not in buang}
    return env | anak.env(folder) | {PENANDA_BUANG: "1"}


def jalankan_anak(anak: Anak, engine: str, env: dict[str, str]) -> Hasil | None:
    """Run the child, pass its output through, print the lines of its result; None if it failed."""
    cmd = [sys.executable, str(anak.skrip), "--child", engine, *anak.argumen]
    hasil = None
    with subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(anak.tanda):
                hasil = json.loads(line[len(anak.tanda) :])
            else:
                print(line, end="", flush=True)
    if proc.returncode != 0 or hasil is None:
        print(f"{engine}: the benchmark failed (exit {proc.returncode})")
        return None
    for line in anak.rincian(hasil):
        print(line)
    return hasil


def pada_sqlite(anak: Anak) -> Hasil | None:
    """The child on a SQLite file in a temp folder, removed afterwards."""
    folder = tempfile.mkdtemp(prefix="sakip-bench-")
    try:
        env = env_anak(anak, folder) | {"SQLITE_PATH": str(Path(folder) / "bench.sqlite3")}
        return jalankan_anak(anak, "sqlite", env)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def pada_postgres(anak: Anak, pg_url: str) -> tuple[bool, Hasil | None]:
    """The child on a fresh database of the server at ``pg_url``, dropped afterwards; (reachable, result)."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        print("postgres: psycopg is not installed; skipped")
        return False, None
    server = pg_url.rstrip("/")
    nama = f"{AWALAN_DB_PG}{os.getpid()}_{int(time.time())}"
    try:
        admin = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as e:
        print(f"postgres: not reachable at {server} ({str(e).strip().splitlines()[0]}); skipped")
        return False, None
    folder = tempfile.mkdtemp(prefix="sakip-bench-")
    with admin:
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(nama)))
            try:
                env = env_anak(anak, folder) | {"DATABASE_URL": f"{server}/{nama}"}
                return True, jalankan_anak(anak, "postgres", env)
            finally:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(nama)))
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def per_engine(anak: Anak, database: str, pg_url: str) -> tuple[list[Hasil], bool]:
    """Run the child on ``sqlite``, ``postgres`` or ``both``; (results, failed). An unreachable server is no failure."""
    hasil: list[Hasil] = []
    gagal = False
    if database in ("sqlite", "both"):
        r = pada_sqlite(anak)
        gagal |= r is None
        hasil += [r] if r else []
    if database in ("postgres", "both"):
        terjangkau, r = pada_postgres(anak, pg_url)
        gagal |= terjangkau and r is None
        hasil += [r] if r else []
    return hasil, gagal
