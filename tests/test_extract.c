/* test_extract.c — extract/: header, title, school year, sections and
 * roles, items, citations, tail, warnings, corrections into <corr>, the
 * clean text; every plan written must validate against the schema. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/doc.h"
#include "extract/extract.h"
#include "normalize/normalize.h"

/* A layout of text (lines split at '\n'), markup stripped as normalize does. */
static vb_layout *layout_of(const char *text)
{
    vb_layout *L = vb_layout_new();
    assert_non_null(L);
    L->format = VB_FMT_TEXT;
    strcpy(L->encoding, "utf-8");
    vb_sha256_hex((const unsigned char *)text, strlen(text), L->sha256);
    assert_non_null(vb_layout_add_page(L, 1));
    for (const char *s = text; *s;) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        vb_line *ln = vb_layout_add_line(L, s, n, 1);
        assert_non_null(ln);
        assert_true(vb_markup_strip(&ln->text) >= 0);
        s += n + (e != NULL);
    }
    return L;
}

/* Extracts, writes (validating) and returns the XML; *plan kept if asked. */
static char *convert(vb_layout *L, vb_node **keep)
{
    vb_node *plan = NULL;
    vb_error err = {0};
    assert_int_equal(vb_extract(L, "test.txt", &plan, &err), VB_OK);
    char *xml = NULL;
    size_t len;
    vb_status st = vb_plan_write_xml(plan, &xml, &len, &err);
    if (st != VB_OK)
        fail_msg("%s", err.msg);
    if (keep)
        *keep = plan;
    else
        vb_node_free(plan);
    return xml;
}

static int has(const char *xml, const char *s)
{
    return strstr(xml, s) != NULL;
}

static const char plan_text[] = "PHÒNG GD&ĐT QUẬN BÌNH THẠNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                                "TRƯỜNG MẦM NON HOA SEN\tĐộc lập - Tự do - Hạnh phúc\n"
                                "Số:  15 / KH-MNHS\tBình Thạnh, ngày 05/9/2021\n"
                                "\n"
                                "KẾ HOẠCH\n"
                                "Cải tiến chất lượng giáo dục\n"
                                "NĂM HỌC 2021 - 2022\n"
                                "I. Mục đích, yêu cầu\n"
                                "- Nâng cao chất lượng.\n"
                                "II. CƠ SỞ PHÁP LÝ VÀ CĂN CỨ\n"
                                "1. Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ GDĐT;\n"
                                "2. Công văn số 123/PGDĐT ngày 10 tháng 9 năm 2021 của Phòng.\n"
                                "III. NỘI DUNG CẢI TIẾN\n"
                                "1. Công tác chỉ đạo\n"
                                "+ Rà soát tiêu chí.\n"
                                "V. TỔ CHỨC THỰC HIỆN\n"
                                "1. Hiệu trưởng: chỉ đạo chung.\n"
                                "2. Các tổ chuyên môn\n"
                                "a) Tổ trưởng\n"
                                "- Theo dõi tiến độ.\n"
                                "Trên đây là kế hoạch của trường.\n"
                                "Nơi nhận:\t\tKT. HIỆU TRƯỞNG\n"
                                "- PGD (để báo cáo);\t\tPHÓ HIỆU TRƯỞNG\n"
                                "- Lưu: VT.\n"
                                "\t\tTrần Thị Bích\n";

static void header_title_year(void **state)
{
    (void)state;
    vb_layout *L = layout_of(plan_text);
    char *xml = convert(L, NULL);
    assert_true(has(xml, "<authority>PHÒNG GD&amp;ĐT QUẬN BÌNH THẠNH</authority>"));
    assert_true(has(xml, "<issuer>TRƯỜNG MẦM NON HOA SEN</issuer>"));
    assert_true(has(xml, "<nation>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</nation>"));
    assert_true(has(xml, "<motto>Độc lập - Tự do - Hạnh phúc</motto>"));
    assert_true(has(xml, "<number>15/KH-MNHS</number>"));
    assert_true(has(xml, "<place>Bình Thạnh</place>"));
    assert_true(has(xml, "<date when=\"2021-09-05\">ngày 05/9/2021</date>"));
    assert_true(has(xml, "<title>KẾ HOẠCH Cải tiến chất lượng giáo dục</title>"));
    assert_true(has(xml, "<schoolYear from=\"2021\" to=\"2022\">NĂM HỌC 2021 - 2022</schoolYear>"));
    free(xml);
    vb_layout_free(L);
}

