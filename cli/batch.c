/* batch.c — converts many inputs with N worker threads sharing one engine.
 * Outputs are written atomically (temp file in the same directory, fsync,
 * rename); --resume skips inputs whose output names the same SHA-256;
 * SIGINT/SIGTERM stop new work, a second signal abandons work in flight. */
#include "cli/batch.h"
#include "cli/cli.h"
#include "ingest/ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct batch {
    const cli_batch_opts *bo;
    vb_engine *e;
    cli_inputs *in;
    char **clash; /* per input: why its output name is taken, or NULL */
    size_t *todo; /* indices of this shard's inputs */
    size_t ntodo, next;
    int active;     /* workers still running */
    pthread_t main; /* woken with SIGUSR1 when the last worker ends */
    atomic_int stop;
    char tmptag[32]; /* temp files: OUTDIR/.../.vbtmp-<tag>-XXXXXX */
    pthread_mutex_t lock;
    cli_progress prog;
    FILE *report;
    size_t ok, failed, skipped;
    size_t by_status[VB_STATUS_COUNT]; /* failures by kind, for the summary */
} batch;

/* One input's outcome, before it is recorded. */
typedef struct outcome {
    vb_status st;
    char msg[600];
    vb_result *r;
    int skipped;
    char sha[65];
} outcome;

static void human(char *buf, size_t n, uint64_t b)
{
    if (b >= 1u << 20)
        snprintf(buf, n, "%.1f MB", (double)b / (1 << 20));
    else if (b >= 1024)
        snprintf(buf, n, "%.1f KB", (double)b / 1024);
    else
        snprintf(buf, n, "%llu bytes", (unsigned long long)b);
}

/* Sets the outcome's error; keeps errno for the caller. */
static int fail(outcome *o, vb_status st, const char *fmt, const char *a, const char *b)
{
    int e = errno;
    o->st = st;
    snprintf(o->msg, sizeof o->msg, fmt, a, b);
    errno = e;
    return -1;
}

