/* enc_eval.c — detection accuracy of vb_decode --from auto on Vietnamese
 * text this program encodes itself into every encoding: single lines
 * (≥ 40 characters), whole documents (40 lines), and mixed documents.
 * Usage: enc_eval [--model FILE|none] FILE[:FIRST[:COUNT]]...
 * FIRST is a 1-based line number, negative from the end (viwiki.txt:-3000 is
 * its last 3000 lines); the model (default $VB_MODEL, then none) breaks ties
 * between readings the syllable inventory scores alike. VERBOSE=1 prints
 * every miss. */
#include "normalize/enc.h"
#include "normalize/lm.h"
#include "normalize/normalize.h"
#include "normalize/restore_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOC_LINES 40

static const vb_enc_id encs[] = {VB_ENC_UTF8, VB_ENC_UTF16LE, VB_ENC_UTF16BE, VB_ENC_CP1258,
                                 VB_ENC_TCVN3, VB_ENC_VNI, VB_ENC_VISCII, VB_ENC_VPS, VB_ENC_VN1,
                                 VB_ENC_VIQR, VB_ENC_MOJI1, VB_ENC_MOJI2, VB_ENC_TCVN3_CP1252,
                                 VB_ENC_VNI_CP1252};
#define NENC (sizeof encs / sizeof encs[0])

typedef struct tally {
    long n, right, label, exact, exact_n;
} tally;

static const vb_model *model;
static int verbose;

/* A line of Vietnamese text: ≥ 40 characters (at most 2000) with a letter
 * only Vietnamese writes (one of the 134 beyond Latin-1: ă đ ơ ư ạ ế …; the
 * corpus also holds Portuguese or French reference lines with é and ã). */
static int usable(const char *l, size_t len)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)l[i] & 0xC0) != 0x80;
    if (chars < 40 || chars > 2000)
        return 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = vb_utf8_next((const unsigned char *)l, len, &i);
        for (int k = 0; k < VB_ENC_LETTERS; k++)
            if (vb_enc_tab_tcvn3[k].cp == cp && cp > 0xFF)
                return 1;
    }
    return 0;
}

