from django.urls import path

from units import views

app_name = "units"

urlpatterns = [
    path("don-vi/", views.unit_list, name="units"),
    path("don-vi/uy-quyen/", views.delegation_list, name="delegations"),
    path("don-vi/uy-quyen/<int:pk>/huy/", views.delegation_cancel, name="delegation-cancel"),
    path("don-vi/can-bo/<int:pk>/thoi-cong-tac/", views.staff_deactivate, name="staff-deactivate"),
    path("don-vi/<slug:code>/", views.unit_detail, name="unit"),
    path("cong-viec/", views.task_list, name="tasks"),
    path("cong-viec/giao-viec/", views.task_create, name="task-create"),
    path("cong-viec/<int:pk>/", views.TaskDetailView.as_view(), name="task"),
    path("kien-nghi/", views.escalation_list, name="escalations"),
    path("kien-nghi/moi/", views.escalation_create, name="escalation-create"),
    path("kien-nghi/<int:pk>/", views.EscalationDetailView.as_view(), name="escalation"),
    path("kien-nghi/<int:pk>/tai-lieu/", views.escalation_attachment, name="escalation-attachment"),
    path("xin-y-kien/", views.consultation_list, name="consultations"),
    path("xin-y-kien/moi/", views.consultation_create, name="consultation-create"),
    path("xin-y-kien/<int:pk>/", views.ConsultationDetailView.as_view(), name="consultation"),
]