static void sections_roles_order(void **state)
{
    (void)state;
    vb_layout *L = layout_of(plan_text);
    char *xml = convert(L, NULL);
    assert_true(has(xml, "<section label=\"I\" ordinal=\"1\" role=\"purpose\">"));
    assert_true(has(xml, "<section label=\"II\" ordinal=\"2\" role=\"basis\">"));
    assert_true(has(xml, "<section label=\"III\" ordinal=\"3\" role=\"content\">"));
    /* printed V after III: label as printed, ordinal by position, role by words */
    assert_true(has(xml, "<section label=\"V\" ordinal=\"4\" role=\"organization\">"));
    assert_true(has(xml, "code=\"section-out-of-order\">Mục V đứng sau mục III<"));
    assert_true(has(xml, "<item bullet=\"-\">Nâng cao chất lượng.</item>"));
    assert_true(has(
        xml,
        "<item label=\"1\">Công tác chỉ đạo<item bullet=\"+\">Rà soát tiêu chí.</item></item>"));
    free(xml);
    vb_layout_free(L);
}

static void citations(void **state)
{
    (void)state;
    vb_layout *L = layout_of(plan_text);
    char *xml = convert(L, NULL);
    assert_true(
        has(xml, "<citation kind=\"thong-tu\" number=\"19/2018/TT-BGDĐT\" date=\"2018-08-22\"/>"));
    assert_true(has(xml, "<citation kind=\"cong-van\" number=\"123/PGDĐT\" date=\"2021-09-10\"/>"));
    free(xml);
    vb_layout_free(L);
}

static void roles_and_tail(void **state)
{
    (void)state;
    vb_layout *L = layout_of(plan_text);
    char *xml = convert(L, NULL);
    assert_true(has(xml, "<role label=\"1\" name=\"Hiệu trưởng\">"));
    assert_true(has(xml, "<duty>chỉ đạo chung.</duty>"));
    assert_true(has(xml, "<role label=\"a\" name=\"Tổ trưởng\">"));
    assert_true(has(xml, "<duty bullet=\"-\">Theo dõi tiến độ.</duty>"));
    assert_true(has(xml, "<closing>Trên đây là kế hoạch của trường.</closing>"));
    assert_true(has(xml, "<recipient purpose=\"để báo cáo\">PGD</recipient>"));
    assert_true(has(xml, "<recipient>Lưu: VT</recipient>"));
    assert_true(has(xml, "<title>KT. HIỆU TRƯỞNG PHÓ HIỆU TRƯỞNG</title>"));
    assert_true(has(xml, "<name>Trần Thị Bích</name>"));
    assert_false(has(xml, "no-signature"));
    free(xml);
    vb_layout_free(L);
}

static void no_header_and_wrapped_lines(void **state)
{
    (void)state;
    vb_layout *L =
        layout_of("KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2019-2020\n\n"
                  "I. MỤC ĐÍCH\n\n"
                  "1. Xây dựng kế hoạch khắc phục tồn tại, cải tiến chất lượng theo kết luận\n\n"
                  "của Đoàn đánh giá ngoài, đồng thời triển khai các biện pháp nhằm duy trì\n\n"
                  "Phát huy các điểm mạnh và khắc phục những tồn tại mà Đoàn đã chỉ ra xong.\n\n"
                  "2. Trên cơ sở kết quả đã đạt được sau đánh giá ngoài xây dựng kế hoạch và\n\n"
                  "đưa ra các giải pháp nhằm phát huy điểm mạnh, khắc phục điểm yếu từng bước\n\n"
                  "nâng cao chất lượng giáo dục của nhà trường trong các năm học tiếp theo.\n\n"
                  "II. CĂN CỨ\n\n"
                  "1. Báo cáo tự đánh giá của nhà trường giai đoạn năm 2015 đến năm 2019 rồi.\n\n"
                  "III. NỘI DUNG\n\n");
    char *xml = convert(L, NULL);
    assert_false(has(xml, "<header>"));
    assert_true(has(xml, "<title>KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC</title>"));
    assert_true(has(xml, "<schoolYear from=\"2019\" to=\"2020\">"));
    assert_true(has(xml,
                    "theo kết luận của Đoàn đánh giá ngoài, đồng thời triển khai các biện pháp "
                    "nhằm duy trì Phát huy"));
    assert_true(has(xml, "khắc phục điểm yếu từng bước nâng cao chất lượng"));
    assert_true(has(xml, "code=\"empty-section\">Mục III"));
    assert_true(has(xml, "code=\"no-date\""));
    assert_true(has(xml, "code=\"no-signature\""));
    free(xml);
    vb_layout_free(L);
}

