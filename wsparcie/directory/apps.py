from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "wsparcie.directory"
    label = "directory"
