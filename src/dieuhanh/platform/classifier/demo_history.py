"""A realistic, labelled history of voter petitions and citizens' letters, for the demo data,
the tests and the bench.

    from dieuhanh.platform.classifier import demo_history
    for ex in demo_history.examples(2000, seed=1):
        ex.text, ex.field, ex.agency, ex.group_id, ex.template

Each matter comes from a *template*: a situation citizens raise (a pot-holed road, a slow land
certificate, a noisy karaoke bar …) written in several phrasings, with specific details (the
street, the alley, the school) drawn per matter, an opening and a closing in the voice of a
meeting's minutes or of a letter, and the noise of real intake: missing diacritics, typos,
abbreviations. Fields overlap the way they do in practice: a flooded street is filed under
traffic, environment or urban works depending on who classifies it, so no model can reach
100 % on this history, and the quality figure is measured on templates the model never saw
(`split_templates`).

About a third of the matters are raised again in other wards with other words: those copies
share a `group_id` (the ground truth of the duplicate finder); single matters have
`group_id=None`. Everything here was written for this project.
"""

from __future__ import annotations

import random
import re
import string
from collections import Counter
from dataclasses import dataclass
from functools import cache

from . import DEFAULT_FIELDS as FIELDS  # noqa: E402 - the one list of default fields

# Competent bodies; the department names are those of the demo city (orgs.demo.DEPARTMENTS).
LOCAL = "UBND xã, phường"
CITY = "UBND thành phố"
TNMT = "Sở Tài nguyên và Môi trường"
SXD = "Sở Xây dựng"
GTVT = "Sở Giao thông vận tải"
GDDT = "Sở Giáo dục và Đào tạo"
SYT = "Sở Y tế"
LDTBXH = "Sở Lao động – Thương binh và Xã hội"
CA = "Công an thành phố"
STC = "Sở Tài chính"
NNPTNT = "Sở Nông nghiệp và Phát triển nông thôn"
VHTT = "Sở Văn hóa và Thể thao"
SNV = "Sở Nội vụ"
STP = "Sở Tư pháp"
BHXH = "Bảo hiểm xã hội thành phố"
EVN = "Công ty Điện lực thành phố"
QH = "Quốc hội, Chính phủ (vấn đề trung ương)"
AGENCIES = (LOCAL, CITY, TNMT, SXD, GTVT, GDDT, SYT, LDTBXH, CA, STC, NNPTNT, VHTT, SNV, STP, BHXH, EVN, QH)


@dataclass(frozen=True)
class Example:
    text: str
    field: str
    agency: str
    group_id: str | None
    template: str


@dataclass(frozen=True)
class Template:
    key: str
    fields: dict  # field -> weight: who files it where
    agencies: dict  # agency -> weight
    cores: tuple  # phrasings of the matter, with {slots}
    details: tuple = ()  # optional extra sentences


def T(key, fields, agencies, cores, details=()):  # noqa: N802 - a compact table below
    if isinstance(fields, str):
        fields = {fields: 1}
    if isinstance(agencies, str):
        agencies = {agencies: 1}
    return Template(key, fields, agencies, tuple(cores), tuple(details))


DAT, XD, GT, MT, GD, YT, LD, AN, KT, NN, VH, TC, TP, KH = FIELDS

