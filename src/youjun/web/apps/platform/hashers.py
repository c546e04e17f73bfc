"""A password hasher for passwords the platform generates itself (initial passwords of accounts
made in bulk, e.g. a CPPCC member roster of hundreds of names).

Key stretching (hundreds of thousands of PBKDF2 rounds, ~0.2 s each) protects passwords people
choose, which are guessable. A generated initial password is 16 random URL-safe characters
(96 bits): no guessing attack gets near it, so its hash needs no stretching, and a roster of
2,000 accounts is made in seconds instead of seven minutes. Such an account must change its
password at the first log-in, and Django re-hashes it with the default hasher on that log-in
(this hasher is never first in ``PASSWORD_HASHERS``)."""

from __future__ import annotations

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class GeneratedPasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_generated"
    iterations = 1000
