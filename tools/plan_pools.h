/* plan_pools.h — the word pools the plan XML generator (genplans.c) and the
 * search benchmark (search_bench.c) share: schools, places, people, and
 * criterion rows taken from the patterns of the seed plans. */
#ifndef VB_PLAN_POOLS_H
#define VB_PLAN_POOLS_H

#define NELEM(a) (sizeof(a) / sizeof *(a))

static const char *const school_kind[] = {"TRƯỜNG MẦM NON", "TRƯỜNG TIỂU HỌC", "TRƯỜNG THCS",
                                          "TRƯỜNG THPT"};
static const char *const school_kind_tt[] = {"19/2018/TT-BGDĐT", "17/2018/TT-BGDĐT",
                                             "18/2018/TT-BGDĐT", "18/2018/TT-BGDĐT"};
static const char *const name_a[] = {
    "NGUYỄN", "TRẦN", "LÊ", "PHAN", "VÕ", "HOÀNG", "ĐOÀN", "CHU", "LÝ", "QUANG",
    "HÙNG", "KIM", "HOA", "SAO", "BÌNH", "ÁNH", "HƯỚNG", "HỌA", "TUỔI", "ĐỨC",
    "THÀNH", "PHÚ", "TÂN", "AN", "MỸ", "HÒA", "LONG", "PHƯỚC", "THẠNH", "VĨNH",
    "ĐÔNG", "TÂY", "NAM", "BẮC", "TRUNG", "HẢI", "SƠN", "THỦY", "MINH", "QUỐC"};
static const char *const name_b[] = {
    "TRUNG TRỰC", "DU", "PHÚ", "THỊ SÁU", "HOA THÁM", "THỊ ĐIỂM", "VĂN AN", "BỘI CHÂU",
    "TRUNG", "VƯƠNG", "TỰ TRỌNG", "ĐỒNG", "SEN", "MAI", "MINH", "DƯƠNG", "MI", "THƠ",
    "THANH TUYỀN", "HƯNG", "LỢI", "HIỆP", "KHÁNH", "LẠC", "THUẬN", "XUÂN", "ĐÀO",
    "LÂM", "GIANG", "HÀ", "NGỌC", "PHONG", "QUÝ ĐÔN", "THỊ MINH KHAI", "ĐẠI NGHĨA",
    "HỮU HUÂN", "VĂN TRỖI", "KHUYẾN", "TRÃI", "BÁ NGỌC"};
static const char *const place[] = {
    "Gò Vấp", "Quận 12", "Quận 3", "Giồng Riềng", "Đà Nẵng", "Hải Châu", "Điện Biên",
    "Pom Lót", "Cần Thơ", "Huế", "Hà Nội", "Đống Đa", "Thủ Đức", "Biên Hòa", "Vũng Tàu",
    "Nha Trang", "Quy Nhơn", "Vinh", "Thanh Hóa", "Nam Định", "Bắc Ninh", "Hạ Long",
    "Đà Lạt", "Buôn Ma Thuột", "Rạch Giá", "Cà Mau", "Sóc Trăng", "Mỹ Tho", "Tây Ninh",
    "Lào Cai"};
static const char *const sur[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
                                  "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
                                  "Lý", "Dàm", "Đinh", "Trương", "Lâm"};
static const char *const mid[] = {"Thị", "Văn", "Hữu", "Đức", "Thanh", "Minh", "Ngọc",
                                  "Hoàng", "Quốc", "Thu"};
static const char *const given[] = {
    "Mai", "Lạc", "Lâm", "Hùng", "Dũng", "Hương", "Lan", "Hoa", "Tuấn", "Nam", "Hải",
    "Yến", "Thảo", "Phương", "Trang", "Long", "Sơn", "Bình", "Hạnh", "Nga", "Đức",
    "Khoa", "Vy", "Châu", "Quyên", "Tâm", "Hiền", "Nhung", "Thắng", "Cường"};
static const char *const signer_title[] = {"HIỆU TRƯỞNG", "HIỆU TRƯỞNG", "HIỆU TRƯỞNG",
                                           "KT. HIỆU TRƯỞNG PHÓ HIỆU TRƯỞNG"};

