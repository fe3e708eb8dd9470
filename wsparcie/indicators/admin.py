"""Read-only admin views of indicators (writes go through pages and API, which call services)."""

from django.contrib import admin

from wsparcie.indicators.models import Indicator, IndicatorSnapshot, IndicatorValue, MilestoneTarget, ParticipantEUData


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "programme", "kind", "source", "definition", "target"]
    list_filter = ["source", "kind"]
    list_select_related = ["programme"]


@admin.register(MilestoneTarget)
class MilestoneTargetAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "milestone", "target"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "measured_on", "value", "original_filename", "evidence_note"]


@admin.register(IndicatorSnapshot)
class IndicatorSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "taken_on", "value"]


@admin.register(ParticipantEUData)
class ParticipantEUDataAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "education", "labour_status", "degurba"]
