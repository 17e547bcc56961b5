/* ocralign.c — learns the OCR channel model P(observed | intended) (build tool).
 *
 *   ocralign pairs TRUTH OCR      aligned word pairs "truth\tocr", one a line
 *   ocralign pairs-all TRUTH OCR  every truth token, with its OCR partner or ""
 *   ocralign estimate < TRIPLES   "model\ttruth\tocr" lines → model/ocr-channel.tsv
 *
 * Words are aligned by edit distance over their diacritic-free skeletons;
 * characters within a word pair by a hard-EM edit alignment that allows 1:1,
 * 1:0, 0:1, 2:1 and 1:2 segments. Counts are smoothed (Witten–Bell, the unseen
 * mass spread over the intended letter's diacritic class). ICU gives UTF-8
 * decoding, case and decompositions; libc's tsearch holds the counts. */
#include <math.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#define MAXW 64        /* code points per word; longer words are skipped */
#define MAXTOK 60000   /* tokens per document */
#define ITERS 3

typedef struct { int cp[MAXW]; int n; } word;

/* ---- code points, skeletons ------------------------------------------- */

static int decode(const char *s, int len, word *w)
{
    int i = 0;
    w->n = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c < 0 || w->n >= MAXW) return -1;
        w->cp[w->n++] = c;
    }
    return 0;
}

/* The base letter of c: first code point of its NFD, đ→d, case kept. */
static int skel(int c)
{
    static const UNormalizer2 *nfd;
    UErrorCode e = U_ZERO_ERROR;
    UChar buf[8];
    if (c == 0x111) return 'd';
    if (c == 0x110) return 'D';
    if (c < 0x80) return c;
    if (!nfd) nfd = unorm2_getNFDInstance(&e);
    e = U_ZERO_ERROR;
    int n = unorm2_getDecomposition(nfd, c, buf, 8, &e);
    if (n <= 0 || U_FAILURE(e)) return c;
    UChar32 b;
    int i = 0;
    U16_NEXT(buf, i, n, b);
    return b;
}

static int fskel(int c) { return u_tolower(skel(c)); }

static void put_cp(char *out, int *len, int c)
{
    UBool err = 0;
    U8_APPEND(out, *len, 16, c, err);
    if (err) return;
    out[*len] = 0;
}

/* ---- word alignment ---------------------------------------------------- */

typedef struct { char *s; int len; word w; int ok; } token;

static int is_edge_punct(int c)
{
    if (c == 0x201C || c == 0x201D) return 1;
    return c > 0 && c < 0x80 && strchr(".,;:!?()\"'[]", c) != NULL;
}

static int tokenize(char *text, token *t, int max)
{
    int n = 0;
    for (char *p = strtok(text, " \t\r\n"); p && n < max; p = strtok(NULL, " \t\r\n")) {
        int len = (int)strlen(p);
        while (len > 0 && is_edge_punct((unsigned char)p[len - 1])) len--;
        while (len > 0 && is_edge_punct((unsigned char)p[0])) p++, len--;
        if (len == 0) continue;
        t[n].s = p;
        t[n].len = len;
        t[n].ok = decode(p, len, &t[n].w) == 0;
        n++;
    }
    return n;
}

/* Edit distance of the case-folded skeletons over the longer length, 0..1. */
static double word_dist(const word *a, const word *b)
{
    int d[MAXW + 1], prev;
    for (int j = 0; j <= b->n; j++) d[j] = j;
    for (int i = 1; i <= a->n; i++) {
        prev = d[0];
        d[0] = i;
        for (int j = 1; j <= b->n; j++) {
            int cur = d[j];
            int sub = prev + (fskel(a->cp[i - 1]) != fskel(b->cp[j - 1]));
            int m = d[j] + 1 < d[j - 1] + 1 ? d[j] + 1 : d[j - 1] + 1;
            d[j] = sub < m ? sub : m;
            prev = cur;
        }
    }
    int l = a->n > b->n ? a->n : b->n;
    return l ? (double)d[b->n] / l : 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) n = 0;
    if (s) s[n] = 0;
    fclose(f);
    return s;
}

