/* test_decode.c — normalize/decode.c, detect.c, enc_codec.c: the shared
 * vectors with --from auto, round trips of every letter through every
 * encoding, mixed files, TCVN3 capitals, refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "normalize/enc.h"
#include "normalize/normalize.h"

#include <unicode/unorm2.h>

#define VEC "tests/data/encodings/"
#define MODEL "model/vanban-vi.lm"

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 16);
    *n = fread(buf, 1, (1 << 16) - 1, f);
    buf[*n] = 0;
    fclose(f);
    return buf;
}

/* Decodes with from (NULL: auto); asserts success; caller frees d. */
static void decode_ok(const void *s, size_t n, const char *from, vb_decoded *d)
{
    vb_error err = {0};
    vb_status st = vb_decode(s, n, from, VB_TONE_KEEP, d, &err);
    if (st != VB_OK)
        fail_msg("vb_decode: %s", err.msg);
}

static void check_vector(const char *file, const char *expected, const char *enc)
{
    size_t n, m;
    char *in = slurp(file, &n), *want = slurp(expected, &m);
    vb_decoded d;
    decode_ok(in, n, NULL, &d);
    assert_string_equal(d.encoding, enc);
    assert_string_equal(d.utf8, want);
    vb_decoded_free(&d);
    free(in);
    free(want);
}

static void vectors_auto(void **state)
{
    (void)state;
    check_vector(VEC "tcvn3.bin", VEC "expected.txt", "tcvn3");
    check_vector(VEC "vni.bin", VEC "expected.txt", "vni");
    check_vector(VEC "viscii.bin", VEC "expected-hyphen.txt", "viscii");
    check_vector(VEC "vps.bin", VEC "expected-hyphen.txt", "vps");
    check_vector(VEC "viqr.txt", VEC "expected-hyphen.txt", "viqr");
    check_vector(VEC "cp1258.bin", VEC "expected.txt", "cp1258");
    check_vector(VEC "cp1258-tone-decomposed.bin", VEC "expected.txt", "cp1258");
    check_vector(VEC "mojibake-utf8-as-cp1252.txt", VEC "expected.txt", "utf-8+cp1252");
    check_vector(VEC "expected.txt", VEC "expected.txt", "utf-8");
}

/* The 134 letters (from the TCVN3 table) and the plan punctuation. */
static void letters(vb_bytes *all)
{
    for (int i = 0; i < VB_ENC_LETTERS; i++)
        vb_bytes_cp(all, vb_enc_tab_tcvn3[i].cp);
    for (const char *p = "aeiouyAEIOUY"; *p; p++)
        vb_bytes_cp(all, (unsigned char)*p);
    const uint32_t punct[] = {0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x2026, 0x2022,
                              '.', ',', ';', ':', '(', ')', '%', '/', '-', '"', '?', '!', 0};
    for (int i = 0; punct[i]; i++)
        vb_bytes_cp(all, punct[i]);
}

/* TCVN3 keeps only the capitals that have codes. */
static uint32_t expect_cp(vb_enc_id id, uint32_t cp)
{
    if ((id == VB_ENC_TCVN3 || id == VB_ENC_TCVN3_CP1252) && u_isupper((UChar32)cp) && cp >= 0x80) {
        for (int i = 0; i < 67; i++)
            if (vb_enc_tab_tcvn3[i + 67].cp == cp && vb_enc_tab_tcvn3[i].b[0] == vb_enc_tab_tcvn3[i + 67].b[0])
                return (uint32_t)u_tolower((UChar32)cp);
    }
    return cp;
}

