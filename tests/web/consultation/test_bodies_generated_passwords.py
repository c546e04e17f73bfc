"""A roster of hundreds of members was made at ~0.2 s an account (every initial password
stretched like a chosen one): 295 took a minute in one request, 2,000 would pass the server's
120 s timeout. Generated passwords (96 random bits) are hashed without stretching, and the
default hasher takes over at the first log-in."""

from __future__ import annotations

from django.contrib.auth import authenticate

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services_bodies
from youjun.web.apps.platform.models import User

HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher",
           "youjun.web.apps.platform.hashers.GeneratedPasswordHasher"]


def test_a_generated_initial_password_is_hashed_light_and_upgraded_at_first_log_in(cworld: CWorld,
                                                                                     settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = HASHERS
    user, password = services_bodies.create_account(cworld.users["c_staff"], "rc-m0001", "王委员")
    stored = User.objects.get(pk=user.pk)
    assert stored.password.startswith("pbkdf2_sha256_generated$1000$") and stored.must_change_password
    assert authenticate(username="rc-m0001", password=password) is not None
    assert User.objects.get(pk=user.pk).password.startswith("pbkdf2_sha256$")  # the default took over
    assert authenticate(username="rc-m0001", password="wrong-password-1") is None


def test_a_password_a_person_sets_keeps_the_default_hasher(cworld: CWorld, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = HASHERS
    from youjun.web.apps.platform import services as platform_services

    user = platform_services.create_user(None, "chosen", "correct-horse-battery-9")
    assert user.password.startswith("pbkdf2_sha256$")
