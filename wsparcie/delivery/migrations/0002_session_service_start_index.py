"""Sessions by service and start, covering status, units, cost and participation.

A programme's hours, units and costs by month are then read from the index alone, without
visiting the session rows scattered over a large table (docs/benchmarks-finance.md). The new
index is built CONCURRENTLY (no write lock on a table of millions of sessions); it starts with
``service_id``, so the foreign key's own index is dropped afterwards.
"""

import django.db.models.deletion
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("delivery", "0001_initial"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="session",
            index=models.Index(
                fields=["service", "start"],
                include=("status", "units", "cost", "enrolment"),
                name="session_service_start",
            ),
        ),
        migrations.AlterField(
            model_name="session",
            name="service",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sessions",
                to="delivery.service",
                verbose_name="usługa",
            ),
        ),
    ]
