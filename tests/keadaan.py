"""The whole stored state, to show that a refused request wrote nothing."""

from __future__ import annotations

from django.apps import apps

#: Tables a request writes whatever it is allowed to do (the session, the login lockout's log) or that never change.
TANPA = ("sessions", "axes", "contenttypes")


def keadaan_basis_data() -> dict[str, list[tuple]]:
    """Every row of every table of the project and of auth, admin and the task queue, in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.app_label not in TANPA and model._meta.managed
    }
