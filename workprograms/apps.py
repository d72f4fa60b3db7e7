from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkprogramsConfig(AppConfig):
    name = "workprograms"
    verbose_name = _("Chương trình, báo cáo, hội nghị")
