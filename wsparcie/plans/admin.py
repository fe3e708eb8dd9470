"""Read-only admin views of the plans app: writes go through the services (pages and API)."""

from django.contrib import admin

from wsparcie.plans import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.SupportPlan)
class SupportPlanAdmin(ReadOnlyAdmin):
    list_display = ["person", "kind", "status", "started_on", "ended_on", "progress_achieved", "organisation"]
    list_filter = ["kind", "status", "organisation"]


@admin.register(models.LocalActivityProgramme, models.Round, models.Group, models.GroupSession)
class PalAdmin(ReadOnlyAdmin):
    pass


@admin.register(models.SocialInitiative)
class SocialInitiativeAdmin(ReadOnlyAdmin):
    list_display = ["name", "held_on", "participants_count", "programme"]


@admin.register(models.CooperationTeam)
class CooperationTeamAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "milestone", "formed_on", "programme"]
    list_filter = ["kind"]
