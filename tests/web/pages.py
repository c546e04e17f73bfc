"""Fetching a page as a logged-in user, for tests that read what the page shows."""

from __future__ import annotations

from django.test import Client


def client(user: object) -> Client:
    c = Client()
    c.force_login(user)  # type: ignore[arg-type]
    return c


def get(c: Client, path: str) -> str:
    """The page at ``path`` (it must answer 200), as text."""
    resp = c.get(path)
    assert resp.status_code == 200, path
    return resp.content.decode()
