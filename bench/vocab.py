"""Vietnamese administrative vocabulary for generated text.

Phrases, not random syllables: the word frequencies then look like a council's real
documents ("của", "nhân dân", "ủy ban", "thành phố" are very frequent; "đất đai",
"Đống Đa" moderately so), which is what makes frequent-word queries hard.
"""

DOC_KINDS = [
    "Công văn", "Quyết định", "Tờ trình", "Báo cáo", "Kế hoạch", "Thông báo", "Nghị quyết",
    "Giấy mời", "Biên bản", "Kiến nghị", "Đơn khiếu nại", "Đơn tố cáo", "Đơn kiến nghị",
    "Chất vấn", "Phiếu chuyển", "Văn bản trả lời", "Báo cáo thẩm tra", "Đề án",
]

TOPICS = [
    "quản lý đất đai", "bồi thường, hỗ trợ, tái định cư", "giải phóng mặt bằng",
    "cấp giấy chứng nhận quyền sử dụng đất", "xây dựng trái phép", "trật tự đô thị",
    "ô nhiễm môi trường", "thu gom rác thải", "ngập úng khi mưa lớn", "cải tạo chung cư cũ",
    "đầu tư công", "dự toán ngân sách nhà nước", "quyết toán ngân sách", "chỉnh trang đô thị",
    "an toàn thực phẩm", "đường giao thông nông thôn", "xây dựng trường học", "y tế cơ sở",
    "bảo hiểm xã hội", "chính sách đối với hộ nghèo", "điện chiếu sáng công cộng",
    "cấp nước sạch", "phòng cháy, chữa cháy", "quản lý vỉa hè, lòng đường", "đền bù đất nông nghiệp",
    "tiếp công dân định kỳ", "kỳ họp thường lệ", "giám sát chuyên đề", "cải cách hành chính",
    "chuyển đổi số", "sắp xếp đơn vị hành chính", "đào tạo, bồi dưỡng cán bộ", "di tích lịch sử",
    "phát triển du lịch", "hỗ trợ doanh nghiệp nhỏ và vừa", "đất dịch vụ", "đất giãn dân",
    "quy hoạch phân khu", "điều chỉnh quy hoạch sử dụng đất", "thuế sử dụng đất phi nông nghiệp",
]

PLACES = [
    "phường Đống Đa", "phường Ba Đình", "phường Hoàn Kiếm", "phường Cầu Giấy", "phường Đội Cấn",
    "phường Định Công", "phường Đại Mỗ", "phường Hai Bà Trưng", "phường Long Biên", "phường Tây Hồ",
    "phường Hoàng Mai", "phường Thanh Xuân", "phường Hà Đông", "phường Láng", "phường Văn Miếu",
    "xã Đông Anh", "xã Đan Phượng", "xã Đông Sơn", "xã Đa Phúc", "xã Thạch Thất", "xã Sóc Sơn",
    "xã Gia Lâm", "xã Ba Vì", "xã Mê Linh", "xã Phúc Thọ", "xã Ứng Hòa", "xã Đại Xuyên",
]

ISSUERS = [
    "Thường trực Hội đồng nhân dân thành phố", "Ủy ban nhân dân thành phố",
    "Ban Pháp chế Hội đồng nhân dân thành phố", "Ban Kinh tế – Ngân sách",
    "Ban Văn hóa – Xã hội", "Ban Đô thị", "Đoàn đại biểu Quốc hội thành phố",
    "Sở Tài nguyên và Môi trường", "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Thanh tra thành phố",
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố",
]

SENTENCES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương và các văn bản hướng dẫn thi hành.",
    "Thực hiện chỉ đạo của Thường trực Hội đồng nhân dân thành phố về việc giải quyết kiến nghị của cử tri.",
    "Ủy ban nhân dân {place} báo cáo kết quả giải quyết kiến nghị của cử tri như sau.",
    "Cử tri {place} phản ánh tình trạng {topic} kéo dài nhiều năm chưa được giải quyết dứt điểm.",
    "Đề nghị các sở, ngành liên quan phối hợp kiểm tra, xử lý theo đúng quy định của pháp luật.",
    "Qua kiểm tra, hồ sơ về {topic} tại {place} đã được tiếp nhận và chuyển cơ quan có thẩm quyền.",
    "Công dân có đơn khiếu nại quyết định hành chính liên quan đến {topic}.",
    "Thời hạn giải quyết là ba mươi ngày kể từ ngày thụ lý theo quy định.",
    "Trường hợp vụ việc phức tạp thì thời hạn có thể kéo dài nhưng không quá bốn mươi lăm ngày.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách thành phố và ngân sách cấp xã.",
    "Hội đồng nhân dân thành phố tổ chức giám sát việc thực hiện {topic} trên địa bàn.",
    "Đại biểu Hội đồng nhân dân đề nghị làm rõ trách nhiệm của người đứng đầu đơn vị.",
    "{issuer} đã có văn bản đôn đốc, yêu cầu báo cáo kết quả trước ngày hai mươi hằng tháng.",
    "Đến nay cơ bản đã hoàn thành, còn một số hộ dân chưa nhận tiền bồi thường.",
    "Văn phòng tổng hợp ý kiến của các đại biểu gửi Thường trực xem xét, quyết định.",
    "Tiếp tục rà soát, đánh giá hiện trạng sử dụng đất và công khai kết quả cho nhân dân biết.",
    "Đề nghị Ủy ban nhân dân thành phố chỉ đạo các đơn vị khẩn trương triển khai thực hiện.",
    "Nội dung trả lời được gửi đến cử tri và công khai trên cổng thông tin điện tử.",
    "Đơn vị chủ trì phối hợp với {issuer} xây dựng kế hoạch và dự toán kinh phí.",
    "Việc quản lý, sử dụng đất đai tại {place} còn để xảy ra vi phạm.",
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
            "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Đoàn", "Lương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thu", "Ngọc", "Hữu", "Thanh", "Xuân", "Đình", "Hồng"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hoa", "Hùng",
         "Huyền", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân",
         "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến", "Đông"]
