/* chaneval.c — measures the OCR channel's candidates (build/eval tool).
 *
 *   chaneval TSV MODEL VOCAB < PAIRS
 *
 * PAIRS: "truth\tocr" lines, one per truth token (ocr empty when the aligner
 * found no 1:1 partner). VOCAB: one lower-case word a line. For every token
 * it asks vb_channel_candidates for 20 candidates filtered by the vocabulary
 * and prints the share whose truth is first / among the first 10 / 20 (the
 * oracle a decoder can reach), and the CPU time per call. CHANEVAL_MISSES=1 lists
 * the misses on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ucasemap.h>

#include "normalize/channel.h"

static char **vocab;
static size_t nvocab;
static UCaseMap *lower;

static int scmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_vocab(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[256];
    size_t cap = 0;
    if (!f) return -1;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (nvocab == cap && !(vocab = realloc(vocab, sizeof *vocab * (cap = cap ? 2 * cap : 4096))))
            return -1;
        if (!(vocab[nvocab++] = strdup(line))) return -1;
    }
    fclose(f);
    qsort(vocab, nvocab, sizeof *vocab, scmp);
    return 0;
}

/* Case-insensitive vocabulary test, the `known` callback. */
static long nknown;

static int known(void *ctx, const char *s, size_t n)
{
    nknown++;
    char buf[256];
    const char *key = buf;
    UErrorCode e = U_ZERO_ERROR;
    (void)ctx;
    int32_t k = ucasemap_utf8ToLower(lower, buf, sizeof buf - 1, s, (int32_t)n, &e);
    if (U_FAILURE(e) || k >= (int32_t)sizeof buf) return 0;
    buf[k] = 0;
    return bsearch(&key, vocab, nvocab, sizeof *vocab, scmp) != NULL;
}

int main(int argc, char **argv)
{
    vb_channel *ch;
    vb_error err = {0};
    UErrorCode e = U_ZERO_ERROR;
    if (argc != 4) return fputs("usage: chaneval TSV MODEL VOCAB < PAIRS\n", stderr), 2;
    if (vb_channel_load_model(argv[1], argv[2], &ch, &err) != VB_OK)
        return fprintf(stderr, "%s\n", err.msg), 1;
    lower = ucasemap_open("", 0, &e);
    if (load_vocab(argv[3]) < 0 || U_FAILURE(e)) return perror(argv[3]), 1;
    char line[512];
    long oov = 0, tokens = 0, aligned = 0, same = 0, top1 = 0, top10 = 0, top20 = 0, errtok = 0, errhit = 0;
    double secs = 0;
    while (fgets(line, sizeof line, stdin)) {
        char *t = strtok(line, "\t\n"), *o = strtok(NULL, "\t\n");
        if (!t) continue;
        tokens++;
        oov += !known(NULL, t, strlen(t));
        nknown--; /* not the search's */
        if (!o) continue;
        aligned++;
        vb_cand c[20];
        struct timespec a, b;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
        size_t n = vb_channel_candidates(ch, o, strlen(o), known, NULL, c, 20);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
        secs += (double)(b.tv_sec - a.tv_sec) + 1e-9 * (double)(b.tv_nsec - a.tv_nsec);
        int hit = 0;
        for (size_t i = 0; i < n; i++)
            if (!strcmp(c[i].text, t)) hit = i < 10, top1 += i == 0, top20++;
        top10 += hit;
        if (!hit && getenv("CHANEVAL_MISSES")) fprintf(stderr, "miss %s <- %s\n", t, o);
        same += !strcmp(t, o);
        if (strcmp(t, o)) errtok++, errhit += hit;
    }
    printf("tokens %ld, aligned 1:1 %ld, OCR already right %ld (%.1f %%)\n", tokens, aligned, same,
           100.0 * same / (tokens ? tokens : 1));
    printf("truth in top-10 candidates: %ld (%.1f %% of tokens); first: %ld (%.1f %%)\n", top10,
           100.0 * top10 / (tokens ? tokens : 1), top1, 100.0 * top1 / (tokens ? tokens : 1));
    printf("truth not in the vocabulary: %ld (%.1f %%)\n", oov, 100.0 * oov / (tokens ? tokens : 1));
    printf("truth in top-20: %ld (%.1f %%)\n", top20, 100.0 * top20 / (tokens ? tokens : 1));
    printf("wrong OCR tokens aligned: %ld, truth in their top-10: %ld (%.1f %%)\n", errtok, errhit,
           100.0 * errhit / (errtok ? errtok : 1));
    printf("CPU time per token: %.1f us (including %.1f vocabulary look-ups)\n",
           1e6 * secs / (aligned ? aligned : 1), (double)nknown / (aligned ? aligned : 1));
    vb_channel_free(ch);
    ucasemap_close(lower);
    for (size_t i = 0; i < nvocab; i++) free(vocab[i]);
    free(vocab);
    return 0;
}