/* Needleman–Wunsch over tokens; substitution costs 2 × skeleton distance. */
static int cmd_pairs(const char *tp, const char *op, int all)
{
    char *ts = slurp(tp), *os = slurp(op);
    if (!ts || !os) return perror("read"), 1;
    token *a = malloc(sizeof(token) * MAXTOK), *b = malloc(sizeof(token) * MAXTOK);
    int n = tokenize(ts, a, MAXTOK), m = tokenize(os, b, MAXTOK);
    float *c = malloc(sizeof(float) * (size_t)(n + 1) * (m + 1));
    unsigned char *bp = malloc((size_t)(n + 1) * (m + 1));
    if (!a || !b || !c || !bp) return fputs("out of memory\n", stderr), 1;
#define C(i, j) c[(size_t)(i) * (m + 1) + (j)]
#define B(i, j) bp[(size_t)(i) * (m + 1) + (j)]
    for (int i = 0; i <= n; i++)
        for (int j = 0; j <= m; j++) {
            if (i == 0 || j == 0) { C(i, j) = (float)(i + j); B(i, j) = i ? 1 : 2; continue; }
            float s = 2.0f;
            if (a[i - 1].ok && b[j - 1].ok) s = 2.0f * (float)word_dist(&a[i - 1].w, &b[j - 1].w);
            float best = C(i - 1, j - 1) + s, del = C(i - 1, j) + 1, ins = C(i, j - 1) + 1;
            B(i, j) = 0;
            if (del < best) best = del, B(i, j) = 1;
            if (ins < best) best = ins, B(i, j) = 2;
            C(i, j) = best;
        }
    for (int i = n, j = m; i > 0 || j > 0;) {   /* pairs come out last first */
        int k = B(i, j);
        if (i > 0 && j > 0 && k == 0) {
            if (a[i - 1].ok && b[j - 1].ok && word_dist(&a[i - 1].w, &b[j - 1].w) <= 0.5)
                printf("%.*s\t%.*s\n", a[i - 1].len, a[i - 1].s, b[j - 1].len, b[j - 1].s);
            else if (all)
                printf("%.*s\t\n", a[i - 1].len, a[i - 1].s);
            i--, j--;
        } else if (i > 0 && (k == 1 || j == 0)) {
            if (all) printf("%.*s\t\n", a[i - 1].len, a[i - 1].s);
            i--;
        } else j--;
    }
#undef C
#undef B
    free(a), free(b), free(c), free(bp), free(ts), free(os);
    return 0;
}

/* ---- counts ------------------------------------------------------------ */

typedef struct { char key[64]; double n, prev; int types; } entry;   /* key: model \1 int \1 obs */
static void *counts;   /* tsearch tree of entry */

static int ecmp(const void *x, const void *y)
{
    return strcmp(((const entry *)x)->key, ((const entry *)y)->key);
}

static entry *get(const char *model, const char *in, const char *ob, int create)
{
    entry k;
    snprintf(k.key, sizeof k.key, "%s\1%s\1%s", model, in, ob);
    void *r = create ? NULL : tfind(&k, &counts, ecmp);
    if (create) {
        entry *e = malloc(sizeof *e);
        if (!e) exit(1);
        *e = k;
        e->n = e->prev = 0;
        e->types = 0;
        r = tsearch(e, &counts, ecmp);
        if (*(entry **)r != e) free(e);
    }
    return r ? *(entry **)r : NULL;
}

static void seg(const word *w, int i, int k, char *out)
{
    int len = 0;
    out[0] = 0;
    for (int x = 0; x < k; x++) put_cp(out, &len, w->cp[i + x]);
}

/* ---- character alignment ----------------------------------------------- */

static const char *cur_model;
static int iter;

/* The first iteration's costs: a guess that only prefers same-skeleton pairs. */
static double cost0(const word *t, int ti, int tk, const word *o, int oj, int ok)
{
    if (tk == 1 && ok == 1) {
        int a = t->cp[ti], b = o->cp[oj];
        return a == b ? 0 : skel(a) == skel(b) ? 1.0 : fskel(a) == fskel(b) ? 1.5 : 2.5;
    }
    return tk + ok == 1 ? 2.0 : 3.0;
}

/* −log P(obs|int) from the previous iteration's counts (occurrence counts are
 * kept under the observed key "\2"); unseen segments fall back to cost0 + 6. */
static double cost(const word *t, int ti, int tk, const word *o, int oj, int ok)
{
    if (iter == 0) return cost0(t, ti, tk, o, oj, ok);
    char in[20], ob[20], key[20];
    seg(t, ti, tk, in);
    seg(o, oj, ok, ob);
    entry *e = get(cur_model, in, ob, 0);
    snprintf(key, sizeof key, "%s", tk ? in : "");
    entry *occ = get(cur_model, key, "\2", 0);
    if (e && occ && e->prev > 0) return -log(e->prev / (occ->n + 1));
    return cost0(t, ti, tk, o, oj, ok) + 6;
}

static const int OPS[5][2] = {{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}};

