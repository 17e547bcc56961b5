/* cmd_model.c — `vanban model info`: what the language model is, how it
 * was built, how long it takes to load; `vanban model adapt DIR -o FILE`:
 * n-gram counts from a user's clean documents, for `restore --adapt FILE`
 * (or $VB_ADAPT) to interpolate with the model. */
#include "cli/cli.h"
#include "normalize/normalize.h"
#include "normalize/restore_priv.h"

#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void usage(FILE *f)
{
    fputs("Usage: vanban model info [--model FILE]\n"
          "       vanban model adapt DIR [-o FILE] [--model FILE]\n"
          "  info   print the language model's size, vocabulary, n-grams and recipe\n"
          "  adapt  learn n-gram counts from the clean UTF-8 texts (*.txt) in DIR and\n"
          "         write them to FILE (default vanban-adapt.tsv); use them with\n"
          "         `vanban restore --adapt FILE` or VB_ADAPT=FILE\n",
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
    printf("n-grams:   ");
    for (uint32_t k = 2; k <= h->order; k++)
        printf(" %u %u-grams%s", h->ng_n[k], k, k < h->order ? "," : "\n");
    printf("skeletons:  %u forms in the ASCII-skeleton map\n", h->nskelforms);
    printf("trained on: %llu weighted tokens\n", (unsigned long long)h->ntokens);
    printf("recipe:     %.*s\n", (int)sizeof h->recipe, h->recipe);
    vb_model_close(m);
    return 0;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n > m && strcmp(s + n - m, suf) == 0;
}

static int adapt(const char *model, const char *dir, const char *out)
{
    vb_error err = {0};
    vb_model *m;
    if (vb_model_open(model, &m, &err) != VB_OK) {
        cli_error(NULL, "%s", err.msg);
        return 1;
    }
    vb_adapt *a = vb_adapt_new(vb_model_lm(m));
    DIR *d = opendir(dir);
    int rc = 0, files = 0;
    if (!a || !d) {
        cli_error(dir, "%s", a ? "cannot open the directory" : "out of memory");
        rc = 1;
    }
    struct dirent *de;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (!has_suffix(de->d_name, ".txt"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        unsigned char *data;
        size_t len;
        if (vb_file_read(path, 256u << 20, &data, &len, &err) != VB_OK) {
            cli_error(path, "%s", err.msg);
            continue;
        }
        if (vb_adapt_learn(a, (const char *)data, len) != 0)
            rc = 1;
        files++;
        free(data);
    }
    if (d)
        closedir(d);
    FILE *f = rc == 0 ? fopen(out, "w") : NULL;
    if (rc == 0 && (!f || vb_adapt_save(a, f) != 0 || fclose(f) != 0)) {
        cli_error(out, "cannot write");
        rc = 1;
    } else if (rc == 0) {
        fprintf(stderr, "vanban: learned from %d files → %s\n", files, out);
    }
    vb_adapt_free(a);
    vb_model_close(m);
    return rc;
}

int cmd_model(int argc, char **argv)
{
    static const struct option lo[] = {{"model", 1, 0, 'm'}, {"output", 1, 0, 'o'},
                                       {"help", 0, 0, 'h'},  {0, 0, 0, 0}};
    const char *model = NULL, *out = "vanban-adapt.tsv";
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", lo, NULL)) != -1) {
        if (c == 'm') {
            model = optarg;
        } else if (c == 'o') {
            out = optarg;
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
    if (optind < argc && strcmp(argv[optind], "adapt") == 0 && optind + 2 == argc)
        return adapt(model, argv[optind + 1], out);
    usage(stderr);
    return 2;
}
