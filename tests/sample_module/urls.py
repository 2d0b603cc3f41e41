from django.http import HttpResponse
from django.urls import path

from dieuhanh.platform.permissions.access import access

app_name = "sample"


@access("sample.view")
def index(request):
    return HttpResponse("Phân hệ mẫu")


urlpatterns = [path("", index, name="index")]