static void round_trip_every_letter(void **state)
{
    (void)state;
    vb_bytes all = {0};
    letters(&all);
    for (int id = 0; id < VB_ENC_COUNT; id++) {
        size_t held = 0;
        for (size_t i = 0; i < all.len;) {
            size_t j = i;
            uint32_t cp = vb_utf8_next((unsigned char *)all.s, all.len, &j);
            vb_bytes one = {0}, enc = {0};
            size_t bad = 0;
            vb_bytes_put(&one, "x ", 2);   /* a letter alone between spaces */
            vb_bytes_put(&one, all.s + i, j - i);
            vb_bytes_put(&one, " x", 2);
            assert_int_equal(vb_enc_encode((vb_enc_id)id, one.s, one.len, &enc, &bad), 0);
            if (bad == 0) {
                vb_decoded d;
                decode_ok(enc.s, enc.len, vb_enc_name((vb_enc_id)id), &d);
                vb_bytes want = {0};
                vb_bytes_put(&want, "x ", 2);
                vb_bytes_cp(&want, expect_cp((vb_enc_id)id, cp));
                vb_bytes_put(&want, " x", 2);
                if (strcmp(d.utf8, want.s) != 0)
                    fail_msg("%s: U+%04X came back as '%s'", vb_enc_name((vb_enc_id)id), cp, d.utf8);
                vb_decoded_free(&d);
                vb_bytes_free(&want);
                held++;
            }
            vb_bytes_free(&one);
            vb_bytes_free(&enc);
            i = j;
        }
        /* every encoding holds at least all 134 letters + a e i o u y */
        if (held < VB_ENC_LETTERS + 12)
            fail_msg("%s holds only %zu characters", vb_enc_name((vb_enc_id)id), held);
    }
    vb_bytes_free(&all);
}

/* Every row of every shared table decodes to its letter (TCVN3 capitals
 * without a code: to the lowercase letter). */
static void every_table_row_decodes(void **state)
{
    (void)state;
    const struct {
        const vb_enc_entry *tab;
        vb_enc_id id;
    } tabs[] = {{vb_enc_tab_tcvn3, VB_ENC_TCVN3},   {vb_enc_tab_tcvn5712_1_vn1, VB_ENC_VN1},
                {vb_enc_tab_vni, VB_ENC_VNI},       {vb_enc_tab_viscii, VB_ENC_VISCII},
                {vb_enc_tab_vps, VB_ENC_VPS},       {vb_enc_tab_viqr, VB_ENC_VIQR},
                {vb_enc_tab_cp1258, VB_ENC_CP1258}, {vb_enc_tab_cp1258_tone_decomposed, VB_ENC_CP1258}};
    for (size_t t = 0; t < sizeof tabs / sizeof *tabs; t++)
        for (int i = 0; i < VB_ENC_LETTERS; i++) {
            const vb_enc_entry *e = &tabs[t].tab[i];
            vb_decoded d;
            decode_ok(e->b, e->n, vb_enc_name(tabs[t].id), &d);
            vb_bytes want = {0};
            vb_bytes_cp(&want, expect_cp(tabs[t].id, e->cp));
            if (strcmp(d.utf8, want.s) != 0)
                fail_msg("%s row %d: U+%04X decoded as '%s'", vb_enc_name(tabs[t].id), i, e->cp, d.utf8);
            vb_decoded_free(&d);
            vb_bytes_free(&want);
        }
}

static const char plan[] =
    "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC\n"
    "Năm học 2020 – 2021, trường Mầm non Hoa Sen, huyện Tháp Mười, tỉnh Đồng Tháp.\n"
    "Tiêu chí 1.5: Số trẻ trong các nhóm trẻ, lớp mẫu giáo được phân chia theo độ tuổi.\n"
    "Hiệu trưởng – Chủ tịch Hội đồng tự đánh giá chịu trách nhiệm tổ chức thực hiện.\n"
    "Điểm mạnh: nhà trường có đủ phòng học, đồ dùng và đồ chơi cho các cháu.\n";

