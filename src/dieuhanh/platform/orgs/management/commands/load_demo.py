"""`dieuhanh load_demo [--small]`: build the demo city (idempotent) and print the demo accounts."""

import time

from django.core.management.base import BaseCommand, CommandError

from dieuhanh.platform.orgs.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoDataError, load_demo_city
from dieuhanh.platform.orgs.models import Role


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: thành phố Hà Nội với các cơ quan, đơn vị, đại biểu và tài khoản mẫu."

    def add_arguments(self, parser):
        parser.add_argument(
            "--small", action="store_true",
            help="Bản nhỏ: cùng cấu trúc, 6 xã, phường và khoảng 30 người (dùng cho kiểm thử).",
        )
        parser.add_argument(
            "--without-modules", action="store_true",
            help="Chỉ nạp cơ quan, đơn vị và người dùng, không nạp dữ liệu mẫu của các phân hệ.",
        )

    def handle(self, *args, small: bool, without_modules: bool, **options):
        started = time.monotonic()
        try:
            city = load_demo_city(small=small, with_modules=not without_modules)
        except DemoDataError as error:
            raise CommandError(f"Không nạp được dữ liệu mẫu, chưa ghi gì: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp dữ liệu mẫu ({len(city.local_councils)} xã, phường; "
                f"{len(city.people) + len(city.users)} người) trong {time.monotonic() - started:.1f} giây."
            )
        )
        self.stdout.write(f"Mật khẩu của mọi tài khoản mẫu: {DEMO_PASSWORD}")
        labels = dict(Role.choices)
        for username, role, full_name, _title in DEMO_ACCOUNTS:
            unit = city.user(role).primary_unit
            self.stdout.write(f"  {username:<14} {str(labels[role]):<24} {full_name:<20} {unit}")
