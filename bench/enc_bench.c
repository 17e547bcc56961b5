/* enc_bench.c — throughput of vb_decode --from auto (detection + decoding,
 * one thread) on corpus text encoded in every encoding; MB/s of input,
 * measured in this thread's CPU time.
 * Usage: enc_bench [--model FILE|none] CORPUS.txt [MB [ENC,ENC...]]
 * The model (default $VB_MODEL, then none) is what `vanban decode` uses to
 * break ties. */
#include "normalize/enc.h"
#include "normalize/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

/* CPU time of this thread: the machine is shared, wall time is not ours. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Is name one of the comma-separated list? */
static int in_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
        if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == 0))
            return 1;
    return 0;
}

/* The first MB megabytes of path, cut after a whole line. */
static char *load(const char *path, size_t mb, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = malloc((mb << 20) + 1);
    *n = text ? fread(text, 1, mb << 20, f) : 0;
    fclose(f);
    while (*n && text[*n - 1] != '\n')
        --*n;
    return text;
}

/* One encoding: encode, then time vb_decode --from auto. 0 when it was
 * detected as what it is. */
static int run(vb_enc_id id, const char *text, size_t n, const vb_model *m, double *tb, double *tt)
{
    vb_bytes b = {0};
    if (vb_enc_encode(id, text, n, &b, NULL))
        return -1;
    vb_decoded d;
    vb_error err = {0};
    struct rusage r0, r1;
    getrusage(RUSAGE_THREAD, &r0);
    double t0 = now();
    vb_status st = vb_decode_lm((unsigned char *)b.s, b.len, NULL, 0, m, &d, &err);
    double t = now() - t0;
    getrusage(RUSAGE_THREAD, &r1);
    fprintf(stderr, "  faults %ld, user %.3f sys %.3f\n", r1.ru_minflt - r0.ru_minflt,
            (r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) + (r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e6,
            (r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) + (r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e6);
    int bad = st != VB_OK || strcmp(d.encoding, vb_enc_name(id)) != 0;
    if (bad)
        fprintf(stderr, "%s: %s\n", vb_enc_name(id), st ? err.msg : d.encoding);
    printf("%-16s %6.1f MB in %6.3f s CPU  %7.1f MB/s  (%s)\n", vb_enc_name(id), b.len / 1e6, t,
           b.len / 1e6 / t, st == VB_OK ? d.encoding : "error");
    *tb += (double)b.len;
    *tt += t;
    if (st == VB_OK)
        vb_decoded_free(&d);
    vb_bytes_free(&b);
    return bad;
}

int main(int argc, char **argv)
{
    const char *mpath = getenv("VB_MODEL");
    int a = 1;
    if (a + 1 < argc && strcmp(argv[a], "--model") == 0) {
        mpath = argv[a + 1];
        a += 2;
    }
    if (a >= argc) {
        fprintf(stderr, "usage: enc_bench [--model FILE|none] CORPUS.txt [MB [ENC,...]]\n");
        return 2;
    }
    vb_model *m = NULL;
    vb_error err = {0};
    if (mpath && *mpath && strcmp(mpath, "none") != 0 && vb_model_open(mpath, &m, &err) != VB_OK) {
        fprintf(stderr, "enc_bench: %s\n", err.msg);
        return 1;
    }
    printf("model: %s\n", m ? mpath : "none");
    size_t n;
    char *text = load(argv[a], a + 1 < argc ? (size_t)atoi(argv[a + 1]) : 32, &n);
    if (!text)
        return 1;
    double tot_b = 0, tot_t = 0;
    int fail = 0;
    for (int id = 0; id < VB_ENC_COUNT; id++)
        if (a + 2 >= argc || in_list(argv[a + 2], vb_enc_name((vb_enc_id)id)))
            fail |= run((vb_enc_id)id, text, n, m, &tot_b, &tot_t) != 0;
    printf("all              %6.1f MB in %6.3f s CPU  %7.1f MB/s (detection + decoding, one core)\n",
           tot_b / 1e6, tot_t, tot_b / 1e6 / tot_t);
    free(text);
    vb_model_close(m);
    return fail;
}