/* A syllable the wrap cut is made whole: at a hyphen ("trư-" / "ờng") or
 * at a space where neither half is a syllable ("lượ" / "ng"); a hyphenated
 * word keeps its hyphen ("kinh tế-" / "xã hội"), and words that are whole
 * on both sides of the break keep their space. */
static void wrapped_syllables_rejoined(void **state)
{
    (void)state;
    vb_layout *L =
        layout_of("KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2019-2020\n\n"
                  "I. MỤC ĐÍCH\n\n"
                  "1. Tăng cường cơ sở vật chất và trang thiết bị dạy học cho nhà trư-\n"
                  "ờng, nâng cao chất lượ\n"
                  "ng giáo dục, phát triển kinh tế-\n"
                  "xã hội của địa\n"
                  "phương.\n\n"
                  "II. NỘI DUNG\n\n");
    char *xml = convert(L, NULL);
    assert_true(has(xml, "dạy học cho nhà trường, nâng cao chất lượng giáo dục, phát triển "
                         "kinh tế-xã hội của địa phương."));
    free(xml);
    vb_layout_free(L);
}

static void signature_variants(void **state)
{
    (void)state;
    vb_layout *L = layout_of("KẾ HOẠCH\nI. MỤC ĐÍCH\n- a\nNơi nhận: - Như trên;\n- Lưu VT.\n"
                             "KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\nĐÃ KÝ\nNGUYỄN VĂN AN\n");
    char *xml = convert(L, NULL);
    assert_true(has(xml, "<recipient>Như trên</recipient>"));
    assert_true(has(xml, "<title>KT. HIỆU TRƯỞNG PHÓ HIỆU TRƯỞNG</title>"));
    assert_true(has(xml, "<name>NGUYỄN VĂN AN</name>"));
    free(xml);
    vb_layout_free(L);
    L = layout_of(
        "KẾ HOẠCH\nI. MỤC ĐÍCH\n- a\nNơi nhận:\n- Sở GDĐT để báo cáo;\n- Ban Đề án 12;\n");
    xml = convert(L, NULL);
    assert_true(has(xml, "<recipient purpose=\"để báo cáo\">Sở GDĐT</recipient>"));
    assert_true(has(xml, "<recipient>Ban Đề án 12</recipient>"));
    free(xml);
    vb_layout_free(L);
    L = layout_of("KẾ HOẠCH\nI. MỤC ĐÍCH\n- a\nIV. TỔ CHỨC THỰC HIỆN\n- Hiệu trưởng: chỉ đạo.\n"
                  "- Tổ trưởng: theo dõi.\nNơi nhận:\n- PGD (b/c);\n");
    xml = convert(L, NULL);
    assert_true(has(xml, "<role name=\"Tổ trưởng\">"));
    assert_true(has(xml, "<recipient purpose=\"b/c\">PGD</recipient>"));
    assert_true(has(xml, "code=\"section-out-of-order\">Mục IV đứng sau mục I<"));
    free(xml);
    vb_layout_free(L);
}

/* OCR'd lines (confidence ≥ 0) with a Roman numeral missing or gaining
 * one "I": put right when the sequence around it says so, warned about; a
 * text layer's labels, and labels further off, stay as read. */
