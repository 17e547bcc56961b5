/* batch.h — private to the CLI: `vanban convert -o OUTDIR PATH...` over many
 * inputs. walk.c lists the inputs, batch.c runs the worker pool, progress.c
 * draws the terminal line, report.c writes the JSON-lines report. */
#ifndef VB_CLI_BATCH_H
#define VB_CLI_BATCH_H

#include "core/vanban.h"

#include <stdint.h>
#include <stdio.h>

/* One input found by the walk. rel is the path relative to its root (a file
 * named on the command line: its base name); it names the output and picks
 * the shard. err is set when the walk already knows it cannot be read. */
typedef struct cli_input {
    char *path;
    char *rel;
    char *err;
    int status; /* vb_status for err */
} cli_input;

typedef struct cli_inputs {
    cli_input *v;
    size_t n, cap;
} cli_inputs;

/* Appends every input under root (a file or a directory, walked recursively
 * following symlinks; loops, broken links and special files become inputs
 * with err set). name_root: relative paths of a directory's files start
 * with the directory's own name (used when several PATHs are given, so
 * 2019/a.txt and 2020/a.txt don't collide). skip_dev/skip_ino: a directory
 * not to enter (the output directory), 0/0 for none. Returns 0, or -1 on
 * out of memory. */
int cli_walk(const char *root, int name_root, uint64_t skip_dev, uint64_t skip_ino,
             cli_inputs *out);
void cli_inputs_free(cli_inputs *in);

/* Which of N shards a relative path belongs to (0-based, stable everywhere). */
unsigned cli_shard_of(const char *rel, unsigned nshards);

typedef struct cli_batch_opts {
    const char *outdir;
    int jobs; /* worker threads, >= 1 */
    int resume;
    int quiet;
    const char *report; /* JSON-lines file, or NULL */
    unsigned shard, nshards;
    uint64_t max_text_bytes; /* text/HTML inputs past this fail (memory bound) */
} cli_batch_opts;

/* Converts every input; returns the exit status (0 all ok or skipped,
 * 1 some failed, 128+signal when interrupted). */
int cli_batch_run(const vb_options *vo, const cli_batch_opts *bo, cli_inputs *in);

/* ---- progress.c ---- */
typedef struct cli_progress {
    size_t total, done, failed, skipped;
    long pages;
    double start; /* monotonic seconds */
    int tty;      /* draw at all */
    int drawn;    /* a line is on screen */
} cli_progress;

double cli_now(void);
void cli_progress_init(cli_progress *p, size_t total, int enabled);
void cli_progress_draw(cli_progress *p);
void cli_progress_clear(cli_progress *p); /* erase the line before other output */

/* ---- report.c ---- */
typedef struct cli_report_row {
    const char *path, *output, *status, *error, *kind;
    const vb_result *r; /* NULL when failed or skipped */
    double seconds;
    const char *sha256; /* "" when unknown */
} cli_report_row;

void cli_report_write(FILE *f, const cli_report_row *row);
/* Writes s as a JSON string (quotes included); invalid UTF-8 → U+FFFD. */
void cli_json_string(FILE *f, const char *s);

#endif
