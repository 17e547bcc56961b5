/* test_restore.c — the restorer with the committed model: stripped text
 * restored with case kept, codes passed through, every change recorded as a
 * correction with its original and confidence, --min-conf honoured, the need
 * measure, and the engine's lazily shared model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/engine.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "normalize/restore_priv.h"

#define MODEL "model/vanban-vi.lm"

static vb_model *model;

static int setup(void **state)
{
    (void)state;
    vb_error err = {0};
    return vb_model_open(MODEL, &model, &err) == VB_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    vb_model_close(model);
    return 0;
}

static vb_layout *one_line(const char *s)
{
    vb_layout *L = vb_layout_new();
    assert_non_null(L);
    assert_non_null(vb_layout_add_line(L, s, strlen(s), 1));
    return L;
}

static void restore_line(const char *in, const char *want, double min_conf)
{
    vb_layout *L = one_line(in);
    vb_restore_stats st;
    vb_error err = {0};
    assert_int_equal(vb_restore_layout(model, L, min_conf, &st, &err), VB_OK);
    assert_string_equal(L->lines[0].text.s, want);
    vb_layout_free(L);
}

static void restores_stripped_text(void **state)
{
    (void)state;
    restore_line("Ke hoach cai tien chat luong giao duc nam hoc 2022 - 2023",
                 "Kế hoạch cải tiến chất lượng giáo dục năm học 2022 - 2023", 0);
    restore_line("KE HOACH CAI TIEN CHAT LUONG", "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG", 0);
    restore_line("Phong Giao duc va Dao tao", "Phòng Giáo dục và Đào tạo", 0);
}

static void codes_and_links_pass_through(void **state)
{
    (void)state;
    restore_line("Thong tu 19/2018/TT-BGDDT cua Bo GD&DT",
                 "Thông tư 19/2018/TT-BGDĐT của Bộ GD&ĐT", 0);
    restore_line("truong THCS, UBND xa, https://moet.gov.vn/van-ban",
                 "trường THCS, UBND xã, https://moet.gov.vn/van-ban", 0);
}

/* Letters glued to digits are codes and formulas; a tab between table
 * cells and a markup tag are boundaries: the cell after a tab starts anew
 * ("Hiệu trưởng", not "Hiệu trường" read on from "giáo viên trẻ"). */
static void cells_tags_and_formulas(void **state)
{
    (void)state;
    restore_line("Khi O2 va CO2 phan ung, lop 12A1", "Khi O2 và CO2 phản ứng, lớp 12A1", 0);
    restore_line("boi duong cho giao vien tre\tHieu truong chi dao to chuyen mon",
                 "bồi dưỡng cho giáo viên trẻ\tHiệu trưởng chỉ đạo tổ chuyên môn", 0);
    restore_line("<p>To chuyen mon</p> <p>Phat huy tinh chu dong</p>",
                 "<p>Tổ chuyên môn</p> <p>Phát huy tính chủ động</p>", 0);
}

/* The document cache: alone, "tim" is read as the far commoner "tìm"
 * (find); in a text that has said "bệnh tim", "cơ tim", it is the heart. */
static void document_keeps_to_its_subject(void **state)
{
    (void)state;
    restore_line("tim nam o giua long nguc", "tìm nằm ở giữa lồng ngực", 0);
    const char *doc = "benh tim mach va suy tim\nco tim, van tim va nhip tim\n"
                      "tim nam o giua long nguc\n";
    vb_layout *L = vb_layout_new();
    for (const char *p = doc; *p;) {
        const char *e = strchr(p, '\n');
        assert_non_null(vb_layout_add_line(L, p, (size_t)(e - p), 1));
        p = e + 1;
    }
    vb_error err = {0};
    assert_int_equal(vb_restore_layout(model, L, 0, NULL, &err), VB_OK);
    assert_string_equal(L->lines[1].text.s, "cơ tim, van tim và nhịp tim");
    assert_string_equal(L->lines[2].text.s, "tim nằm ở giữa lồng ngực");
    vb_layout_free(L);
}

static void marked_words_are_kept(void **state)
{
    (void)state;
    /* a partly marked line: the marked words stay, the bare ones are restored */
    restore_line("Kế hoach cải tien chất luong", "Kế hoạch cải tiến chất lượng", 0);
}

