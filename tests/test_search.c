/* test_search.c — search/: Vietnamese folding, and query cases with their
 * expected hits over the plan XML transcribed from the seeds
 * (tests/search/plans): with and without diacritics, fielded filters,
 * budget aggregates, typo fallback, re-indexing and bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search/search.h"

#define PLANS "tests/search/plans"
static char dbpath[256];
static vb_index *ix;

static void fold_is(const char *in, const char *want)
{
    char *out = NULL;
    assert_int_equal(vb_fold(in, &out, NULL), VB_OK);
    assert_string_equal(out, want);
    free(out);
}

static void fold_vietnamese(void **state)
{
    (void)state;
    fold_is("Kế hoạch", "ke hoach");
    fold_is("đường đi", "duong di");
    fold_is("Đà Nẵng", "da nang");
    fold_is("ĐỒNG THỊ ĐIỂM", "dong thi diem");
    fold_is("Ộ ế ỗ ự ằ", "o e o u a");               /* stacked marks */
    fold_is("ke\xcc\x82\xcc\x81 hoa\xcc\xa3" "ch", "ke hoach"); /* NFD input */
    fold_is("giáo dục 19/2018/TT-BGDĐT", "giao duc 19/2018/tt-bgddt");
    fold_is("", "");
    char *out = NULL;
    assert_int_equal(vb_fold("\xff\xfe", &out, NULL), VB_ERR_ENCODING);
    assert_null(out);
    assert_true(vb_fold_has_marks("Đà"));
    assert_true(vb_fold_has_marks("đ"));
    assert_false(vb_fold_has_marks("Da Nang"));
}

static int setup(void **state)
{
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/vb-test-search-%ld.db", (long)getpid());
    unlink(dbpath);
    vb_error err = {0};
    vb_index *w = vb_index_open(dbpath, VB_INDEX_WRITE, &err);
    if (!w || vb_index_begin(w, &err) != VB_OK)
        return -1;
    vb_index_stats st = {0};
    static const char *const files[] = {
        PLANS "/000-go-vap-mam-non.xml", PLANS "/001-giong-rieng-thpt.xml",
        PLANS "/003-nguyen-trung-truc-thcs.xml", PLANS "/004-nguyen-thanh-tuyen-tieu-hoc.xml",
        PLANS "/005-variant-hoa-sen-da-nang.xml"};
    for (size_t i = 0; i < 5; i++)
        if (vb_index_add_file(w, files[i], &st, &err) != VB_OK)
            return -1;
    if (st.added != 5 || vb_index_commit(w, &err) != VB_OK)
        return -1;
    vb_index_free(w);
    ix = vb_index_open(dbpath, VB_INDEX_READ, &err);
    return ix ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    vb_index_free(ix);
    char p[300];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
    return 0;
}

/* Runs q; returns the hits (caller frees). */
static vb_hits *run(vb_query *q)
{
    vb_hits *h = NULL;
    vb_error err = {0};
    assert_int_equal(vb_search(ix, q, &h, &err), VB_OK);
    assert_non_null(h);
    return h;
}

static vb_hits *words(const char *text)
{
    vb_query q;
    vb_query_init(&q);
    q.text = text;
    q.limit = 50;
    return run(&q);
}

/* Number of hits whose path contains needle. */
static size_t hits_in(const vb_hits *h, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < h->n; i++)
        n += strstr(h->v[i].path, needle) != NULL;
    return n;
}

static void no_diacritics_finds_all_forms(void **state)
{
    (void)state;
    vb_hits *h = words("ke hoach");
    assert_true(h->total >= 20);
    assert_false(h->corrected);
    static const char *const plans[] = {"000-", "001-", "003-", "004-", "005-"};
    vb_query q;
    vb_query_init(&q);
    q.text = "ke hoach";
    q.limit = 200;
    vb_hits *all = run(&q);
    for (size_t i = 0; i < 5; i++)
        assert_true(hits_in(all, plans[i]) > 0);
    assert_non_null(strstr(h->v[0].snippet, "[")); /* highlighted */
    vb_hits_free(all);
    vb_hits_free(h);
}

static void da_nang_finds_dja_nang(void **state)
{
    (void)state;
    vb_hits *h = words("da nang");
    assert_true(h->n >= 1);
    assert_non_null(strstr(h->v[0].path, "005-"));
    assert_non_null(strstr(h->v[0].snippet, "[Đà]"));
    vb_hits_free(h);
}