static int read_all(int fd, unsigned char *buf, size_t want, size_t *got)
{
    while (*got < want) {
        ssize_t r = read(fd, buf + *got, want - *got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break; /* the file shrank while we read it: take what is there */
        *got += (size_t)r;
    }
    return 0;
}

/* "file too large: 300.0 MB exceeds the 256.0 MB limit (--max-file-size)" */
static int too_large(outcome *o, const char *what, uint64_t size, uint64_t limit,
                     const char *option)
{
    char h1[32], h2[32];
    human(h1, sizeof h1, size);
    human(h2, sizeof h2, limit);
    o->st = VB_ERR_LIMIT;
    snprintf(o->msg, sizeof o->msg, "%s too large: %s exceeds the %s limit%s (%s)", what, h1, h2,
             strcmp(what, "text file") == 0 ? " for text" : "", option);
    return -1;
}

static int is_text(const unsigned char *d, size_t n)
{
    vb_format f = vb_sniff(d, n);
    return f == VB_FMT_TEXT || f == VB_FMT_HTML;
}

/* Checks the type and size limits of an open file and reads it into buf
 * (size + 1 bytes). Text has its own limit (decoding multiplies its size in
 * memory), decided from the first 64 KiB before the rest is read. */
static int read_checked(const batch *b, int fd, const struct stat *sb, unsigned char **buf,
                        size_t *got, outcome *o)
{
    uint64_t size = (uint64_t)sb->st_size, max = vb_engine_options(b->e)->limits.max_file_bytes;
    if (!S_ISREG(sb->st_mode))
        return fail(o, VB_ERR_IO, "cannot convert %s%s",
                    S_ISDIR(sb->st_mode) ? "a directory" : "something that is not a file", "");
    if (max && size > max)
        return too_large(o, "file", size, max, "--max-file-size");
    if (!(*buf = malloc((size_t)size + 1)))
        return fail(o, VB_ERR_NOMEM, "out of memory reading the file%s%s", "", "");
    if (read_all(fd, *buf, size < 65536 ? (size_t)size : 65536, got) != 0)
        return fail(o, VB_ERR_IO, "cannot read: %s%s", strerror(errno), "");
    uint64_t tmax = b->bo->max_text_bytes;
    if (tmax && size > tmax && is_text(*buf, *got))
        return too_large(o, "text file", size, tmax, "--max-text-size");
    if (read_all(fd, *buf, (size_t)size, got) != 0)
        return fail(o, VB_ERR_IO, "cannot read: %s%s", strerror(errno), "");
    return 0;
}

static int read_input(const batch *b, const char *path, unsigned char **data, size_t *len,
                      outcome *o)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* a pipe must not block */
    if (fd < 0)
        return fail(o, VB_ERR_IO, "cannot open: %s%s", strerror(errno), "");
    struct stat sb;
    unsigned char *buf = NULL;
    size_t got = 0;
    int rc = fstat(fd, &sb) != 0 ? fail(o, VB_ERR_IO, "cannot read: %s%s", strerror(errno), "")
                                 : read_checked(b, fd, &sb, &buf, &got, o);
    close(fd);
    if (rc != 0) {
        free(buf);
        return -1;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return 0;
}

/* The sha256 attribute of <source> in an existing output, or "" if none. */
static void output_sha(const char *out, char sha[65])
{
    sha[0] = '\0';
    FILE *f = fopen(out, "rb");
    if (!f)
        return;
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *s = strstr(buf, "<source ");
    char *end = s ? strchr(s, '>') : NULL;
    char *a = s ? strstr(s, " sha256=\"") : NULL;
    if (!a || !end || a > end || a + 9 + 64 > end || a[9 + 64] != '"')
        return;
    memcpy(sha, a + 9, 64);
    sha[64] = '\0';
}

/* mkdir -p for the directories of path from byte `from` on. */
static int make_parents_from(char *path, size_t from)
{
    for (char *p = path + from; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        int r = mkdir(path, 0777);
        int e = errno;
        *p = '/';
        if (r != 0 && e != EEXIST) {
            errno = e;
            return -1;
        }
    }
    return 0;
}

static int make_parents(const char *outdir, char *path)
{
    return make_parents_from(path, strlen(outdir) + 1);
}

/* mkdir -p OUTDIR */
static int make_outdir(const char *outdir)
{
    size_t n = strlen(outdir);
    char *p = malloc(n + 2);
    if (!p)
        return -1;
    memcpy(p, outdir, n);
    memcpy(p + n, "/", 2);
    int rc = make_parents_from(p, 1);
    free(p);
    return rc;
}

/* Atomic: a temp file in the output's own directory, fsync, rename. */
static int write_output(const batch *b, char *out, const char *data, size_t n, outcome *o)
{
    if (make_parents(b->bo->outdir, out) != 0)
        return fail(o, VB_ERR_IO, "cannot create the output folder: %s%s", strerror(errno), "");
    int e = cli_write_atomic(out, b->tmptag, data, n);
    if (e == 0)
        return 0;
    errno = e;
    return fail(o, VB_ERR_IO, "cannot write %s: %s", out, strerror(e));
}

/* A full or read-only output disk fails every file after it: stop instead. */
static int output_dead(int e)
{
    return e == ENOSPC || e == EDQUOT || e == EROFS;
}

static char *output_path(const batch *b, const cli_input *x)
{
    size_t n = strlen(b->bo->outdir) + strlen(x->rel) + 6;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s.xml", b->bo->outdir, x->rel);
    return p;
}

static void convert_one(batch *b, const cli_input *x, char *out, outcome *o)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (read_input(b, x->path, &data, &len, o) != 0)
        return;
    if (b->bo->resume) {
        char have[65];
        vb_sha256_hex(data, len, o->sha);
        output_sha(out, have);
        if (strcmp(have, o->sha) == 0) {
            o->skipped = 1;
            free(data);
            return;
        }
    }
    vb_error err = {0};
    o->st = vb_convert_bytes(b->e, x->path, data, len, VB_WANT_XML, &o->r, &err);
    free(data);
    if (o->st != VB_OK) {
        snprintf(o->msg, sizeof o->msg, "%s", err.msg[0] ? err.msg : vb_strerror(o->st));
        return;
    }
    memcpy(o->sha, o->r->sha256, sizeof o->sha);
    if (write_output(b, out, o->r->xml, o->r->xml_len, o) != 0) {
        if (output_dead(errno) && !atomic_exchange(&b->stop, 1))
            snprintf(o->msg + strlen(o->msg), sizeof o->msg - strlen(o->msg),
                     " — stopping: no file can be written there (--resume later)");
        vb_result_free(o->r);
        o->r = NULL;
    }
}

