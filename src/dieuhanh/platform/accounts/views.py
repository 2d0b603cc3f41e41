from django.shortcuts import render

from dieuhanh.platform.permissions.access import AUTHENTICATED, access


@access(AUTHENTICATED)
def profile(request):
    memberships = request.user.memberships.select_related("unit").order_by("unit__path")
    return render(request, "accounts/profile.html", {"memberships": memberships})
