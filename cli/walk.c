/* walk.c — lists the inputs under each PATH with fts(3) (FTS_LOGICAL follows
 * symlinks and reports directory cycles as FTS_DC, so loops are found by the
 * C library, not by hand). Entries are sorted by name: the order, the
 * relative paths and so the shards are the same on every machine. */
#include "cli/batch.h"
#include "ingest/ingest.h"

#include <errno.h>
#include <fts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int by_name(const FTSENT **a, const FTSENT **b)
{
    return strcmp((*a)->fts_name, (*b)->fts_name);
}

static int push(cli_inputs *in, const char *path, const char *rel, int status, const char *fmt,
                const char *arg)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 64;
        cli_input *v = realloc(in->v, cap * sizeof *v);
        if (!v)
            return -1;
        in->v = v;
        in->cap = cap;
    }
    cli_input *x = &in->v[in->n];
    memset(x, 0, sizeof *x);
    x->path = strdup(path);
    x->rel = strdup(rel);
    x->status = status;
    if (fmt) {
        size_t n = strlen(fmt) + (arg ? strlen(arg) : 0) + 1;
        x->err = malloc(n);
        if (x->err)
            snprintf(x->err, n, fmt, arg ? arg : "");
    }
    if (!x->path || !x->rel || (fmt && !x->err)) {
        free(x->path);
        free(x->rel);
        free(x->err);
        return -1;
    }
    in->n++;
    return 0;
}

static const char *kind_of(mode_t m)
{
    if (S_ISFIFO(m))
        return "a named pipe";
    if (S_ISSOCK(m))
        return "a socket";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device";
    return "not an ordinary file";
}

typedef struct walk {
    FTS *f;
    size_t rootlen;
    uint64_t sdev, sino; /* the folder not to enter */
    char *prefix;        /* "<root name>/" or "" */
    char *rel;           /* buffer for prefix + path below the root */
    size_t relcap;
} walk;

/* The output-relative path: for the root itself (a file) its base name, else
 * the prefix and the path below the root. NULL on out of memory. */
static const char *rel_of(walk *w, const FTSENT *e)
{
    if (e->fts_level == 0) {
        const char *s = strrchr(e->fts_path, '/');
        return s && s[1] ? s + 1 : e->fts_path;
    }
    const char *r = e->fts_path + w->rootlen;
    while (*r == '/')
        r++;
    size_t n = strlen(w->prefix) + strlen(r) + 1;
    if (n > w->relcap) {
        char *p = realloc(w->rel, n);
        if (!p)
            return NULL;
        w->rel = p;
        w->relcap = n;
    }
    snprintf(w->rel, n, "%s%s", w->prefix, r);
    return w->rel;
}

static int visit(walk *w, FTSENT *e, cli_inputs *in)
{
    const char *rel = rel_of(w, e);
    if (!rel)
        return -1;
    switch (e->fts_info) {
    case FTS_F: return push(in, e->fts_path, rel, VB_OK, NULL, NULL);
    case FTS_D:
        if (w->sino && (uint64_t)e->fts_statp->st_dev == w->sdev &&
            (uint64_t)e->fts_statp->st_ino == w->sino)
            fts_set(w->f, e, FTS_SKIP); /* the output directory inside an input */
        return 0;
    case FTS_DC: {
        char *real = realpath(e->fts_accpath, NULL);
        int rc = push(in, e->fts_path, rel, VB_ERR_IO,
                      "folder loop: this link leads back to %s, a folder above it (skipped)",
                      real ? real : "a folder above it");
        free(real);
        return rc;
    }
    case FTS_SLNONE:
        return push(in, e->fts_path, rel, VB_ERR_IO,
                    "broken link: the file it points to does not exist%s", NULL);
    case FTS_DEFAULT:
        return push(in, e->fts_path, rel, VB_ERR_IO, "cannot convert %s",
                    kind_of(e->fts_statp->st_mode));
    case FTS_DNR:
    case FTS_ERR:
    case FTS_NS:
        return push(in, e->fts_path, rel, VB_ERR_IO, "cannot read: %s", strerror(e->fts_errno));
    default: /* FTS_DP, FTS_DOT, FTS_NSOK */ return 0;
    }
}

/* "<last component of the root's real path>/", "" for / or when unknown. */
static char *root_prefix(const char *root, int name_root)
{
    char *real = name_root ? realpath(root, NULL) : NULL;
    const char *base = real ? strrchr(real, '/') : NULL;
    base = base && base[1] ? base + 1 : "";
    size_t n = strlen(base) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", base, *base ? "/" : "");
    free(real);
    return p;
}

static int walk_all(walk *w, const char *root, cli_inputs *out)
{
    int rc = 0;
    while (rc == 0) {
        errno = 0;
        FTSENT *e = fts_read(w->f);
        if (!e) {
            if (errno)
                rc = push(out, root, root, VB_ERR_IO, "cannot read: %s", strerror(errno));
            break;
        }
        rc = visit(w, e, out);
    }
    return rc;
}

int cli_walk(const char *root, int name_root, uint64_t skip_dev, uint64_t skip_ino, cli_inputs *out)
{
    walk w = {.sdev = skip_dev, .sino = skip_ino};
    char *r = strdup(root);
    w.prefix = root_prefix(root, name_root);
    if (!r || !w.prefix) {
        free(r);
        free(w.prefix);
        return -1;
    }
    w.rootlen = strlen(r);
    while (w.rootlen > 1 && r[w.rootlen - 1] == '/')
        r[--w.rootlen] = '\0';
    char *paths[] = {r, NULL};
    w.f = fts_open(paths, FTS_LOGICAL | FTS_NOCHDIR, by_name);
    int rc = w.f ? walk_all(&w, root, out)
                 : push(out, root, root, VB_ERR_IO, "cannot read: %s", strerror(errno));
    if (w.f)
        fts_close(w.f);
    free(w.rel);
    free(w.prefix);
    free(r);
    return rc;
}

void cli_inputs_free(cli_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        free(in->v[i].path);
        free(in->v[i].rel);
        free(in->v[i].err);
    }
    free(in->v);
    memset(in, 0, sizeof *in);
}

unsigned cli_shard_of(const char *rel, unsigned nshards)
{
    char hex[65];
    vb_sha256_hex((const unsigned char *)rel, strlen(rel), hex);
    hex[16] = '\0';
    return (unsigned)(strtoull(hex, NULL, 16) % nshards);
}
