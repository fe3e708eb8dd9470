"""Read-only admin of delivery: every write goes through the services (pages and API)."""

from django.contrib import admin

from wsparcie.delivery import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Worker)
class WorkerAdmin(ReadOnlyAdmin):
    list_display = ["last_name", "first_name", "role", "organisation", "is_active"]
    list_filter = ["role", "organisation"]
    search_fields = ["last_name", "first_name"]


@admin.register(models.Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "programme", "unit", "rate", "limit_per_participant", "limit_per_month"]
    list_filter = ["kind", "organisation"]


@admin.register(models.Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["id", "start", "end", "worker", "service", "status", "units", "cost"]
    list_filter = ["status"]
    raw_id_fields = ["worker", "enrolment", "service"]
    show_full_result_count = False


for model in (
    models.DeliverySettings,
    models.WorkerContract,
    models.RateCap,
    models.ServiceLimit,
    models.Grant,
    models.Assignment,
    models.MonthlyCard,
    models.SessionCorrection,
    models.MealAid,
    models.EquipmentItem,
    models.Loan,
    models.LoanExtension,
):
    admin.site.register(model, ReadOnlyAdmin)