static void diacritics_rank_exact_first(void **state)
{
    (void)state;
    /* "Đà Nẵng" exactly is only in 005; 004 has "đã … nâng" (same folded words) */
    vb_hits *h = words("Đà Nẵng");
    assert_true(h->n >= 3);
    assert_non_null(strstr(h->v[0].path, "005-"));
    assert_non_null(strstr(h->v[1].path, "005-"));
    assert_true(hits_in(h, "004-") >= 1); /* the folded-only match still comes */
    vb_hits_free(h);
    /* the same query typed in NFD matches the same way */
    vb_hits *d = words("\xc4\x90" "a\xcc\x80 Na\xcc\x86\xcc\x83ng");
    assert_non_null(strstr(d->v[0].path, "005-"));
    vb_hits_free(d);
}

static void internet_in_2020(void **state)
{
    (void)state;
    vb_query q;
    vb_query_init(&q);
    q.text = "internet";
    q.year = 2020;
    vb_hits *h = run(&q);
    assert_int_equal(h->total, 1);
    assert_non_null(strstr(h->v[0].path, "000-"));
    assert_string_equal(h->v[0].field, "target");
    assert_string_equal(h->v[0].criterion, "3.5");
    assert_int_equal(h->v[0].amount, 5000000);
    assert_int_equal(h->v[0].year_from, 2020);
    assert_string_equal(h->v[0].school, ""); /* 000 prints no issuer */
    vb_hits_free(h);
    vb_hits *all = words("internet");
    assert_int_equal(hits_in(all, "000-") + hits_in(all, "005-"), all->n);
    assert_true(hits_in(all, "005-") >= 1);
    vb_hits_free(all);
}

static void phrase_and_citation(void **state)
{
    (void)state;
    vb_hits *h = words("\"19/2018\"");
    assert_int_equal(hits_in(h, "000-") + hits_in(h, "005-"), h->n);
    assert_true(hits_in(h, "000-") >= 1 && hits_in(h, "005-") >= 1);
    vb_hits_free(h);
    vb_hits *t = words("thong tu 18/2018");
    assert_true(hits_in(t, "001-") >= 1 && hits_in(t, "003-") >= 1);
    assert_int_equal(hits_in(t, "000-"), 0);
    vb_hits_free(t);
}

static void field_of_a_criterion(void **state)
{
    (void)state;
    vb_hits *h = words("thuong binh");
    assert_int_equal(h->n, 1);
    assert_non_null(strstr(h->v[0].path, "001-"));
    assert_string_equal(h->v[0].field, "tasks");
    assert_string_equal(h->v[0].criterion, "4.2");
    assert_string_equal(h->v[0].section, "content");
    assert_int_equal(h->v[0].amount, 5000000);
    vb_hits_free(h);
}

static void criterion_filter(void **state)
{
    (void)state;
    vb_query q;
    vb_query_init(&q);
    q.criterion = "3.3";
    vb_hits *h = run(&q);
    assert_int_equal(h->n, 2);
    assert_int_equal(hits_in(h, "001-"), 1);
    assert_int_equal(hits_in(h, "005-"), 1);
    for (size_t i = 0; i < h->n; i++)
        assert_int_equal(h->v[i].amount, strstr(h->v[i].path, "001-") ? 200000000 : 15000000);
    vb_hits_free(h);
    /* a row holding two criteria ("1.2 1.3") answers for each */
    q.criterion = "1.3";
    h = run(&q);
    assert_int_equal(h->n, 1);
    assert_string_equal(h->v[0].criterion, "1.2 1.3");
    vb_hits_free(h);
}

static void signer_and_role(void **state)
{
    (void)state;
    vb_query q;
    vb_query_init(&q);
    q.signer = "nguyen thi hoang mai";
    vb_hits *h = run(&q);
    assert_int_equal(h->n, 1);
    assert_non_null(strstr(h->v[0].path, "000-"));
    assert_string_equal(h->v[0].field, "signature");
    vb_hits_free(h);
    vb_query_init(&q);
    q.role = "pho hieu truong";
    h = run(&q);
    assert_int_equal(h->n, 1);
    assert_non_null(strstr(h->v[0].path, "005-"));
    vb_hits_free(h);
    vb_query_init(&q); /* words + signer */
    q.text = "wifi";
    q.signer = "Lê Văn Đức";
    h = run(&q);
    assert_int_equal(h->n, 1);
    vb_hits_free(h);
}