TEMPLATES = (
    # --- đất đai
    T("land.certificate", DAT, {LOCAL: 3, TNMT: 2}, (
        "hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất của nhiều hộ dân ở {village} nộp từ năm {year} đến nay vẫn chưa được giải quyết",
        "việc cấp sổ đỏ cho các hộ tại {village} quá chậm, người dân đi lại nhiều lần nhưng chưa nhận được giấy chứng nhận",
        "nhiều gia đình ở {village} sử dụng đất ổn định từ trước năm 1993 nhưng đến nay chưa được cấp giấy chứng nhận quyền sử dụng đất",
    ), ("Cán bộ địa chính trả lời là còn thiếu hồ sơ nhưng không hướng dẫn cụ thể.", "Việc này ảnh hưởng đến quyền lợi hợp pháp của người dân.")),
    T("land.compensation", {DAT: 4, XD: 1}, {CITY: 2, LOCAL: 2, TNMT: 1}, (
        "giá bồi thường khi thu hồi đất nông nghiệp để làm {project} quá thấp so với giá thị trường",
        "dự án {project} đã thu hồi đất của dân từ năm {year} nhưng tiền bồi thường, hỗ trợ vẫn chưa được chi trả đầy đủ",
        "người dân bị thu hồi đất cho {project} chưa được bố trí tái định cư, phải đi thuê nhà nhiều năm",
    ), ("Đề nghị công khai phương án bồi thường, hỗ trợ và tái định cư.", "Nhiều hộ chưa đồng thuận nên việc giải phóng mặt bằng bị kéo dài.")),
    T("land.encroach", {DAT: 3, XD: 1, AN: 1}, {LOCAL: 4, TNMT: 1}, (
        "khu đất công cạnh {landmark} ở {village} bị một số hộ lấn chiếm, dựng lều quán để kinh doanh",
        "tình trạng lấn chiếm đất công, đất hành lang tại {village} diễn ra kéo dài nhưng chính quyền chưa xử lý dứt điểm",
        "một số hộ tự ý rào chắn, chiếm dụng phần đất công gần {landmark} làm của riêng",
    ), ("Đề nghị kiểm tra, thu hồi đất công bị lấn chiếm.",)),
    T("land.dispute", {DAT: 4, TP: 1}, {LOCAL: 4, TNMT: 1}, (
        "tranh chấp ranh giới thửa đất giữa các hộ ở {village} đã được hòa giải nhiều lần nhưng không thành",
        "gia đình ông {person} ở {village} tranh chấp đất với hộ liền kề, đề nghị đo đạc lại ranh giới thửa đất",
    ), ("Bản đồ địa chính và hiện trạng sử dụng đất không khớp nhau.",)),
    T("land.purpose", {DAT: 3, NN: 1}, {TNMT: 2, LOCAL: 2}, (
        "thủ tục chuyển mục đích sử dụng đất vườn sang đất ở tại {village} rườm rà, tiền sử dụng đất phải nộp quá cao",
        "người dân ở {village} có nhu cầu chuyển đổi đất nông nghiệp xen kẹt trong khu dân cư sang đất ở nhưng không được giải quyết",
    )),
    T("land.resettle", {DAT: 2, XD: 2}, {CITY: 2, SXD: 1, TNMT: 1}, (
        "khu tái định cư phục vụ {project} xây xong đã lâu nhưng chưa bàn giao cho các hộ dân",
        "các hộ đã nhận nhà tái định cư của {project} từ năm {year} nhưng đến nay chưa được cấp giấy chứng nhận",
    ), ("Chất lượng nhà tái định cư kém, tường nứt, thấm dột.",)),
    # --- xây dựng – đô thị
    T("urban.illegal", {XD: 4, DAT: 1}, {LOCAL: 4, SXD: 1}, (
        "công trình nhà {floors} tầng tại số {n} {street} xây dựng sai phép, vượt số tầng được cấp",
        "tình trạng xây dựng không phép, cơi nới trái phép trên {street} diễn ra phổ biến nhưng chưa bị xử lý",
        "một hộ dân tự ý xây thêm tầng, làm nứt tường nhà liền kề ở ngõ {alley} {street}",
    ), ("Đề nghị kiểm tra trật tự xây dựng và xử lý nghiêm vi phạm.",)),
    T("urban.old_apartment", XD, {SXD: 3, CITY: 2}, (
        "khu tập thể cũ {estate} xuống cấp nghiêm trọng, cầu thang nứt, mảng bê tông rơi xuống, nguy cơ sập đổ",
        "việc cải tạo, xây dựng lại chung cư cũ {estate} chậm, người dân đang sống trong điều kiện không an toàn",
    ), ("Cử tri mong thành phố sớm có kế hoạch di dời và xây mới.",)),
    T("urban.stalled_project", {XD: 3, DAT: 1, KT: 1}, {SXD: 2, CITY: 2}, (
        "{project} được phê duyệt từ năm {year} nhưng đến nay vẫn bỏ hoang, cỏ mọc um tùm, trở thành dự án treo",
        "dự án {project} chậm tiến độ nhiều năm, người dân trong vùng quy hoạch không được xây dựng, sửa chữa nhà",
        "đề nghị rà soát, thu hồi dự án {project} vì chủ đầu tư không triển khai",
    )),
    T("urban.sidewalk", {XD: 3, GT: 2}, {LOCAL: 3, SXD: 1}, (
        "vỉa hè trên {street} vừa lát lại đã bong tróc, lồi lõm, gây lãng phí",
        "vỉa hè tuyến {street} bị các hộ kinh doanh chiếm dụng làm nơi để xe, bày hàng, người đi bộ phải xuống lòng đường",
    ), ("Đề nghị kiểm tra chất lượng thi công và trách nhiệm của đơn vị thi công.",)),
    T("urban.lighting", {XD: 2, GT: 2, AN: 1}, {LOCAL: 2, SXD: 2}, (
        "hệ thống đèn chiếu sáng trên {street} đoạn gần {landmark} bị hỏng nhiều tháng, buổi tối tối om",
        "ngõ {alley} {street} không có đèn chiếu sáng công cộng, người dân đi lại ban đêm rất nguy hiểm",
    )),
    T("urban.planning", {XD: 3, DAT: 2}, {SXD: 2, CITY: 2, LOCAL: 1}, (
        "quy hoạch mở đường qua {village} treo nhiều năm, người dân không biết khi nào thực hiện để ổn định cuộc sống",
        "đề nghị công khai bản đồ quy hoạch phân khu tại {village} để người dân được biết và tham gia ý kiến",
    )),
    # --- giao thông
    T("traffic.potholes", {GT: 4, XD: 1}, {GTVT: 3, LOCAL: 2}, (
        "mặt đường {street} đoạn qua {village} xuống cấp, nhiều ổ gà, ổ voi gây nguy hiểm cho người tham gia giao thông",
        "tuyến đường {street} hư hỏng nặng, trời mưa thì lầy lội, trời nắng thì bụi mù",
        "đề nghị sớm sửa chữa, nâng cấp đường {street} vì mặt đường bong tróc, sụt lún",
    ), ("Đã có nhiều vụ ngã xe xảy ra tại đây.", "Người dân đã phản ánh nhiều lần nhưng chưa được khắc phục.")),
    T("traffic.jam", GT, {GTVT: 3, CA: 1}, (
        "nút giao {street} và {street2} thường xuyên ùn tắc kéo dài vào giờ cao điểm",
        "tình trạng ùn tắc giao thông trên {street} giờ tan tầm ngày càng nghiêm trọng, đề nghị tổ chức lại phân luồng",
    ), ("Đề nghị nghiên cứu xây cầu vượt hoặc hầm chui.",)),
    T("traffic.signals", {GT: 4, AN: 1}, {GTVT: 3, CA: 1}, (
        "đề nghị lắp đặt đèn tín hiệu giao thông tại ngã ba {street} giao {street2}, nơi thường xảy ra tai nạn",
        "biển báo giao thông trên {street} bị che khuất, vạch sơn kẻ đường mờ, cần bổ sung gờ giảm tốc gần {school}",
    )),
    T("traffic.trucks", {GT: 3, MT: 1, AN: 1}, {GTVT: 2, CA: 2, LOCAL: 1}, (
        "xe tải trọng lớn chở vật liệu xây dựng chạy suốt đêm qua {street}, làm hỏng đường và gây ồn",
        "xe chở đất, cát không che phủ bạt, làm rơi vãi vật liệu trên {street}",
    )),
    T("traffic.bus", GT, {GTVT: 4, CITY: 1}, (
        "đề nghị mở thêm tuyến xe buýt đi qua {village} vì người dân, học sinh đi lại khó khăn",
        "điểm dừng xe buýt trên {street} không có nhà chờ, biển báo, người dân phải đứng dưới nắng mưa",
    )),
    T("traffic.bridge", {GT: 3, XD: 1, NN: 1}, {GTVT: 2, LOCAL: 2, SXD: 1}, (
        "cây cầu bắc qua {canal} ở {village} đã yếu, lan can gãy, xe máy đi qua rất nguy hiểm",
        "đề nghị xây mới cầu qua {canal} để thay cầu tạm đã xuống cấp",
    )),
    T("traffic.flood", {GT: 2, MT: 2, XD: 2}, {SXD: 2, GTVT: 1, LOCAL: 1}, (
        "mỗi khi mưa lớn, đoạn đường {street} gần {landmark} bị ngập sâu nửa mét, xe chết máy hàng loạt",
        "hệ thống thoát nước trên {street} bị tắc, chỉ mưa nhỏ là ngập úng, nước tràn vào nhà dân",
        "điểm ngập úng tại {street} tồn tại nhiều năm chưa được xử lý, đề nghị cải tạo cống thoát nước",
    ), ("Người dân phải kê cao đồ đạc mỗi mùa mưa.",)),
    # --- môi trường
    T("env.waste", MT, {LOCAL: 4, TNMT: 1}, (
        "rác thải sinh hoạt tại {village} không được thu gom thường xuyên, ùn ứ nhiều ngày gây mùi hôi thối",
        "điểm tập kết rác cạnh {landmark} quá tải, rác tràn ra lòng đường, ruồi muỗi nhiều",
        "tình trạng đổ trộm phế thải xây dựng ra {street} vào ban đêm vẫn diễn ra",
    )),
    T("env.river", {MT: 4, NN: 1}, {TNMT: 3, CITY: 1}, (
        "nước {canal} đoạn qua {village} bị ô nhiễm nặng, đen kịt, bốc mùi hôi",
        "đề nghị nạo vét, kè bờ và xử lý nước thải đổ trực tiếp ra {canal}",
    ), ("Nước thải từ các khu dân cư và cơ sở sản xuất chưa qua xử lý.",)),
    T("env.factory", {MT: 4, KT: 1}, {TNMT: 3, LOCAL: 1}, (
        "cơ sở sản xuất của {company} ở {village} xả khói bụi, mùi khét, ảnh hưởng sức khỏe người dân xung quanh",
        "{company} xả nước thải chưa qua xử lý ra môi trường, cá chết hàng loạt ở {canal}",
    ), ("Đề nghị kiểm tra, xử phạt và buộc di dời cơ sở gây ô nhiễm ra khỏi khu dân cư.",)),
    T("env.water", {MT: 2, XD: 1, KH: 1}, {CITY: 2, SXD: 1, LOCAL: 1}, (
        "nhiều hộ dân ở {village} chưa có nước sạch, phải dùng nước giếng khoan nhiễm asen",
        "nước sạch cung cấp cho {village} thường xuyên mất, có màu vàng và mùi lạ",
    )),
    T("env.straw", {MT: 3, NN: 2}, {LOCAL: 3, NNPTNT: 1}, (
        "sau mỗi vụ gặt người dân ở {village} đốt rơm rạ ngoài đồng, khói bay mù mịt vào khu dân cư và đường {street}",
        "khói đốt rơm rạ ở {village} gây khó thở, che khuất tầm nhìn của người đi đường",
    )),
    # --- giáo dục
    T("edu.overload", {GD: 4, XD: 1}, {GDDT: 2, LOCAL: 2, CITY: 1}, (
        "{school} quá tải, sĩ số mỗi lớp lên tới {big} học sinh, đề nghị đầu tư xây thêm phòng học",
        "khu vực {village} dân số tăng nhanh nhưng thiếu trường công lập, nhiều trẻ không được học gần nhà",
        "đề nghị sớm xây dựng {school} theo quy hoạch để giảm tải cho các trường lân cận",
    )),
    T("edu.fees", GD, {GDDT: 3, LOCAL: 1}, (
        "phụ huynh {school} phản ánh nhà trường thu nhiều khoản ngoài quy định, quỹ lớp, quỹ phụ huynh quá cao",
        "đầu năm học phụ huynh phải đóng nhiều khoản tiền tự nguyện nhưng thực chất là bắt buộc tại {school}",
    ), ("Đề nghị công khai, minh bạch các khoản thu trong trường học.",)),
    T("edu.admission", GD, {GDDT: 4}, (
        "kỳ thi tuyển sinh vào lớp 10 công lập quá căng thẳng, chỉ tiêu ít, nhiều học sinh không có chỗ học",
        "đề nghị công bố sớm phương án tuyển sinh đầu cấp và phân tuyến hợp lý để học sinh {village} không phải đi học xa",
    )),
    T("edu.teachers", {GD: 3, LD: 1, TC: 1}, {GDDT: 2, SNV: 2}, (
        "giáo viên hợp đồng ở {school} thu nhập thấp, chưa được xét tuyển đặc cách vào biên chế",
        "tình trạng thiếu giáo viên tiếng Anh, tin học ở các trường tiểu học tại {village} kéo dài",
    )),
    T("edu.textbooks", {GD: 4, KT: 1}, {GDDT: 3, QH: 2}, (
        "sách giáo khoa thay đổi liên tục, giá cao, không dùng lại được gây lãng phí cho phụ huynh",
        "đề nghị Bộ Giáo dục và Đào tạo có bộ sách giáo khoa thống nhất, cấp miễn phí cho học sinh",
    )),
    # --- y tế
    T("health.station", YT, {SYT: 3, LOCAL: 1}, (
        "trạm y tế {village} thiếu thuốc, thiếu trang thiết bị, người dân phải lên tuyến trên khám bệnh",
        "cơ sở vật chất trạm y tế ở {village} xuống cấp, dột nát, bác sĩ chỉ có một người",
    )),
    T("health.insurance", {YT: 2, LD: 2}, {BHXH: 3, SYT: 2}, (
        "người có thẻ bảo hiểm y tế khám tại {hospital} vẫn phải tự mua nhiều loại thuốc ngoài danh mục",
        "thủ tục thanh toán chi phí khám chữa bệnh bảo hiểm y tế tại {hospital} rườm rà, chờ đợi lâu",
        "đề nghị tăng mức hỗ trợ đóng bảo hiểm y tế hộ gia đình cho người dân ở {village}",
    )),
    T("health.overload", YT, {SYT: 4}, (
        "{hospital} quá tải, bệnh nhân nằm ghép hai, ba người một giường",
        "người bệnh phải chờ khám ở {hospital} cả buổi sáng, thái độ một số nhân viên y tế chưa tốt",
    )),
    T("health.food", {YT: 3, AN: 1, KT: 1}, {SYT: 2, LOCAL: 2, CA: 1}, (
        "nhiều cơ sở kinh doanh ăn uống quanh {school} không đảm bảo vệ sinh an toàn thực phẩm",
        "thực phẩm không rõ nguồn gốc được bán tràn lan ở {market}, đề nghị tăng cường kiểm tra",
    )),
    T("health.vaccine", YT, {SYT: 4}, (
        "thiếu vắc xin trong chương trình tiêm chủng mở rộng, trẻ em ở {village} bị lỡ lịch tiêm",
        "đề nghị bảo đảm đủ vắc xin tiêm chủng cho trẻ nhỏ tại trạm y tế {village}",
    )),
    # --- lao động – xã hội
    T("social.merit", LD, {LDTBXH: 3, LOCAL: 1}, (
        "hồ sơ đề nghị công nhận liệt sĩ, thương binh của gia đình ông {person} gửi từ năm {year} chưa được giải quyết",
        "đề nghị xem xét chế độ cho người tham gia kháng chiến bị nhiễm chất độc hóa học ở {village}",
    )),
    T("social.elderly", {LD: 4, KT: 1}, {LDTBXH: 2, QH: 2, LOCAL: 1}, (
        "đề nghị hạ độ tuổi hưởng trợ cấp xã hội hằng tháng cho người cao tuổi từ 80 xuống 75",
        "mức trợ cấp cho người khuyết tật, người cao tuổi cô đơn ở {village} quá thấp, không đủ sinh hoạt",
    )),
    T("social.pension", {LD: 4, KT: 1}, {BHXH: 3, QH: 2}, (
        "nhiều công nhân xin rút bảo hiểm xã hội một lần, đề nghị có chính sách giữ chân người lao động",
        "doanh nghiệp {company} nợ đóng bảo hiểm xã hội nhiều tháng, người lao động không được hưởng chế độ",
        "lương hưu của cán bộ nghỉ hưu trước năm 1995 quá thấp, đề nghị điều chỉnh",
    )),
    T("social.jobs", {LD: 3, KT: 1, NN: 1}, {LDTBXH: 3, LOCAL: 1}, (
        "lao động ở {village} mất đất sản xuất không có việc làm, đề nghị mở lớp đào tạo nghề",
        "thanh niên ở {village} thiếu việc làm, đề nghị giới thiệu việc làm và hỗ trợ vay vốn đi xuất khẩu lao động",
    )),
    T("social.poor", {LD: 3, KT: 1}, {LDTBXH: 2, LOCAL: 3}, (
        "việc bình xét hộ nghèo, hộ cận nghèo ở {village} chưa công bằng, có hộ khá giả vẫn được xét",
        "đề nghị hỗ trợ sửa nhà cho hộ nghèo, gia đình chính sách ở {village} đang ở nhà dột nát",
    )),
    # --- an ninh – trật tự
    T("order.theft", AN, {CA: 3, LOCAL: 2}, (
        "tình trạng trộm cắp xe máy, đột nhập nhà dân ở {village} xảy ra nhiều, người dân lo lắng",
        "đề nghị tăng cường tuần tra ban đêm vì trộm cắp tài sản ở khu {village} gia tăng",
    )),
    T("order.loansharks", {AN: 4, KT: 1}, {CA: 4}, (
        "hoạt động tín dụng đen cho vay nặng lãi dán quảng cáo khắp nơi ở {village}, đòi nợ kiểu khủng bố",
        "các đối tượng cho vay lãi nặng ném chất bẩn vào nhà người vay ở {street}, đề nghị xử lý nghiêm",
    )),
    T("order.racing", {AN: 3, GT: 2}, {CA: 4}, (
        "thanh thiếu niên tụ tập đua xe, lạng lách trên {street} vào đêm khuya gây mất an ninh trật tự",
        "nhóm thanh niên đi xe máy không biển số, nẹt pô, cổ vũ đua xe trên {street} mỗi cuối tuần",
    )),
    T("order.fraud", {AN: 4, KH: 1}, {CA: 4}, (
        "nhiều người cao tuổi ở {village} bị lừa đảo qua điện thoại, mạo danh công an yêu cầu chuyển tiền",
        "đề nghị tuyên truyền, ngăn chặn các thủ đoạn lừa đảo qua mạng xã hội, tin nhắn giả ngân hàng",
    )),
    T("order.karaoke", {AN: 2, MT: 2, VH: 1}, {LOCAL: 3, CA: 2}, (
        "quán karaoke ở số {n} {street} hát đến nửa đêm, tiếng ồn ảnh hưởng giấc ngủ của người dân",
        "tiếng loa kẹo kéo, karaoke di động ở {village} mở hết công suất suốt ngày",
    )),
    T("order.drugs", AN, {CA: 4, LOCAL: 1}, (
        "khu vực gầm cầu gần {landmark} có người nghiện tụ tập, tiêm chích, vứt bơm kim tiêm bừa bãi",
        "đề nghị triệt phá tụ điểm mua bán ma túy ở {village}",
    )),
    # --- kinh tế – tài chính
    T("econ.tax", {KT: 4}, {STC: 2, QH: 1, CITY: 1}, (
        "hộ kinh doanh nhỏ ở {market} phản ánh mức thuế khoán tăng cao trong khi buôn bán ế ẩm",
        "việc chuyển đổi sang hóa đơn điện tử và kê khai thuế gây khó khăn cho hộ kinh doanh cá thể",
    )),
    T("econ.market", {KT: 3, XD: 1}, {LOCAL: 2, CITY: 1, STC: 1}, (
        "{market} xây mới nhưng giá thuê ki ốt quá cao, tiểu thương không thuê được, chợ bỏ hoang",
        "đề nghị sớm cải tạo {market} đã xuống cấp, mái tôn thủng, nguy cơ cháy nổ",
    )),
    T("econ.power_price", {KT: 3, KH: 2}, {EVN: 2, QH: 2}, (
        "hóa đơn tiền điện của nhiều hộ ở {village} tháng vừa qua tăng bất thường, gấp đôi tháng trước",
        "đề nghị xem xét lại biểu giá điện bậc thang vì giá điện tăng ảnh hưởng đời sống người dân",
    )),
    T("econ.public_invest", {KT: 3, XD: 1}, {STC: 2, CITY: 2}, (
        "tiến độ giải ngân vốn đầu tư công của thành phố còn chậm, đề nghị làm rõ trách nhiệm",
        "đề nghị bố trí vốn ngân sách để hoàn thành {project}, công trình dở dang nhiều năm",
    )),
    T("econ.credit", {KT: 3, LD: 1, NN: 1}, {STC: 2, QH: 1, LOCAL: 1}, (
        "hộ sản xuất nhỏ ở {village} khó tiếp cận vốn vay ưu đãi, thủ tục ngân hàng phức tạp",
        "đề nghị tăng hạn mức cho vay từ Ngân hàng Chính sách xã hội cho hộ nghèo và học sinh, sinh viên",
    )),
    # --- nông nghiệp
    T("agri.irrigation", {NN: 4, XD: 1}, {NNPTNT: 3, LOCAL: 2}, (
        "hệ thống kênh mương nội đồng ở {village} bị bồi lắng, không đủ nước tưới cho vụ xuân",
        "trạm bơm tiêu úng {village} hỏng từ lâu, mùa mưa lúa bị ngập, đề nghị sửa chữa",
    )),
    T("agri.inputs", {NN: 3, KT: 2}, {NNPTNT: 3, QH: 1}, (
        "giá phân bón, thuốc bảo vệ thực vật tăng cao trong khi giá lúa thấp, nông dân làm ra không có lãi",
        "phân bón giả, kém chất lượng bán tràn lan ở {village}, đề nghị kiểm tra",
    )),
    T("agri.livestock", NN, {NNPTNT: 4, LOCAL: 1}, (
        "dịch tả lợn châu Phi tái phát ở {village}, đề nghị hỗ trợ người chăn nuôi có lợn bị tiêu hủy",
        "đề nghị cấp vắc xin phòng bệnh lở mồm long móng, viêm da nổi cục cho đàn gia súc ở {village}",
    )),
    T("agri.consolidation", {NN: 2, DAT: 2}, {NNPTNT: 2, LOCAL: 2, TNMT: 1}, (
        "sau dồn điền đổi thửa ở {village} nhiều hộ chưa được cấp đổi giấy chứng nhận quyền sử dụng đất nông nghiệp",
        "việc dồn điền đổi thửa ở {village} chia ruộng chưa công bằng, ruộng xa ruộng gần không hợp lý",
    )),
    T("agri.disaster", {NN: 3, LD: 1}, {NNPTNT: 2, LOCAL: 2, CITY: 1}, (
        "mưa bão vừa qua làm ngập hàng chục héc ta lúa và hoa màu ở {village}, đề nghị sớm hỗ trợ thiệt hại",
        "tiền hỗ trợ thiệt hại do thiên tai cho nông dân ở {village} chưa được chi trả",
    )),
    # --- văn hóa – thể thao
    T("culture.house", {VH: 3, XD: 1}, {LOCAL: 3, VHTT: 1}, (
        "{village} chưa có nhà văn hóa, mọi sinh hoạt cộng đồng phải mượn sân nhà dân",
        "đề nghị đầu tư sân chơi, điểm vui chơi cho trẻ em và nơi tập thể dục cho người cao tuổi ở {village}",
    )),
    T("culture.relic", VH, {VHTT: 3, LOCAL: 1}, (
        "{temple} là di tích lịch sử cấp thành phố đang xuống cấp nghiêm trọng, đề nghị tu bổ, tôn tạo",
        "khuôn viên {temple} bị lấn chiếm làm bãi xe, đề nghị bảo vệ di tích",
    )),
    T("culture.ads", {VH: 3, AN: 1, XD: 1}, {LOCAL: 4, VHTT: 1}, (
        "quảng cáo rao vặt dán, vẽ tràn lan trên tường, cột điện ở {street} làm mất mỹ quan đô thị",
        "biển quảng cáo tấm lớn trên nóc nhà ở {street} không đảm bảo an toàn khi mưa bão",
    )),
    T("culture.sport", {VH: 4, GD: 1}, {VHTT: 2, LOCAL: 2}, (
        "đề nghị xây dựng sân bóng, nhà thi đấu đa năng cho thanh thiếu niên ở {village}",
        "sân thể thao của {village} bị chuyển sang làm bãi trông giữ xe thu tiền",
    )),
    T("culture.festival", {VH: 3, AN: 1}, {VHTT: 2, LOCAL: 2}, (
        "lễ hội ở {temple} còn tình trạng chen lấn, đặt tiền lẻ, bán hàng chèo kéo",
        "đề nghị quản lý chặt việc tổ chức cưới, tang, lễ hội tốn kém ở {village}",
    )),
    # --- tổ chức bộ máy
    T("org.merge_staff", TC, {SNV: 3, CITY: 1, QH: 1}, (
        "sau sắp xếp đơn vị hành chính cấp xã, nhiều cán bộ, công chức dôi dư chưa được bố trí công việc",
        "đề nghị có chính sách thỏa đáng cho cán bộ không chuyên trách ở {village} nghỉ việc do sắp xếp bộ máy",
    )),
    T("org.papers", {TC: 3, TP: 2}, {LOCAL: 3, SNV: 1, STP: 1}, (
        "sau khi sáp nhập thành {loc}, người dân phải đi điều chỉnh địa chỉ trên căn cước, giấy tờ nhà đất, rất mất thời gian",
        "đề nghị hướng dẫn thủ tục thay đổi thông tin địa giới hành chính trên giấy tờ của người dân {loc} mà không thu phí",
    )),
    T("org.office", {TC: 3, XD: 1}, {CITY: 2, SNV: 2, LOCAL: 1}, (
        "trụ sở {loc} sau sáp nhập ở xa, người dân đi làm thủ tục phải đi hàng chục cây số",
        "đề nghị sử dụng hợp lý các trụ sở dôi dư sau sáp nhập, tránh để hoang phí",
    )),
    T("org.service", {TC: 3, KH: 1}, {LOCAL: 3, SNV: 1}, (
        "thái độ phục vụ của một số cán bộ ở bộ phận một cửa {loc} còn hách dịch, gây phiền hà",
        "dịch vụ công trực tuyến hay bị lỗi, người dân phải nộp hồ sơ giấy nhiều lần ở {loc}",
    )),
    # --- tư pháp
    T("justice.enforcement", TP, {STP: 2, QH: 1, LOCAL: 1}, (
        "bản án đã có hiệu lực pháp luật từ năm {year} nhưng cơ quan thi hành án chưa tổ chức thi hành",
        "gia đình bà {person} ở {village} đề nghị đẩy nhanh việc thi hành án dân sự đã kéo dài nhiều năm",
    )),
    T("justice.notary", TP, {STP: 4}, (
        "phí công chứng hợp đồng mua bán nhà đất quá cao, thủ tục công chứng, chứng thực kéo dài",
        "người dân {loc} mong được chứng thực bản sao điện tử để đỡ phải đi lại",
    )),
    T("justice.civil", {TP: 3, TC: 1}, {STP: 2, LOCAL: 3}, (
        "việc đăng ký hộ tịch, trích lục khai sinh ở {loc} chậm, cán bộ tư pháp yêu cầu nhiều giấy tờ",
        "đề nghị hướng dẫn cấp lại giấy khai sinh bị mất cho người cao tuổi ở {village}",
    )),
    T("justice.aid", {TP: 3, LD: 1}, {STP: 4}, (
        "người nghèo, người khuyết tật ở {village} cần được trợ giúp pháp lý miễn phí khi có tranh chấp",
        "đề nghị tổ chức tuyên truyền pháp luật và trợ giúp pháp lý lưu động tại {village}",
    )),
    T("justice.court", {TP: 4, AN: 1}, {QH: 3, STP: 1}, (
        "vụ án của gia đình ông {person} bị tòa án trả hồ sơ, xét xử kéo dài nhiều năm",
        "đề nghị Đoàn đại biểu Quốc hội giám sát việc giải quyết vụ án tranh chấp dân sự của gia đình ông {person}",
    )),
    # --- khác
    T("other.power", {KH: 3, KT: 1}, {EVN: 4}, (
        "khu vực {village} thường xuyên mất điện không báo trước, ảnh hưởng sản xuất và sinh hoạt",
        "lưới điện ở {village} cũ, cột điện nghiêng, dây điện chằng chịt nguy cơ mất an toàn",
    )),
    T("other.telecom", KH, {LOCAL: 1, QH: 1, CITY: 2}, (
        "sóng điện thoại, internet ở {village} rất yếu, học sinh học trực tuyến khó khăn",
        "dây cáp viễn thông treo chằng chịt, sà xuống thấp trên {street}, đề nghị ngầm hóa",
    )),
    T("other.naming", {KH: 2, VH: 2}, {CITY: 2, VHTT: 1}, (
        "đề nghị đặt tên cho các tuyến đường mới ở {loc} để thuận tiện ghi địa chỉ",
        "cử tri đề nghị lấy tên {person_hero} đặt cho một tuyến phố của thành phố",
    )),
    T("other.thanks", KH, {CITY: 2, LOCAL: 2}, (
        "cử tri phấn khởi trước kết quả kỳ họp vừa qua và mong đại biểu tiếp tục lắng nghe ý kiến nhân dân",
        "cử tri ghi nhận sự quan tâm của thành phố trong thời gian qua và đề nghị các đại biểu thường xuyên tiếp xúc cử tri",
    )),
    T("other.national", {KH: 2, KT: 1, TC: 1}, {QH: 4}, (
        "đề nghị Quốc hội sớm sửa đổi luật để phù hợp với thực tiễn, tránh chồng chéo giữa các văn bản",
        "cử tri đề nghị Quốc hội tăng cường giám sát việc thực hiện các chính sách đã ban hành",
    )),
)