/* A paragraph encoded in every encoding is detected and decoded exactly. */
static void documents_detected(void **state)
{
    (void)state;
    for (int id = 0; id < VB_ENC_COUNT; id++) {
        vb_bytes enc = {0};
        size_t bad;
        assert_int_equal(vb_enc_encode((vb_enc_id)id, plan, strlen(plan), &enc, &bad), 0);
        vb_decoded want, got;
        decode_ok(enc.s, enc.len, vb_enc_name((vb_enc_id)id), &want);
        decode_ok(enc.s, enc.len, NULL, &got);
        if (strcmp(want.utf8, got.utf8) != 0)
            fail_msg("%s detected as %s:\n%s", vb_enc_name((vb_enc_id)id), got.encoding, got.utf8);
        if (bad == 0)
            assert_string_equal(got.utf8, plan);   /* TCVN3 too: the heading is all caps */
        vb_decoded_free(&want);
        vb_decoded_free(&got);
        vb_bytes_free(&enc);
    }
}

static void tcvn3_capitals(void **state)
{
    (void)state;
    const char in[] = "K\xd5 HO\xb9""CH N\xa8M H\xe4""C\nK\xd5 ho\xb9""ch c\xf1""a B\xe9 GTVT\n";
    vb_decoded d;
    decode_ok(in, strlen(in), NULL, &d);
    assert_string_equal(d.encoding, "tcvn3");
    assert_string_equal(d.utf8, "KẾ HOẠCH NĂM HỌC\nKế hoạch của Bộ GTVT\n");
    assert_int_equal(d.case_inferred, 1);
    vb_decoded_free(&d);
    const char lower[] = "k\xd5 ho\xb9""ch n\xa8m h\xe4""c c\xf1""a tr\xad\xea""ng\n";
    decode_ok(lower, strlen(lower), "tcvn3", &d);
    assert_string_equal(d.utf8, "kế hoạch năm học của trường\n");
    assert_int_equal(d.case_inferred, 0);
    vb_decoded_free(&d);
}

/* First half TCVN3, second half UTF-8; and a UTF-8 body with a TCVN3
 * heading: all Unicode. */
static void mixed_files(void **state)
{
    (void)state;
    vb_bytes doc = {0}, enc = {0};
    const char *half = strchr(plan + sizeof "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC", '\n') + 1;
    vb_enc_encode(VB_ENC_TCVN3, plan, (size_t)(half - plan), &doc, NULL);
    vb_bytes_put(&doc, half, strlen(half));
    vb_decoded d;
    decode_ok(doc.s, doc.len, NULL, &d);
    assert_string_equal(d.utf8, plan);
    assert_string_equal(d.encoding, "mixed");
    vb_decoded_free(&d);
    doc.len = 0;
    vb_bytes_put(&doc, strchr(plan, '\n') + 1, strlen(strchr(plan, '\n') + 1));
    vb_enc_encode(VB_ENC_TCVN3, "II. KẾ HOẠCH THỰC HIỆN\n", strlen("II. KẾ HOẠCH THỰC HIỆN\n"), &enc, NULL);
    vb_bytes_put(&doc, enc.s, enc.len);
    vb_bytes_put(&doc, half, strlen(half));
    decode_ok(doc.s, doc.len, NULL, &d);
    assert_non_null(strstr(d.utf8, "\nII. KẾ HOẠCH THỰC HIỆN\n"));
    assert_non_null(strstr(d.utf8, "Điểm mạnh: nhà trường"));
    vb_decoded_free(&d);
    vb_bytes_free(&doc);
    vb_bytes_free(&enc);
}

