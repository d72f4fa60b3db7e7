app_name = "cipher"

urlpatterns: list = []
