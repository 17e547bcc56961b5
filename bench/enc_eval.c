/* enc_eval.c — detection accuracy of vb_decode --from auto on held-out
 * Vietnamese text this program encodes itself into every encoding: single
 * lines (≥ 40 characters), whole documents, and mixed documents.
 * Usage: [ENC_EVAL_AT=0.5] enc_eval CORPUS.txt... — a 3 MB window of each
 * file, by default its tail (the text the detector was tuned on), with
 * ENC_EVAL_AT another one (held out). */
#include "normalize/enc.h"
#include "normalize/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINES_PER_FILE 1500
#define DOC_LINES 40
#define TAIL_BYTES (3u << 20)

static const vb_enc_id encs[] = {VB_ENC_UTF8, VB_ENC_UTF16LE, VB_ENC_UTF16BE, VB_ENC_CP1258,
                                 VB_ENC_TCVN3, VB_ENC_VNI, VB_ENC_VISCII, VB_ENC_VPS, VB_ENC_VN1,
                                 VB_ENC_VIQR, VB_ENC_MOJI1, VB_ENC_MOJI2, VB_ENC_TCVN3_CP1252,
                                 VB_ENC_VNI_CP1252};
#define NENC (sizeof encs / sizeof encs[0])

typedef struct tally {
    long n, right, label, exact, exact_n;
} tally;

/* Reads the last TAIL_BYTES of path and keeps lines of ≥ 40 characters. */
static char **load_lines(const char *path, size_t *count)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    const char *at = getenv("ENC_EVAL_AT");   /* window start as a fraction; default: the tail */
    long from = size > (long)TAIL_BYTES ? size - (long)TAIL_BYTES : 0;
    if (at && atof(at) >= 0 && atof(at) < 1)
        from = (long)(atof(at) * (double)from);
    fseek(f, from, SEEK_SET);
    char *buf = malloc(TAIL_BYTES + 1);
    size_t n = fread(buf, 1, TAIL_BYTES, f);
    fclose(f);
    buf[n] = 0;
    char **lines = calloc(LINES_PER_FILE, sizeof *lines);
    size_t k = 0;
    char *save = NULL;
    strtok_r(buf, "\n", &save);   /* first line is cut */
    for (char *l = strtok_r(NULL, "\n", &save); l && k < LINES_PER_FILE; l = strtok_r(NULL, "\n", &save)) {
        size_t chars = 0;
        for (char *p = l; *p; p++)
            chars += ((unsigned char)*p & 0xC0) != 0x80;
        int vi = 0;   /* a line of Vietnamese text has a Vietnamese letter */
        size_t len = strlen(l);
        for (size_t i = 0; i < len && !vi;) {
            uint32_t cp = vb_utf8_next((unsigned char *)l, len, &i);
            for (int k = 0; k < VB_ENC_LETTERS && !vi; k++)
                vi = vb_enc_tab_tcvn3[k].cp == cp;
        }
        if (chars >= 40 && chars <= 2000 && vi)
            lines[k++] = strdup(l);
    }
    free(buf);
    *count = k;
    return lines;
}

/* Decodes bytes with from (NULL = auto); returns malloc'd UTF-8 or NULL. */
static char detail[256];

static char *dec(const vb_bytes *b, const char *from, char *label)
{
    vb_decoded d;
    vb_error err = {0};
    if (vb_decode((const unsigned char *)b->s, b->len, from, VB_TONE_KEEP, &d, &err) != VB_OK) {
        if (label)
            snprintf(label, 32, "error");
        return NULL;
    }
    if (label)
        snprintf(label, 32, "%s", d.encoding);
    if (label)
        snprintf(detail, sizeof detail, "%s", d.detail);
    return d.utf8;
}

/* One trial: text encoded as e, decoded by auto and by force. */
static void trial(const char *text, vb_enc_id e, tally *t, int verbose)
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
    if (!right && verbose && strlen(text) > 2000) {   /* keep a missed document */
        char path[64];
        snprintf(path, sizeof path, "/tmp/enc_eval_miss_%s.txt", vb_enc_name(e));
        FILE *f = fopen(path, "wb");
        if (f) {
            fputs(text, f);
            fclose(f);
        }
    }
    if (!right && verbose)
        fprintf(stderr, "MISS %s → %s: %.160s\n    %s\n    got %.160s\n", vb_enc_name(e), label, text,
                detail, got ? got : "");
    free(want);
    free(got);
    vb_bytes_free(&b);
}

static void report(const char *what, tally *t, size_t n)
{
    tally all = {0};
    printf("%s\n  %-16s %6s %8s %8s %8s\n", what, "encoding", "n", "right%", "label%", "exact%");
    for (size_t i = 0; i < n; i++) {
        printf("  %-16s %6ld %8.2f %8.2f %8.2f\n", vb_enc_name(encs[i]), t[i].n,
               100.0 * t[i].right / (t[i].n ? t[i].n : 1), 100.0 * t[i].label / (t[i].n ? t[i].n : 1),
               100.0 * t[i].exact / (t[i].exact_n ? t[i].exact_n : 1));
        all.n += t[i].n, all.right += t[i].right, all.label += t[i].label;
    }
    printf("  %-16s %6ld %8.2f %8.2f\n", "ALL", all.n, 100.0 * all.right / (all.n ? all.n : 1),
           100.0 * all.label / (all.n ? all.n : 1));
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
            if (!good && getenv("VERBOSE"))
                fprintf(stderr, "MIXED MISS kind %d (%s)\n", kind, label);
            vb_decoded_free(&w);
            free(got);
            vb_bytes_free(&b);
            vb_bytes_free(&want);
        }
    }
}

int main(int argc, char **argv)
{
    tally lt[NENC] = {0}, dt[NENC] = {0};
    long mok = 0, mtot = 0;
    int verbose = getenv("VERBOSE") != NULL;
    for (int a = 1; a < argc; a++) {
        size_t n = 0;
        char **lines = load_lines(argv[a], &n);
        if (!lines) {
            fprintf(stderr, "enc_eval: cannot read %s\n", argv[a]);
            return 1;
        }
        for (size_t i = 0; i < n; i++)
            for (size_t e = 0; e < NENC; e++)
                trial(lines[i], encs[e], &lt[e], verbose);
        for (size_t d = 0; d + DOC_LINES <= n; d += DOC_LINES) {
            vb_bytes doc = {0};
            for (size_t i = d; i < d + DOC_LINES; i++) {
                vb_bytes_put(&doc, lines[i], strlen(lines[i]));
                vb_bytes_put(&doc, "\n", 1);
            }
            for (size_t e = 0; e < NENC; e++)
                trial(doc.s, encs[e], &dt[e], verbose);
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
    return 0;
}
