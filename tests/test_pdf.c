/* test_pdf.c — PDFs: a born-digital plan keeps its text layer (no OCR) with
 * the header columns and the ruled table as rows; its scan is OCR'd into the
 * same lines and rows; garbage layers are OCR'd; broken PDFs fail cleanly;
 * the geometry pass drops running headers and joins continued tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "ingest/geometry.h"
#include "tests/pdf_util.h"

#include <stdio.h>

static vb_engine *engine;

static const char header_row[] =
    "TT\tTiêu chí\tKết quả cần đạt\tGiải pháp\tChủ trì, phối hợp\tThời gian\tKinh phí";

static vb_layout *load(const char *path, vb_status *st, vb_error *err)
{
    size_t n = 0;
    unsigned char *d = fixture(path, &n);
    assert_non_null(d);
    vb_layout *L = ingest_bytes(engine, d, n, st, err);
    free(d);
    return L;
}

static void born_digital_uses_text_layer(void **state)
{
    (void)state;
    vb_status st;
    vb_error err;
    vb_layout *L = load("corpus/scan-plan-1/clean.pdf", &st, &err);
    assert_int_equal(st, VB_OK);
    assert_int_equal(L->npages, 1);
    assert_int_equal(L->pages[0].path, VB_PAGE_TEXT_LAYER);
    assert_string_equal(L->pages[0].reason, "good text layer");
    assert_true(L->pages[0].text_quality > 0.85f);
    assert_int_equal(L->ocr_pages, 0);
    /* the header block is read column by column */
    assert_string_equal(L->lines[0].text.s, "UBND QUẬN GÒ VẤP");
    assert_string_equal(L->lines[1].text.s, "TRƯỜNG TIỂU HỌC KIM ĐỒNG");
    assert_string_equal(L->lines[3].text.s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_string_equal(L->lines[4].text.s, "Độc lập - Tự do - Hạnh phúc");
    assert_int_equal(count_rows(L), 5);
    size_t first = 0;
    while (!(L->lines[first].flags & VB_LINE_ROW))
        first++;
    assert_string_equal(L->lines[first].text.s, header_row);
    assert_true(L->lines[first + 4].flags & VB_LINE_TABLE_END);
    assert_false(L->lines[first + 3].flags & VB_LINE_TABLE_END);
    for (size_t i = 0; i < L->nlines; i++) {
        const vb_line *ln = &L->lines[i];
        if (ln->flags & VB_LINE_ROW)
            assert_int_equal(tabs_in(ln->text.s), 6);
        assert_true(ln->text.nwords > 0);
        assert_true(ln->box.x0 >= 0 && ln->box.x1 <= L->pages[0].width);
        assert_true(ln->text.words[0].off + ln->text.words[0].len <= ln->text.len);
        assert_int_equal(ln->text.words[0].page, 1);
        assert_true(ln->text.words[0].conf < 0.0f); /* a text layer has no OCR confidence */
    }
    vb_layout_free(L);
}

/* The scan of the same page: OCR'd, same table shape, nearly the same text. */
static void scan_agrees_with_clean(void **state)
{
    (void)state;
    vb_status st;
    vb_error err;
    vb_layout *C = load("corpus/scan-plan-1/clean.pdf", &st, &err);
    assert_int_equal(st, VB_OK);
    vb_layout *S = load("corpus/scan-plan-1/scan.pdf", &st, &err);
    assert_int_equal(st, VB_OK);
    assert_int_equal(S->pages[0].path, VB_PAGE_OCR);
    assert_int_equal(S->ocr_pages, 1);
    assert_int_equal(count_rows(S), count_rows(C));
    size_t ic = 0, is = 0;
    for (size_t r = 0; r < count_rows(C); r++, ic++, is++) {
        while (!(C->lines[ic].flags & VB_LINE_ROW))
            ic++;
        while (!(S->lines[is].flags & VB_LINE_ROW))
            is++;
        assert_int_equal(tabs_in(S->lines[is].text.s), tabs_in(C->lines[ic].text.s));
        double sim = similarity(C->lines[ic].text.s, S->lines[is].text.s);
        if (sim < 0.9)
            printf("row %zu: %.3f\n  %s\n  %s\n", r, sim, C->lines[ic].text.s, S->lines[is].text.s);
        assert_true(sim >= 0.9);
    }
    char *tc = layout_text(C, 0, VB_LINE_ROW), *ts = layout_text(S, 0, VB_LINE_ROW);
    double sim = similarity(tc, ts);
    printf("text similarity clean/scan: %.3f\n", sim);
    assert_true(sim >= 0.93);
    assert_true(S->lines[0].conf > 0.5f && S->lines[0].text.words[0].conf > 0.0f);
    free(tc);
    free(ts);
    vb_layout_free(C);
    vb_layout_free(S);
}

