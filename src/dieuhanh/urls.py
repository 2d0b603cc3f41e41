"""Root URLs. Platform parts are listed here; modules are mounted from their manifests."""

from django.conf import settings
from django.urls import include, path

from dieuhanh.platform.accounts import urls as accounts_urls
from dieuhanh.platform.registry import module_urlpatterns

urlpatterns = [
    path("", include("dieuhanh.platform.ui.urls")),
    path("accounts/", include("dieuhanh.platform.accounts.urls")),
    path("accounts/", include(accounts_urls.allauth_urlpatterns)),
    path("orgs/", include("dieuhanh.platform.orgs.urls")),
    path("permissions/", include("dieuhanh.platform.permissions.urls")),
    path("audit/", include("dieuhanh.platform.audit.urls")),
    path("calendar/", include("dieuhanh.platform.workcalendar.urls")),
    path("jobs/", include("dieuhanh.platform.jobs.urls")),
    path("inbox/", include("dieuhanh.platform.inbox.urls")),
    path("notifications/", include("dieuhanh.platform.notifications.urls")),
    path("search/", include("dieuhanh.platform.search.urls")),
    path("dashboard/", include("dieuhanh.platform.dashboard.urls")),
    *module_urlpatterns(),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "dieuhanh.platform.ui.views.bad_request"
handler403 = "dieuhanh.platform.ui.views.permission_denied"
handler404 = "dieuhanh.platform.ui.views.page_not_found"
handler500 = "dieuhanh.platform.ui.views.server_error"
