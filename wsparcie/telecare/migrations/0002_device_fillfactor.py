from django.db import migrations


class Migration(migrations.Migration):
    """Devices are updated on every sign of life: leave room in each page so PostgreSQL can
    update rows in place (HOT, no index churn), and vacuum the table early."""

    dependencies = [("telecare", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE telecare_device SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 100)",
            "ALTER TABLE telecare_device RESET (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold)",
        ),
    ]
