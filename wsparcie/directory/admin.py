"""Read-only admin views of the register: every change goes through the services (audit trail)."""

from django.contrib import admin

from wsparcie.directory.models import DirectoryOrganisation, Location, OnlineApplication, Service


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "provider", "programme", "status", "is_free", "last_checked"]
    list_filter = ["status", "is_free", "organisation"]
    search_fields = ["name", "description"]


@admin.register(DirectoryOrganisation)
class DirectoryOrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "core_organisation"]
    search_fields = ["name"]


@admin.register(Location)
class LocationAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "street", "city", "teryt"]
    search_fields = ["name", "street", "city"]


@admin.register(OnlineApplication)
class OnlineApplicationAdmin(ReadOnlyAdmin):
    list_display = ["reference", "organisation", "programme", "submitted_at"]
    search_fields = ["reference"]
    exclude = ["birth_date", "answers"]
