from django.urls import path

from wsparcie.telecare import views

app_name = "telecare"
urlpatterns = [
    path("", views.DeskView.as_view(), name="desk"),
    path("desk/queue/", views.DeskQueueView.as_view(), name="desk_queue"),
    path("desk/stream/", views.DeskStreamView.as_view(), name="desk_stream"),
    path("alarms/", views.AlarmListView.as_view(), name="alarm_list"),
    path("alarms/<int:pk>/", views.AlarmDetailView.as_view(), name="alarm_detail"),
    path("alarms/<int:pk>/take/", views.AlarmTakeView.as_view(), name="alarm_take"),
    path("alarms/<int:pk>/release/", views.AlarmReleaseView.as_view(), name="alarm_release"),
    path("alarms/<int:pk>/action/", views.AlarmActionView.as_view(), name="alarm_action"),
    path("alarms/<int:pk>/close/", views.AlarmCloseView.as_view(), name="alarm_close"),
    path("alarms/<int:pk>/door-code/", views.AlarmDoorCodeView.as_view(), name="alarm_door_code"),
    path("tasks/<int:pk>/done/", views.TaskDoneView.as_view(), name="task_done"),
    path("notifications/<int:pk>/ack/", views.NotificationAckView.as_view(), name="notification_ack"),
    path("devices/", views.DeviceListView.as_view(), name="device_list"),
    path("devices/new/", views.DeviceCreateView.as_view(), name="device_create"),
    path("devices/<int:pk>/", views.DeviceDetailView.as_view(), name="device_detail"),
    path("devices/<int:pk>/assign/", views.DeviceAssignView.as_view(), name="device_assign"),
    path("devices/<int:pk>/return/", views.DeviceUnassignView.as_view(), name="device_unassign"),
    path("devices/<int:pk>/active/", views.DeviceActiveView.as_view(), name="device_active"),
    path("devices/<int:pk>/token/", views.DeviceTokenView.as_view(), name="device_token"),
    path("cards/", views.CardListView.as_view(), name="card_list"),
    path("cards/<int:person_pk>/", views.CardDetailView.as_view(), name="card_detail"),
    path("cards/<int:person_pk>/edit/", views.CardEditView.as_view(), name="card_edit"),
    path("cards/<int:person_pk>/contacts/new/", views.ContactCreateView.as_view(), name="contact_create"),
    path("contacts/<int:pk>/edit/", views.ContactEditView.as_view(), name="contact_edit"),
    path("contacts/<int:pk>/delete/", views.ContactDeleteView.as_view(), name="contact_delete"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
]
