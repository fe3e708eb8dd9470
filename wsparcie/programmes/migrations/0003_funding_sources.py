"""Reference funding sources (Fundusz Solidarnościowy, SFWON, state budget, ESF, ...)."""

from django.db import migrations

from wsparcie.programmes.reference import FUNDING_SOURCES


def add_sources(apps, schema_editor):
    FundingSource = apps.get_model("programmes", "FundingSource")
    for row in FUNDING_SOURCES:
        FundingSource.objects.update_or_create(code=row["code"], defaults={"name": row["name"], "is_eu": row["is_eu"]})


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0002_register_details"),
    ]

    operations = [
        migrations.RunPython(add_sources, migrations.RunPython.noop),
    ]