static void align_word(const word *t, const word *o, int add, double *tot)
{
    double c[MAXW + 1][MAXW + 1];
    unsigned char bp[MAXW + 1][MAXW + 1];
    for (int i = 0; i <= t->n; i++)
        for (int j = 0; j <= o->n; j++) {
            c[i][j] = i || j ? 1e30 : 0;
            for (int k = 0; k < 5; k++) {
                int di = OPS[k][0], dj = OPS[k][1];
                if (i < di || j < dj) continue;
                double v = c[i - di][j - dj] + cost(t, i - di, di, o, j - dj, dj);
                if (v < c[i][j]) c[i][j] = v, bp[i][j] = (unsigned char)k;
            }
        }
    *tot += c[t->n][o->n];
    for (int i = t->n, j = o->n; i > 0 || j > 0;) {
        int k = bp[i][j], di = OPS[k][0], dj = OPS[k][1];
        char in[20], ob[20];
        seg(t, i - di, di, in);
        seg(o, j - dj, dj, ob);
        get(cur_model, in, ob, 1)->n += add;
        i -= di, j -= dj;
    }
}

/* Occurrences of each intended unit: single letters, letter pairs, gaps. */
static void count_occ(const word *t)
{
    char in[20];
    for (int i = 0; i < t->n; i++) {
        seg(t, i, 1, in);
        get(cur_model, in, "\2", 1)->n += 1;
        if (i + 1 < t->n) {
            seg(t, i, 2, in);
            get(cur_model, in, "\2", 1)->n += 1;
        }
    }
    get(cur_model, "", "\2", 1)->n += t->n + 1;
}

typedef struct { char model[8]; word t, o; } pair;

static int read_pairs(pair **out)
{
    char line[1024];
    int n = 0, cap = 0;
    pair *p = NULL;
    while (fgets(line, sizeof line, stdin)) {
        char *m = strtok(line, "\t\n"), *t = strtok(NULL, "\t\n"), *o = strtok(NULL, "\t\n");
        if (!m || !t || !o || strlen(m) >= 8) continue;
        if (n == cap && !(p = realloc(p, sizeof *p * (size_t)(cap = cap ? 2 * cap : 1024))))
            exit(1);
        strcpy(p[n].model, m);
        if (decode(t, (int)strlen(t), &p[n].t) || decode(o, (int)strlen(o), &p[n].o)) continue;
        n++;
    }
    *out = p;
    return n;
}

/* The counts tree's entries of one model, for the writer. */
static entry **all;
static size_t nall;
static void collect(const void *node, VISIT v, int depth)
{
    (void)depth;
    if (v == postorder || v == leaf) {
        entry **g = realloc(all, sizeof *all * (nall + 1));
        if (!g) exit(1);
        all = g;
        all[nall++] = *(entry *const *)node;
    }
}

/* ---- smoothing and output ---------------------------------------------- */

/* Vietnamese letters, derived from Unicode and the alphabet's rules: a vowel
 * whose NFD is the ASCII vowel plus at most one tone (grave, acute, tilde,
 * hook, dot below) and at most one of ^ (a e o), breve (a), horn (o u); and đ. */
static int is_viet_letter(int c)
{
    static const UNormalizer2 *nfd;
    UErrorCode e = U_ZERO_ERROR;
    UChar buf[8];
    if (c == 0x111 || c == 0x110) return 1;
    if (!nfd) nfd = unorm2_getNFDInstance(&e);
    int n = unorm2_getDecomposition(nfd, c, buf, 8, &e);
    if (n < 2 || n > 3 || U_FAILURE(e) || buf[0] > 0x7f) return 0;
    int v = u_tolower(buf[0]), tones = 0, shapes = 0;
    if (!strchr("aeiouy", v)) return 0;
    for (int i = 1; i < n; i++)
        switch (buf[i]) {
        case 0x300: case 0x301: case 0x303: case 0x309: case 0x323: tones++; break;
        case 0x302: shapes++; if (!strchr("aeo", v)) return 0; break;
        case 0x306: shapes++; if (v != 'a') return 0; break;
        case 0x31B: shapes++; if (v != 'o' && v != 'u') return 0; break;
        default: return 0;
        }
    return tones <= 1 && shapes <= 1;
}

static int inventory[400], ninv;

static void make_inventory(void)
{
    for (int c = 'A'; c <= 'z'; c++)
        if (u_isalpha(c)) inventory[ninv++] = c;
    for (int c = 0xC0; c < 0x1FA0 && ninv < 400; c++)
        if ((c < 0x1B1 || c >= 0x1EA0) && is_viet_letter(c)) inventory[ninv++] = c;
}

typedef struct { char in[20], ob[20]; double n; } row;

static int key_split(const entry *e, const char *model, row *r)
{
    const char *a = strchr(e->key, 1), *b = a ? strchr(a + 1, 1) : NULL;
    if (!b || (size_t)(a - e->key) != strlen(model) || strncmp(e->key, model, strlen(model)))
        return 0;
    snprintf(r->in, sizeof r->in, "%.*s", (int)(b - a - 1), a + 1);
    snprintf(r->ob, sizeof r->ob, "%s", b + 1);
    r->n = e->n;
    return 1;
}