# Words of each field that petitions use whatever their matter: the way minutes and letters
# name the domain ("quản lý đất đai", "an toàn giao thông"). A petition draws them from a
# field its matter belongs to, not from the label the clerk chose.
FIELD_TERMS = {
    DAT: ("quản lý đất đai", "hồ sơ địa chính", "quyền sử dụng đất", "văn phòng đăng ký đất đai",
          "đo đạc, cắm mốc", "giải phóng mặt bằng", "thửa đất", "đất ở"),
    XD: ("trật tự xây dựng", "chỉnh trang đô thị", "hạ tầng kỹ thuật", "quy hoạch chi tiết",
         "giấy phép xây dựng", "mỹ quan đô thị", "chủ đầu tư", "thi công công trình"),
    GT: ("an toàn giao thông", "người tham gia giao thông", "phương tiện cơ giới", "lòng đường",
         "tai nạn giao thông", "phân luồng giao thông", "hạ tầng giao thông", "tuyến đường"),
    MT: ("vệ sinh môi trường", "ô nhiễm môi trường", "xử lý chất thải", "bảo vệ môi trường",
         "nước thải", "mùi hôi", "cây xanh", "thu gom rác"),
    GD: ("ngành giáo dục", "học sinh", "phụ huynh", "năm học", "nhà trường", "giáo viên",
         "cơ sở vật chất trường học", "chất lượng dạy và học"),
    YT: ("chăm sóc sức khỏe", "khám chữa bệnh", "người bệnh", "nhân viên y tế", "dịch bệnh",
         "thuốc men", "y tế cơ sở", "sức khỏe nhân dân"),
    LD: ("chính sách xã hội", "người lao động", "an sinh xã hội", "chế độ chính sách",
         "trợ cấp", "người có công", "đối tượng bảo trợ xã hội", "đời sống khó khăn"),
    AN: ("an ninh trật tự", "tệ nạn xã hội", "công an phường", "tuần tra kiểm soát", "đối tượng",
         "xử lý nghiêm vi phạm", "bình yên của khu dân cư", "phòng chống tội phạm"),
    KT: ("ngân sách", "tài chính", "doanh nghiệp", "hộ kinh doanh", "giá cả", "chi phí",
         "phát triển kinh tế", "nguồn vốn"),
    NN: ("sản xuất nông nghiệp", "nông dân", "cây trồng vật nuôi", "đồng ruộng", "mùa vụ",
         "khuyến nông", "nông thôn mới", "thủy lợi"),
    VH: ("đời sống văn hóa", "thiết chế văn hóa", "phong trào thể dục thể thao", "văn minh",
         "nếp sống", "di sản", "sinh hoạt cộng đồng", "vui chơi giải trí"),
    TC: ("sắp xếp tổ chức bộ máy", "cán bộ, công chức", "đơn vị hành chính", "cải cách hành chính",
         "chính quyền hai cấp", "tinh giản biên chế", "thủ tục hành chính", "chức năng nhiệm vụ"),
    TP: ("pháp luật", "quyền và lợi ích hợp pháp", "cơ quan tư pháp", "hồ sơ pháp lý",
         "bản án", "thủ tục tư pháp", "quy định của pháp luật", "phổ biến giáo dục pháp luật"),
    KH: ("dịch vụ thiết yếu", "đời sống dân sinh", "nhiều vấn đề", "tình hình chung",
         "hoạt động của đại biểu", "kỳ họp", "ý kiến nhân dân", "chính sách chung"),
}
FRAMES = (
    "Cử tri đề nghị tăng cường công tác {a}.",
    "Việc này ảnh hưởng đến {a} và {b}.",
    "Đề nghị quan tâm hơn nữa đến {a}.",
    "Cử tri cho rằng cần làm rõ trách nhiệm trong {a}.",
    "Vấn đề {a}, {b} đã được nêu nhiều lần.",
    "Đề nghị cơ quan chức năng rà soát {a}.",
)