static void corrections_are_recorded(void **state)
{
    (void)state;
    vb_layout *L = one_line("nang cao chat luong");
    vb_restore_stats st;
    vb_error err = {0};
    assert_int_equal(vb_restore_layout(model, L, 0, &st, &err), VB_OK);
    const vb_text *t = &L->lines[0].text;
    assert_string_equal(t->s, "nâng cao chất lượng");
    assert_int_equal(t->ncorr, 3); /* "cao" is already right */
    assert_int_equal(st.changed, 3);
    assert_int_equal(st.tokens, 4);
    assert_string_equal(t->corr[0].orig, "nang");
    assert_int_equal(t->corr[0].off, 0);
    assert_int_equal(t->corr[0].len, strlen("nâng"));
    assert_string_equal(t->corr[2].orig, "luong");
    assert_memory_equal(t->s + t->corr[2].off, "lượng", strlen("lượng"));
    for (size_t i = 0; i < t->ncorr; i++)
        assert_true(t->corr[i].conf > 0.0f && t->corr[i].conf <= 1.0f);
    vb_layout_free(L);
}

static void min_conf_leaves_unsure_tokens(void **state)
{
    (void)state;
    /* "ban" alone is ambiguous (bán, bản, bạn, ban…): not sure enough */
    vb_layout *L = one_line("ban");
    vb_restore_stats st;
    vb_error err = {0};
    assert_int_equal(vb_restore_layout(model, L, 0.99, &st, &err), VB_OK);
    assert_string_equal(L->lines[0].text.s, "ban");
    assert_int_equal(L->lines[0].text.ncorr, 0);
    vb_layout_free(L);
}

static void need_measures_stripping(void **state)
{
    (void)state;
    vb_layout *clean = one_line("Trường Tiểu học Nguyễn Thanh Tuyền xây dựng kế hoạch cải tiến "
                                "chất lượng giáo dục năm học 2022 - 2023 như sau");
    vb_layout *bare = one_line("Truong Tieu hoc Nguyen Thanh Tuyen xay dung ke hoach cai tien "
                               "chat luong giao duc nam hoc 2022 - 2023 nhu sau");
    vb_layout *english = one_line("The school will improve the quality of teaching and "
                                  "learning through the following measures");
    assert_true(vb_restore_need(clean) < 0.05);
    assert_true(vb_restore_need(bare) > 0.8);
    assert_true(vb_restore_need(english) < 0.15);
    vb_layout_free(clean);
    vb_layout_free(bare);
    vb_layout_free(english);
}

static void clean_lines_untouched(void **state)
{
    (void)state;
    const char *s = "Căn cứ Công văn số 5932/BGDĐT-QLCL ngày 28/12/2018 của Bộ Giáo dục và "
                    "Đào tạo về việc hướng dẫn tự đánh giá và đánh giá ngoài cơ sở giáo dục";
    restore_line(s, s, 0);
}

static void engine_shares_one_model(void **state)
{
    (void)state;
    vb_options o;
    vb_options_init(&o);
    o.model_path = MODEL;
    vb_error err = {0};
    vb_engine *e = vb_engine_new(&o, &err);
    assert_non_null(e);
    vb_model *a = vb_engine_model(e, &err);
    assert_non_null(a);
    assert_ptr_equal(vb_engine_model(e, &err), a);
    vb_engine_free(e);
    o.model_path = "/nonexistent.lm";
    e = vb_engine_new(&o, &err);
    assert_null(vb_engine_model(e, &err));
    assert_int_equal(err.status, VB_ERR_MODEL);
    assert_null(vb_engine_model(e, &err)); /* not retried per file */
    vb_engine_free(e);
}

/* English-model OCR (lines of corpus/restore-ocr/ocr-eng.txt): the channel
 * model next to the language model proposes what a misread word was
 * ("ngudi" → người, "d6" → đô, "DOi" → Đối), the original is kept. */
static void repairs_english_model_ocr(void **state)
{
    (void)state;
    vb_layout *L = vb_layout_new();
    const char *in[] = {
        "- 3. DOi vdi ngudi lao déng ap dung hinh thtic tra luong theo tuan hoac",
        "quyét dinh, quan ly thuc hién quy hoach, phat trién d6 thi va titng buéc"};
    for (int i = 0; i < 2; i++)
        assert_non_null(vb_layout_add_line(L, in[i], strlen(in[i]), 1));
    vb_restore_stats st;
    vb_error err = {0};
    assert_int_equal(vb_restore_layout(model, L, 0, &st, &err), VB_OK);
    assert_string_equal(L->lines[0].text.s,
                        "- 3. Đối với người lao động áp dụng hình thức trả lương theo tuần hoặc");
    assert_string_equal(L->lines[1].text.s,
                        "quyết định, quản lý thực hiện quy hoạch, phát triển đô thị và từng bước");
    const vb_text *t = &L->lines[1].text;
    int seen = 0;
    for (size_t i = 0; i < t->ncorr; i++)
        if (strcmp(t->corr[i].orig, "d6") == 0) {
            assert_memory_equal(t->s + t->corr[i].off, "đô", strlen("đô"));
            seen = 1;
        }
    assert_true(seen);
    vb_layout_free(L);
}

