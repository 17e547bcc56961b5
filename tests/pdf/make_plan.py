#!/usr/bin/env python3
"""make_plan.py SEED ROWS OUT.html — writes a plan-like HTML document (header
block in a borderless two-column table, title, sections, a ruled improvement
table with ROWS criteria) for synth-scan. SEED varies school, place, year and
wording so fixtures are not copies of the seeds."""
import random, sys

seed, rows, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
r = random.Random(seed)
schools = ["TRƯỜNG MẦM NON HOA SEN", "TRƯỜNG TIỂU HỌC LÊ VĂN TÁM", "TRƯỜNG THCS NGUYỄN DU",
           "TRƯỜNG MẦM NON SƠN CA", "TRƯỜNG TIỂU HỌC KIM ĐỒNG", "TRƯỜNG THCS TRẦN PHÚ"]
authorities = ["UBND QUẬN GÒ VẤP", "UBND HUYỆN CỦ CHI", "UBND QUẬN 12", "PHÒNG GDĐT THỦ ĐỨC",
               "UBND HUYỆN BÌNH CHÁNH"]
places = ["Gò Vấp", "Củ Chi", "Quận 12", "Thủ Đức", "Bình Chánh", "Hóc Môn"]
standards = ["Tổ chức và quản lý nhà trường", "Cán bộ quản lý, giáo viên, nhân viên và học sinh",
             "Cơ sở vật chất và thiết bị dạy học", "Quan hệ giữa nhà trường, gia đình và xã hội",
             "Hoạt động giáo dục và kết quả giáo dục"]
goals = ["Số trẻ trong các nhóm lớp không vượt quá quy định và được phân chia theo độ tuổi.",
         "Giáo viên có trình độ đào tạo đáp ứng được vị trí việc làm.",
         "Hệ thống máy tính được kết nối Internet phục vụ công tác quản lý.",
         "Thư viện có đủ sách, báo, tạp chí phục vụ dạy và học.",
         "Khuôn viên trường xanh, sạch, đẹp, an toàn cho học sinh.",
         "Tổ chức tốt các hoạt động ngoài giờ lên lớp theo kế hoạch."]
tasks = ["Thực hiện đúng theo kế hoạch tuyển sinh.", "Động viên giáo viên tham gia lớp bồi dưỡng.",
         "Trang bị hệ thống internet trong toàn trường.", "Bổ sung đầu sách tham khảo cho thư viện.",
         "Trồng thêm cây xanh, sửa chữa sân chơi.", "Phối hợp với phụ huynh tổ chức hoạt động."]
who = ["Hiệu trưởng, tổ trưởng chuyên môn.", "Phó hiệu trưởng, giáo viên chủ nhiệm.",
       "Kế toán, nhân viên thiết bị.", "Ban đại diện cha mẹ học sinh."]
y = r.randint(2016, 2024)
school, auth, place = r.choice(schools), r.choice(authorities), r.choice(places)
p = []
p.append('<html><head><meta charset="utf-8"><style>body{font-family:"Liberation Serif";font-size:13pt}'
         'td{vertical-align:top} table.g td{border:1px solid black;padding:3px}'
         'table.g{border-collapse:collapse;width:100%}</style></head><body>')
p.append('<table width="100%%"><tr><td align="center">%s<br><b>%s</b><br>Số: %d/KH-%s</td>'
         '<td align="center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b>'
         '<br><i>%s, ngày %d tháng %d năm %d</i></td></tr></table>'
         % (auth, school, r.randint(10, 300), "".join(w[0] for w in school.split()[1:]), place,
            r.randint(1, 28), r.randint(8, 10), y))
p.append('<p align="center"><b>KẾ HOẠCH<br>CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC<br>Năm học %d – %d</b></p>' % (y, y + 1))
p.append('<p><b>I. MỤC ĐÍCH, YÊU CẦU</b></p><p>1. Xây dựng kế hoạch cải tiến chất lượng giáo dục để thực hiện '
         'trong năm học %d – %d nhằm phát huy điểm mạnh, khắc phục điểm yếu, từng bước nâng cao chất lượng '
         'giáo dục.</p><p>2. Kế hoạch phải cụ thể, khả thi, phù hợp với điều kiện thực tế của nhà trường.</p>' % (y, y + 1))
p.append('<p><b>II. NỘI DUNG KẾ HOẠCH</b></p><table class="g" border="1" cellspacing="0" cellpadding="4"><tr><td><b>TT</b></td><td><b>Tiêu chí</b></td>'
         '<td><b>Kết quả cần đạt</b></td><td><b>Giải pháp</b></td><td><b>Chủ trì, phối hợp</b></td>'
         '<td><b>Thời gian</b></td><td><b>Kinh phí</b></td></tr>')
for i in range(rows):
    s = r.randrange(len(standards))
    p.append('<tr><td>%d</td><td>Tiêu chí %d.%d</td><td>%s</td><td>%s</td><td>%s</td><td>Tháng %d/%d</td>'
             '<td>%s</td></tr>' % (i + 1, s + 1, r.randint(1, 10), r.choice(goals), r.choice(tasks),
                                   r.choice(who), r.randint(1, 12), y + r.randint(0, 1),
                                   r.choice(["5 triệu đồng", "Không", "12 triệu đồng", "/"])))
p.append('</table><p><b>III. TỔ CHỨC THỰC HIỆN</b></p><p>1. Hiệu trưởng chỉ đạo triển khai kế hoạch tới toàn thể '
         'cán bộ, giáo viên, nhân viên của trường.</p><p>2. Các thành viên hội đồng tự đánh giá cập nhật minh chứng, '
         'lưu trữ theo quy định.</p>')
p.append('<table width="100%%"><tr><td><b><i>Nơi nhận:</i></b><br>- Phòng GDĐT;<br>- Lưu VT.</td>'
         '<td align="center"><b>HIỆU TRƯỞNG</b><br><br><br><b>Nguyễn Thị %s</b></td></tr></table></body></html>'
         % r.choice(["Hoàng Mai", "Thu Hà", "Lan Anh", "Minh Tâm"]))
open(out, "w", encoding="utf-8").write("\n".join(p))