typedef struct crit_row {
    const char *id, *std_title, *target, *tasks, *lead;
} crit_row;

static const crit_row crit_pool[] = {
    {"1.1", "Tổ chức và quản lý nhà trường",
     "Chủ động hơn trong xây dựng phương hướng, chiến lược phát triển của nhà trường",
     "Bổ sung và điều chỉnh kế hoạch chiến lược phát triển nhà trường", "Hiệu trưởng"},
    {"1.2", "Tổ chức và quản lý nhà trường", "Hội đồng trường hoạt động hiệu quả",
     "Xây dựng quy chế sử dụng nguồn kinh phí hỗ trợ kịp thời cho hoạt động của các hội đồng",
     "Kế toán"},
    {"1.4", "Tổ chức và quản lý nhà trường", "Tổ chuyên môn và tổ văn phòng hoạt động hiệu quả",
     "Tập huấn nghiệp vụ và nâng cao năng lực TTCM, GV", "TTCM, GV"},
    {"1.5", "Tổ chức và quản lý nhà trường",
     "Số trẻ trong các nhóm trẻ và lớp mẫu giáo không vượt quá quy định",
     "Thực hiện đúng theo kế hoạch tuyển sinh.", "Chủ tịch hội đồng tuyển sinh"},
    {"1.7", "Tổ chức và quản lý nhà trường", "Tăng cường công tác bồi dưỡng chuyên môn cho các giáo viên trẻ",
     "Bồi dưỡng chuyên môn, nghiệp vụ cho đội ngũ CBQL-GV-NV", "Hiệu trưởng, Phó hiệu trưởng"},
    {"1.10", "Tổ chức và quản lý nhà trường",
     "Phát huy hiệu quả của công tác tự kiểm tra an toàn, trang thiết bị PCCC",
     "Đảm bảo an toàn vệ sinh thực phẩm và phòng cháy chữa cháy", "Ban an toàn trường học"},
    {"2.1", "Cán bộ quản lý, giáo viên, nhân viên", "Nâng cao năng lực ngoại ngữ cho GV, CBQL",
     "Phó Hiệu trưởng tham gia học cao học", "Phó Hiệu trưởng"},
    {"2.2", "Cán bộ quản lý, giáo viên, nhân viên",
     "Đảm bảo ít nhất 30% giáo viên đạt chuẩn nghề nghiệp ở mức tốt",
     "GV tham gia đào tạo sau đại học", "Phó Hiệu trưởng phụ trách chuyên môn"},
    {"2.3", "Cán bộ quản lý, giáo viên, nhân viên", "Có trình độ đào tạo đáp ứng được vị trí việc làm",
     "Động viên nhân viên văn thư tham gia lớp trung cấp văn thư", "Cấp ủy, ban giám hiệu"},
    {"2.4", "Cán bộ quản lý, giáo viên, nhân viên", "Phát huy tính tự giác của HS trong học tập và rèn luyện",
     "Giáo dục HS hiệu quả hơn, kịp thời ngăn chặn hành vi vi phạm nội quy", "GVCN, Đoàn"},
    {"3.1", "Cơ sở vật chất và thiết bị dạy học", "Khuôn viên, sân chơi, sân tập an toàn",
     "Làm khung che khu vực máy bơm chữa cháy để đảm bảo sân chơi an toàn", "Hiệu trưởng"},
    {"3.2", "Cơ sở vật chất và thiết bị dạy học", "Phòng học đủ và đạt chuẩn",
     "Mua sắm bổ sung, sửa chữa thiết bị dạy học", "Tài vụ"},
    {"3.3", "Cơ sở vật chất và thiết bị dạy học", "Khối phòng hành chính quản trị đáp ứng yêu cầu",
     "Xây dựng nhà xe HS để bố trí nơi để xe cho HS", "Tài vụ tham mưu HT"},
    {"3.4", "Cơ sở vật chất và thiết bị dạy học", "Hệ thống cấp thoát nước đảm bảo vệ sinh",
     "Tham mưu UBND huyện có phương án nạo vét cống thoát nước", "Hiệu trưởng"},
    {"3.5", "Cơ sở vật chất và thiết bị dạy học",
     "Hệ thống máy tính được kết nối Internet phục vụ công tác quản lý, hoạt động dạy học",
     "Trang bị hệ thống internet và mạng wifi trong toàn trường", "Hiệu trưởng, công ty truyền hình cáp"},
    {"3.6", "Cơ sở vật chất và thiết bị dạy học", "Thư viện đáp ứng nhu cầu bạn đọc",
     "Bổ sung sách tham khảo để phục vụ nhu cầu dạy học của GV và HS", "Nhân viên thư viện"},
    {"4.1", "Quan hệ giữa nhà trường, gia đình và xã hội",
     "Phát huy vai trò của Ban đại diện cha mẹ học sinh",
     "Phối hợp với Ban đại diện cha mẹ học sinh tổ chức các hoạt động", "Hiệu trưởng"},
    {"4.2", "Quan hệ giữa nhà trường, gia đình và xã hội", "Tham mưu cấp ủy, chính quyền địa phương",
     "Chăm sóc gia đình thương binh, liệt sĩ, gia đình có công với cách mạng", "Đoàn TNCS"},
    {"5.1", "Hoạt động giáo dục và kết quả giáo dục", "Thực hiện chương trình giáo dục phổ thông",
     "Bồi dưỡng, tập huấn cho đội ngũ GV chương trình GDPT 2018", "Hiệu trưởng"},
    {"5.2", "Hoạt động giáo dục và kết quả giáo dục", "Có kế hoạch quan tâm đến HS hòa nhập",
     "Khen thưởng xứng đáng cho HS và GV bồi dưỡng HSG", "Hiệu trưởng"},
    {"5.4", "Hoạt động giáo dục và kết quả giáo dục", "Đạt tỉ lệ 100% HS tham gia hoạt động trải nghiệm",
     "Tổ chức các hoạt động trải nghiệm, hướng nghiệp, giáo dục Stem", "Chi đoàn, Liên đội"},
    {"5.5", "Hoạt động giáo dục và kết quả giáo dục", "Tăng số học sinh tham gia nghiên cứu khoa học",
     "Tăng cường giáo dục kỹ năng sống, giáo dục đạo đức", "HT, GVCN, Đoàn"},
};

