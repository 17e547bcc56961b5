/* cmd_search.c — `vanban search`: ranked, fielded search over an index built
 * by `vanban index`, typed with or without diacritics; --count, --json, and
 * budget totals (--sum budget --by school|year|standard|criterion). */
#include "cli/cli.h"
#include "search/search.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct opts {
    const char *db;
    vb_query q;
    int json, count, sum;
    vb_sum_by by;
} opts;

static void help(FILE *f)
{
    fprintf(f,
        "Usage: vanban search --db FILE [FILTERS] [WORDS...]\n"
        "       vanban search --db FILE --sum budget --by school|year|standard|criterion [FILTERS]\n\n"
        "Finds plans, criteria, items and duties in an index built by `vanban index`.\n"
        "Type with or without diacritics: \"ke hoach\" finds \"kế hoạch\", \"da nang\" finds\n"
        "\"Đà Nẵng\"; words typed with diacritics rank exact matches first. Words are\n"
        "ANDed; \"quoted words\" must be adjacent (a phrase); word* matches a prefix.\n"
        "When nothing matches and a word is one typing/OCR edit from an indexed word,\n"
        "the search is rerun with that word, and the output says so.\n\n"
        "Filters:\n"
        "  --year YEAR         school year starting in YEAR (2020 = 2020-2021)\n"
        "  --school TEXT       school (header issuer) containing TEXT\n"
        "  --criterion ID      criterion rows whose number is ID (3.3; level 4: 2)\n"
        "  --section ROLE      purpose | basis | content | organization | other\n"
        "  --signer TEXT       plans signed by a name containing TEXT\n"
        "  --role TEXT         the signer's title contains TEXT (hieu truong, pho hieu truong)\n"
        "  --budget-min N, --budget-max N   criterion budget in whole dong (5000000 = 5 trieu)\n"
        "Output:\n"
        "  --limit N (10), --offset N   paging       --count   only the number of matches\n"
        "  --json                       one JSON object (hits with every field)\n"
        "  --sum budget --by KEY        budget totals per school, year, standard or criterion\n"
        "  --no-typo                    never correct words\n\n"
        "Each hit shows the file, school, school year, the matching field (target,\n"
        "tasks, lead, timeline, budget, item, duty, heading, signature…) and a snippet\n"
        "with the matching words in [brackets]. Ranking is BM25; when more than 1000\n"
        "units match, the 1000 most recently indexed are ranked (the count says \"≥\";\n"
        "--count counts them all).\n\n"
        "Examples:\n"
        "  vanban search --db plans.db internet --year 2020\n"
        "  vanban search --db plans.db '\"thong tu 19/2018\"'\n"
        "  vanban search --db plans.db --criterion 3.3 --json\n"
        "  vanban search --db plans.db --signer 'nguyen thi hoang mai'\n"
        "  vanban search --db plans.db --sum budget --by school --year 2024\n"
        "  vanban search --db plans.db --count bồi dưỡng --section content\n\n"
        "Exit status: 0 found something, 1 nothing found or index error, 2 usage.\n");
}

static int parse_money(const char *s, int64_t *v)
{
    char *end;
    long long x = strtoll(s, &end, 10);
    if (end == s || *end || x < 0)
        return 0;
    *v = x;
    return 1;
}

static int parse_by(const char *s, vb_sum_by *by)
{
    static const char *const names[] = {"school", "year", "standard", "criterion"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *by = (vb_sum_by)i;
            return 1;
        }
    return 0;
}

static int parse_opt(opts *o, int c, const char *arg)
{
    switch (c) {
    case 'd': o->db = arg; return 1;
    case 'y': o->q.year = atoi(arg); return o->q.year > 1900;
    case 's': o->q.school = arg; return 1;
    case 'c': o->q.criterion = arg; return 1;
    case 'S':
        o->q.section = arg;
        return strcmp(arg, "purpose") == 0 || strcmp(arg, "basis") == 0 ||
               strcmp(arg, "content") == 0 || strcmp(arg, "organization") == 0 ||
               strcmp(arg, "other") == 0;
    case 'g': o->q.signer = arg; return 1;
    case 'r': o->q.role = arg; return 1;
    case 'm': return parse_money(arg, &o->q.budget_min);
    case 'M': return parse_money(arg, &o->q.budget_max);
    case 'l': o->q.limit = atoi(arg); return o->q.limit > 0;
    case 'o': o->q.offset = atoi(arg); return o->q.offset >= 0;
    case 'j': o->json = 1; return 1;
    case 'n': o->count = o->q.count_all = 1; return 1;
    case 'T': o->q.no_typo = 1; return 1;
    case 'u': o->sum = 1; return strcmp(arg, "budget") == 0;
    case 'b': return parse_by(arg, &o->by);
    default: return 0;
    }
}

/* Joins argv words into one query string (caller frees). */
static char *join_words(char **w, int n)
{
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(w[i]) + 1;
    char *s = calloc(len, 1);
    for (int i = 0; s && i < n; i++)
        strcat(strcat(s, i ? " " : ""), w[i]);
    return s;
}

