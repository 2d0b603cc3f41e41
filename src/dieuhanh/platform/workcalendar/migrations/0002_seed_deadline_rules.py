"""Seed the legal time limits of DOMAIN.md as the first version of each rule.

They are defaults: administrators add a new version (with its effective date) when a law
changes or when the city's own rules differ; figures marked (cần kiểm tra) in the note
come from secondary sources. This migration never touches rows that already exist.
"""

from datetime import date

from django.db import migrations

W, C = "working_days", "calendar_days"
LKN = "Luật Khiếu nại 2011"
LTC = "Luật Tố cáo 2018"
KN_FROM = date(2012, 7, 1)  # Luật Khiếu nại 02/2011/QH13 in force
TC_FROM = date(2019, 1, 1)  # Luật Tố cáo 25/2018/QH14 in force

RULES = [
    # key, name, length, unit, roll, start_event, legal_basis, effective_from, note
    (
        "document.process",
        "Hạn trình, chuyển giao văn bản đến",
        1,
        W,
        True,
        "ngày văn bản đến",
        "Điều 21 Nghị định 30/2020/NĐ-CP",
        date(2020, 3, 5),
        "Văn bản đến được trình, chuyển giao trong ngày, chậm nhất là ngày làm việc tiếp theo; văn bản khẩn phải chuyển ngay.",
    ),
    (
        "letter.process",
        "Hạn xử lý đơn",
        10,
        W,
        True,
        "ngày nhận được đơn",
        "Thông tư 05/2021/TT-TTCP",
        date(2021, 11, 15),
        "Cần kiểm tra đơn vị tính (ngày hay ngày làm việc).",
    ),
    (
        "complaint.accept",
        "Hạn thụ lý khiếu nại",
        10,
        C,
        True,
        "ngày nhận được khiếu nại",
        f"Điều 27 {LKN}",
        KN_FROM,
        "",
    ),
    (
        "complaint.resolve_first",
        "Hạn giải quyết khiếu nại lần đầu",
        30,
        C,
        True,
        "ngày thụ lý",
        f"Điều 28 {LKN}",
        KN_FROM,
        "",
    ),
    (
        "complaint.resolve_first_complex",
        "Hạn giải quyết khiếu nại lần đầu (vụ việc phức tạp)",
        45,
        C,
        True,
        "ngày thụ lý",
        f"Điều 28 {LKN}",
        KN_FROM,
        "",
    ),
    (
        "complaint.resolve_first_remote",
        "Hạn giải quyết khiếu nại lần đầu (vùng sâu, vùng xa)",
        45,
        C,
        True,
        "ngày thụ lý",
        f"Điều 28 {LKN}",
        KN_FROM,
        "",
    ),
    (
        "complaint.resolve_first_remote_complex",
        "Hạn giải quyết khiếu nại lần đầu (vùng sâu, vùng xa, vụ việc phức tạp)",
        60,
        C,
        True,
        "ngày thụ lý",
        f"Điều 28 {LKN}",
        KN_FROM,
        "",
    ),
    (
        "complaint.resolve_second",
        "Hạn giải quyết khiếu nại lần hai",
        45,
        C,
        True,
        "ngày thụ lý",
        f"Điều 37 {LKN}",
        KN_FROM,
        "",
    ),
    (
        "complaint.resolve_second_complex",
        "Hạn giải quyết khiếu nại lần hai (vụ việc phức tạp)",
        60,
        C,
        True,
        "ngày thụ lý",
        f"Điều 37 {LKN}",
        KN_FROM,
        "",
    ),
    (
        "complaint.resolve_second_remote",
        "Hạn giải quyết khiếu nại lần hai (vùng sâu, vùng xa)",
        60,
        C,
        True,
        "ngày thụ lý",
        f"Điều 37 {LKN}",
        KN_FROM,
        "",
    ),
    (
        "complaint.resolve_second_remote_complex",
        "Hạn giải quyết khiếu nại lần hai (vùng sâu, vùng xa, vụ việc phức tạp)",
        70,
        C,
        True,
        "ngày thụ lý",
        f"Điều 37 {LKN}",
        KN_FROM,
        "",
    ),
    (
        "complaint.filing_limit",
        "Thời hiệu khiếu nại",
        90,
        C,
        True,
        "ngày nhận được hoặc biết được quyết định, hành vi hành chính",
        f"Điều 9 {LKN}",
        KN_FROM,
        "",
    ),
    (
        "denunciation.accept",
        "Hạn quyết định thụ lý tố cáo",
        7,
        W,
        False,
        "ngày nhận được tố cáo",
        f"Khoản 1 Điều 24 {LTC}",
        TC_FROM,
        "",
    ),
    (
        "denunciation.accept_several_places",
        "Hạn quyết định thụ lý tố cáo (xác minh ở nhiều địa điểm)",
        10,
        W,
        False,
        "ngày nhận được tố cáo",
        f"Khoản 1 Điều 24 {LTC}",
        TC_FROM,
        "",
    ),
    (
        "denunciation.forward",
        "Hạn chuyển tố cáo không thuộc thẩm quyền",
        5,
        W,
        False,
        "ngày nhận được tố cáo",
        f"Khoản 3 Điều 24 {LTC}",
        TC_FROM,
        "",
    ),
    (
        "denunciation.resolve",
        "Hạn giải quyết tố cáo",
        30,
        C,
        True,
        "ngày thụ lý tố cáo",
        f"Điều 30 {LTC}",
        TC_FROM,
        "Vụ việc phức tạp được gia hạn một lần, đặc biệt phức tạp hai lần, mỗi lần không quá 30 ngày, bằng quyết định.",
    ),
    (
        "denunciation.extension",
        "Gia hạn giải quyết tố cáo (mỗi lần)",
        30,
        C,
        True,
        "ngày hết hạn giải quyết",
        f"Điều 30 {LTC}",
        TC_FROM,
        "Dùng làm số ngày gia hạn mặc định.",
    ),
    (
        "petition.central_answer",
        "Hạn trả lời kiến nghị cử tri (cơ quan trung ương)",
        60,
        C,
        True,
        "ngày nhận được kiến nghị",
        "Quyết định 33/2017/QĐ-TTg (đã sửa đổi)",
        date(2017, 9, 15),
        "Cần kiểm tra.",
    ),
    (
        "petition.local_answer",
        "Hạn trả lời kiến nghị cử tri (cơ quan địa phương)",
        30,
        C,
        True,
        "ngày nhận được kiến nghị",
        "Quy chế của Thường trực HĐND thành phố",
        date(2021, 7, 1),
        "Giá trị mặc định, HĐND thành phố tự quy định (cần kiểm tra).",
    ),
]


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("workcalendar", "DeadlineRule")
    for key, name, length, unit, roll, start_event, basis, effective_from, note in RULES:
        DeadlineRule.objects.get_or_create(
            key=key,
            effective_from=effective_from,
            defaults={
                "name": name,
                "length": length,
                "unit": unit,
                "roll_to_working_day": roll,
                "start_event": start_event,
                "legal_basis": basis,
                "note": note,
            },
        )


def unseed(apps, schema_editor):
    DeadlineRule = apps.get_model("workcalendar", "DeadlineRule")
    for key, *_rest, effective_from, _note in RULES:
        DeadlineRule.objects.filter(
            key=key, effective_from=effective_from, deadlines__isnull=True
        ).delete()


# Seeded again after a test flushes the tables (see the root conftest.py).
RESEED_AFTER_FLUSH = True


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
