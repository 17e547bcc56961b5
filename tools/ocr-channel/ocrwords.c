/* ocrwords.c — OCR once, post-correct many times (build/eval tool).
 *
 *   ocrwords dump FILE...            vanban's ingest (preprocessing, Tesseract,
 *                                    layout) of each page image or PDF; prints
 *                                    its lines with their words' confidences
 *   ocrwords text [--no-restore] WORDS
 *                                    the lines of a dump, normalized as
 *                                    `vanban text` normalizes an OCR'd layout
 *                                    (post-correction unless --no-restore)
 *
 * Tuning the Vietnamese-model post-correction means running it over and over
 * on the same OCR output; Tesseract is by far the slow part, so it runs once.
 * Dump format, per layout line: "L\tpage\tflags\tnwords", nwords lines
 * "W\toff\tlen\tconf", then "T\t" and the line's text (tabs kept). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vanban.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"

static int dump(vb_engine *e, const char *path)
{
    vb_error err = {0};
    unsigned char *data;
    size_t len;
    vb_layout *L = NULL;
    if (vb_file_read(path, (uint64_t)1 << 30, &data, &len, &err) != VB_OK ||
        vb_ingest(e, data, len, &L, &err) != VB_OK) {
        fprintf(stderr, "ocrwords: %s: %s\n", path, err.msg);
        free(data);
        return 1;
    }
    for (size_t i = 0; i < L->nlines; i++) {
        const vb_line *ln = &L->lines[i];
        printf("L\t%d\t%u\t%zu\n", ln->page, ln->flags, ln->nwords);
        for (size_t k = 0; k < ln->nwords; k++)
            printf("W\t%zu\t%zu\t%.3f\n", ln->words[k].off, ln->words[k].len, ln->words[k].conf);
        printf("T\t%.*s\n", (int)ln->text.len, ln->text.s);
    }
    vb_layout_free(L);
    free(data);
    return 0;
}

/* Reads a dump back into a layout of OCR'd lines. */
static vb_layout *load(FILE *f)
{
    vb_layout *L = vb_layout_new();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int page = 1;
    unsigned flags = 0;
    size_t nw = 0, k = 0;
    vb_word *words = NULL;
    while (L && (n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = 0;
        if (line[0] == 'L') {
            sscanf(line, "L\t%d\t%u\t%zu", &page, &flags, &nw);
            free(words);
            words = calloc(nw ? nw : 1, sizeof *words);
            k = 0;
        } else if (line[0] == 'W' && words && k < nw) {
            sscanf(line, "W\t%zu\t%zu\t%f", &words[k].off, &words[k].len, &words[k].conf);
            words[k].box = (vb_box){-1, -1, -1, -1};
            k++;
        } else if (line[0] == 'T' && n >= 2) {
            vb_line *ln = vb_layout_add_line(L, line + 2, (size_t)n - 2, page);
            if (!ln)
                break;
            ln->flags = flags;
            ln->words = words;
            ln->nwords = k;
            ln->conf = -1;
            words = NULL;
        }
    }
    free(words);
    free(line);
    if (L) {
        L->ocr_pages = 1;
        L->format = VB_FMT_PNG;
    }
    return L;
}

static int text(vb_engine *e, const char *path)
{
    FILE *f = fopen(path, "r");
    vb_error err = {0};
    if (!f) {
        perror(path);
        return 1;
    }
    vb_layout *L = load(f);
    fclose(f);
    if (!L || vb_normalize_layout(e, L, &err) != VB_OK) {
        fprintf(stderr, "ocrwords: %s: %s\n", path, L ? err.msg : "out of memory");
        vb_layout_free(L);
        return 1;
    }
    for (size_t i = 0; i < L->nlines; i++)
        printf("%.*s\n", (int)L->lines[i].text.len, L->lines[i].text.s);
    vb_layout_free(L);
    return 0;
}

int main(int argc, char **argv)
{
    vb_options o;
    vb_error err = {0};
    vb_options_init(&o);
    int argi = 2, rc = 0;
    if (argc < 3 || (strcmp(argv[1], "dump") && strcmp(argv[1], "text"))) {
        fprintf(stderr, "usage: ocrwords dump FILE... | ocrwords text [--no-restore] WORDS\n");
        return 2;
    }
    if (!strcmp(argv[1], "text") && !strcmp(argv[2], "--no-restore"))
        o.restore = VB_RESTORE_NEVER, argi++;
    o.jobs = 1;
    vb_engine *e = vb_engine_new(&o, &err);
    if (!e) {
        fprintf(stderr, "ocrwords: %s\n", err.msg);
        return 1;
    }
    for (int i = argi; i < argc; i++)
        rc |= !strcmp(argv[1], "dump") ? dump(e, argv[i]) : text(e, argv[i]);
    vb_engine_free(e);
    return rc;
}