static void mojibake_and_font_text(void **state)
{
    (void)state;
    const char *line = "Hiệu trưởng – Chủ tịch Hội đồng tự đánh giá; Số trẻ trong các nhóm trẻ\n";
    vb_enc_id ids[] = {VB_ENC_MOJI1, VB_ENC_MOJI2, VB_ENC_TCVN3_CP1252, VB_ENC_VNI_CP1252};
    for (size_t k = 0; k < 4; k++) {
        vb_bytes enc = {0};
        vb_enc_encode(ids[k], line, strlen(line), &enc, NULL);
        vb_decoded d;
        decode_ok(enc.s, enc.len, NULL, &d);
        assert_string_equal(d.encoding, vb_enc_name(ids[k]));
        assert_string_equal(d.utf8, line);
        vb_decoded_free(&d);
        vb_bytes_free(&enc);
    }
    /* Latin-1 reading: C1 controls instead of CP1252 punctuation */
    const char latin1[] = "K\xc3\xa1\xc2\xba\xc2\xbf ho\xc3\xa1\xc2\xba\xc2\xa1\x63h c\xc3\xa1\xc2\xba\xc2\xa3i ti\xc3\xa1\xc2\xba\xc2\xbfn";
    vb_decoded d;
    decode_ok(latin1, strlen(latin1), NULL, &d);
    assert_string_equal(d.utf8, "Kế hoạch cải tiến");
    vb_decoded_free(&d);
}

static void viqr_escapes(void **state)
{
    (void)state;
    /* a writer who escapes (RFC 1456): every unescaped mark is a tone */
    const char in[] = "Tha'ng 5\\. Ddi\\? Ho^m nay tro+`i dde.p. Chu'ng ta ddi\\. Bo^. Va(n ho'a\n";
    vb_decoded d;
    decode_ok(in, strlen(in), "viqr", &d);
    assert_string_equal(d.utf8, "Tháng 5. Đi? Hôm nay trời đẹp. Chúng ta đi. Bộ Văn hóa\n");
    vb_decoded_free(&d);
    /* one who does not: '.' or '?' closing a word before a capital is
     * punctuation; a tone mark after a toned word always is (one tone a
     * syllable) */
    const char bare[] = "Chu'ng ta ddi. Tre? em ddi hoc ngay ho^m nay. Tro+`i dde.p qua'?\n";
    decode_ok(bare, strlen(bare), "viqr", &d);
    assert_string_equal(d.utf8, "Chúng ta đi. Trẻ em đi hoc ngay hôm nay. Trời đẹp quá?\n");
    vb_decoded_free(&d);
    const char caps[] = "HO^` SO+, THU? TU.C XE'T TA(.NG\n";
    decode_ok(caps, strlen(caps), "viqr", &d);
    assert_string_equal(d.utf8, "HỒ SƠ, THỦ TỤC XÉT TẶNG\n");
    vb_decoded_free(&d);
}

static void utf16(void **state)
{
    (void)state;
    vb_bytes le = {0}, be = {0};
    vb_enc_encode(VB_ENC_UTF16LE, plan, strlen(plan), &le, NULL);
    vb_enc_encode(VB_ENC_UTF16BE, plan, strlen(plan), &be, NULL);
    vb_decoded d;
    decode_ok(le.s, le.len, NULL, &d);
    assert_string_equal(d.encoding, "utf-16le");
    assert_string_equal(d.utf8, plan);
    vb_decoded_free(&d);
    decode_ok(be.s, be.len, "auto", &d);
    assert_string_equal(d.encoding, "utf-16be");
    assert_string_equal(d.utf8, plan);
    vb_decoded_free(&d);
    vb_bytes bom = {0};
    vb_bytes_put(&bom, "\xFE\xFF", 2);
    vb_bytes_put(&bom, be.s, be.len);
    decode_ok(bom.s, bom.len, NULL, &d);
    assert_int_equal(d.had_bom, 1);
    assert_string_equal(d.utf8, plan);
    vb_decoded_free(&d);
    vb_bytes_free(&le);
    vb_bytes_free(&be);
    vb_bytes_free(&bom);
}

static void stray_marks(void **state)
{
    (void)state;
    /* U+0341 after a → á; a mark after a space is dropped; a second tone too */
    const char in[] = "ca\xcd\x81\x63 \xcc\x81tr\xc6\xb0\xe1\xbb\x9d\xcc\x80ng";
    vb_decoded d;
    decode_ok(in, strlen(in), "utf-8", &d);
    assert_string_equal(d.utf8, "các trường");
    vb_decoded_free(&d);
}