static const char *const purpose_pool[] = {
    "Xây dựng kế hoạch cải tiến chất lượng giáo dục nhằm đưa ra các giải pháp phát huy điểm mạnh, khắc phục điểm yếu, từng bước nâng cao chất lượng giáo dục.",
    "Kế hoạch phải cụ thể, khả thi, phù hợp với điều kiện thực tế của nhà trường và địa phương.",
    "Huy động các nguồn lực cho giáo dục, góp phần tạo điều kiện nâng cao chất lượng, hiệu quả giáo dục.",
    "Đảm bảo thực hiện đúng tiến độ, đạt chất lượng, hiệu quả.",
    "Nâng cao mức độ đạt chuẩn kiểm định chất lượng và đạt chuẩn quốc gia.",
};
static const char *const duty_pool[] = {
    "Rà soát các tiêu chuẩn, tiêu chí để xây dựng kế hoạch cải tiến chất lượng giáo dục trong năm học.",
    "Tham mưu với các cấp lãnh đạo, phối hợp với ban đại diện cha mẹ học sinh để thực hiện kế hoạch.",
    "Phân công nhiệm vụ cụ thể cho từng cán bộ, giáo viên, nhân viên, kiểm tra, giám sát từng nhiệm vụ.",
    "Cập nhật, mã hóa các thông tin, minh chứng, lưu trữ theo quy định.",
    "Giám sát kế hoạch cải tiến chất lượng của nhà trường theo đúng tiến độ.",
    "Báo cáo định kỳ và kiến nghị dựa trên kết quả giám sát.",
};
static const char *const source_pool[] = {"ngân sách", "xã hội hóa", "nguồn Sở cấp",
                                          "đóng góp tự nguyện"};

#endif
