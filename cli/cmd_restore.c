/* cmd_restore.c — `vanban restore [--min-conf P] [--model FILE] FILE|-`: a
 * line-preserving filter that restores diacritics and repairs OCR text.
 * Lines that already read as marked Vietnamese pass through unchanged. */
#include "cli/cli.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "normalize/restore_priv.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fputs("Usage: vanban restore [--min-conf P] [--model FILE] [--adapt FILE] [--beam N] FILE|-\n"
          "Restores Vietnamese diacritics and repairs OCR confusions, line by line.\n"
          "  --min-conf P   leave tokens whose posterior is below P (0..1, default 0)\n"
          "  --model FILE   the language model (default: $VB_MODEL, then the installed one)\n"
          "  --adapt FILE   interpolate counts from `vanban model adapt` (or $VB_ADAPT)\n"
          "  --beam N       beam width of the decoder (default 12)\n"
          "  --stats        print tokens, changes and mean confidence on stderr\n"
          "  --forms N, --span S   candidates per word: at most N skeleton forms\n"
          "                 within 10^S of the most frequent (default 12, 3)\n",
          f);
}

/* Splits data into lines (LF, keeping CR-less text) of a fresh layout. */
static vb_layout *split_lines(const char *data, size_t len, int *crlf)
{
    vb_layout *L = vb_layout_new();
    if (!L)
        return NULL;
    *crlf = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len, n = end - i;
        if (n && data[i + n - 1] == '\r')
            n--, *crlf = 1;
        if (!vb_layout_add_line(L, data + i, n, 1)) {
            vb_layout_free(L);
            return NULL;
        }
        i = end + 1;
    }
    return L;
}

static int run(const char *path, const char *model, double min_conf, int beam, int stats,
               int forms, double span, const char *adapt)
{
    vb_error err = {0};
    unsigned char *data = NULL;
    size_t len = 0;
    if (vb_file_read(strcmp(path, "-") == 0 ? "/dev/stdin" : path, 1ull << 30, &data, &len,
                     &err) != VB_OK) {
        cli_error(path, "%s", err.msg);
        return 1;
    }
    vb_model *m = NULL;
    if (vb_model_open(model, &m, &err) != VB_OK) {
        cli_error(NULL, "%s", err.msg);
        free(data);
        return 1;
    }
    if (adapt && !(m->adapt = vb_adapt_load(vb_model_lm(m), adapt, &err))) {
        cli_error(adapt, "%s", err.msg);
        vb_model_close(m);
        free(data);
        return 1;
    }
    int crlf, rc = 0;
    vb_layout *L = split_lines((const char *)data, len, &crlf);
    vb_restore_stats st;
    m->beam = beam;
    m->max_forms = forms;
    m->span = (float)span;
    if (!L || vb_restore_layout(m, L, min_conf, &st, &err) != VB_OK) {
        cli_error(path, "%s", L ? err.msg : "out of memory");
        rc = 1;
    } else {
        int trailing = len > 0 && data[len - 1] == '\n';
        for (size_t i = 0; i < L->nlines; i++) {
            fwrite(L->lines[i].text.s, 1, L->lines[i].text.len, stdout);
            if (i + 1 < L->nlines || trailing)
                fputs(crlf ? "\r\n" : "\n", stdout);
        }
        if (stats)
            fprintf(stderr, "vanban: %ld tokens, %ld changed, mean confidence %.3f\n", st.tokens,
                    st.changed, st.mean_conf);
    }
    if (fflush(stdout) != 0)
        rc = 1;
    vb_layout_free(L);
    vb_model_close(m);
    free(data);
    return rc;
}

int cmd_restore(int argc, char **argv)
{
    static const struct option lo[] = {{"min-conf", 1, 0, 'c'}, {"model", 1, 0, 'm'},
                                       {"beam", 1, 0, 'b'},     {"stats", 0, 0, 's'},
                                       {"forms", 1, 0, 'f'},    {"span", 1, 0, 'p'},
                                       {"adapt", 1, 0, 'a'},
                                       {"help", 0, 0, 'h'},     {0, 0, 0, 0}};
    double min_conf = 0;
    const char *model = NULL, *adapt = NULL;
    int beam = 12, stats = 0, forms = 0, c;
    double span = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'c':
            min_conf = strtod(optarg, &end);
            if (*end || min_conf < 0 || min_conf > 1) {
                cli_error(NULL, "--min-conf wants a number from 0 to 1");
                return 2;
            }
            break;
        case 'm': model = optarg; break;
        case 'b': beam = atoi(optarg); break;
        case 's': stats = 1; break;
        case 'f': forms = atoi(optarg); break;
        case 'a': adapt = optarg; break;
        case 'p': span = strtod(optarg, NULL); break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        return 2;
    }
    return run(argv[optind], model, min_conf, beam, stats, forms, span, adapt);
}
