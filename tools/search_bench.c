/* search_bench.c — query latency of the search index: runs N mixed queries
 * (common and rare words, with and without diacritics, fielded filters,
 * typos, listings) in process against an index and prints p50/p95/max;
 * then times the budget aggregates. Usage: search_bench DB [N]. */
#include "search/search.h"
#include "tools/plan_pools.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const common_q[] = {"ke hoach", "giao duc", "chat luong", "nang cao",
                                       "hieu truong", "tieu chi", "bồi dưỡng", "kế hoạch",
                                       "giáo viên", "hoc sinh"};
static const char *const rare_q[] = {"internet",       "nha xe",          "thuong binh",
                                     "wifi",           "phong chay",      "thư viện",
                                     "\"19/2018\"",    "nao vet cong",    "cao hoc",
                                     "Đà Nẵng",        "stem",            "van thu",
                                     "an toan ve sinh", "ngoai ngu",      "tuyen sinh"};
static const char *const typo_q[] = {"internnet", "thuong binhh", "nha xee", "wiffi",
                                     "bôi duong", "thu vein"};
static const char *const section_q[] = {"purpose", "basis", "content", "organization"};
static const char *const crit_q[] = {"1.1", "2.2", "3.3", "3.5", "5.1", "4.2"};

typedef struct qspec {
    char text[128];
    char school[128];
    char signer[96];
    vb_query q;
} qspec;

static unsigned long long rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static void make_query(qspec *s, int i)
{
    memset(s, 0, sizeof *s);
    vb_query_init(&s->q);
    unsigned kind = (unsigned)i % 10;
    switch (kind) {
    case 0: case 1: snprintf(s->text, sizeof s->text, "%s", common_q[rnd(NELEM(common_q))]); break;
    case 2: case 3: snprintf(s->text, sizeof s->text, "%s", rare_q[rnd(NELEM(rare_q))]); break;
    case 4: /* words + year / section / criterion */
        snprintf(s->text, sizeof s->text, "%s", rare_q[rnd(NELEM(rare_q))]);
        s->q.year = 2018 + (int)rnd(8);
        if (rnd(2))
            s->q.section = section_q[rnd(NELEM(section_q))];
        break;
    case 5: /* a school, with or without words */
        snprintf(s->school, sizeof s->school, "%s %s", name_a[rnd(NELEM(name_a))],
                 name_b[rnd(NELEM(name_b))]);
        s->q.school = s->school;
        if (rnd(2))
            snprintf(s->text, sizeof s->text, "%s", common_q[rnd(NELEM(common_q))]);
        break;
    case 6: /* signer */
        snprintf(s->signer, sizeof s->signer, "%s %s %s", sur[rnd(NELEM(sur))],
                 mid[rnd(NELEM(mid))], given[rnd(NELEM(given))]);
        s->q.signer = s->signer;
        break;
    case 7: /* criterion listing + year, or budget range */
        s->q.criterion = crit_q[rnd(NELEM(crit_q))];
        if (rnd(2))
            s->q.year = 2018 + (int)rnd(8);
        else
            s->q.budget_min = 100000000;
        break;
    case 8: snprintf(s->text, sizeof s->text, "%s", typo_q[rnd(NELEM(typo_q))]); break;
    default: /* words + budget range */
        snprintf(s->text, sizeof s->text, "%s", rare_q[rnd(NELEM(rare_q))]);
        s->q.budget_min = 50000000;
        s->q.budget_max = 250000000;
    }
    s->q.text = s->text;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: search_bench DB [N]\n");
        return 2;
    }
    int n = argc > 2 ? atoi(argv[2]) : 1000;
    vb_error err = {0};
    vb_index *ix = vb_index_open(argv[1], VB_INDEX_READ, &err);
    if (!ix) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    double *ms = calloc((size_t)n, sizeof *ms), *cpu = calloc((size_t)n, sizeof *cpu);
    long found = 0, failed = 0;
    double kind_ms[10] = {0};
    for (int i = 0; i < n && ms; i++) {
        qspec s;
        make_query(&s, i);
        vb_hits *h = NULL;
        double t0 = now_ms(), c0 = cpu_ms();
        if (vb_search(ix, &s.q, &h, &err) != VB_OK)
            failed++;
        ms[i] = now_ms() - t0;
        cpu[i] = cpu_ms() - c0;
        kind_ms[i % 10] += cpu[i];
        found += h && h->n > 0;
        vb_hits_free(h);
    }
    if (getenv("SEARCH_BENCH_KINDS"))
        for (int k = 0; k < 10; k++)
            printf("kind %d: mean CPU %.2f ms\n", k, kind_ms[k] / (n / 10));
    qsort(ms, (size_t)n, sizeof *ms, cmp);
    qsort(cpu, (size_t)n, sizeof *cpu, cmp);
    printf("search latency over %d mixed queries: p50 %.2f ms, p95 %.2f ms, max %.2f ms "
           "wall clock (%ld with hits, %ld errors)\n",
           n, ms[n / 2], ms[(n * 95) / 100], ms[n - 1], found, failed);
    printf("  same queries, CPU time of this thread: p50 %.2f ms, p95 %.2f ms, max %.2f ms "
           "(wall minus CPU = waiting for a core on a shared machine)\n",
           cpu[n / 2], cpu[(n * 95) / 100], cpu[n - 1]);
    static const char *const by[] = {"school", "year", "standard", "criterion"};
    for (int b = 0; b < 4; b++) {
        vb_query q;
        vb_query_init(&q);
        vb_sums *s = NULL;
        double t0 = now_ms();
        vb_search_sum(ix, &q, (vb_sum_by)b, &s, &err);
        printf("sum budget by %-9s %8.1f ms (%zu groups)\n", by[b], now_ms() - t0, s ? s->n : 0);
        vb_sums_free(s);
    }
    free(ms);
    free(cpu);
    vb_index_free(ix);
    return failed ? 1 : 0;
}
