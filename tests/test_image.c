/* test_image.c — page images: a sideways scan is turned upright by OSD; a
 * multi-page TIFF comes back in page order, the same with 1 and 2 workers;
 * a low-resolution blurred photo is upscaled before OCR; an image whose
 * header claims 50,000 × 50,000 pixels and corrupt JPEGs fail cleanly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tests/pdf_util.h"

#include <leptonica/allheaders.h>
#include <stdio.h>

static vb_engine *engine;

static unsigned char *rot_jpeg(size_t *n)
{
    unsigned char *d = fixture("corpus/scan-plan-1/header-rot.jpg", n);
    assert_non_null(d);
    return d;
}

static void sideways_scan_is_turned(void **state)
{
    (void)state;
    size_t n;
    unsigned char *d = rot_jpeg(&n);
    vb_status st;
    vb_error err;
    vb_layout *L = ingest_bytes(engine, d, n, &st, &err);
    assert_int_equal(st, VB_OK);
    assert_int_equal(L->format, VB_FMT_JPEG);
    assert_int_equal(L->pages[0].path, VB_PAGE_OCR);
    assert_non_null(strstr(L->pages[0].reason, "turned"));
    assert_true(L->pages[0].width > L->pages[0].height);
    char *t = layout_text(L, 0, 0);
    assert_non_null(strstr(t, "UBND QUẬN GÒ VẤP\nTRƯỜNG TIỂU HỌC KIM ĐỒNG\n"));
    assert_non_null(strstr(t, "CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC"));
    free(t);
    vb_layout_free(L);
    free(d);
}

/* Upright header strip split into three TIFF pages (top, middle, bottom). */
static unsigned char *three_page_tiff(size_t *n)
{
    size_t jn;
    unsigned char *j = rot_jpeg(&jn);
    PIX *p = pixReadMem(j, jn), *u = pixRotateOrth(p, 3);
    free(j);
    int w = pixGetWidth(u), h = pixGetHeight(u);
    PIXA *pa = pixaCreate(3);
    for (int i = 0; i < 3; i++) {
        BOX *b = boxCreate(0, i * h / 3, w, h / 3);
        PIX *c = pixClipRectangle(u, b, NULL);
        pixSetResolution(c, 300, 300);
        pixaAddPix(pa, c, L_INSERT);
        boxDestroy(&b);
    }
    l_uint8 *out = NULL;
    assert_int_equal(pixaWriteMemMultipageTiff(&out, n, pa), 0);
    pixaDestroy(&pa);
    pixDestroy(&p);
    pixDestroy(&u);
    return out;
}

static void tiff_pages_in_order_any_jobs(void **state)
{
    (void)state;
    size_t n;
    unsigned char *d = three_page_tiff(&n);
    char *text[2];
    for (int jobs = 1; jobs <= 2; jobs++) {
        vb_options o;
        vb_options_init(&o);
        o.jobs = jobs;
        vb_error err = {0};
        vb_engine *e = vb_engine_new(&o, &err);
        vb_status st;
        vb_layout *L = ingest_bytes(e, d, n, &st, &err);
        assert_int_equal(st, VB_OK);
        assert_int_equal(L->format, VB_FMT_TIFF);
        assert_int_equal(L->npages, 3);
        assert_int_equal(L->ocr_pages, 3);
        for (size_t i = 1; i < L->nlines; i++)
            assert_true(L->lines[i].page >= L->lines[i - 1].page);
        assert_int_equal(L->lines[0].page, 1);
        assert_int_equal(L->lines[L->nlines - 1].page, 3);
        text[jobs - 1] = layout_text(L, 0, 0);
        vb_layout_free(L);
        vb_engine_free(e);
    }
    assert_string_equal(text[0], text[1]);
    assert_non_null(strstr(text[0], "UBND"));
    free(text[0]);
    free(text[1]);
    free(d);
}

/* ~100 dpi and blurred, like a phone photo: upscaled, still read. */
static void low_resolution_photo(void **state)
{
    (void)state;
    size_t jn;
    unsigned char *j = rot_jpeg(&jn);
    PIX *p = pixReadMem(j, jn), *u = pixRotateOrth(p, 3);
    PIX *s = pixScale(u, 0.33f, 0.33f), *b = pixBlockconv(s, 1, 1);
    free(j);
    pixSetResolution(b, 100, 100);
    l_uint8 *png = NULL;
    size_t n = 0;
    assert_int_equal(pixWriteMemPng(&png, &n, b, 0.0f), 0);
    vb_status st;
    vb_error err;
    vb_layout *L = ingest_bytes(engine, png, n, &st, &err);
    assert_int_equal(st, VB_OK);
    assert_true(L->pages[0].width > 3 * pixGetWidth(b) / 2); /* upscaled */
    char *t = layout_text(L, 0, 0);
    assert_non_null(strstr(t, "KẾ HOẠCH"));
    assert_non_null(strstr(t, "Độc lập - Tự do - Hạnh phúc"));
    free(t);
    vb_layout_free(L);
    free(png);
    pixDestroy(&p), pixDestroy(&u), pixDestroy(&s), pixDestroy(&b);
}

/* A PNG whose IHDR says 50,000 × 50,000: refused before decoding. */
static void huge_header_is_refused(void **state)
{
    (void)state;
    static const unsigned char png[] = {
        0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
        0, 0, 0xC3, 0x50, 0, 0, 0xC3, 0x50, 8, 0, 0, 0, 0, 0x2d, 0x3b, 0x8e, 0xdd,
        0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
    vb_status st;
    vb_error err;
    vb_layout *L = ingest_bytes(engine, png, sizeof png, &st, &err);
    assert_null(L);
    assert_int_equal(st, VB_ERR_LIMIT);
    assert_string_equal(err.msg,
                        "image too large: 50000×50000 pixels exceeds the 20000-pixel limit");
}

static void corrupt_jpegs_fail(void **state)
{
    (void)state;
    size_t n;
    unsigned char *d = rot_jpeg(&n);
    vb_status st;
    vb_error err;
    size_t cuts[] = {4, 600, n / 2};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        vb_layout *L = ingest_bytes(engine, d, cuts[i], &st, &err);
        assert_null(L);
        assert_int_equal(st, VB_ERR_FORMAT);
        assert_non_null(strstr(err.msg, "corrupt image"));
    }
    for (size_t i = 700; i < n; i += 97) /* scribbled over */
        d[i] = (unsigned char)(d[i] * 31 + 7);
    vb_layout *L = ingest_bytes(engine, d, n, &st, &err);
    assert_null(L);
    assert_int_equal(st, VB_ERR_FORMAT);
    free(d);
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
        cmocka_unit_test(huge_header_is_refused),
        cmocka_unit_test(corrupt_jpegs_fail),
        cmocka_unit_test(sideways_scan_is_turned),
        cmocka_unit_test(low_resolution_photo),
        cmocka_unit_test(tiff_pages_in_order_any_jobs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