OPENERS = (
    "Cử tri {place} phản ánh: ",
    "Cử tri {place} kiến nghị: ",
    "Tại buổi tiếp xúc cử tri ở {place}, cử tri cho biết ",
    "Kính gửi Đoàn ĐBQH và HĐND thành phố. Tôi là cử tri ở {place}, ",
    "Nhiều cử tri {place} bức xúc vì ",
    "Ý kiến cử tri {place}: ",
    "Cử tri tổ dân phố số {tdp} {place} phản ánh ",
    "",
    "",
    "Đề nghị xem xét: ",
    "Thay mặt các hộ dân {place}, tôi làm đơn này kiến nghị việc ",
    "Cử tri {place} tiếp tục kiến nghị (đã kiến nghị tại kỳ họp trước): ",
)
CLOSERS = (
    "Đề nghị các cơ quan có thẩm quyền sớm xem xét, giải quyết.",
    "Đề nghị thành phố quan tâm chỉ đạo.",
    "Cử tri mong sớm nhận được trả lời.",
    "",
    "",
    "Đề nghị trả lời cụ thể cho cử tri được biết.",
    "Đề nghị có lộ trình giải quyết dứt điểm.",
    "Kính mong các đại biểu quan tâm.",
    "Xin trân trọng cảm ơn.",
)