static void sections_ocr_labels(void **state)
{
    (void)state;
    static const char text[] = "KẾ HOẠCH\nI. MỤC ĐÍCH\n- a\nII. NỘI DUNG\n- b\nII. GIẢI PHÁP\n- c\n"
                               "IV. TỔ CHỨC THỰC HIỆN\n- d\nV. KINH PHÍ\n- e\nV. KHEN THƯỞNG\n- f\n";
    vb_layout *L = layout_of(text);
    char *xml = convert(L, NULL);
    assert_true(has(xml, "code=\"section-out-of-order\">Mục II đứng sau mục II<"));
    assert_false(has(xml, "section-label-ocr"));
    free(xml);
    for (size_t i = 0; i < L->nlines; i++)
        L->lines[i].conf = 0.9f;
    xml = convert(L, NULL);
    assert_true(has(xml, "<section label=\"III\" ordinal=\"3\" role=\"content\">"));
    assert_true(has(xml, "code=\"section-label-ocr\">Mục III: nhãn đọc (OCR) là II<"));
    /* the last heading: no next one to disagree; V after V is VI */
    assert_true(has(xml, "<section label=\"VI\" ordinal=\"6\""));
    assert_false(has(xml, "section-out-of-order"));
    free(xml);
    vb_layout_free(L);
    /* IV where II follows I: two strokes off, not a misread stroke */
    L = layout_of("KẾ HOẠCH\nI. MỤC ĐÍCH\n- a\nIV. NỘI DUNG\n- b\nIII. TỔ CHỨC\n- c\n");
    for (size_t i = 0; i < L->nlines; i++)
        L->lines[i].conf = 0.9f;
    xml = convert(L, NULL);
    assert_true(has(xml, "<section label=\"IV\" ordinal=\"2\""));
    assert_true(has(xml, "code=\"section-out-of-order\">Mục IV đứng sau mục I<"));
    free(xml);
    vb_layout_free(L);
}

static void date_under_title(void **state)
{
    (void)state;
    vb_layout *L = layout_of("TRƯỜNG TH AN BÌNH\nKẾ HOẠCH\nNăm học 2022-2023\n"
                             "An Bình, ngày 3 tháng 10 năm 2022\n"
                             "Căn cứ Công văn số 1/PGD ngày 2/9/2022;\nI. MỤC ĐÍCH\n- a\n");
    char *xml = convert(L, NULL);
    assert_true(has(xml, "<place>An Bình</place>"));
    assert_true(has(xml, "<date when=\"2022-10-03\">"));
    assert_false(has(xml, "<p>An Bình")); /* taken into the header, not the preamble */
    assert_true(has(xml, "number=\"1/PGD\" date=\"2022-09-02\""));
    free(xml);
    vb_layout_free(L);
}

static void part_and_letter_headings(void **state)
{
    (void)state;
    vb_layout *L = layout_of("KẾ HOẠCH\nNăm học 2020-2021\nPHẦN I. MỤC ĐÍCH, YÊU CẦU\n- a\n"
                             "Phần II: NỘI DUNG\n- b\nPHẦN III - TỔ CHỨC THỰC HIỆN\n"
                             "1. Hiệu trưởng: chỉ đạo.\n");
    char *xml = convert(L, NULL);
    assert_true(has(xml, "<section label=\"II\" ordinal=\"2\" role=\"content\">"));
    assert_true(has(xml, "<section label=\"III\" ordinal=\"3\" role=\"organization\">"));
    assert_false(has(xml, "section-out-of-order"));
    free(xml);
    vb_layout_free(L);
    L = layout_of("KẾ HOẠCH\nA. MỤC ĐÍCH\n- a\nB. NỘI DUNG CẢI TIẾN\n- b\n");
    xml = convert(L, NULL);
    assert_true(has(xml, "<section label=\"B\" ordinal=\"2\" role=\"content\">"));
    free(xml);
    vb_layout_free(L);
}

static void not_a_plan(void **state)
{
    (void)state;
    vb_layout *L = layout_of("Hôm nay trời đẹp.\nChúng tôi đi chơi công viên.\n");
    char *xml = convert(L, NULL);
    assert_true(has(xml, "code=\"not-a-plan\""));
    assert_true(has(xml, "Chúng tôi đi chơi công viên."));
    free(xml);
    vb_layout_free(L);
    /* numbered sections do not make a report a plan */
    L = layout_of("TRƯỜNG THCS A\nBÁO CÁO\nTổng kết năm học\nI. ĐẶC ĐIỂM\n- Có 20 lớp.\n"
                  "II. KẾT QUẢ\n- Tốt.\n");
    xml = convert(L, NULL);
    assert_true(has(xml, "code=\"not-a-plan\">Văn bản là &quot;BÁO CÁO&quot;"));
    free(xml);
    vb_layout_free(L);
}

