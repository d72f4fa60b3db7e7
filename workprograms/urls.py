app_name = "workprograms"
urlpatterns: list = []
