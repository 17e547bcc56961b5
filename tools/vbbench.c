/* vbbench.c — restoration benchmark: model load time, syllables per second
 * restoring ASCII-stripped text (one core), peak resident memory.
 * Usage: vbbench MODEL TEXT [MAX_LINES] */
#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "normalize/restore_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Strips marks the way `vneval strip` does: every letter to its skeleton. */
static void strip_line(const char *s, size_t n, vb_buf *out)
{
    for (size_t i = 0; i < n;) {
        int len;
        vb_vnchar v;
        uint32_t cp = vb_utf8_get(s + i, n - i, &len);
        if (vb_vnchar_get(cp, &v)) {
            char c = cp == v.upper && cp != v.lower ? (char)(v.base - 32) : v.base;
            vb_buf_cat(out, &c, 1);
        } else {
            vb_buf_cat(out, s + i, (size_t)len);
        }
        i += (size_t)len;
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: vbbench MODEL TEXT [MAX_LINES]\n");
        return 2;
    }
    long max_lines = argc > 3 ? atol(argv[3]) : 20000;
    vb_error err = {0};
    double t0 = now();
    vb_model *m;
    if (vb_model_open(argv[1], &m, &err) != VB_OK) {
        fprintf(stderr, "vbbench: %s\n", err.msg);
        return 1;
    }
    double load = now() - t0;
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    vb_layout *L = vb_layout_new();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    vb_buf b;
    vb_buf_init(&b);
    for (long k = 0; k < max_lines && (n = getline(&line, &cap, f)) > 0; k++) {
        b.len = 0;
        strip_line(line, (size_t)(line[n - 1] == '\n' ? n - 1 : n), &b);
        vb_layout_add_line(L, b.s ? b.s : "", b.len, 1);
    }
    fclose(f);
    free(line);
    vb_buf_free(&b);
    vb_restore_stats st;
    double c0 = cpu();
    if (vb_restore_layout(m, L, 0.0, &st, &err) != VB_OK) {
        fprintf(stderr, "vbbench: %s\n", err.msg);
        return 1;
    }
    double secs = cpu() - c0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("restore: %ld syllables in %.2f s CPU = %.0f syllables/s (one core)\n", st.tokens, secs,
           st.tokens / secs);
    printf("restore: model load %.1f ms\n", load * 1000);
    printf("restore: peak RSS %.1f MB\n", ru.ru_maxrss / 1024.0);
    vb_layout_free(L);
    vb_model_close(m);
    return 0;
}