/* A minimal one-page PDF whose page shows text (Helvetica) — xref computed. */
static char *tiny_pdf(const char *content, size_t *len)
{
    char *b = malloc(4096);
    size_t off[6];
    int n = 0;
    n += sprintf(b + n, "%%PDF-1.4\n");
    off[1] = (size_t)n;
    n += sprintf(b + n, "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n");
    off[2] = (size_t)n;
    n += sprintf(b + n, "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n");
    off[3] = (size_t)n;
    n += sprintf(b + n, "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 300]"
                        "/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>endobj\n");
    off[4] = (size_t)n;
    n += sprintf(b + n, "4 0 obj<</Length %zu>>stream\n%s\nendstream endobj\n", strlen(content),
                 content);
    off[5] = (size_t)n;
    n += sprintf(b + n, "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n");
    int x = n;
    n += sprintf(b + n, "xref\n0 6\n0000000000 65535 f \n");
    for (int i = 1; i < 6; i++)
        n += sprintf(b + n, "%010zu 00000 n \n", off[i]);
    n += sprintf(b + n, "trailer<</Size 6/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", x);
    *len = (size_t)n;
    return b;
}

static void garbage_layer_is_ocred(void **state)
{
    (void)state;
    size_t n;
    char *pdf = tiny_pdf("BT /F1 24 Tf 40 200 Td (Dc 1p - Ty do - Hph phtic) Tj 0 -40 Td "
                         "(Cxng hxa xg hxi chq nghxa Vixt Nqm) Tj ET", &n);
    vb_status st;
    vb_error err;
    vb_layout *L = ingest_bytes(engine, (unsigned char *)pdf, n, &st, &err);
    assert_int_equal(st, VB_OK);
    assert_int_equal(L->pages[0].path, VB_PAGE_OCR);
    assert_string_equal(L->pages[0].reason, "text layer is not Vietnamese");
    assert_true(L->pages[0].text_quality < 0.55f);
    assert_int_equal(L->ocr_pages, 1);
    vb_layout_free(L);
    free(pdf);
}

static void bad_pdfs_fail_cleanly(void **state)
{
    (void)state;
    vb_status st;
    vb_error err;
    vb_layout *L = load("corpus/scan-bad/encrypted.pdf", &st, &err);
    assert_int_equal(st, VB_ERR_ENCRYPTED);
    assert_null(L);
    assert_string_equal(err.msg, "encrypted PDF: needs a password");

    static const char zero[] = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                               "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                               "trailer<</Root 1 0 R>>\n%%EOF\n";
    L = ingest_bytes(engine, (const unsigned char *)zero, sizeof zero - 1, &st, &err);
    assert_int_equal(st, VB_ERR_EMPTY);
    assert_string_equal(err.msg, "PDF has no pages");

    size_t n = 0;
    unsigned char *d = fixture("corpus/scan-plan-1/clean.pdf", &n);
    size_t cuts[] = {9, 300, n / 3, n - 200};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        L = ingest_bytes(engine, d, cuts[i], &st, &err);
        if (st == VB_OK) { /* MuPDF repaired what was left: fine, nothing lost */
            assert_true(L->npages >= 1);
            vb_layout_free(L);
        } else {
            assert_int_equal(st, VB_ERR_FORMAT);
            assert_non_null(strstr(err.msg, "damaged PDF"));
        }
    }
    free(d);
}

static void limits_hold(void **state)
{
    (void)state;
    vb_options o;
    vb_options_init(&o);
    o.limits.max_pages = 0;
    vb_error err = {0};
    vb_engine *e = vb_engine_new(&o, &err);
    size_t n = 0;
    unsigned char *d = fixture("corpus/scan-plan-1/clean.pdf", &n);
    vb_layout *L = NULL;
    assert_int_equal(vb_ingest(e, d, n, &L, &err), VB_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "page limit"));
    free(d);
    vb_engine_free(e);
}