/* Without the channel table restoration still runs (as for stripped text),
 * and clean text never loads it. */
static void works_without_channel(void **state)
{
    (void)state;
    vb_model *m;
    vb_error err = {0};
    setenv("VB_CHANNEL", "/nonexistent/ocr-channel.tsv", 1);
    assert_int_equal(vb_model_open(MODEL, &m, &err), VB_OK);
    const char *s = "- 3. DOi vdi ngudi lao déng ap dung hinh thtic tra luong theo tuan hoac";
    vb_layout *L = one_line(s);
    vb_restore_stats st;
    assert_int_equal(vb_restore_layout(m, L, 0, &st, &err), VB_OK);
    assert_true(m->channel_tried[VB_OCR_ENG]);
    assert_null(m->channel[VB_OCR_ENG]);
    assert_string_not_equal(L->lines[0].text.s,
                            "- 3. Đối với người lao động áp dụng hình thức trả lương theo tuần hoặc");
    vb_layout_free(L);
    vb_model_close(m);
    unsetenv("VB_CHANNEL");
    assert_int_equal(vb_model_open(MODEL, &m, &err), VB_OK);
    L = one_line("nang cao chat luong giao duc");
    assert_int_equal(vb_restore_layout(m, L, 0, &st, &err), VB_OK);
    assert_false(m->channel_tried[VB_OCR_ENG]);
    assert_false(m->channel_tried[VB_OCR_VIE]);
    vb_layout_free(L);
    vb_model_close(m);
}

/* Lines of English-model OCR, enough for the document to read as such. */
static vb_layout *eng_ocr_doc(const char *last)
{
    vb_layout *L = vb_layout_new();
    const char *in[] = {
        "- 3. DOi vdi ngudi lao déng ap dung hinh thtic tra luong theo tuan hoac",
        "quyét dinh, quan ly thuc hién quy hoach, phat trién d6 thi va titng buéc", last};
    for (int i = 0; i < 3; i++)
        assert_non_null(vb_layout_add_line(L, in[i], strlen(in[i]), 1));
    return L;
}

/* In OCR text a capitalised word changes into other letters only with
 * support: "Poc lap" → "Độc lập" (a pair the model knows well), but an
 * unknown name keeps its letters ("PA KHOANG" is no "ĐÃ KHOẢNG") unless the
 * document writes the changed form capitalised in a clean line. */
static void ocr_names_need_support(void **state)
{
    (void)state;
    vb_restore_stats st;
    vb_error err = {0};
    vb_layout *L = eng_ocr_doc("TRUONG MN XA PA KHOANG Poc lap Tu do");
    assert_int_equal(vb_restore_layout(model, L, 0, &st, &err), VB_OK);
    const char *out = L->lines[2].text.s;
    assert_non_null(strstr(out, " PA KHO"));
    assert_non_null(strstr(out, "Độc lập Tự do"));
    vb_layout_free(L);
    L = eng_ocr_doc("TRUONG MN XA PA KHOANG Poc lap Tu do");
    const char *clean = "Trường Mầm non xã Đá Khoang được thành lập năm 1998.";
    assert_non_null(vb_layout_add_line(L, clean, strlen(clean), 1));
    assert_int_equal(vb_restore_layout(model, L, 0, &st, &err), VB_OK);
    assert_non_null(strstr(L->lines[2].text.s, " ĐÁ KHO"));
    vb_layout_free(L);
}

/* A Roman section number opening an OCR line is a number: "VI." is not
 * the word "VỚI", and "Il." stays as read. */
static void ocr_roman_numerals_pass(void **state)
{
    (void)state;
    vb_restore_stats st;
    vb_error err = {0};
    const char *in[] = {"VI. TO CHUC THUC HIEN", "Il. CAN CU XAY DUNG KE HOACH"};
    for (int k = 0; k < 2; k++) {
        vb_layout *L = eng_ocr_doc(in[k]);
        assert_int_equal(vb_restore_layout(model, L, 0, &st, &err), VB_OK);
        assert_memory_equal(L->lines[2].text.s, in[k], 4);
        vb_layout_free(L);
    }
}