static void corrections_reach_xml(void **state)
{
    (void)state;
    vb_layout *L = layout_of("KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Nâng cao chất lượng dạy học.\n");
    vb_text *t = &L->lines[2].text;
    size_t off = (size_t)(strstr(t->s, "lượng") - t->s);
    assert_int_equal(vb_text_add_corr(t, off, strlen("lượng"), "luong", 0.91f), 0);
    char *xml = convert(L, NULL);
    assert_true(has(xml, "<item label=\"1\">Nâng cao chất <corr orig=\"luong\" "
                         "conf=\"0.91\">lượng</corr> dạy học.</item>"));
    free(xml);
    vb_layout_free(L);
}

static void clean_text(void **state)
{
    (void)state;
    vb_layout *L = layout_of("KẾ HOẠCH\n**I. MỤC ĐÍCH**\n1. Một câu bị\nngắt dòng ở giữa.\n"
                             "<p>hai</p> <p>đoạn</p>\n");
    vb_error err = {0};
    size_t len;
    char *s = vb_extract_text(L, &len, &err);
    assert_non_null(s);
    assert_string_equal(s, "KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Một câu bị ngắt dòng ở giữa.\nhai\nđoạn\n");
    free(s);
    vb_layout_free(L);
}

static void marks_and_dates(void **state)
{
    (void)state;
    char label[16];
    size_t rest;
    assert_int_equal(vb_mark_read("VI. TỔ CHỨC", 14, label, &rest), VB_MARK_ROMAN);
    assert_string_equal(label, "VI");
    assert_int_equal(vb_mark_read("2.3. Mục", 10, label, &rest), VB_MARK_NUMBER);
    assert_string_equal(label, "2.3");
    assert_int_equal(vb_mark_read("1.5 triệu", 11, label, &rest), VB_MARK_NUMBER);
    assert_int_equal(vb_mark_read("b) Đối với", 12, label, &rest), VB_MARK_LETTER);
    assert_int_equal(vb_mark_read("Tiêu chí", 10, label, &rest), VB_MARK_NONE);
    assert_int_equal(vb_mark_read("-- x", 4, label, &rest), VB_MARK_NONE);
    assert_int_equal(vb_mark_read("IV- TỔ CHỨC", 14, label, &rest), VB_MARK_ROMAN);
    assert_string_equal(label, "IV");
    assert_int_equal(vb_mark_read("Chỉ thị", 9, label, &rest), VB_MARK_NONE);
    vb_folded f;
    char iso[11];
    size_t end;
    const char *d = "Hà Nội, ngày 31 tháng 02 năm 2021 và ngày 29/2/2024";
    assert_int_equal(vb_fold_make(&f, d, strlen(d)), 0);
    assert_int_not_equal(vb_when_find(&f, iso, &end), (size_t)-1);
    assert_string_equal(iso, "2024-02-29"); /* 31/02 is no date */
    vb_fold_free(&f);
    const char *ocr = "Pom Lét, ngay 15 thing 10 nim 2022"; /* OCR'd words */
    assert_int_equal(vb_fold_make(&f, ocr, strlen(ocr)), 0);
    assert_int_not_equal(vb_when_find(&f, iso, &end), (size_t)-1);
    assert_string_equal(iso, "2022-10-15");
    vb_fold_free(&f);
    const char *no = "ngày học thứ 5 tháng này"; /* no date at all */
    assert_int_equal(vb_fold_make(&f, no, strlen(no)), 0);
    assert_int_equal(vb_when_find(&f, iso, &end), (size_t)-1);
    vb_fold_free(&f);
    int y1, y2;
    const char *yr = "Kế hoạch năm học: 2024 – 2025";
    assert_int_equal(vb_fold_make(&f, yr, strlen(yr)), 0);
    assert_int_not_equal(vb_school_year_find(&f, 0, &y1, &y2, &end), (size_t)-1);
    assert_int_equal(y1, 2024);
    assert_int_equal(y2, 2025);
    vb_fold_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(header_title_year),
        cmocka_unit_test(sections_roles_order),
        cmocka_unit_test(sections_ocr_labels),
        cmocka_unit_test(citations),
        cmocka_unit_test(roles_and_tail),
        cmocka_unit_test(no_header_and_wrapped_lines),
        cmocka_unit_test(wrapped_syllables_rejoined),
        cmocka_unit_test(not_a_plan),
        cmocka_unit_test(signature_variants),
        cmocka_unit_test(date_under_title),
        cmocka_unit_test(part_and_letter_headings),
        cmocka_unit_test(corrections_reach_xml),
        cmocka_unit_test(clean_text),
        cmocka_unit_test(marks_and_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