static void school_and_section(void **state)
{
    (void)state;
    vb_query q;
    vb_query_init(&q);
    q.text = "boi duong";
    q.school = "nguyen trung truc";
    q.limit = 50;
    vb_hits *h = run(&q);
    assert_true(h->n >= 3);
    assert_int_equal(hits_in(h, "003-"), h->n);
    vb_hits_free(h);
    vb_query_init(&q);
    q.text = "thong tu";
    q.section = "basis";
    q.limit = 50;
    h = run(&q);
    assert_true(h->n >= 4);
    for (size_t i = 0; i < h->n; i++)
        assert_string_equal(h->v[i].section, "basis");
    vb_hits_free(h);
}

static void budget_range(void **state)
{
    (void)state;
    vb_query q;
    vb_query_init(&q);
    q.budget_min = 100000000;
    q.limit = 50;
    vb_hits *h = run(&q);
    assert_int_equal(h->total, 6); /* 150, 100, 100, 200, 100, 100 (level 4) in 001 */
    assert_int_equal(h->v[0].amount, 200000000);
    vb_hits_free(h);
    q.budget_max = 150000000;
    h = run(&q);
    assert_int_equal(h->total, 5);
    vb_hits_free(h);
    vb_query_init(&q); /* words + budget: only rows whose amount passes */
    q.text = "ngan sach";
    q.budget_max = 60000000;
    h = run(&q);
    assert_true(h->n >= 2);
    for (size_t i = 0; i < h->n; i++)
        assert_true(h->v[i].amount >= 0 && h->v[i].amount <= 60000000);
    vb_hits_free(h);
}

static void sums(void **state)
{
    (void)state;
    vb_query q;
    vb_query_init(&q);
    vb_sums *s = NULL;
    assert_int_equal(vb_search_sum(ix, &q, VB_SUM_SCHOOL, &s, NULL), VB_OK);
    assert_int_equal(s->n, 3);
    assert_int_equal(s->total, 973000000);
    assert_string_equal(s->v[0].key, "TRƯỜNG THPT GIỒNG RIỀNG");
    assert_int_equal(s->v[0].total, 945000000);
    assert_int_equal(s->v[0].rows, 14);
    vb_sums_free(s);
    q.criterion = "3.3";
    assert_int_equal(vb_search_sum(ix, &q, VB_SUM_SCHOOL, &s, NULL), VB_OK);
    assert_int_equal(s->total, 215000000);
    vb_sums_free(s);
    vb_query_init(&q);
    assert_int_equal(vb_search_sum(ix, &q, VB_SUM_YEAR, &s, NULL), VB_OK);
    assert_string_equal(s->v[0].key, "2024-2025");
    vb_sums_free(s);
    assert_int_equal(vb_search_sum(ix, &q, VB_SUM_STANDARD, &s, NULL), VB_OK);
    assert_string_equal(s->v[0].key, "3"); /* 50+200+50+20 + 15+8 + 5 */
    assert_int_equal(s->v[0].total, 348000000);
    vb_sums_free(s);
    q.text = "xa hoi hoa"; /* rows whose own text says so */
    assert_int_equal(vb_search_sum(ix, &q, VB_SUM_CRITERION, &s, NULL), VB_OK);
    assert_int_equal(s->total, 50000000 + 30000000 + 20000000 + 15000000);
    vb_sums_free(s);
}

static void typo_one_edit(void **state)
{
    (void)state;
    vb_hits *h = words("internnet");
    assert_true(h->corrected);
    assert_string_equal(h->used_text, "internet");
    assert_int_equal(hits_in(h, "000-") + hits_in(h, "005-"), h->n);
    vb_hits_free(h);
    h = words("giong rieng nhaxe"); /* nothing one edit from "nhaxe"… */
    assert_int_equal(h->n, 0);
    vb_hits_free(h);
    h = words("giong riengg");
    assert_true(h->corrected && h->n >= 1);
    assert_non_null(strstr(h->v[0].path, "001-"));
    vb_hits_free(h);
    vb_query q;
    vb_query_init(&q);
    q.text = "internnet";
    q.no_typo = 1;
    h = run(&q);
    assert_int_equal(h->n, 0);
    vb_hits_free(h);
}

