import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import GuardedForm
from units.choices import TaskStatus
from units.models import Task, Unit


class TaskFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=TaskStatus.choices, empty_label=_("Tất cả")
    )
    lead_unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"), queryset=Unit.objects.filter(is_active=True), empty_label=_("Tất cả")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Quá hạn"), method="only_overdue", widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = Task
        form = GuardedForm
        fields = ["q", "status", "lead_unit", "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = getattr(field.widget, "input_type", "") == "select"
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__ucontains=value) | Q(description__ucontains=value))

    def only_overdue(self, queryset, name, value):
        open_q = Q(status__in=[TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.RETURNED])
        late = open_q & Q(due_date__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
