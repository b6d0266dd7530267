"""Background jobs that survive a crash of their worker (ENGINEERING.md §5).

A job of the worker (an LKjIP file, the check or the apply of an Excel import) is a row with a status. While the
worker runs it, :func:`denyut` writes the row's ``denyut`` (its last sign of life) every ``TUGAS_DENYUT`` from a
thread of the worker, whatever the job is busy with (a WeasyPrint layout is one long call). A worker killed
(``SIGKILL``, the out-of-memory killer, a power cut) stops writing it, so a row still running whose sign of life is
older than ``TUGAS_BATAS_DENYUT`` (:func:`batas_denyut`) is taken for dead: each app ends it failed with a message,
with one conditional UPDATE, when someone asks for it or polls it (and through ``manage.py sakip_tugas_macet``),
and a new request starts a new job at once. A job still queued after ``TUGAS_BATAS_ANTRE`` (no worker runs its queue)
ends the same way. The queue's own record of the job (django_tasks_db's ``DBTaskResult``, left ``RUNNING`` by the
killed worker) is marked failed too (:func:`tugas_hentikan`); nothing is re-run by itself, so a job that kills its
worker (a file too big for the memory) cannot do so for ever: the person sees why and decides.

A job in one long database transaction (the apply of an import) cannot write its sign of life meanwhile; its row
lock (PostgreSQL) or the database lock (SQLite) keeps it from being ended while the transaction lives, and a dead
worker's transaction is rolled back by the database.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections
from django.db.models import QuerySet
from django.utils import timezone

logger = logging.getLogger(__name__)


class PekerjaBerhenti(Exception):
    """Recorded as the error of a task whose worker stopped while running it (see :func:`tugas_hentikan`)."""


def batas_denyut() -> datetime:
    """A running job whose last sign of life is older than this is taken for dead."""
    return timezone.now() - settings.TUGAS_BATAS_DENYUT


def batas_antre() -> datetime:
    """A job queued before this and not taken by any worker is given up."""
    return timezone.now() - settings.TUGAS_BATAS_ANTRE


@contextmanager
def denyut(baris: QuerySet) -> Iterator[None]:
    """While the block runs, write ``denyut = now`` on the rows of ``baris`` every ``TUGAS_DENYUT``, from a thread
    with its own database connection (so it also beats during one long call, and never joins the job's transaction).
    Give it the row filtered on its running status, so a row ended meanwhile is left alone."""
    selang = settings.TUGAS_DENYUT.total_seconds()
    berhenti = threading.Event()

    def detak() -> None:
        try:
            while not berhenti.wait(selang):
                try:
                    baris.update(denyut=timezone.now())
                except DatabaseError:  # the database is busy (SQLite locked by a long write): beat next time
                    logger.warning("Heartbeat of %s not written", baris.model.__name__, exc_info=True)
        finally:
            connections.close_all()  # this thread's connections only

    t = threading.Thread(target=detak, name=f"denyut-{baris.model.__name__}", daemon=True)
    t.start()
    try:
        yield
    finally:
        berhenti.set()
        t.join()


def tugas_hentikan(tugas_id: str, alasan: str) -> bool:
    """Mark failed the queue's record of a task whose worker stopped while running it (django_tasks_db leaves it
    ``RUNNING`` for ever). True when a record changed; other backends keep no such record."""
    if not tugas_id or not apps.is_installed("django_tasks_db"):
        return False
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    try:
        return bool(
            DBTaskResult.objects.filter(pk=tugas_id, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=f"{PekerjaBerhenti.__module__}.{PekerjaBerhenti.__qualname__}",
                traceback=alasan,
                return_value=None,
            )
        )
    except ValidationError:  # not an id of this backend
        return False
