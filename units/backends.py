"""Django's model permissions with the roles' rights added by date: whoever holds the system
administrator's role today has the rights of the system administrators' group; the day the role
ends they are gone, without a job to take the membership away."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

from units.permissions import viewer_for
from units.roles import SYSTEM_ADMIN_GROUP


class OfficeModelBackend(ModelBackend):
    def _get_group_permissions(self, user_obj):
        if not viewer_for(user_obj).is_system_admin:
            return super()._get_group_permissions(user_obj)
        return Permission.objects.filter(
            Q(group__user=user_obj) | Q(group__name=SYSTEM_ADMIN_GROUP)
        ).distinct()
