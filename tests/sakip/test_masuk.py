"""Logins: five failures per account and address, a higher limit per account over every address that its owner's
own address escapes, and the client's address read from X-Forwarded-For only behind a trusted proxy."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from sakip.masuk import alamat_klien

pytestmark = pytest.mark.django_db

SANDI = "kata-sandi-yang-benar-42"
PROXY = "10.0.0.2"  # the reverse proxy: every request reaches the application from it


@pytest.fixture
def axes(settings, django_user_model):
    settings.AXES_ENABLED = True
    django_user_model.objects.create_user("ani", password=SANDI)
    return settings


def masuk(alamat: str, sandi: str = "salah", xff: str | None = None) -> int:
    """One login attempt of ``ani`` from ``alamat``; the status: 302 signed in, 200 refused, 429 locked out."""
    extra = {"HTTP_X_FORWARDED_FOR": xff} if xff is not None else {}
    c = Client(REMOTE_ADDR=alamat, **extra)
    return c.post(reverse("login"), {"username": "ani", "password": sandi}).status_code


def test_five_failures_from_one_address_lock_the_account_there_only(axes):
    assert [masuk("203.0.113.5") for _ in range(5)] == [200, 200, 200, 200, 429]
    assert masuk("203.0.113.5", SANDI) == 429
    assert masuk("198.51.100.7", SANDI) == 302  # another office is not locked out


def test_guesses_spread_over_many_addresses_lock_the_account(axes):
    batas = axes.SAKIP_BATAS_GAGAL_AKUN
    hasil = [masuk(f"198.18.{i // 200}.{i % 200 + 1}") for i in range(batas)]
    assert hasil == [200] * (batas - 1) + [429]
    assert masuk("192.0.2.77", SANDI) == 429  # the right password from yet another address: locked too


def test_the_account_limit_does_not_lock_its_owner_out_at_a_known_address(axes):
    assert masuk("203.0.113.5", SANDI) == 302  # the owner signs in at the office once
    for i in range(axes.SAKIP_BATAS_GAGAL_AKUN):
        masuk(f"198.18.0.{i + 1}")
    assert masuk("192.0.2.77", SANDI) == 429  # unknown addresses are locked out
    assert masuk("203.0.113.5", SANDI) == 302  # the office is not
    assert [masuk("203.0.113.5") for _ in range(5)][-1] == 429  # where the five failures per address still hold


def test_behind_a_trusted_proxy_clients_are_told_apart_by_x_forwarded_for(axes):
    axes.TRUSTED_PROXY_COUNT = 1
    assert [masuk(PROXY, xff="203.0.113.5") for _ in range(5)][-1] == 429
    assert masuk(PROXY, SANDI, xff="203.0.113.5") == 429
    # A client that writes the victim's address in front of its own is still itself (the proxy appends the real one).
    assert masuk(PROXY, SANDI, xff="198.51.100.7, 203.0.113.5") == 429
    assert masuk(PROXY, SANDI, xff="198.51.100.7") == 302  # another client behind the same proxy is not locked out


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(axes):
    axes.TRUSTED_PROXY_COUNT = 0
    hasil = [masuk("203.0.113.5", xff=f"198.51.100.{i + 1}") for i in range(5)]  # a new address in every header
    assert hasil[-1] == 429
    assert masuk("203.0.113.5", SANDI, xff="192.0.2.1") == 429


@pytest.mark.parametrize(
    ("proxy", "xff", "harapan"),
    [
        (0, None, "10.0.0.2"),
        (0, "203.0.113.5", "10.0.0.2"),  # not behind a proxy: the header is anyone's
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),  # the rightmost address is the one the proxy saw
        (1, " 2001:db8::1 ", "2001:db8::1"),
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.9", "203.0.113.5"),  # two proxies: the first appended the client
        (1, None, "10.0.0.2"),  # no header: the proxy's own address
        (2, "203.0.113.5", "10.0.0.2"),  # fewer addresses than proxies
        (1, "bukan-alamat", "10.0.0.2"),
    ],
)
def test_alamat_klien(settings, proxy, xff, harapan):
    settings.TRUSTED_PROXY_COUNT = proxy
    extra = {"HTTP_X_FORWARDED_FOR": xff} if xff is not None else {}
    assert alamat_klien(RequestFactory().get("/", REMOTE_ADDR=PROXY, **extra)) == harapan
