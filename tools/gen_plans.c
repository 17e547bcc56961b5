/* gen_plans.c — writes N plan-like text documents for the text-path
 * benchmark (make bench-text): the seed patterns (header in two columns,
 * title, school year, sections I–IV, an improvement table as tab-separated
 * rows with levels, standards, criteria, budgets and times, organization
 * roles, recipients, signature) varied by school, place, year, criteria,
 * budgets and layout. Deterministic: the same N gives the same files.
 * Usage: gen_plans DIR N */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {"MẦM NON", "TIỂU HỌC", "THCS", "THPT"};
static const char *const names[] = {"HOA SEN", "NGUYỄN TRÃI", "LÊ LỢI",  "AN HỮU",
                                    "SAO MAI", "GIỒNG RIỀNG", "POM LÓT", "BÌNH MINH",
                                    "TÂN PHÚ", "HÒA BÌNH"};
static const char *const places[] = {"Gò Vấp",   "Quận 3",  "Điện Biên", "Cái Bè",
                                     "Hòa Bình", "Tân Phú", "Quận 12",   "Giồng Riềng"};
static const char *const parents[] = {"PHÒNG GD&ĐT QUẬN", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "UBND HUYỆN",
                                      "SỞ GD&ĐT TỈNH"};
static const char *const standards[] = {
    "Tổ chức và quản lý nhà trường", "Cán bộ quản lý, giáo viên, nhân viên",
    "Cơ sở vật chất và thiết bị dạy học", "Quan hệ giữa nhà trường, gia đình và xã hội",
    "Hoạt động giáo dục và kết quả giáo dục"};
static const char *const tasks[] = {
    "Bổ sung và điều chỉnh kế hoạch chiến lược phát triển nhà trường",
    "Tập huấn nghiệp vụ và nâng cao năng lực tổ trưởng chuyên môn, giáo viên",
    "Mua sắm bổ sung, sửa chữa thiết bị dạy học theo nhu cầu",
    "Xây dựng nhà xe cho học sinh, nạo vét cống thoát nước",
    "Tăng cường giáo dục kỹ năng sống, giáo dục đạo đức cho học sinh",
    "Bổ sung sách tham khảo phục vụ nhu cầu dạy và học"};
static const char *const leads[] = {"Hiệu trưởng", "Phó Hiệu trưởng",    "Kế toán",
                                    "TTCM, GV",    "Tài vụ tham mưu HT", "Nhân viên thư viện"};
static const char *const budgets[] = {
    "10 tr", "50 tr từ ngân sách", "200 tr (nguồn Sở cấp)", "Xã hội hóa 50 tr", "", "5 triệu đồng",
    "/"};

static unsigned long rng = 12345;
static unsigned pick(unsigned n)
{
    rng = rng * 6364136223846793005ul + 1442695040888963407ul;
    return (unsigned)((rng >> 33) % n);
}
#define PICK(a) (a)[pick(sizeof(a) / sizeof((a)[0]))]

static void header(FILE *f, int year)
{
    fprintf(f, "%s %s\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", PICK(parents), PICK(places));
    fprintf(f, "TRƯỜNG %s %s\t\tĐộc lập - Tự do - Hạnh phúc\n", PICK(kinds), PICK(names));
    const char *place = PICK(places);
    if (pick(2))
        fprintf(f, "Số: %u/KH-TR\t\t%s, ngày %u tháng %u năm %d\n\n", 1 + pick(200), place,
                1 + pick(28), 8 + pick(3), year);
    else
        fprintf(f, "Số: %u /KH-TR\t\t%s, ngày %02u/%u/%d\n\n", 1 + pick(200), place, 1 + pick(28),
                8 + pick(3), year);
    fprintf(f, "KẾ HOẠCH\nCẢI TIẾN CHẤT LƯỢNG GIÁO DỤC\nNăm học %d – %d\n\n", year, year + 1);
}

static void front(FILE *f, int year)
{
    fprintf(f, "I. MỤC ĐÍCH, YÊU CẦU\n");
    for (int i = 1; i <= 3 + (int)pick(3); i++)
        fprintf(f,
                "%d. Xây dựng kế hoạch cải tiến chất lượng giáo dục để thực hiện trong năm "
                "học %d-%d nhằm phát huy điểm mạnh, khắc phục điểm yếu, từng bước nâng cao "
                "chất lượng giáo dục.\n",
                i, year, year + 1);
    fprintf(f,
            "II. CĂN CỨ XÂY DỰNG KẾ HOẠCH\n1. Báo cáo tự đánh giá của nhà trường.\n"
            "2. Thông tư số %u/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ trưởng Bộ Giáo "
            "dục và Đào tạo ban hành Quy định về kiểm định chất lượng giáo dục.\n"
            "3. Công văn số %u/SGDĐT-KTKĐ ngày %u/9/%d của Sở GDĐT.\n",
            17 + pick(3), 100 + pick(900), 1 + pick(28), year);
}

static void table(FILE *f, int year)
{
    fprintf(f, "III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG\n\n"
               "TT\tTiêu chuẩn, tiêu chí\tNội dung công việc cần thực hiện\tThời gian thực "
               "hiện\tĐơn vị/ cá nhân triển khai\tĐiều kiện thực hiện\tGiải pháp thực hiện\tDự "
               "kiến kinh phí (triệu đồng)\nMức 1, 2, 3\t\t\t\t\t\t\t\n");
    for (int s = 1; s <= 5; s++) {
        fprintf(f, "%d\tTiêu chuẩn %d: %s\t\t\t\t\t\t\n", s, s, standards[s - 1]);
        for (int c = 1; c <= 2 + (int)pick(4); c++)
            fprintf(f,
                    "\tTiêu chí %d.%d\t%s\t%u/%d\t%s\tTheo quy định tài chính\tLập tờ trình, "
                    "tham mưu lãnh đạo\t%s\n",
                    s, c, PICK(tasks), 1 + pick(12), year + 1, PICK(leads), PICK(budgets));
    }
    fprintf(f, "\n");
}

static void tail(FILE *f)
{
    fprintf(f,
            "IV. TỔ CHỨC THỰC HIỆN\n1. Hiệu trưởng – Chủ tịch Hội đồng tự đánh giá\n"
            "- Rà soát các tiêu chuẩn, tiêu chí để xây dựng kế hoạch cải tiến chất lượng.\n"
            "- Phân công nhiệm vụ cụ thể cho các thành viên.\n"
            "2. Các thành viên Hội đồng tự đánh giá\n"
            "a) Phó hiệu trưởng\n- Phụ trách chuyên môn.\nb) Tổ trưởng\n- Theo dõi, đôn đốc.\n"
            "Trên đây là kế hoạch cải tiến chất lượng giáo dục của nhà trường.\n\n"
            "Nơi nhận:\t\t\tHIỆU TRƯỞNG\n- Phòng GDĐT (để b/c);\n- Lưu: VT.\n\n"
            "\t\t\tNguyễn Văn %s\n",
            pick(2) ? "An" : "Bình");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_plans DIR N\n");
        return 2;
    }
    int n = atoi(argv[2]);
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/plan-%05d.txt", argv[1], i);
        FILE *f = fopen(path, "w");
        if (!f) {
            perror(path);
            return 1;
        }
        int year = 2016 + (int)pick(10);
        header(f, year);
        front(f, year);
        table(f, year);
        tail(f);
        fclose(f);
    }
    return 0;
}
