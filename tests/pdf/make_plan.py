#!/usr/bin/env python3
"""make_plan.py SEED ROWS OUT.html [--vary] [--unruled] [--first=N] — writes a plan-like
HTML document (header block in a borderless two-column table, title,
sections, an improvement table with ROWS criteria) for synth-scan. SEED
varies school, place, year and wording so fixtures are not copies of the
seeds. --vary also draws the look from SEED: font and size, which columns in
which order and under which names, how criteria, budgets and timelines are
written, standard rows spanning the table. --unruled draws the table without
borders; --first=N numbers the rows from N (a table continued from an
earlier part). Without --vary the layout is the fixed one the benchmarks use."""
import random, sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
flags = {a for a in sys.argv[1:] if a.startswith("--")}
seed, rows, out = int(args[0]), int(args[1]), args[2]
vary, unruled = "--vary" in flags, "--unruled" in flags
first = int(next((f.split("=")[1] for f in flags if f.startswith("--first=")), 1))
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

# The look. Defaults are the fixed benchmark layout.
font, size = "Liberation Serif", 13
cols = ["tt", "crit", "goal", "task", "who", "when", "money"]
names = {"tt": "TT", "crit": "Tiêu chí", "goal": "Kết quả cần đạt", "task": "Giải pháp",
         "who": "Chủ trì, phối hợp", "when": "Thời gian", "money": "Kinh phí"}
crit_fmt, money_fmts, when_fmt, std_rows = "Tiêu chí %s", None, "month", False
if vary:
    font = r.choice(["Liberation Serif", "Liberation Sans", "DejaVu Serif", "DejaVu Sans",
                     "FreeSerif"])
    size = r.choice([11, 12, 13, 14])
    body = ["goal", "task", "who"]
    if r.random() < 0.5:
        body = ["task", "goal", "who"] if r.random() < 0.5 else ["goal", "who", "task"]
    tail = ["when", "money"] if r.random() < 0.6 else ["money", "when"]
    cols = (["tt"] if r.random() < 0.75 else []) + ["crit"] + body + tail
    names.update(goal=r.choice(["Kết quả cần đạt", "Mục tiêu", "Yêu cầu cần đạt"]),
                 task=r.choice(["Giải pháp", "Biện pháp thực hiện", "Nội dung công việc"]),
                 who=r.choice(["Chủ trì, phối hợp", "Người thực hiện", "Phân công"]),
                 when=r.choice(["Thời gian", "Thời gian thực hiện", "Thời gian hoàn thành"]),
                 money=r.choice(["Kinh phí", "Dự kiến kinh phí", "Kinh phí (đồng)"]))
    crit_fmt = r.choice(["Tiêu chí %s", "TC %s", "%s"])
    money_fmts = r.sample(["tr", "dots", "dots_d", "none", "slash", "source", "ty"], 4)
    when_fmt = r.choice(["month", "month0", "range", "dash"])
    std_rows = r.random() < 0.5


def money():
    if not money_fmts:
        return r.choice(["5 triệu đồng", "Không", "12 triệu đồng", "/"])
    k = r.choice(money_fmts)
    m = r.choice([2, 5, 12, 15, 30, 120])
    return {"tr": "%d triệu đồng" % m, "dots": "{:,}".format(m * 1000000).replace(",", "."),
            "dots_d": "{:,}đ".format(m * 1000000).replace(",", "."), "none": "Không",
            "slash": "/", "source": "Xã hội hóa %d triệu" % m,
            "ty": "%s tỷ đồng" % r.choice(["1", "1,5", "2"])}[k]


def when():
    a, b = r.randint(1, 12), y + r.randint(0, 1)
    if when_fmt == "month":
        return "Tháng %d/%d" % (a, b)
    if when_fmt == "month0":
        return "%02d/%d" % (a, b)
    e = min(a + r.randint(1, 5), 12)
    if when_fmt == "range":
        return "Từ tháng %d/%d đến tháng %d/%d" % (a, b, e, b)
    return "%d/%d - %d/%d" % (a, b, e, b)


border = "none" if unruled else "1px solid black"
p = ['<html><head><meta charset="utf-8"><style>body{font-family:"%s";font-size:%dpt}'
     'td{vertical-align:top} table.g td{border:%s;padding:3px}'
     'table.g{border-collapse:collapse;width:100%%}</style></head><body>' % (font, size, border)]
p.append('<table width="100%%"><tr><td align="center">%s<br><b>%s</b><br>Số: %d/KH-%s</td>'
         '<td align="center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b>'
         '<br><i>%s, ngày %d tháng %d năm %d</i></td></tr></table>'
         % (auth, school, r.randint(10, 300), "".join(w[0] for w in school.split()[1:]), place,
            r.randint(1, 28), r.randint(8, 10), y))
p.append('<p align="center"><b>KẾ HOẠCH<br>CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC<br>Năm học %d – %d</b></p>' % (y, y + 1))
p.append('<p><b>I. MỤC ĐÍCH, YÊU CẦU</b></p><p>1. Xây dựng kế hoạch cải tiến chất lượng giáo dục để thực hiện '
         'trong năm học %d – %d nhằm phát huy điểm mạnh, khắc phục điểm yếu, từng bước nâng cao chất lượng '
         'giáo dục.</p><p>2. Kế hoạch phải cụ thể, khả thi, phù hợp với điều kiện thực tế của nhà trường.</p>' % (y, y + 1))
table = '<table class="g" border="%d" cellspacing="0" cellpadding="4">' % (0 if unruled else 1)
p.append('<p><b>II. NỘI DUNG KẾ HOẠCH</b></p>' + table + '<tr>'
         + "".join("<td><b>%s</b></td>" % names[c] for c in cols) + '</tr>')
cells = []
for i in range(rows):  # drawn in the order the fixed layout always drew them
    st = r.randrange(len(standards))
    c = {"std": st, "crit": crit_fmt % ("%d.%d" % (st + 1, r.randint(1, 10))), "goal": r.choice(goals),
         "task": r.choice(tasks), "who": r.choice(who)}
    c.update(when=when(), money=money())
    cells.append(c)
if std_rows:  # grouped under full-width "Tiêu chuẩn N" rows
    cells.sort(key=lambda c: c["std"])
last = None
for i, c in enumerate(cells):
    if std_rows and c["std"] != last:
        last = c["std"]
        p.append('<tr><td colspan="%d"><b>Tiêu chuẩn %d: %s</b></td></tr>' % (len(cols), last + 1, standards[last]))
    c["tt"] = str(i + first)
    p.append("<tr>" + "".join("<td>%s</td>" % c[k] for k in cols) + "</tr>")
p.append('</table><p><b>III. TỔ CHỨC THỰC HIỆN</b></p><p>1. Hiệu trưởng chỉ đạo triển khai kế hoạch tới toàn thể '
         'cán bộ, giáo viên, nhân viên của trường.</p><p>2. Các thành viên hội đồng tự đánh giá cập nhật minh chứng, '
         'lưu trữ theo quy định.</p>')
p.append('<table width="100%%"><tr><td><b><i>Nơi nhận:</i></b><br>- Phòng GDĐT;<br>- Lưu VT.</td>'
         '<td align="center"><b>HIỆU TRƯỞNG</b><br><br><br><b>Nguyễn Thị %s</b></td></tr></table></body></html>'
         % r.choice(["Hoàng Mai", "Thu Hà", "Lan Anh", "Minh Tâm"]))
open(out, "w", encoding="utf-8").write("\n".join(p))