static void paging(void **state)
{
    (void)state;
    vb_query q;
    vb_query_init(&q);
    q.text = "giam sat";
    q.limit = 2;
    vb_hits *a = run(&q);
    q.offset = 2;
    vb_hits *b = run(&q);
    assert_int_equal(a->n, 2);
    assert_int_equal(b->n, 2);
    assert_true(strcmp(a->v[0].snippet, b->v[0].snippet) != 0 ||
                strcmp(a->v[0].path, b->v[0].path) != 0);
    assert_int_equal(a->total, b->total);
    vb_hits_free(a);
    vb_hits_free(b);
}

static void corrected_text_and_ocr_gaps(void **state)
{
    (void)state;
    vb_hits *h = words("của bộ trưởng"); /* "của" is a <corr> in 004 */
    assert_true(hits_in(h, "004-") >= 1);
    vb_hits_free(h);
    h = words("stem");
    assert_int_equal(h->n, 1);
    assert_non_null(strstr(h->v[0].path, "004-"));
    vb_hits_free(h);
}

static void reindex_replace_prune_and_bad_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/vb-test-search-XXXXXX", p[400], db[400];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/i.db", dir);
    snprintf(p, sizeof p, "cp " PLANS "/001-*.xml tests/search/bad/*.xml %s/", dir);
    assert_int_equal(system(p), 0);
    vb_error err = {0};
    vb_index_stats st = {0};
    vb_index *w = vb_index_open(db, VB_INDEX_WRITE, &err);
    assert_non_null(w);
    assert_int_equal(vb_index_begin(w, &err), VB_OK);
    snprintf(p, sizeof p, "%s/not-a-plan.xml", dir);
    assert_int_equal(vb_index_add_file(w, p, &st, &err), VB_ERR_XML);
    snprintf(p, sizeof p, "%s/truncated.xml", dir);
    assert_int_equal(vb_index_add_file(w, p, &st, &err), VB_ERR_XML);
    snprintf(p, sizeof p, "%s/001-giong-rieng-thpt.xml", dir);
    assert_int_equal(vb_index_add_file(w, p, &st, &err), VB_OK);
    assert_int_equal(vb_index_add_file(w, p, &st, &err), VB_OK);
    assert_int_equal(st.failed, 2);
    assert_int_equal(st.added, 1);
    assert_int_equal(st.unchanged, 1);
    /* a changed file replaces the stored plan */
    const char *changed = "<plan xmlns='urn:vanban:plan:1'><header><issuer>TRƯỜNG MỚI</issuer>"
                          "</header><schoolYear from='2030' to='2031'/></plan>";
    assert_int_equal(vb_index_add_bytes(w, p, changed, strlen(changed), &st, &err), VB_OK);
    assert_int_equal(st.replaced, 1);
    long n = 0;
    assert_int_equal(vb_index_count_plans(w, &n, &err), VB_OK);
    assert_int_equal(n, 1);
    unlink(p);
    assert_int_equal(vb_index_prune(w, &st, &err), VB_OK);
    assert_int_equal(st.pruned, 1);
    assert_int_equal(vb_index_commit(w, &err), VB_OK);
    assert_int_equal(vb_index_count_plans(w, &n, &err), VB_OK);
    assert_int_equal(n, 0);
    vb_index_free(w);
    snprintf(p, sizeof p, "rm -rf %s", dir);
    assert_int_equal(system(p), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fold_vietnamese),
        cmocka_unit_test(no_diacritics_finds_all_forms),
        cmocka_unit_test(da_nang_finds_dja_nang),
        cmocka_unit_test(diacritics_rank_exact_first),
        cmocka_unit_test(internet_in_2020),
        cmocka_unit_test(phrase_and_citation),
        cmocka_unit_test(field_of_a_criterion),
        cmocka_unit_test(criterion_filter),
        cmocka_unit_test(signer_and_role),
        cmocka_unit_test(school_and_section),
        cmocka_unit_test(budget_range),
        cmocka_unit_test(sums),
        cmocka_unit_test(typo_one_edit),
        cmocka_unit_test(paging),
        cmocka_unit_test(corrected_text_and_ocr_gaps),
        cmocka_unit_test(reindex_replace_prune_and_bad_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