static void record(batch *b, const cli_input *x, const char *out, outcome *o, double secs)
{
    const char *status = o->skipped ? "skipped" : o->st == VB_OK ? "ok" : "failed";
    pthread_mutex_lock(&b->lock);
    b->prog.done++;
    if (o->skipped) {
        b->skipped++;
        b->prog.skipped++;
    } else if (o->st == VB_OK) {
        b->ok++;
        b->prog.pages += o->r->pages;
    } else {
        b->failed++;
        b->prog.failed++;
        if (o->st > VB_OK && o->st < VB_STATUS_COUNT)
            b->by_status[o->st]++;
        cli_progress_clear(&b->prog);
        cli_error(x->path, "%s", o->msg);
    }
    if (b->report) {
        cli_report_row row = {.path = x->path,
                              .output = o->st == VB_OK ? out : NULL,
                              .status = status,
                              .r = o->r,
                              .seconds = secs,
                              .sha256 = o->sha};
        if (o->st != VB_OK) {
            row.error = o->msg;
            row.kind = vb_strerror(o->st);
        }
        cli_report_write(b->report, &row);
    }
    pthread_mutex_unlock(&b->lock);
}

static void process(batch *b, size_t idx)
{
    const cli_input *x = &b->in->v[idx];
    outcome o = {.st = VB_OK};
    double t0 = cli_now();
    char *out = output_path(b, x);
    if (!out)
        fail(&o, VB_ERR_NOMEM, "out of memory%s%s", "", "");
    else if (x->err)
        fail(&o, (vb_status)x->status, "%s%s", x->err, "");
    else if (b->clash[idx])
        fail(&o, VB_ERR_USAGE, "%s%s", b->clash[idx], "");
    else
        convert_one(b, x, out, &o);
    record(b, x, out, &o, cli_now() - t0);
    vb_result_free(o.r);
    free(out);
}