/* The usable lines of spec "FILE[:FIRST[:COUNT]]"; NULL if unreadable. */
static char **load_lines(const char *spec, size_t *count)
{
    char path[4096];
    long first = 1, want = -1;
    snprintf(path, sizeof path, "%s", spec);
    char *colon = strchr(path, ':');
    if (colon) {
        *colon = 0;
        char *end;
        first = strtol(colon + 1, &end, 10);
        want = *end == ':' ? strtol(end + 1, NULL, 10) : -1;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    vb_bytes all = {0};
    char chunk[1 << 16];
    for (size_t n; (n = fread(chunk, 1, sizeof chunk, f)) > 0;)
        vb_bytes_put(&all, chunk, n);
    fclose(f);
    long total = 0;
    for (size_t i = 0; i < all.len; i++)
        total += all.s[i] == '\n';
    if (all.len && all.s[all.len - 1] != '\n')
        total++;
    long from = first < 0 ? total + first + 1 : first;   /* 1-based */
    long to = want < 0 ? total : from + want - 1;
    char **lines = calloc((size_t)(to - from + 2 > 0 ? to - from + 2 : 1), sizeof *lines);
    size_t k = 0;
    long no = 1;
    for (size_t i = 0; i < all.len && no <= to; no++) {
        const char *nl = memchr(all.s + i, '\n', all.len - i);
        size_t e = nl ? (size_t)(nl - all.s) : all.len;
        if (no >= from && usable(all.s + i, e - i))
            lines[k++] = strndup(all.s + i, e - i);
        i = e + 1;
    }
    vb_bytes_free(&all);
    fprintf(stderr, "enc_eval: %s lines %ld–%ld of %ld: %zu usable\n", path, from, to, total, k);
    *count = k;
    return lines;
}

/* Decodes bytes with from (NULL = auto); returns malloc'd UTF-8 or NULL. */
static char detail[256];

static char *dec(const vb_bytes *b, const char *from, char *label)
{
    vb_decoded d;
    vb_error err = {0};
    if (vb_decode_lm((const unsigned char *)b->s, b->len, from, VB_TONE_KEEP, model, &d, &err) != VB_OK) {
        if (label)
            snprintf(label, 32, "error");
        return NULL;
    }
    if (label) {
        snprintf(label, 32, "%s", d.encoding);
        snprintf(detail, sizeof detail, "%s", d.detail);
    }
    return d.utf8;
}

/* One trial: text encoded as e, decoded by auto and by force. */
static void trial(const char *text, vb_enc_id e, tally *t)
{
    vb_bytes b = {0};
    size_t bad = 0;
    if (vb_enc_encode(e, text, strlen(text), &b, &bad))
        return;
    char label[32];
    char *want = dec(&b, vb_enc_name(e), NULL), *got = dec(&b, NULL, label);
    t->n++;
    int right = want && got && strcmp(want, got) == 0;
    t->right += right;
    t->label += strcmp(label, vb_enc_name(e)) == 0;
    if (!bad && e != VB_ENC_TCVN3 && e != VB_ENC_TCVN3_CP1252) {
        t->exact_n++;
        vb_decoded d;
        vb_error err = {0};
        vb_decode((const unsigned char *)text, strlen(text), "utf-8", 0, &d, &err);
        t->exact += got && d.utf8 && strcmp(got, d.utf8) == 0;
        vb_decoded_free(&d);
    }
    if (!right && verbose)
        fprintf(stderr, "MISS %s → %s: %.160s\n    %s\n    got %.160s\n", vb_enc_name(e), label, text,
                detail, got ? got : "");
    free(want);
    free(got);
    vb_bytes_free(&b);
}

/* The table; returns the lowest per-encoding share right. */
static double report(const char *what, tally *t, size_t n)
{
    tally all = {0};
    double low = 100;
    printf("%s\n  %-16s %6s %8s %8s %8s\n", what, "encoding", "n", "right%", "label%", "exact%");
    for (size_t i = 0; i < n; i++) {
        double r = 100.0 * t[i].right / (t[i].n ? t[i].n : 1);
        low = r < low ? r : low;
        printf("  %-16s %6ld %8.2f %8.2f %8.2f\n", vb_enc_name(encs[i]), t[i].n, r,
               100.0 * t[i].label / (t[i].n ? t[i].n : 1),
               100.0 * t[i].exact / (t[i].exact_n ? t[i].exact_n : 1));
        all.n += t[i].n, all.right += t[i].right, all.label += t[i].label;
    }
    printf("  %-16s %6ld %8.2f %8.2f\n  lowest encoding: %.2f %%\n", "ALL", all.n,
           100.0 * all.right / (all.n ? all.n : 1), 100.0 * all.label / (all.n ? all.n : 1), low);
    return low;
}

/* Mixed documents: first half TCVN3 / second half UTF-8, and a UTF-8 body
 * with TCVN3 headings; right when all comes out as the UTF-8 original. */
static void mixed(char **lines, size_t n, long *ok, long *total)
{
    for (size_t d = 0; d + DOC_LINES <= n; d += DOC_LINES) {
        for (int kind = 0; kind < 2; kind++) {
            vb_bytes b = {0}, want = {0};
            for (size_t i = d; i < d + DOC_LINES; i++) {
                int legacy = kind == 0 ? i < d + DOC_LINES / 2 : (i - d) % 8 == 0;
                const char *l = lines[i];
                if (legacy && (i - d) % 8 == 0 && kind == 1)
                    l = "KẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM HỌC";
                size_t at = b.len;
                vb_enc_encode(legacy ? VB_ENC_TCVN3 : VB_ENC_UTF8, l, strlen(l), &b, NULL);
                vb_bytes_put(&b, "\n", 1);
                /* TCVN3 cannot hold every capital: the truth is its own decoding */
                vb_bytes one = {0};
                vb_bytes_put(&one, b.s + at, b.len - at);
                char *w1 = dec(&one, legacy ? "tcvn3" : "utf-8", NULL);
                vb_bytes_put(&want, w1 ? w1 : "", w1 ? strlen(w1) : 0);
                free(w1);
                vb_bytes_free(&one);
            }
            char label[32];
            char *got = dec(&b, NULL, label);
            vb_decoded w;
            vb_error err = {0};
            vb_decode((const unsigned char *)want.s, want.len, "utf-8", 0, &w, &err);
            int good = got && w.utf8 && strcmp(got, w.utf8) == 0;
            *ok += good;
            ++*total;
            if (!good && verbose)
                fprintf(stderr, "MIXED MISS kind %d (%s)\n", kind, label);
            vb_decoded_free(&w);
            free(got);
            vb_bytes_free(&b);
            vb_bytes_free(&want);
        }
    }
}

static int open_model(const char *path, vb_model **m)
{
    vb_error err = {0};
    *m = NULL;
    if (!path || !*path)
        path = getenv("VB_MODEL");
    if (!path || !*path || strcmp(path, "none") == 0) {
        printf("Model: none (ties decided by the syllable inventory alone)\n");
        return 0;
    }
    if (vb_model_open(path, m, &err) != VB_OK) {
        fprintf(stderr, "enc_eval: %s\n", err.msg);
        return -1;
    }
    printf("Model: %s (%s)\n", path, vb_lm_info(vb_model_lm(*m))->recipe);
    return 0;
}

int main(int argc, char **argv)
{
    tally lt[NENC] = {0}, dt[NENC] = {0};
    long mok = 0, mtot = 0;
    const char *mpath = NULL;
    int a = 1;
    verbose = getenv("VERBOSE") != NULL;
    if (a + 1 < argc && strcmp(argv[a], "--model") == 0) {
        mpath = argv[a + 1];
        a += 2;
    }
    if (a >= argc) {
        fprintf(stderr, "usage: enc_eval [--model FILE|none] FILE[:FIRST[:COUNT]]...\n");
        return 2;
    }
    vb_model *m;
    if (open_model(mpath, &m))
        return 1;
    model = m;
    for (; a < argc; a++) {
        size_t n = 0;
        char **lines = load_lines(argv[a], &n);
        if (!lines) {
            fprintf(stderr, "enc_eval: cannot read %s\n", argv[a]);
            return 1;
        }
        printf("Text: %s, %zu lines\n", argv[a], n);
        for (size_t i = 0; i < n; i++)
            for (size_t e = 0; e < NENC; e++)
                trial(lines[i], encs[e], &lt[e]);
        for (size_t d = 0; d + DOC_LINES <= n; d += DOC_LINES) {
            vb_bytes doc = {0};
            for (size_t i = d; i < d + DOC_LINES; i++) {
                vb_bytes_put(&doc, lines[i], strlen(lines[i]));
                vb_bytes_put(&doc, "\n", 1);
            }
            for (size_t e = 0; e < NENC; e++)
                trial(doc.s, encs[e], &dt[e]);
            vb_bytes_free(&doc);
        }
        mixed(lines, n, &mok, &mtot);
        for (size_t i = 0; i < n; i++)
            free(lines[i]);
        free(lines);
    }
    report("Lines of >= 40 characters, --from auto vs. the known encoding:", lt, NENC);
    report("Whole documents (40 lines each):", dt, NENC);
    printf("Mixed documents (TCVN3 half + UTF-8 half; UTF-8 body + TCVN3 headings): %ld/%ld right\n",
           mok, mtot);
    vb_model_close(m);
    return 0;
}