STREETS = (
    "Nguyễn Trãi", "Láng", "Giải Phóng", "Trường Chinh", "Kim Mã", "Xuân Thủy", "Phạm Văn Đồng",
    "Nguyễn Văn Cừ", "Ngọc Hồi", "Tam Trinh", "Lĩnh Nam", "Minh Khai", "Âu Cơ", "Lạc Long Quân",
    "Hoàng Quốc Việt", "Cầu Giấy", "Quang Trung", "Lê Văn Lương", "Tố Hữu", "Nguyễn Xiển",
    "Vành đai 3", "Quốc lộ 6", "Quốc lộ 32", "Đê La Thành", "Tây Sơn", "Chùa Bộc", "Thái Hà",
    "Nguyễn Khoái", "Kim Giang", "Nguyễn Tuân", "Hồ Tùng Mậu", "Phúc Diễn", "Tân Xuân",
    "Ngọc Lâm", "Nguyễn Văn Linh", "Cổ Linh", "Thạch Bàn", "Đông Anh – Kim Hoa", "Tỉnh lộ 419",
    "Tỉnh lộ 70", "Đại lộ Thăng Long", "Lê Trọng Tấn", "Vũ Tông Phan", "Định Công", "Bằng Liệt",
    "Yên Nghĩa", "Văn Phú", "Phan Trọng Tuệ", "đê Tả Hồng", "đường 23B", "Võ Chí Công",
)
CANALS = (
    "sông Tô Lịch", "sông Nhuệ", "sông Kim Ngưu", "sông Lừ", "sông Sét", "sông Đáy", "sông Cầu Bây",
    "mương Thụy Khuê", "kênh Đồng Mô", "mương tiêu T3", "sông Tích", "ngòi Cầu Đìa",
)
SCHOOL_KINDS = ("Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trường THPT")
HOSPITAL_KINDS = ("Bệnh viện đa khoa", "Trung tâm y tế khu vực", "Bệnh viện")
PROJECT_KINDS = ("dự án khu đô thị", "dự án đường vành đai", "dự án mở rộng đường", "dự án công viên",
                 "dự án nhà ở xã hội", "dự án trường học", "dự án cụm công nghiệp")
