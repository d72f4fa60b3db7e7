from django.urls import path

from personnel import views

app_name = "personnel"

urlpatterns = [
    path("cong-tac/", views.trip_list, name="trips"),
    path("cong-tac/moi/", views.trip_create, name="trip-create"),
    path("cong-tac/<int:pk>/", views.TripDetailView.as_view(), name="trip"),
    path("dao-tao/", views.training_list, name="training"),
    path("dao-tao/moi/", views.training_plan_create, name="training-plan-create"),
    path("dao-tao/<int:pk>/", views.TrainingPlanDetailView.as_view(), name="training-plan"),
    path("dao-tao/tham-gia/<int:pk>/", views.AttendanceDetailView.as_view(), name="attendance"),
    path("danh-gia/", views.evaluation_list, name="evaluations"),
    path("danh-gia/<int:pk>/", views.EvaluationDetailView.as_view(), name="evaluation"),
    path("thi-dua/", views.proposal_list, name="proposals"),
    path("thi-dua/moi/", views.proposal_create, name="proposal-create"),
    path("thi-dua/so-khen-thuong/", views.reward_register, name="register"),
    path("thi-dua/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal"),
]