static void *worker(void *arg)
{
    batch *b = arg;
    for (;;) {
        if (atomic_load(&b->stop))
            break;
        pthread_mutex_lock(&b->lock);
        size_t i = b->next < b->ntodo ? b->next++ : b->ntodo;
        pthread_mutex_unlock(&b->lock);
        if (i >= b->ntodo)
            break;
        process(b, b->todo[i]);
    }
    pthread_mutex_lock(&b->lock);
    if (--b->active == 0)
        pthread_kill(b->main, SIGUSR1); /* blocked and awaited: no handler runs */
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

/* ---- set-up: clashes, shard, stale temp files --------------------------- */

static const cli_inputs *sort_in;
static int by_rel(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(sort_in->v[i].rel, sort_in->v[j].rel);
    return c ? c : (i > j) - (i < j);
}

/* Two inputs with the same relative path would write the same output: the
 * later one (in argument order) fails and says which input has the name. */
static int find_clashes(batch *b)
{
    size_t n = b->in->n;
    size_t *ix = malloc((n ? n : 1) * sizeof *ix);
    b->clash = calloc(n ? n : 1, sizeof *b->clash);
    if (!ix || !b->clash) {
        free(ix);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        ix[i] = i;
    sort_in = b->in;
    qsort(ix, n, sizeof *ix, by_rel);
    for (size_t k = 1; k < n; k++) {
        const cli_input *first = &b->in->v[ix[k - 1]], *x = &b->in->v[ix[k]];
        if (strcmp(first->rel, x->rel) != 0 || x->err)
            continue;
        size_t len = strlen(first->path) + strlen(x->rel) + 96;
        char *m = malloc(len);
        if (m)
            snprintf(m, len, "output name taken: %s also becomes %s.xml (rename one)", first->path,
                     x->rel);
        b->clash[ix[k]] = m;
        if (!m) {
            free(ix);
            return -1;
        }
    }
    free(ix);
    return 0;
}

static int select_shard(batch *b)
{
    b->todo = malloc((b->in->n ? b->in->n : 1) * sizeof *b->todo);
    if (!b->todo)
        return -1;
    for (size_t i = 0; i < b->in->n; i++)
        if (b->bo->nshards <= 1 || cli_shard_of(b->in->v[i].rel, b->bo->nshards) == b->bo->shard)
            b->todo[b->ntodo++] = i;
    return 0;
}

/* Removes temp files a killed run left (only this shard's when sharded). */
static void remove_stale_temps(const batch *b)
{
    char prefix[48];
    snprintf(prefix, sizeof prefix, ".vbtmp-%s-", b->bo->nshards > 1 ? b->tmptag : "");
    size_t plen = strlen(prefix) - (b->bo->nshards > 1 ? 0 : 1);
    char *paths[] = {(char *)b->bo->outdir, NULL};
    FTS *f = fts_open(paths, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
    if (!f)
        return;
    FTSENT *e;
    while ((e = fts_read(f)) != NULL)
        if (e->fts_info == FTS_F && strncmp(e->fts_name, prefix, plen) == 0)
            unlink(e->fts_accpath);
    fts_close(f);
}

/* ---- the run ----------------------------------------------------------- */

/* Waits for the workers, drawing progress; returns the signal that stopped
 * the run (0 if none). A second signal abandons the files in flight. */
static int supervise(batch *b, const sigset_t *sigs)
{
    int sig = 0;
    for (;;) {
        pthread_mutex_lock(&b->lock);
        int active = b->active;
        cli_progress_draw(&b->prog);
        pthread_mutex_unlock(&b->lock);
        if (active == 0)
            return sig;
        struct timespec ts = {0, 200 * 1000 * 1000};
        int s = sigtimedwait(sigs, NULL, &ts);
        if (s <= 0 || s == SIGUSR1)
            continue;
        pthread_mutex_lock(&b->lock);
        cli_progress_clear(&b->prog);
        if (sig) {
            fprintf(stderr, "vanban: abandoning %d file(s) in progress\n", active);
            pthread_mutex_unlock(&b->lock);
            return -s;
        }
        sig = s;
        atomic_store(&b->stop, 1);
        fprintf(stderr,
                "vanban: interrupted: finishing %d file(s) in progress "
                "(signal again to abandon them)\n",
                active);
        pthread_mutex_unlock(&b->lock);
    }
}

static void summary(const batch *b, double secs, int sig)
{
    size_t left = b->ntodo - b->ok - b->failed - b->skipped;
    fprintf(stderr, "vanban: %zu converted, %zu failed, %zu skipped", b->ok, b->failed, b->skipped);
    if (left)
        fprintf(stderr, ", %zu not done", left);
    fprintf(stderr, " (of %zu", b->ntodo);
    if (b->bo->nshards > 1)
        fprintf(stderr, " in shard %u/%u", b->bo->shard, b->bo->nshards);
    fprintf(stderr, ") in %.1f s%s\n", secs, sig ? ", interrupted" : "");
    if (!b->failed)
        return;
    fputs("vanban: failed:", stderr); /* by kind, most first */
    size_t printed = 0;
    for (size_t top = b->failed; printed < b->failed && top > 0; top--)
        for (int s = 1; s < VB_STATUS_COUNT; s++)
            if (b->by_status[s] == top) {
                fprintf(stderr, "%s %zu %s", printed ? "," : "", top, vb_strerror((vb_status)s));
                printed += top;
            }
    fputc('\n', stderr);
}

static int start(batch *b, pthread_t *tids, int n)
{
    int started = 0;
    for (; started < n; started++) {
        pthread_mutex_lock(&b->lock);
        b->active++;
        pthread_mutex_unlock(&b->lock);
        if (pthread_create(&tids[started], NULL, worker, b) != 0) {
            pthread_mutex_lock(&b->lock);
            b->active--;
            pthread_mutex_unlock(&b->lock);
            break;
        }
    }
    return started;
}

static void batch_free(batch *b)
{
    for (size_t i = 0; b->clash && i < b->in->n; i++)
        free(b->clash[i]);
    free(b->clash);
    free(b->todo);
    if (b->report)
        fclose(b->report);
    vb_engine_free(b->e);
    pthread_mutex_destroy(&b->lock);
}

static int prepare(batch *b, const vb_options *vo)
{
    vb_error err = {0};
    if (make_outdir(b->bo->outdir) != 0) {
        cli_error(b->bo->outdir, "cannot create the output folder: %s", strerror(errno));
        return -1;
    }
    if (b->bo->report && !(b->report = fopen(b->bo->report, "w"))) {
        cli_error(b->bo->report, "cannot write the report: %s", strerror(errno));
        return -1;
    }
    if (find_clashes(b) != 0 || select_shard(b) != 0) {
        cli_error(NULL, "out of memory");
        return -1;
    }
    if (!(b->e = vb_engine_new(vo, &err))) {
        cli_error(NULL, "%s", err.msg);
        return -1;
    }
    remove_stale_temps(b);
    return 0;
}

/* Blocks SIGINT/SIGTERM/SIGUSR1 (threads inherit the mask: only the main
 * thread takes them, in sigtimedwait). */
static void block_signals(sigset_t *sigs, sigset_t *old)
{
    sigemptyset(sigs);
    sigaddset(sigs, SIGINT);
    sigaddset(sigs, SIGTERM);
    sigaddset(sigs, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, sigs, old);
}

static void restore_signals(const sigset_t *old)
{
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    struct timespec zero = {0, 0};
    while (sigtimedwait(&usr1, NULL, &zero) > 0)
        ; /* the wake-up, if it came after the last look */
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* A second signal: the workers still hold the engine, so no clean-up; the
 * report keeps every finished line, temp files go at the next run. */
static void abandon(batch *b, int sig)
{
    pthread_mutex_lock(&b->lock);
    summary(b, cli_now() - b->prog.start, sig);
    if (b->report)
        fflush(b->report);
    _exit(128 + sig);
}

int cli_batch_run(const vb_options *vo, const cli_batch_opts *bo, cli_inputs *in)
{
    batch b = {.bo = bo, .in = in, .main = pthread_self()};
    pthread_mutex_init(&b.lock, NULL);
    snprintf(b.tmptag, sizeof b.tmptag, "%uof%u", bo->shard, bo->nshards ? bo->nshards : 1);
    if (prepare(&b, vo) != 0) {
        batch_free(&b);
        return 1;
    }
    sigset_t sigs, old;
    block_signals(&sigs, &old);
    int n = bo->jobs < 1 ? 1 : bo->jobs;
    if ((size_t)n > b.ntodo)
        n = b.ntodo ? (int)b.ntodo : 1;
    pthread_t *tids = calloc((size_t)n, sizeof *tids);
    cli_progress_init(&b.prog, b.ntodo, !bo->quiet);
    int started = tids ? start(&b, tids, n) : 0;
    int sig = started == 0 && b.ntodo ? 0 : supervise(&b, &sigs);
    if (sig < 0)
        abandon(&b, -sig);
    for (int i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    free(tids);
    cli_progress_clear(&b.prog);
    if (started == 0 && b.ntodo)
        cli_error(NULL, "cannot start worker threads");
    else if (!bo->quiet || sig || b.failed)
        summary(&b, cli_now() - b.prog.start, sig);
    restore_signals(&old);
    int rc = sig ? 128 + sig : b.failed || (started == 0 && b.ntodo) ? 1 : 0;
    batch_free(&b);
    return rc;
}
