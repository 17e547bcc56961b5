/* enc_bench.c — throughput of vb_decode --from auto (detection + decoding,
 * one thread) on corpus text encoded in several encodings; MB/s of input.
 * Usage: enc_bench CORPUS.txt [MB] */
#include "normalize/enc.h"
#include "normalize/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU time of this thread: the machine is shared, wall time is not ours. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: enc_bench CORPUS.txt [MB]\n");
        return 2;
    }
    size_t want = (size_t)(argc > 2 ? atoi(argv[2]) : 32) << 20;
    FILE *f = fopen(argv[1], "rb");
    if (!f)
        return 1;
    char *text = malloc(want + 1);
    size_t n = fread(text, 1, want, f);
    fclose(f);
    while (n && (text[n - 1] & 0xC0) == 0x80)
        n--;   /* do not cut a character */
    if (n)
        n--;
    const vb_enc_id ids[] = {VB_ENC_UTF8, VB_ENC_TCVN3, VB_ENC_VNI, VB_ENC_CP1258, VB_ENC_VISCII,
                             VB_ENC_MOJI1};
    double tot_b = 0, tot_t = 0;
    int fail = 0;
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        vb_bytes b = {0};
        if (vb_enc_encode(ids[k], text, n, &b, NULL))
            return 1;
        vb_decoded d;
        vb_error err = {0};
        double t0 = now();
        vb_status st = vb_decode((unsigned char *)b.s, b.len, NULL, 0, &d, &err);
        double t = now() - t0;
        if (st != VB_OK || strcmp(d.encoding, vb_enc_name(ids[k])) != 0) {
            fprintf(stderr, "%s: %s\n", vb_enc_name(ids[k]), st ? err.msg : d.encoding);
            fail = 1;
        }
        printf("%-14s %8.1f MB in %6.3f s CPU  %7.1f MB/s  (%s)\n", vb_enc_name(ids[k]), b.len / 1e6, t,
               b.len / 1e6 / t, st == VB_OK ? d.encoding : "error");
        tot_b += (double)b.len;
        tot_t += t;
        if (st == VB_OK)
            vb_decoded_free(&d);
        vb_bytes_free(&b);
    }
    printf("all            %8.1f MB in %6.3f s CPU  %7.1f MB/s (detection + decoding, one core)\n",
           tot_b / 1e6, tot_t, tot_b / 1e6 / tot_t);
    free(text);
    return fail;
}