ESTATES = ("Kim Liên", "Thành Công", "Giảng Võ", "Nghĩa Tân", "Trung Tự", "Khương Thượng",
           "Văn Chương", "Ngọc Khánh", "Thanh Xuân Bắc", "Nguyễn Công Trứ", "Tân Mai", "Quỳnh Mai")
LANDMARKS = ("chợ dân sinh", "cổng trường tiểu học", "nhà văn hóa", "đình làng", "trạm biến áp",
             "ngã tư", "cầu vượt", "bến xe buýt", "trạm y tế", "UBND cũ", "khu tập thể", "cây xăng")
COMPANY_KINDS = ("Công ty TNHH", "Công ty cổ phần", "xưởng", "lò")
COMPANY_NAMES = ("Hưng Thịnh", "Minh Phát", "Phú Cường", "Thành Đạt", "An Khang", "Bảo Long",
                 "Việt Hưng", "Đại Dương", "Hồng Hà", "Tân Tiến", "Sao Mai", "Quang Minh")
COMPANY_TRADES = ("tái chế nhựa", "gạch", "nhôm", "gỗ", "may mặc", "thức ăn chăn nuôi", "giấy")
TEMPLE_KINDS = ("đình", "chùa", "đền", "miếu")
HEROES = ("Võ Văn Kiệt", "Phan Văn Khải", "Trần Đại Nghĩa", "Đặng Thai Mai", "Nguyễn Văn Huyên")

