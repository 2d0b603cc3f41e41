from django.shortcuts import render

from dieuhanh.platform.permissions.access import AUTHENTICATED, access

from .selectors import widgets_for


@access(AUTHENTICATED)
def index(request):
    return render(request, "dashboard/index.html", {"widgets": widgets_for(request)})