/* --timeout: OCR stops at the deadline and the file fails with a clear
 * message; a text layer on the same engine is not affected. */
static void timeout_stops_ocr(void **state)
{
    (void)state;
    vb_options o;
    vb_options_init(&o);
    o.limits.max_seconds = 0.05;
    vb_error err = {0};
    vb_engine *e = vb_engine_new(&o, &err);
    vb_status st;
    size_t n = 0;
    unsigned char *d = fixture("corpus/scan-plan-1/scan.pdf", &n);
    vb_layout *L = ingest_bytes(e, d, n, &st, &err);
    assert_int_equal(st, VB_ERR_INTERRUPTED);
    assert_null(L);
    assert_string_equal(err.msg, "timed out after 0.05 s");
    free(d);
    d = fixture("corpus/scan-plan-1/clean.pdf", &n);
    o.limits.max_seconds = 30;
    vb_engine_free(e);
    e = vb_engine_new(&o, &err);
    L = ingest_bytes(e, d, n, &st, &err);
    assert_int_equal(st, VB_OK);
    vb_layout_free(L);
    free(d);
    vb_engine_free(e);
}

static void syllable_scores(void **state)
{
    (void)state;
    const char good[] = "Kế hoạch cải tiến chất lượng giáo dục năm học 2020 – 2021 của trường";
    const char bad[] = "Dc 1p - Ty do - Hph phtic §éc lËp tù do h¹nh phóc";
    assert_true(vb_page_text_quality(good, strlen(good), 5) > 0.9);
    assert_true(vb_page_text_quality(bad, strlen(bad), 5) < 0.5);
    assert_true(vb_page_text_quality("ab", 2, 5) < 0);
}

/* Geometry only: three pages with a running header and page numbers, and a
 * ruled table that goes on over the page break with its header repeated. */
static void add_line(vb_gpage *p, int line, int y, const char *const *words, int x0)
{
    for (int i = 0; words[i]; i++, x0 += 300)
        vb_gpage_add_word(p, words[i], strlen(words[i]), (vb_box){x0, y, x0 + 150, y + 40},
                          -1.0f, line);
}

static void table_grid(vb_gpage *p, int y0, int rows)
{
    vb_grid g = {.nrows = rows, .ncols = 2};
    g.ys = malloc((size_t)(rows + 1) * sizeof *g.ys);
    g.xs = malloc(3 * sizeof *g.xs);
    g.owner = malloc((size_t)(rows * 2) * sizeof *g.owner);
    for (int r = 0; r <= rows; r++)
        g.ys[r] = y0 + 100 * r;
    g.xs[0] = 100, g.xs[1] = 600, g.xs[2] = 1100;
    for (int i = 0; i < rows * 2; i++)
        g.owner[i] = i;
    if (rows > 2)
        g.owner[5] = 3; /* row 2 col 1 continues the cell above it */
    g.box = (vb_box){100, y0, 1100, y0 + 100 * rows};
    p->grids = realloc(p->grids, (p->ngrids + 1) * sizeof *p->grids);
    p->grids[p->ngrids++] = g;
}