_NO_DIACRITICS_SHARE = 0.15
_TYPO_SHARE = 0.25
_DUPLICATE_SHARE = 0.35


@cache
def _places() -> tuple[str, ...]:
    from dieuhanh.platform.orgs.demo import hanoi_local_units

    return tuple(u.label for u in hanoi_local_units())


def _name(rng: random.Random) -> str:
    from dieuhanh.platform.orgs.demo import FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES

    sex = rng.choice("mf")
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES[sex])} {rng.choice(GIVEN_NAMES[sex])}"


def _specifics(rng: random.Random) -> dict:
    """The concrete details of one matter: shared by every copy of it raised elsewhere."""
    places = _places()
    loc = rng.choice(places)
    short = loc.split(" ", 1)[1]
    village = rng.choice((
        f"thôn {rng.choice(('Đoài', 'Đông', 'Thượng', 'Hạ', 'Trung', 'Bắc', 'Nam'))} {rng.randint(1, 9)} xã {short}",
        f"tổ dân phố số {rng.randint(1, 40)} {loc}",
        f"khu dân cư {rng.choice(('số', 'tập trung'))} {rng.randint(1, 12)} {loc}",
        f"khu {rng.choice(STREETS)} {loc}",
        loc,
    ))
    street, street2 = rng.sample(STREETS, 2)
    return {
        "loc": loc,
        "village": village,
        "street": street,
        "street2": street2,
        "alley": rng.randint(2, 400),
        "n": rng.randint(1, 300),
        "floors": rng.randint(5, 11),
        "year": rng.randint(2008, 2024),
        "big": rng.randint(45, 60),
        "school": f"{rng.choice(SCHOOL_KINDS)} {rng.choice(places).split(' ', 1)[1]}"
                  + (f" {rng.choice(('A', 'B', '2'))}" if rng.random() < 0.3 else ""),
        "hospital": f"{rng.choice(HOSPITAL_KINDS)} {rng.choice(places).split(' ', 1)[1]}",
        "project": f"{rng.choice(PROJECT_KINDS)} {rng.choice(places).split(' ', 1)[1]}"
                   + (f" giai đoạn {rng.randint(1, 3)}" if rng.random() < 0.4 else ""),
        "estate": f"{rng.choice(ESTATES)} nhà {rng.choice('ABCDEG')}{rng.randint(1, 12)}",
        "landmark": f"{rng.choice(LANDMARKS)} {rng.choice(STREETS)}",
        "canal": rng.choice(CANALS),
        "company": f"{rng.choice(COMPANY_KINDS)} {rng.choice(COMPANY_TRADES)} {rng.choice(COMPANY_NAMES)}",
        "market": f"chợ {rng.choice(places).split(' ', 1)[1]}",
        "temple": f"{rng.choice(TEMPLE_KINDS)} {rng.choice(places).split(' ', 1)[1]}",
        "person": _name(rng),
        "person_hero": rng.choice(HEROES),
    }


