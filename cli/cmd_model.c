/* cmd_model.c — `vanban model info [--model FILE]`: what the language
 * model is, how it was built, how long it takes to load. */
#include "cli/cli.h"
#include "normalize/normalize.h"
#include "normalize/restore_priv.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void usage(FILE *f)
{
    fputs("Usage: vanban model info [--model FILE]\n"
          "  info   print the language model's size, vocabulary, n-grams and recipe\n",
          f);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int info(const char *path)
{
    vb_error err = {0};
    vb_model *m;
    double t0 = now();
    if (vb_model_open(path, &m, &err) != VB_OK) {
        cli_error(NULL, "%s", err.msg);
        return 1;
    }
    double ms = (now() - t0) * 1000;
    const vb_lm_header *h = vb_lm_info(vb_model_lm(m));
    printf("format:     %.8s, order %u (interpolated modified Kneser-Ney, backoff form)\n",
           h->magic, h->order);
    printf("size:       %.1f MB (memory-mapped), opened in %.2f ms\n",
           h->file_size / 1048576.0, ms);
    printf("vocabulary: %u words\n", h->nvocab);
    printf("n-grams:    %u bigrams, %u trigrams\n", h->nbi, h->ntri);
    printf("skeletons:  %u forms in the ASCII-skeleton map\n", h->nskelforms);
    printf("trained on: %llu weighted tokens\n", (unsigned long long)h->ntokens);
    printf("recipe:     %.*s\n", (int)sizeof h->recipe, h->recipe);
    vb_model_close(m);
    return 0;
}

int cmd_model(int argc, char **argv)
{
    static const struct option lo[] = {{"model", 1, 0, 'm'}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *model = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        if (c == 'm') {
            model = optarg;
        } else if (c == 'h') {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc && strcmp(argv[optind], "info") == 0 && optind + 1 == argc)
        return info(model);
    usage(stderr);
    return 2;
}