static void running_headers_and_continued_tables(void **state)
{
    (void)state;
    vb_gpage pages[3];
    memset(pages, 0, sizeof pages);
    static const char *const head[] = {"Trường", "THCS", "Nguyễn", "Du", NULL};
    static const char *const th[] = {"Tiêu", "chí", NULL};
    for (int i = 0; i < 3; i++) {
        vb_gpage *p = &pages[i];
        p->info = (vb_page){.number = i + 1, .width = 2480, .height = 3508, .dpi = 300};
        add_line(p, 1, 60, head, 300);
        char num[24];
        snprintf(num, sizeof num, "- %d -", i + 1);
        vb_gpage_add_word(p, num, strlen(num), (vb_box){1200, 3400, 1300, 3440}, -1, 2);
        static const char *const body[] = {"Nội", "dung", "trang", NULL};
        add_line(p, 3, 400, body, 100);
    }
    /* page 2 ends with a 3-row table; page 3 continues it after a repeated header */
    add_line(&pages[1], 4, 3020, th, 320);
    table_grid(&pages[1], 3000, 3);
    vb_gpage_add_word(&pages[1], "1.1", 3, (vb_box){120, 3120, 200, 3160}, -1, 5);
    vb_gpage_add_word(&pages[1], "Mức", strlen("Mức"), (vb_box){620, 3120, 700, 3160}, -1, 5);
    vb_gpage_add_word(&pages[1], "một", strlen("một"), (vb_box){620, 3230, 700, 3260}, -1, 6);
    for (int i = 0; i < 3; i++) /* body line of page 3 goes below its table */
        if (pages[2].words[i + 5].line == 3)
            pages[2].words[i + 5].box.y0 = 900, pages[2].words[i + 5].box.y1 = 940;
    add_line(&pages[2], 7, 220, th, 320);
    table_grid(&pages[2], 200, 2);
    vb_gpage_add_word(&pages[2], "1.2", 3, (vb_box){120, 320, 200, 360}, -1, 8);
    for (int i = 0; i < 3; i++)
        assert_int_equal(vb_geometry_page(&pages[i], NULL), VB_OK);
    vb_layout *L = vb_layout_new();
    assert_int_equal(vb_geometry_document(pages, 3, L, NULL), VB_OK);
    char *all = layout_text(L, 0, 0);
    printf("%s", all);
    assert_null(strstr(all, "Nguyễn Du")); /* running header dropped */
    assert_null(strstr(all, "- 2 -"));      /* page numbers dropped */
    assert_int_equal(count_rows(L), 3);     /* header, 1.1 (spanning), 1.2 */
    size_t ends = 0;
    for (size_t i = 0; i < L->nlines; i++)
        ends += (L->lines[i].flags & VB_LINE_TABLE_END) != 0;
    assert_int_equal(ends, 1);
    assert_non_null(strstr(all, "Tiêu\tchí\n1.1\tMức một\n1.2\t\n"));
    assert_int_equal(L->npages, 3);
    free(all);
    vb_layout_free(L);
    for (int i = 0; i < 3; i++)
        vb_gpage_clear(&pages[i]);
}

/* Geometry only: words aligned in three columns over three rows, no rules:
 * an unruled table, read row by row. */
static void unruled_table_by_alignment(void **state)
{
    (void)state;
    vb_gpage p;
    memset(&p, 0, sizeof p);
    p.info = (vb_page){.number = 1, .width = 2480, .height = 3508, .dpi = 300};
    static const char *const cells[3][3] = {
        {"TT", "Nội dung", "Kinh phí"}, {"1", "Sửa sân", "5 triệu"}, {"2", "Mua sách", "Không"}};
    static const int xs[3] = {200, 600, 1600};
    int line = 0;
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) {
            line++;
            char buf[32];
            snprintf(buf, sizeof buf, "%s", cells[r][c]);
            int x = xs[c];
            for (char *w = strtok(buf, " "); w; w = strtok(NULL, " "), x += 160)
                vb_gpage_add_word(&p, w, strlen(w), (vb_box){x, 1000 + 80 * r, x + 140, 1050 + 80 * r},
                                  0.9f, line);
        }
    vb_gpage_add_word(&p, "Kết", strlen("Kết"), (vb_box){200, 1400, 300, 1450}, 0.9f, 99);
    assert_int_equal(vb_geometry_page(&p, NULL), VB_OK);
    vb_layout *o = p.out;
    assert_int_equal(o->nlines, 4);
    assert_string_equal(o->lines[0].text.s, "TT\tNội dung\tKinh phí");
    assert_string_equal(o->lines[2].text.s, "2\tMua sách\tKhông");
    assert_true(o->lines[1].flags & VB_LINE_ROW);
    assert_true(o->lines[2].flags & VB_LINE_TABLE_END);
    assert_false(o->lines[3].flags & VB_LINE_ROW);
    assert_int_equal(o->lines[1].text.words[2].off, strlen("1\tSửa "));
    assert_int_equal(o->lines[1].text.words[2].len, strlen("sân"));
    assert_int_equal(o->lines[1].text.words[2].box.x0, 600 + 160); /* "sân", second in its cell */
    assert_int_equal(o->lines[1].text.words[2].box.y0, 1080);
    vb_gpage_clear(&p);
}

/* Words of text from x on one source line, 24 px per character, a 12-px
 * space, 50 px high at y. Returns the x after the last word. */
static int put_text(vb_gpage *p, int line, int x, int y, const char *text)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *w = strtok(buf, " "); w; w = strtok(NULL, " ")) {
        int wx = 24 * (int)strlen(w);
        vb_gpage_add_word(p, w, strlen(w), (vb_box){x, y, x + wx, y + 50}, 0.9f, line);
        x += wx + 12;
    }
    return x;
}