static void refusals(void **state)
{
    (void)state;
    vb_decoded d;
    vb_error err = {0};
    const char en[] = "This is a plain English text file about the weather, the trains and "
                      "the quarterly budget of a company.\n";
    assert_int_equal(vb_decode((const unsigned char *)en, strlen(en), NULL, 0, &d, &err), VB_ERR_ENCODING);
    assert_non_null(strstr(err.msg, "not Vietnamese"));
    assert_null(d.utf8);
    vb_error_clear(&err);
    const unsigned char bin[] = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0x3E, 0, 0xC3, 0x80};
    assert_int_equal(vb_decode(bin, sizeof bin, NULL, 0, &d, &err), VB_ERR_BINARY);
    vb_error_clear(&err);
    assert_int_equal(vb_decode(bin, 0, NULL, 0, &d, &err), VB_ERR_EMPTY);
    vb_error_clear(&err);
    assert_int_equal(vb_decode(bin, 4, "klingon", 0, &d, &err), VB_ERR_USAGE);
    /* ASCII Vietnamese without marks is text, not refused */
    const char ascii[] = "Ke hoach cai tien chat luong giao duc nam hoc moi\n";
    decode_ok(ascii, strlen(ascii), NULL, &d);
    assert_string_equal(d.encoding, "utf-8");
    vb_decoded_free(&d);
}

static void aliases(void **state)
{
    (void)state;
    assert_string_equal(vb_encoding_canonical("VN3"), "tcvn3");
    assert_string_equal(vb_encoding_canonical("windows-1258"), "cp1258");
    assert_string_equal(vb_encoding_canonical("VNI-Windows"), "vni");
    assert_string_equal(vb_encoding_canonical("UTF8"), "utf-8");
    assert_string_equal(vb_encoding_canonical("mojibake"), "utf-8+cp1252");
    assert_null(vb_encoding_canonical("ebcdic"));
    assert_null(vb_encoding_canonical(NULL));
}

/* Vietnamese typed without marks is plain UTF-8, not VIQR: a vowel before
 * a full stop ("Muc I.", "tre.") or "DD" in a code is no VIQR evidence. */
static void unmarked_text_is_not_viqr(void **state)
{
    (void)state;
    static const char txt[] =
        "KE HOACH CAI TIEN CHAT LUONG GIAO DUC\nI. MUC TIEU\n"
        "- Nang cao chat luong cham soc, nuoi duong tre.\nII. CO SO PHAP LY\n"
        "- Thong tu so 19/2018/TT-BGDDT ngay 22/8/2018.\nIII. CAC GIAI PHAP CAI TIEN\n"
        "1. Bo sung do dung do choi.\nIV. TO CHUC THUC HIEN\nHieu truong chi dao chung.\n";
    vb_decoded d;
    decode_ok(txt, strlen(txt), NULL, &d);
    assert_string_equal(d.encoding, "utf-8");
    assert_string_equal(d.utf8, txt);
    vb_decoded_free(&d);
}

/* Decodes s (NUL-terminated) with --from auto and the model (NULL: none). */
static void auto_with(const vb_model *m, const char *s, size_t n, vb_decoded *d)
{
    vb_error err = {0};
    if (vb_decode_lm((const unsigned char *)s, n, NULL, VB_TONE_KEEP, m, d, &err) != VB_OK)
        fail_msg("vb_decode_lm: %s", err.msg);
}

/* Readings the syllable inventory scores alike are told apart by the
 * language model: VN1's "Ý" is a control character in TCVN3, VPS's "nhạc
 * sĩ" is "nhăc sỉ" in VISCII — valid syllables either way. Without a model
 * the inventory's choice stands, and --detect says there was none. */
