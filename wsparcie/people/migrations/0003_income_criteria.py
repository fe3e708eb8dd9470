"""The statutory income criteria (art. 8 ustawy o pomocy społecznej) as dated reference data.

2022-01-01: 776 zł (person alone) / 600 zł (per person in a family); 2025-01-01: 1010 zł / 823 zł, rozporządzenie RM z 12.07.2024
(Dz.U. 2024 poz. 1044). Source: shared/DOMAIN.md §1.5.
"""

from decimal import Decimal

from django.db import migrations

CRITERIA = [
    (
        "2022-01-01",
        Decimal("776.00"),
        Decimal("600.00"),
        "art. 8 ust. 1 ustawy o pomocy społecznej (kryteria zweryfikowane od 1.01.2022)",
    ),
    (
        "2025-01-01",
        Decimal("1010.00"),
        Decimal("823.00"),
        "rozporządzenie Rady Ministrów z 12.07.2024 (Dz.U. 2024 poz. 1044)",
    ),
]


def add_criteria(apps, schema_editor):
    IncomeCriterion = apps.get_model("people", "IncomeCriterion")
    for valid_from, single, family, basis in CRITERIA:
        IncomeCriterion.objects.update_or_create(
            valid_from=valid_from,
            defaults={"single_person": single, "per_person_in_family": family, "legal_basis": basis},
        )


def remove_criteria(apps, schema_editor):
    IncomeCriterion = apps.get_model("people", "IncomeCriterion")
    IncomeCriterion.objects.filter(valid_from__in=[c[0] for c in CRITERIA]).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0002_registry_areas_duplicates_imports")]

    operations = [migrations.RunPython(add_criteria, remove_criteria)]