static vb_gpage *unruled_page(vb_gpage *p, int number)
{
    memset(p, 0, sizeof *p);
    p->info = (vb_page){.number = number, .width = 2480, .height = 3508, .dpi = 300};
    return p;
}

/* Geometry only: unruled tables as born-digital PDFs and OCR give them —
 * a wrapped cell (its lines are one row), a column empty in the first rows,
 * columns so close that a source line runs across them (gutters of 0.9 line
 * heights that line up down the table), and a table going on over the page
 * break with its header repeated. */
static void unruled_tables_hard_cases(void **state)
{
    (void)state;
    vb_gpage pg[2];
    int line = 0;
    /* page 1: header row; row 1 wraps its middle cell over three lines and
     * has no budget; row 2 is one source line across all columns */
    unruled_page(&pg[0], 1);
    put_text(&pg[0], ++line, 200, 300, "Mở đầu của kế hoạch");
    put_text(&pg[0], ++line, 200, 1000, "TT");
    put_text(&pg[0], ++line, 500, 1000, "Nội dung");
    put_text(&pg[0], ++line, 1500, 1000, "Kinh phí");
    put_text(&pg[0], ++line, 200, 1090, "1");
    put_text(&pg[0], ++line, 500, 1090, "Sửa chữa sân");
    put_text(&pg[0], ++line, 500, 1150, "chơi và trồng");
    put_text(&pg[0], ++line, 500, 1210, "cây xanh");
    put_text(&pg[0], ++line, 200, 1300, "2");
    put_text(&pg[0], line, 500, 1300, "Mua sách");
    put_text(&pg[0], line, 1500, 1300, "5 triệu");
    /* page 2: the header again, then a row whose cells sit 45 px apart
     * (0.9 heights) on one source line, three times */
    unruled_page(&pg[1], 2);
    put_text(&pg[1], ++line, 200, 200, "TT");
    put_text(&pg[1], ++line, 500, 200, "Nội dung");
    put_text(&pg[1], ++line, 1500, 200, "Kinh phí");
    static const char *const rows[3][3] = {{"3", "Lắp mạng", "Không"},
                                           {"4", "Sơn lại tường lớp học cũ", "12 triệu"},
                                           {"5", "Mua bàn", "/"}};
    for (int r = 0; r < 3; r++) {
        ++line;
        put_text(&pg[1], line, 200, 300 + 100 * r, rows[r][0]);
        int end = put_text(&pg[1], line, 500, 300 + 100 * r, rows[r][1]) - 12;
        /* in row 4 the budget stands 45 px after the longest cell */
        put_text(&pg[1], line, r == 1 ? end + 45 : 1500, 300 + 100 * r, rows[r][2]);
    }
    put_text(&pg[1], ++line, 200, 800, "Kết thúc bảng ở đây và văn bản tiếp tục");
    for (int i = 0; i < 2; i++)
        assert_int_equal(vb_geometry_page(&pg[i], NULL), VB_OK);
    vb_layout *L = vb_layout_new();
    assert_int_equal(vb_geometry_document(pg, 2, L, NULL), VB_OK);
    char *all = layout_text(L, 0, 0);
    printf("%s", all);
    assert_non_null(strstr(all, "Mở đầu của kế hoạch\n"
                                "TT\tNội dung\tKinh phí\n"
                                "1\tSửa chữa sân chơi và trồng cây xanh\t\n"
                                "2\tMua sách\t5 triệu\n"
                                "3\tLắp mạng\tKhông\n"));
    assert_int_equal(count_rows(L), 6);
    size_t ends = 0;
    for (size_t i = 0; i < L->nlines; i++)
        ends += (L->lines[i].flags & VB_LINE_TABLE_END) != 0;
    assert_int_equal(ends, 1);
    free(all);
    vb_layout_free(L);
    for (int i = 0; i < 2; i++)
        vb_gpage_clear(&pg[i]);
}

/* Code points in the UTF-8 word w. */
static int chars_in(const char *w)
{
    int n = 0;
    for (; *w; w++)
        n += ((unsigned char)*w & 0xC0) != 0x80;
    return n;
}

/* text on a monospaced grid of 30-px cells from column 0 (x = 200), as OCR
 * boxes it: the ink 2 px inside each word's cells, 40 px high — word gaps
 * of 34 px (0.85 heights) at character positions, so gaps of different
 * lines line up all down the page. */