static void model_breaks_ties(void **state)
{
    (void)state;
    vb_model *m;
    vb_error err = {0};
    assert_int_equal(vb_model_open(MODEL, &m, &err), VB_OK);
    const struct {
        vb_enc_id id;
        const char *text;
    } cases[] = {{VB_ENC_VN1, "Ông là nhạc sĩ người Ý, sáng tác nhiều bản nhạc nổi tiếng.\n"},
                 {VB_ENC_VPS, "Ngày 5: John Smith, nhạc sĩ Anh\n"},
                 {VB_ENC_VPS, "Peter Brown, ca sĩ nhạc rock\n"}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        vb_bytes enc = {0};
        assert_int_equal(vb_enc_encode(cases[k].id, cases[k].text, strlen(cases[k].text), &enc, NULL), 0);
        vb_decoded with, without;
        auto_with(m, enc.s, enc.len, &with);
        auto_with(NULL, enc.s, enc.len, &without);
        assert_string_equal(with.utf8, cases[k].text);
        assert_string_equal(with.encoding, vb_enc_name(cases[k].id));
        assert_non_null(strstr(with.detail, "the language model prefers"));
        assert_string_not_equal(without.utf8, cases[k].text);   /* what the model is for */
        assert_non_null(strstr(without.detail, "no language model"));
        vb_decoded_free(&with);
        vb_decoded_free(&without);
        vb_bytes_free(&enc);
    }
    vb_model_close(m);
}

/* A CP1252 reading (mojibake, .Vn/VNI font text) cannot hold characters
 * CP1252 has no byte for: UTF-8 with them is UTF-8 ("Völker" is not VNI
 * font text for "Vưlker"). */
static void unicode_is_not_font_text(void **state)
{
    (void)state;
    const char *lines[] = {"1 tháng 4: Sandra Völker, nữ vận động viên bơi lội Đức\n",
                           "4 tháng 1: Paolo Bettini, tay đua xe đạp Ý\n"};
    for (size_t k = 0; k < 2; k++) {
        vb_decoded d;
        auto_with(NULL, lines[k], strlen(lines[k]), &d);
        assert_string_equal(d.encoding, "utf-8");
        assert_string_equal(d.utf8, lines[k]);
        vb_decoded_free(&d);
    }
}

/* A legacy document where a short line's bytes happen to be valid UTF-8
 * (VPS "đến" reads as UTF-8 "ǉn") is still one encoding. */
static void legacy_line_valid_as_utf8(void **state)
{
    (void)state;
    vb_model *m;
    vb_error err = {0};
    assert_int_equal(vb_model_open(MODEL, &m, &err), VB_OK);
    vb_bytes text = {0}, enc = {0};
    for (int i = 0; i < 6; i++)
        vb_bytes_put(&text, plan, strlen(plan));
    const char *heading = "=== 312 đến 324 ===\n";
    vb_bytes_put(&text, heading, strlen(heading));
    vb_enc_encode(VB_ENC_VPS, text.s, text.len, &enc, NULL);
    vb_decoded d, forced;
    auto_with(m, enc.s, enc.len, &d);
    decode_ok(enc.s, enc.len, "vps", &forced);
    assert_string_equal(d.utf8, forced.utf8);
    assert_non_null(strstr(d.utf8, heading));
    assert_string_equal(d.encoding, "vps");
    vb_decoded_free(&d);
    vb_decoded_free(&forced);
    vb_bytes_free(&text);
    vb_bytes_free(&enc);
    vb_model_close(m);
}

static int nfc_plain_cp(uint32_t c)
{
    return u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
           u_getCombiningClass((UChar32)c) == 0 && !(c >= 0x300 && c < 0x370);
}

/* decode.c skips the NFC check for these decodings: every character they
 * can produce (any byte alone, any table row) is one NFC leaves alone. */
