from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from core import views as core_views
from core.forms import LoginForm
from office import health
from units import admin as units_admin

admin.site.site_header = settings.OFFICE_NAME
admin.site.site_title = "Văn phòng số"
admin.site.index_title = "Quản trị và phê duyệt"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("dang-nhap/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(units_admin.view_on_site),
        name="admin-view-on-site",
    ),
    path("admin/", admin.site.urls),
    path("", core_views.home, name="home"),
    path("", include("core.urls")),
    path("", include("units.urls")),
    path("chuong-trinh/", include("workprograms.urls")),
    path("van-ban/", include("dispatch.urls")),
    path("luu-tru/", include("archive.urls")),
    path("tai-chinh/", include("finance.urls")),
    path("quan-tri/", include("facilities.urls")),
    path("co-yeu/", include("cipher.urls")),
    path("tong-hop/", include("advisory.urls")),
    path("can-bo/", include("personnel.urls")),
    path("che-do/", include("regime.urls")),
]