static void put_mono(vb_gpage *p, int line, int y, const char *text)
{
    int col = 0;
    for (const char *s = text; *s;) {
        if (*s == ' ') {
            s++, col++;
            continue;
        }
        size_t len = strcspn(s, " ");
        char w[64];
        snprintf(w, sizeof w, "%.*s", (int)len, s);
        int n = chars_in(w);
        vb_gpage_add_word(p, w, len, (vb_box){200 + 30 * col + 2, y, 200 + 30 * (col + n) - 2, y + 40},
                          0.9f, line);
        col += n;
        s += len;
    }
}

/* text justified between x = 200 and 2200: 18 px per character, the rest
 * shared out between the word spaces (about 30 px, 0.75 heights); a last
 * line (last != 0) keeps 14-px spaces. */
static void put_justified(vb_gpage *p, int line, int y, const char *text, int last)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    int nw = 0, ink = 0;
    for (const char *s = text; *s;) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        const char *e = strchr(s, ' ');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        char w[64];
        snprintf(w, sizeof w, "%.*s", (int)len, s);
        ink += 18 * chars_in(w);
        nw++;
        s += len;
    }
    double space = last || nw < 2 ? 14 : (2000.0 - ink) / (nw - 1), x = 200;
    for (char *w = strtok(buf, " "); w; w = strtok(NULL, " ")) {
        int wx = 18 * chars_in(w);
        vb_gpage_add_word(p, w, strlen(w), (vb_box){(int)x, y, (int)x + wx, y + 40}, 0.9f, line);
        x += wx + space;
    }
}

/* Geometry only: running text is never a table. A typed page (monospaced:
 * every word space lines up with spaces above and below) and a justified
 * paragraph (wide, even spaces) come out one line per source line, in
 * order; so do three lines whose gaps, wider than their word spaces, line
 * up while the lines between them run across. */
static void running_text_is_not_a_table(void **state)
{
    (void)state;
    static const char *const mono[] = {
        "1. Nhà trường tổ chức cho học sinh tham gia các hoạt động",
        "trải nghiệm theo chủ đề của từng tháng và báo cáo kết quả",
        "về tổ chuyên môn trước ngày 25 hằng tháng để tổng hợp.",
        "2. Giáo viên chủ nhiệm phối hợp với cha mẹ học sinh theo",
        "dõi việc học tập ở nhà, ghi nhận sự tiến bộ của các em và",
        "kịp thời trao đổi những khó khăn trong học kỳ I và II.",
    };
    static const char *const just[] = {
        "Kế hoạch được phổ biến đến toàn thể cán bộ, giáo viên, nhân viên",
        "của nhà trường ngay từ đầu năm học; các tổ chuyên môn căn cứ vào",
        "đó xây dựng kế hoạch của tổ, phân công người phụ trách từng việc",
        "và báo cáo tiến độ thực hiện vào cuối mỗi học kỳ.",
    };
    static const char *const wide[] = {
        "Điều 5.   Phạm vi áp dụng của kế hoạch", "Các trường mầm non, tiểu học, trung học cơ sở",
        "Điều 6.   Đối tượng được hỗ trợ thêm", "và các trung tâm giáo dục thường xuyên trên địa bàn",
        "Điều 7.   Hiệu lực của văn bản này",
    };
    vb_gpage p;
    unruled_page(&p, 1);
    int line = 0, y = 300;
    for (size_t i = 0; i < sizeof mono / sizeof *mono; i++, y += 60)
        put_mono(&p, ++line, y, mono[i]);
    y += 60;
    for (size_t i = 0; i < sizeof just / sizeof *just; i++, y += 60)
        put_justified(&p, ++line, y, just[i], i + 1 == sizeof just / sizeof *just);
    y += 60;
    for (size_t i = 0; i < sizeof wide / sizeof *wide; i++, y += 60)
        put_mono(&p, ++line, y, wide[i]);
    assert_int_equal(vb_geometry_page(&p, NULL), VB_OK);
    const vb_layout *o = p.out;
    size_t k = 0;
    const char *const *parts[3] = {mono, just, wide};
    size_t counts[3] = {sizeof mono / sizeof *mono, sizeof just / sizeof *just,
                        sizeof wide / sizeof *wide};
    for (int part = 0; part < 3; part++)
        for (size_t i = 0; i < counts[part]; i++, k++) {
            assert_true(k < o->nlines);
            char want[512], *d = want; /* the source line, spaces collapsed */
            for (const char *s = parts[part][i]; *s; s++)
                if (*s != ' ' || (d > want && d[-1] != ' '))
                    *d++ = *s;
            *d = 0;
            assert_string_equal(o->lines[k].text.s, want);
            assert_false(o->lines[k].flags & VB_LINE_ROW);
        }
    assert_int_equal(o->nlines, k);
    vb_gpage_clear(&p);
}

