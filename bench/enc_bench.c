/* enc_bench.c — throughput of vb_decode --from auto (detection + decoding,
 * one thread) on corpus text encoded in every encoding; MB/s of input,
 * measured in this thread's CPU time (the machine is shared: wall time is
 * not ours), each encoding decoded RUNS times: median and best.
 * Usage: enc_bench [--model FILE|none] [--runs N] CORPUS.txt [MB [ENC,ENC...]]
 * The model (default $VB_MODEL, then none) is what `vanban decode` uses to
 * tell alike readings apart. */
#include "normalize/enc.h"
#include "normalize/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_RUNS 15

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

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* One encoding: encode, then time vb_decode --from auto runs times. 0 when
 * it was detected as what it is every time. */
static int run(vb_enc_id id, const char *text, size_t n, const vb_model *m, int runs, double *tb,
               double *tt)
{
    vb_bytes b = {0};
    if (vb_enc_encode(id, text, n, &b, NULL))
        return -1;
    double t[MAX_RUNS];
    int bad = 0;
    char got[32] = "";
    for (int r = 0; r < runs; r++) {
        vb_decoded d;
        vb_error err = {0};
        double t0 = now();
        vb_status st = vb_decode_lm((unsigned char *)b.s, b.len, NULL, 0, m, &d, &err);
        t[r] = now() - t0;
        snprintf(got, sizeof got, "%s", st == VB_OK ? d.encoding : "error");
        bad |= st != VB_OK || strcmp(got, vb_enc_name(id)) != 0;
        if (st == VB_OK)
            vb_decoded_free(&d);
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    double med = t[runs / 2];
    printf("%-16s %6.1f MB  %7.3f s CPU  %7.1f MB/s  (best %7.1f)  %s\n", vb_enc_name(id), b.len / 1e6, med,
           b.len / 1e6 / med, b.len / 1e6 / t[0], got);
    *tb += (double)b.len;
    *tt += med;
    vb_bytes_free(&b);
    return bad;
}

int main(int argc, char **argv)
{
    const char *mpath = getenv("VB_MODEL");
    int a = 1, runs = 3;
    for (; a + 1 < argc && argv[a][0] == '-' && argv[a][1] == '-'; a += 2) {
        if (strcmp(argv[a], "--model") == 0)
            mpath = argv[a + 1];
        else if (strcmp(argv[a], "--runs") == 0)
            runs = atoi(argv[a + 1]);
    }
    if (a >= argc || runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "usage: enc_bench [--model FILE|none] [--runs 1..%d] CORPUS.txt [MB [ENC,...]]\n",
                MAX_RUNS);
        return 2;
    }
    vb_model *m = NULL;
    vb_error err = {0};
    if (mpath && *mpath && strcmp(mpath, "none") != 0 && vb_model_open(mpath, &m, &err) != VB_OK) {
        fprintf(stderr, "enc_bench: %s\n", err.msg);
        return 1;
    }
    size_t n;
    char *text = load(argv[a], a + 1 < argc ? (size_t)atoi(argv[a + 1]) : 32, &n);
    if (!text)
        return 1;
    char load_avg[64] = "?";
    FILE *la = fopen("/proc/loadavg", "r");
    if (la && fgets(load_avg, sizeof load_avg, la))
        load_avg[strcspn(load_avg, "\n")] = 0;
    if (la)
        fclose(la);
    printf("model: %s; %d runs each, median (and best) thread CPU time; load average %s\n",
           m ? mpath : "none", runs, load_avg);
    double tot_b = 0, tot_t = 0;
    int fail = 0;
    for (int id = 0; id < VB_ENC_COUNT; id++)
        if (a + 2 >= argc || in_list(argv[a + 2], vb_enc_name((vb_enc_id)id)))
            fail |= run((vb_enc_id)id, text, n, m, runs, &tot_b, &tot_t) != 0;
    printf("all              %6.1f MB  %7.3f s CPU  %7.1f MB/s (detection + decoding, one core)\n",
           tot_b / 1e6, tot_t, tot_b / 1e6 / tot_t);
    free(text);
    vb_model_close(m);
    return fail;
}