/* Whether a learned segment is trusted: identities and same-skeleton
 * substitutions always, anything else only when seen twice (one-off pairs
 * are mostly misaligned words). Intended letters must be Vietnamese (or
 * ASCII): the decoder never needs to propose "Ï" or "ñ". */
static int keep(const row *r)
{
    word a, b;
    if (r->n <= 0 || decode(r->in, (int)strlen(r->in), &a) || decode(r->ob, (int)strlen(r->ob), &b))
        return 0;
    for (int i = 0; i < a.n; i++)
        if (a.cp[i] >= 0x80 && u_isalpha(a.cp[i]) && !is_viet_letter(a.cp[i])) return 0;
    if (a.n == 1 && b.n == 1 && fskel(a.cp[0]) == fskel(b.cp[0])) return 1;
    return r->n >= 2;
}

/* Counts the distinct kept observations of every intended unit (Witten–Bell T). */
static void count_types(const char *model, entry **e, size_t n)
{
    row r;
    for (size_t i = 0; i < n; i++)
        if (key_split(e[i], model, &r) && strcmp(r.ob, "\2") && keep(&r))
            get(model, r.in, "\2", 1)->types++;
}

static void occ_of(const char *model, const char *in, double *occ, int *t)
{
    entry *o = get(model, in, "\2", 0);
    *occ = o ? o->n : 0;
    *t = o ? o->types : 0;
}

static void write_model(const char *model, entry **e, size_t n)
{
    row r;
    double occ;
    int t;
    count_types(model, e, n);
    for (size_t i = 0; i < n; i++) {   /* learned rows, Witten–Bell discounted */
        if (!key_split(e[i], model, &r) || !strcmp(r.ob, "\2") || !keep(&r)) continue;
        occ_of(model, r.in, &occ, &t);
        printf("%s\t%s\t%s\t%.0f\t%.4f\n", model, r.in, r.ob, r.n, log(r.n / (occ + t)));
    }
    for (int i = 0; i < ninv; i++) {   /* unseen mass over the diacritic class */
        char in[20], ob[20];
        int len = 0, k = 0, cls[64];
        put_cp(in, &len, inventory[i]);
        occ_of(model, in, &occ, &t);
        double unseen = occ > 0 ? (t ? t : 1) / (occ + (t ? t : 1)) : 0.1;
        for (int j = 0; j < ninv && k < 64; j++) {
            len = 0;
            put_cp(ob, &len, inventory[j]);
            entry *x = get(model, in, ob, 0);
            row rx;
            snprintf(rx.in, sizeof rx.in, "%s", in);
            snprintf(rx.ob, sizeof rx.ob, "%s", ob);
            rx.n = x ? x->n : 0;
            if (skel(inventory[j]) == skel(inventory[i]) && !keep(&rx) && (j != i || occ == 0))
                cls[k++] = j;
        }
        for (int j = 0; j < k; j++) {
            len = 0;
            put_cp(ob, &len, inventory[cls[j]]);
            double p = cls[j] == i ? 0.9 : unseen / k;
            printf("%s\t%s\t%s\t0\t%.4f\n", model, in, ob, log(p));
        }
    }
}

static void write_table(entry **e, size_t n)
{
    const char *models[2] = {"eng", "vie"};
    make_inventory();
    printf("# vanban OCR channel model: model, intended, observed, count, ln P(observed|intended)\n"
           "# made by tools/ocr-channel (make channel); see doc/channel.md\n");
    for (int m = 0; m < 2; m++) write_model(models[m], e, n);
}

static int cmd_estimate(void)
{
    pair *p;
    int n = read_pairs(&p);
    for (int i = 0; i < n; i++) {
        cur_model = p[i].model;
        count_occ(&p[i].t);
    }
    for (iter = 0; iter < ITERS; iter++) {
        double tot = 0;
        twalk(counts, collect);   /* reset segment counts, keep occurrences */
        for (size_t k = 0; k < nall; k++)
            if (!strstr(all[k]->key, "\1\2")) all[k]->prev = all[k]->n, all[k]->n = 0;
        nall = 0;
        for (int i = 0; i < n; i++) {
            cur_model = p[i].model;
            align_word(&p[i].t, &p[i].o, 1, &tot);
        }
        fprintf(stderr, "iteration %d: %d pairs, mean cost %.4f\n", iter, n, tot / (n ? n : 1));
    }
    free(all);
    all = NULL;
    nall = 0;
    twalk(counts, collect);
    write_table(all, nall);
    free(p);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "pairs")) return cmd_pairs(argv[2], argv[3], 0);
    if (argc == 4 && !strcmp(argv[1], "pairs-all")) return cmd_pairs(argv[2], argv[3], 1);
    if (argc == 2 && !strcmp(argv[1], "estimate")) return cmd_estimate();
    fputs("usage: ocralign pairs|pairs-all TRUTH OCR | ocralign estimate < TRIPLES\n", stderr);
    return 2;
}
