"""Read-only admin views of the registry: every write goes through the services (audited)."""

from django.contrib import admin

from wsparcie.people.models import (
    DisabilityCertificate,
    DuplicateCandidate,
    Household,
    ImportJob,
    IncomeCriterion,
    IncomeRecord,
    NamedArea,
    Person,
    Relation,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["id", "last_name", "first_name", "birth_date", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["last_name", "first_name"]


@admin.register(IncomeCriterion)
class IncomeCriterionAdmin(ReadOnlyAdmin):
    list_display = ["valid_from", "single_person", "per_person_in_family", "legal_basis"]


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ["id", "organisation", "kind", "mode", "status", "rows", "imported", "error_count", "created_at"]
    list_filter = ["status", "kind"]
    exclude = ["content", "errors"]


for model in (Household, Relation, DisabilityCertificate, IncomeRecord, NamedArea, DuplicateCandidate):
    admin.site.register(model, ReadOnlyAdmin)
