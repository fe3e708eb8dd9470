"""Read-only admin views (for support staff). Changes go through the telecare pages and API,
which call the services; secrets (token hashes, the encrypted door code) are not shown."""

from django.contrib import admin

from wsparcie.telecare.models import (
    Alarm,
    AlarmAction,
    Card,
    Contact,
    Device,
    DeviceAssignment,
    Event,
    Notification,
    Task,
    TelecareSettings,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Device)
class DeviceAdmin(ReadOnlyAdmin):
    list_display = ["serial", "kind", "model", "organisation", "person", "is_active", "last_seen_at", "battery"]
    list_filter = ["kind", "is_active", "organisation"]
    search_fields = ["serial", "model"]
    exclude = ["token_hash", "password"]


@admin.register(Card)
class CardAdmin(ReadOnlyAdmin):
    list_display = ["person", "organisation", "address"]
    exclude = ["door_code"]


@admin.register(Alarm)
class AlarmAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "priority", "status", "organisation", "person", "raised_at", "taken_by", "outcome"]
    list_filter = ["kind", "status", "outcome", "escalated", "organisation"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "device", "type", "occurred_at", "received_at", "channel"]
    list_filter = ["type", "channel"]
    search_fields = ["event_id", "device__serial"]


for model in (DeviceAssignment, Contact, AlarmAction, Task, Notification, TelecareSettings):
    admin.site.register(model, ReadOnlyAdmin)