static void json_str(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static void print_json(const vb_hits *h, const char *text)
{
    printf("{\"total\":%ld,\"total_capped\":%s,\"corrected\":%s,\"query\":", h->total,
           h->total_capped ? "true" : "false", h->corrected ? "true" : "false");
    json_str(h->used_text ? h->used_text : text);
    printf(",\"hits\":[");
    for (size_t i = 0; i < h->n; i++) {
        const vb_hit *x = &h->v[i];
        printf("%s{\"file\":", i ? "," : "");
        json_str(x->path);
        printf(",\"school\":");
        json_str(x->school);
        printf(",\"year_from\":%d,\"year_to\":%d,\"section\":", x->year_from, x->year_to);
        json_str(x->section);
        printf(",\"field\":");
        json_str(x->field);
        printf(",\"criterion\":");
        json_str(x->criterion);
        if (x->amount >= 0)
            printf(",\"amount\":%" PRId64, x->amount);
        printf(",\"score\":%.4f,\"snippet\":", x->score);
        json_str(x->snippet);
        putchar('}');
    }
    printf("]}\n");
}

static void print_text(const vb_hits *h, const vb_query *q)
{
    if (h->corrected)
        printf("no exact match; showing results for \"%s\"\n", h->used_text);
    printf("%s%ld match%s\n", h->total_capped ? "≥" : "", h->total,
           h->total == 1 ? "" : "es");
    for (size_t i = 0; i < h->n; i++) {
        const vb_hit *x = &h->v[i];
        printf("\n%zu. %s\n   %s", (size_t)q->offset + i + 1, x->path,
               *x->school ? x->school : "(school unknown)");
        if (x->year_from)
            printf(" · %d-%d", x->year_from, x->year_to);
        printf(" · %s%s%s", *x->section ? x->section : "", *x->section ? "/" : "", x->field);
        if (*x->criterion)
            printf(" · criterion %s", x->criterion);
        if (x->amount >= 0)
            printf(" · %" PRId64 " đ", x->amount);
        printf("\n   %s\n", x->snippet);
    }
}

static int do_sum(vb_index *ix, const opts *o)
{
    vb_error err = {0};
    vb_sums *s = NULL;
    if (vb_search_sum(ix, &o->q, o->by, &s, &err) != VB_OK) {
        cli_error(o->db, "%s", err.msg);
        return 1;
    }
    if (o->json) {
        printf("{\"total\":%" PRId64 ",\"groups\":[", s->total);
        for (size_t i = 0; i < s->n; i++) {
            printf("%s{\"key\":", i ? "," : "");
            json_str(s->v[i].key);
            printf(",\"total\":%" PRId64 ",\"rows\":%ld,\"plans\":%ld}", s->v[i].total,
                   s->v[i].rows, s->v[i].plans);
        }
        printf("]}\n");
    } else {
        for (size_t i = 0; i < s->n; i++)
            printf("%15" PRId64 " đ  %4ld rows %4ld plans  %s\n", s->v[i].total, s->v[i].rows,
                   s->v[i].plans, s->v[i].key);
        printf("%15" PRId64 " đ  total\n", s->total);
    }
    int rc = s->n ? 0 : 1;
    vb_sums_free(s);
    return rc;
}

static int do_search(vb_index *ix, opts *o)
{
    vb_error err = {0};
    vb_hits *h = NULL;
    if (vb_search(ix, &o->q, &h, &err) != VB_OK) {
        cli_error(o->db, "%s", err.msg);
        return err.status == VB_ERR_USAGE ? 2 : 1;
    }
    if (o->count && !o->json)
        printf("%s%ld\n", h->total_capped ? "≥" : "", h->total);
    else if (o->json)
        print_json(h, o->q.text);
    else
        print_text(h, &o->q);
    int rc = h->total > 0 || h->n > 0 ? 0 : 1;
    vb_hits_free(h);
    return rc;
}

int cmd_search(int argc, char **argv)
{
    static const struct option lo[] = {
        {"db", 1, 0, 'd'},       {"year", 1, 0, 'y'},       {"school", 1, 0, 's'},
        {"criterion", 1, 0, 'c'}, {"section", 1, 0, 'S'},   {"signer", 1, 0, 'g'},
        {"role", 1, 0, 'r'},     {"budget-min", 1, 0, 'm'}, {"budget-max", 1, 0, 'M'},
        {"limit", 1, 0, 'l'},    {"offset", 1, 0, 'o'},     {"json", 0, 0, 'j'},
        {"count", 0, 0, 'n'},    {"no-typo", 0, 0, 'T'},    {"sum", 1, 0, 'u'},
        {"by", 1, 0, 'b'},       {"help", 0, 0, 'h'},       {0, 0, 0, 0}};
    opts o = {0};
    vb_query_init(&o.q);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:y:s:c:l:o:jnh", lo, NULL)) != -1) {
        if (c == 'h') {
            help(stdout);
            return 0;
        }
        if (!parse_opt(&o, c, optarg)) {
            cli_error(NULL, "search: bad option or value (see --help)");
            return 2;
        }
    }
    if (!o.db) {
        cli_error(NULL, "search: --db FILE is required (see --help)");
        return 2;
    }
    char *text = join_words(argv + optind, argc - optind);
    o.q.text = text;
    vb_error err = {0};
    vb_index *ix = vb_index_open(o.db, VB_INDEX_READ, &err);
    int rc = 1;
    if (!ix)
        cli_error(o.db, "%s", err.msg);
    else
        rc = o.sum ? do_sum(ix, &o) : do_search(ix, &o);
    vb_index_free(ix);
    free(text);
    return rc;
}
