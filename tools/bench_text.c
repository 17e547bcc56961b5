/* bench_text.c — the text path's throughput: every FILE is read into memory
 * first, then each goes through vb_convert_bytes (decode → normalize →
 * extract → XML → RELAX NG validation) on this one thread; prints MB/s and
 * documents/s of the conversions alone (no file I/O in the timing), by
 * wall clock and by this process's CPU time (the machine may be shared).
 * Usage: bench_text FILE... */
#include "core/vanban.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int n = argc - 1;
    unsigned char **data = calloc((size_t)n + 1, sizeof *data);
    size_t *len = calloc((size_t)n + 1, sizeof *len), total = 0;
    vb_error err = {0};
    for (int i = 0; i < n; i++) {
        if (vb_file_read(argv[i + 1], 1u << 30, &data[i], &len[i], &err) != VB_OK) {
            fprintf(stderr, "%s: %s\n", argv[i + 1], err.msg);
            return 1;
        }
        total += len[i];
    }
    vb_options o;
    vb_options_init(&o);
    vb_engine *e = vb_engine_new(&o, &err);
    int failed = 0;
    double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    for (int i = 0; e && i < n; i++) {
        vb_result *r = NULL;
        vb_error_clear(&err);
        if (vb_convert_bytes(e, argv[i + 1], data[i], len[i], VB_WANT_XML, &r, &err) != VB_OK) {
            fprintf(stderr, "%s: %s\n", argv[i + 1], err.msg);
            failed++;
        }
        vb_result_free(r);
    }
    double s = now(CLOCK_MONOTONIC) - t0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    double mb = (double)total / 1e6;
    printf(
        "bench-text: %d documents, %.2f MB (one thread, bytes in memory -> validated plan XML)%s\n"
        "  wall %.2f s: %.2f MB/s, %.0f documents/s\n"
        "  cpu  %.2f s: %.2f MB/s, %.0f documents/s\n",
        n, mb, failed ? ", SOME FAILED" : "", s, mb / s, n / s, cpu, mb / cpu, n / cpu);
    vb_engine_free(e);
    for (int i = 0; i < n; i++)
        free(data[i]);
    free(data);
    free(len);
    return failed ? 1 : 0;
}