# Light rewording: the same matter said by someone else.
_SYNONYMS = (
    ("đề nghị", ("kiến nghị", "đề xuất", "mong", "yêu cầu")),
    ("người dân", ("bà con", "nhân dân", "các hộ dân", "cử tri")),
    ("nhiều hộ", ("rất nhiều hộ", "không ít hộ")),
    ("chưa được", ("vẫn chưa được", "không được")),
    ("xuống cấp", ("hư hỏng", "xuống cấp trầm trọng")),
    ("nghiêm trọng", ("nặng nề", "rất nghiêm trọng")),
    ("sớm", ("khẩn trương", "nhanh chóng")),
    ("gây", ("làm", "khiến")),
    ("ảnh hưởng", ("tác động xấu", "ảnh hưởng lớn")),
)
_ABBREVIATIONS = (("Ủy ban nhân dân", "UBND"), ("không", "ko"), ("được", "đc"), ("người dân", "ng dân"),
                  ("giấy chứng nhận quyền sử dụng đất", "GCNQSDĐ"), ("bảo hiểm y tế", "BHYT"),
                  ("bảo hiểm xã hội", "BHXH"), ("thành phố", "TP"))


def _reword(text: str, rng: random.Random, strength: float) -> str:
    for word, options in _SYNONYMS:
        if word in text and rng.random() < strength:
            text = text.replace(word, rng.choice(options), 1)
    return text


def _strip_marks(text: str) -> str:
    import unicodedata

    out = unicodedata.normalize("NFD", text)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return out.replace("đ", "d").replace("Đ", "D")


def _noise(text: str, rng: random.Random) -> str:
    if rng.random() < _NO_DIACRITICS_SHARE:
        text = _strip_marks(text)
    elif rng.random() < _TYPO_SHARE:
        words = text.split(" ")
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) > 3:
                kind = rng.random()
                if kind < 0.4:  # one word typed without its marks
                    w = _strip_marks(w)
                elif kind < 0.7:  # two letters swapped
                    j = rng.randrange(len(w) - 1)
                    w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
                else:  # a letter dropped
                    j = rng.randrange(len(w))
                    w = w[:j] + w[j + 1:]
            words[i] = w
        text = " ".join(words)
    if rng.random() < 0.2:
        for long, short in _ABBREVIATIONS:
            if long in text and rng.random() < 0.6:
                text = text.replace(long, short)
    return text


def _pick(weights: dict, rng: random.Random) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _slots(core: str) -> tuple[str, ...]:
    return tuple(name for _, name, _, _ in string.Formatter().parse(core) if name)


def _compose(template: Template, core: str, spec: dict, rng: random.Random, *, reword: float) -> str:
    place = rng.choice(_places())
    core = core.format(**spec)
    parts = [rng.choice(OPENERS).format(place=place, tdp=rng.randint(1, 30)) + core + "."]
    for detail in template.details:
        if rng.random() < 0.4:
            parts.append(detail)
    if rng.random() < 0.6:
        terms = FIELD_TERMS[_pick(template.fields, rng)]
        a, b = rng.sample(terms, 2)
        parts.append(rng.choice(FRAMES).format(a=a, b=b))
    parts.append(rng.choice(CLOSERS))
    text = " ".join(p for p in parts if p)
    text = text[0].upper() + text[1:]
    text = _reword(text, rng, reword)
    return re.sub(r"\s+", " ", _noise(text, rng)).strip()


def examples(n: int, seed: int = 0, *, templates=None, duplicate_share: float = _DUPLICATE_SHARE) -> list[Example]:
    """`n` labelled petitions. `templates` (keys) limits the situations used, e.g. to hold
    some out for an honest quality figure. The same seed gives the same list."""
    rng = random.Random(seed)
    pool = [t for t in TEMPLATES if templates is None or t.key in set(templates)]
    if not pool:
        raise ValueError("no template selected")
    drafts: list[tuple] = []
    while len(drafts) < n:
        template = rng.choice(pool)
        spec = _specifics(rng)
        core = rng.choice(template.cores)
        field = _pick(template.fields, rng)
        agency = _pick(template.agencies, rng)
        copies = rng.randint(2, 5) if rng.random() < duplicate_share else 1
        for i in range(min(copies, n - len(drafts))):
            text = _compose(template, core, spec, rng, reword=0.0 if i == 0 else 0.5)
            # Whoever files each copy may file it a little differently (as in real registers).
            copy_field = field if rng.random() < 0.95 else _pick(template.fields, rng)
            # The matter: the situation, how it is put, and the details it names. Two drafts of
            # the same matter are duplicates even when drawn apart (a city-wide matter without
            # details, raised in two wards, is the same matter).
            matter = (template.key, core, tuple(str(spec[k]) for k in _slots(core)))
            drafts.append((text, copy_field, agency, matter, template.key))
    sizes = Counter(d[3] for d in drafts)
    ids = {m: f"g{seed}-{i}" for i, m in enumerate(sorted(m for m, c in sizes.items() if c > 1))}
    out = [Example(text, f, a, ids.get(m), t) for text, f, a, m, t in drafts]
    rng.shuffle(out)
    return out


def split_templates(seed: int = 0, *, share: float = 0.25) -> tuple[list[str], list[str]]:
    """(train, held_out) template keys: about `share` of each field's templates (by main
    field) are held out whole, so a quality figure measures matters the model never saw."""
    rng = random.Random(seed)
    by_field: dict[str, list[str]] = {}
    for t in TEMPLATES:
        main = max(t.fields, key=t.fields.get)
        by_field.setdefault(main, []).append(t.key)
    train, held = [], []
    for field in FIELDS:
        keys = sorted(by_field.get(field, []))
        rng.shuffle(keys)
        k = max(1, round(len(keys) * share)) if len(keys) > 1 else 0
        held.extend(keys[:k])
        train.extend(keys[k:])
    return train, held