/* Geometry only: lines set so close that their boxes overlap (tall marks
 * on capitals, a residual skew) are read top to bottom, even when a lower
 * line starts further left. */
static void close_lines_top_to_bottom(void **state)
{
    (void)state;
    static const char *const lines[] = {"SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH",
                                        "NĂM 2017 CỦA CHÍNH PHỦ VỀ ĐIỀU KIỆN KINH DOANH",
                                        "ĐỔI, BỔ SUNG BỞI NGHỊ ĐỊNH SỐ 147/2018/NĐ-CP"};
    vb_gpage p;
    unruled_page(&p, 1);
    for (int i = 0; i < 3; i++) /* 50 px high, 36 px apart, each 2 px further left */
        put_text(&p, i + 1, 204 - 2 * i, 500 + 36 * i, lines[i]);
    assert_int_equal(vb_geometry_page(&p, NULL), VB_OK);
    assert_int_equal(p.out->nlines, 3);
    for (int i = 0; i < 3; i++)
        assert_string_equal(p.out->lines[i].text.s, lines[i]);
    vb_gpage_clear(&p);
}

/* A LibreOffice PDF of a plan whose table has no borders
 * (corpus/scan-unruled-1: make_plan.py 41 12 OUT --vary --unruled):
 * vertically centred cells whose text-layer lines run across the TT and
 * criterion columns 30 px apart, a header cell taller than the others, and
 * the table going on over two page breaks. */
static void unruled_text_layer_table(void **state)
{
    (void)state;
    vb_status st;
    vb_error err;
    vb_layout *L = load("corpus/scan-unruled-1/clean.pdf", &st, &err);
    assert_int_equal(st, VB_OK);
    assert_int_equal(L->ocr_pages, 0);
    assert_int_equal(count_rows(L), 13);
    size_t first = 0, ends = 0;
    while (!(L->lines[first].flags & VB_LINE_ROW))
        first++;
    assert_string_equal(L->lines[first].text.s, "TT\tTiêu chí\tYêu cầu cần đạt\tGiải pháp\t"
                                                "Chủ trì, phối hợp\tThời gian hoàn thành\tKinh phí");
    for (size_t r = 1; r <= 12; r++) {
        const vb_line *ln = &L->lines[first + r];
        char lead[16];
        snprintf(lead, sizeof lead, "%zu\tTC ", r);
        assert_true(ln->flags & VB_LINE_ROW);
        assert_int_equal(tabs_in(ln->text.s), 6);
        assert_memory_equal(ln->text.s, lead, strlen(lead));
    }
    for (size_t i = 0; i < L->nlines; i++)
        ends += (L->lines[i].flags & VB_LINE_TABLE_END) != 0;
    assert_int_equal(ends, 1);
    assert_true(L->lines[first + 12].flags & VB_LINE_TABLE_END);
    vb_layout_free(L);
}

static int setup(void **state)
{
    (void)state;
    vb_options o;
    vb_options_init(&o);
    vb_error err = {0};
    engine = vb_engine_new(&o, &err);
    return engine ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    vb_engine_free(engine);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(born_digital_uses_text_layer),
        cmocka_unit_test(scan_agrees_with_clean),
        cmocka_unit_test(garbage_layer_is_ocred),
        cmocka_unit_test(bad_pdfs_fail_cleanly),
        cmocka_unit_test(limits_hold),
        cmocka_unit_test(timeout_stops_ocr),
        cmocka_unit_test(syllable_scores),
        cmocka_unit_test(running_headers_and_continued_tables),
        cmocka_unit_test(unruled_table_by_alignment),
        cmocka_unit_test(unruled_tables_hard_cases),
        cmocka_unit_test(unruled_text_layer_table),
        cmocka_unit_test(running_text_is_not_a_table),
        cmocka_unit_test(close_lines_top_to_bottom),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