static void table_decodings_are_nfc(void **state)
{
    (void)state;
    const vb_enc_id ids[] = {VB_ENC_TCVN3, VB_ENC_VN1, VB_ENC_VNI, VB_ENC_VISCII, VB_ENC_VPS, VB_ENC_VIQR};
    const vb_enc_entry *tabs[] = {vb_enc_tab_tcvn3, vb_enc_tab_tcvn5712_1_vn1, vb_enc_tab_vni,
                                  vb_enc_tab_viscii, vb_enc_tab_vps, vb_enc_tab_viqr};
    for (size_t k = 0; k < 6; k++)
        for (int i = 0; i < 256 + VB_ENC_LETTERS; i++) {
            unsigned char b = (unsigned char)i;
            const vb_enc_entry *e = i >= 256 ? &tabs[k][i - 256] : NULL;
            vb_bytes out = {0};
            assert_int_equal(vb_enc_decode(ids[k], e ? e->b : &b, e ? e->n : 1, &out), 0);
            for (size_t j = 0; j < out.len;) {
                uint32_t c = vb_utf8_next((unsigned char *)out.s, out.len, &j);
                if (!nfc_plain_cp(c))
                    fail_msg("%s: input %d gives U+%04X, which NFC may change", vb_enc_name(ids[k]), i, c);
            }
            vb_bytes_free(&out);
        }
}

/* Lines NFC changes are normalized where they stand (a shorter one moves
 * the lines after it); one that grows (U+0958 has no composed form) moves
 * the rest to a new buffer; the others stay byte for byte. */
static void nfc_line_by_line(void **state)
{
    (void)state;
    const char in[] = "ca\xcc\x81" "c\nkhông đổi\nHo\xcc\xa3" "c\n\xe0\xa5\x98 x\ncuối\n";
    const char want[] = "các\nkhông đổi\nHọc\n\xe0\xa4\x95\xe0\xa4\xbc x\ncuối\n";
    vb_decoded d;
    decode_ok(in, strlen(in), "utf-8", &d);
    assert_string_equal(d.utf8, want);
    assert_int_equal(d.len, strlen(want));
    vb_decoded_free(&d);
}

/* Font text is its bytes read as CP1252: decoding it gives what the bytes
 * give, for every byte (ÿ, 0xFF, too). */
static void font_text_is_its_bytes(void **state)
{
    (void)state;
    const vb_enc_id ids[][2] = {{VB_ENC_TCVN3_CP1252, VB_ENC_TCVN3}, {VB_ENC_VNI_CP1252, VB_ENC_VNI}};
    unsigned char bytes[2 * 224];
    vb_bytes text = {0};
    for (int i = 0; i < 224; i++) {   /* each byte from 0x20 up, alone and before 'a' */
        bytes[2 * i] = (unsigned char)(0x20 + i);
        bytes[2 * i + 1] = 'a';
        vb_bytes_cp(&text, vb_cp1252_to_cp((unsigned char)(0x20 + i)));
        vb_bytes_cp(&text, 'a');
    }
    for (int k = 0; k < 2; k++) {
        vb_decoded font, raw;
        decode_ok(text.s, text.len, vb_enc_name(ids[k][0]), &font);
        decode_ok(bytes, sizeof bytes, vb_enc_name(ids[k][1]), &raw);
        assert_string_equal(font.utf8, raw.utf8);
        vb_decoded_free(&font);
        vb_decoded_free(&raw);
    }
    vb_bytes_free(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vectors_auto),     cmocka_unit_test(round_trip_every_letter),
        cmocka_unit_test(every_table_row_decodes),
        cmocka_unit_test(documents_detected), cmocka_unit_test(tcvn3_capitals),
        cmocka_unit_test(mixed_files),      cmocka_unit_test(mojibake_and_font_text),
        cmocka_unit_test(viqr_escapes),     cmocka_unit_test(utf16),
        cmocka_unit_test(stray_marks),      cmocka_unit_test(refusals),
        cmocka_unit_test(aliases),          cmocka_unit_test(unmarked_text_is_not_viqr),
        cmocka_unit_test(model_breaks_ties), cmocka_unit_test(unicode_is_not_font_text),
        cmocka_unit_test(legacy_line_valid_as_utf8), cmocka_unit_test(table_decodings_are_nfc),
        cmocka_unit_test(nfc_line_by_line), cmocka_unit_test(font_text_is_its_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
