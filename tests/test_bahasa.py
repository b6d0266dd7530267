"""The interface is Indonesian whatever language the browser asks for."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_english_browser_gets_indonesian_dates(client, paser_pd, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", password="x"))
    html = client.get(
        reverse("laporan:detail", kwargs={"pd_id": paser_pd.pk, "tahun": 2024}), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert "Tana Paser, 28 Februari 2025" in html
    assert "February" not in html