/* One line of Vietnamese-model OCR with Tesseract's word confidences. */
static vb_layout *vie_ocr_line(const char *s, const float *conf)
{
    vb_layout *L = one_line(s);
    vb_line *ln = &L->lines[0];
    size_t n = 0;
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e == p)
            break;
        vb_box box = {-1, -1, -1, -1};
        assert_int_equal(vb_text_add_word(&ln->text, (size_t)(p - s), (size_t)(e - p), 1, box, conf[n]), 0);
        n++;
        p = e;
    }
    L->ocr_pages = 1;
    return L;
}

/* Vietnamese-model OCR: a word the engine was unsure of is re-decided
 * ("tố chức" → "tổ chức"), the same word read with confidence stays, and
 * a line it was sure of is not touched at all. */
static void vie_ocr_unsure_words(void **state)
{
    (void)state;
    const char *s = "các tố chức, cá nhân có liên quan đến việc kiếm định";
    float unsure[] = {0.96f, 0.55f, 0.93f, 0.95f, 0.96f, 0.96f, 0.95f, 0.96f, 0.96f, 0.96f, 0.6f, 0.93f};
    float sure[] = {0.999f, 0.999f, 0.999f, 0.999f, 0.999f, 0.999f, 0.999f, 0.999f, 0.999f,
                    0.999f, 0.999f, 0.999f};
    vb_restore_stats st;
    vb_error err = {0};
    vb_layout *L = vie_ocr_line(s, unsure);
    assert_int_equal(vb_restore_layout(model, L, 0, &st, &err), VB_OK);
    assert_string_equal(L->lines[0].text.s,
                        "các tổ chức, cá nhân có liên quan đến việc kiểm định");
    assert_true(L->lines[0].text.ncorr == 2);
    vb_layout_free(L);
    L = vie_ocr_line(s, sure);
    assert_int_equal(vb_restore_layout(model, L, 0, &st, &err), VB_OK);
    assert_string_equal(L->lines[0].text.s, s);
    assert_int_equal(L->lines[0].text.ncorr, 0);
    vb_layout_free(L);
}

/* Counts from the user's own clean documents teach the model a name. */
static void adaptation_learns_names(void **state)
{
    (void)state;
    restore_line("Nha truong xa Pom Lot", "Nhà trường xa Pom Lot", 0);
    const char *docs = "Trường Mầm non xã Pom Lót, huyện Điện Biên.\nNhà trường xã Pom Lót.\n";
    model->adapt = vb_adapt_new(vb_model_lm(model));
    assert_non_null(model->adapt);
    assert_int_equal(vb_adapt_learn(model->adapt, docs, strlen(docs)), 0);
    restore_line("Nha truong xa Pom Lot", "Nhà trường xã Pom Lót", 0);
    /* saved and loaded back, it does the same */
    char path[] = "/tmp/vb_test_adapt_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_int_equal(vb_adapt_save(model->adapt, f), 0);
    fclose(f);
    vb_adapt_free(model->adapt);
    vb_error err = {0};
    model->adapt = vb_adapt_load(vb_model_lm(model), path, &err);
    unlink(path);
    assert_non_null(model->adapt);
    restore_line("Nha truong xa Pom Lot", "Nhà trường xã Pom Lót", 0);
    vb_adapt_free(model->adapt);
    model->adapt = NULL;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(restores_stripped_text),
        cmocka_unit_test(codes_and_links_pass_through),
        cmocka_unit_test(cells_tags_and_formulas),
        cmocka_unit_test(document_keeps_to_its_subject),
        cmocka_unit_test(marked_words_are_kept),
        cmocka_unit_test(corrections_are_recorded),
        cmocka_unit_test(min_conf_leaves_unsure_tokens),
        cmocka_unit_test(need_measures_stripping),
        cmocka_unit_test(clean_lines_untouched),
        cmocka_unit_test(engine_shares_one_model),
        cmocka_unit_test(adaptation_learns_names),
        cmocka_unit_test(repairs_english_model_ocr),
        cmocka_unit_test(works_without_channel),
        cmocka_unit_test(ocr_names_need_support), cmocka_unit_test(ocr_roman_numerals_pass),
        cmocka_unit_test(vie_ocr_unsure_words),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
