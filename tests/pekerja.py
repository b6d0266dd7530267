"""A worker that died while running a task: the queue's record it left behind (django_tasks_db's ``DBTaskResult``)."""

from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max


def tugas_berjalan(task_path: str, queue_name: str = "default", **kwargs) -> DBTaskResult:
    """The record of a task a worker took (``RUNNING``) and never finished."""
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": kwargs},
        task_path=task_path,
        queue_name=queue_name,
        backend_name="default",
        run_after=get_date_max(),
        started_at=timezone.now(),
        worker_ids=["mati"],
    )
