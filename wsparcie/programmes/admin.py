"""Read-only admin views of the register: every write goes through the services (audited),
so the admin offers no add, change or delete."""

from django.contrib import admin

from wsparcie.programmes.models import FundingSource, Programme, ProgrammeSeries


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["name", "edition", "organisation", "kind", "total_value", "grant_amount", "co_financing_rate"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "short_name", "edition"]


@admin.register(ProgrammeSeries)
class ProgrammeSeriesAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "organisation"]


@admin.register(FundingSource)
class FundingSourceAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "is_eu"]
