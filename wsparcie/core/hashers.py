from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with minimal cost, for the test run only (config/settings_test.py)."""

    time_cost = 1
    memory_cost = 256
    parallelism = 1
