/* cmd_index.c — `vanban index`: plan XML files and directories → the search
 * index (SQLite + FTS5). One run is one transaction: Ctrl-C, a crash or a
 * kill leaves the previous index as it was. */
#define _XOPEN_SOURCE 700
#include "cli/cli.h"
#include "search/search.h"

#include <ftw.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

typedef struct run {
    vb_index *ix;
    vb_index_stats st;
    int verbose;
    long seen;
} run;

static run *cur; /* nftw has no user pointer */

static void help(FILE *f)
{
    fprintf(f,
        "Usage: vanban index --db FILE [--prune] [-v] PATH...\n\n"
        "Stores plan XML (urn:vanban:plan:1; files, or directories searched\n"
        "recursively for *.xml) in a search index that `vanban search` reads:\n"
        "plans, sections, criteria (fields, budget amounts, dates), recipients,\n"
        "signatures, with a full-text index of the exact and the diacritic-free text.\n\n"
        "  --db FILE   the index (SQLite, WAL mode); created when missing\n"
        "  --prune     also remove plans whose files no longer exist\n"
        "  -v, --verbose  one line per file on stderr\n"
        "  -h, --help  this text\n\n"
        "Re-running is cheap: unchanged files (same path, same sha256) are skipped,\n"
        "changed ones replaced. The whole run is one transaction: searches running\n"
        "meanwhile see the previous index, and an interrupted run changes nothing.\n\n"
        "Examples:\n"
        "  vanban convert plans/*.pdf -o out/      # (convert writes the plan XML)\n"
        "  vanban index --db plans.db out/\n"
        "  vanban index --db plans.db --prune out/ # after deleting or moving files\n\n"
        "Exit status: 0 ok, 1 some file failed or the run was interrupted, 2 usage.\n");
}

static void add_one(const char *path)
{
    vb_error err = {0};
    cur->seen++;
    if (vb_index_add_file(cur->ix, path, &cur->st, &err) != VB_OK)
        cli_error(path, "%s", err.msg);
    else if (cur->verbose)
        fprintf(stderr, "indexed %ld %s\n", cur->seen, path);
}

static int visit(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb, (void)ftw;
    if (stop)
        return 1;
    size_t n = strlen(path);
    if (type == FTW_F && n > 4 && strcmp(path + n - 4, ".xml") == 0)
        add_one(path);
    return 0;
}

static int add_paths(char **paths, int n)
{
    for (int i = 0; i < n && !stop; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0) {
            cli_error(paths[i], "no such file or directory");
            cur->st.failed++;
        } else if (S_ISDIR(sb.st_mode)) {
            if (nftw(paths[i], visit, 32, FTW_PHYS) < 0)
                cli_error(paths[i], "cannot walk the directory");
        } else {
            add_one(paths[i]);
        }
    }
    return !stop;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int finish(run *r, int prune, double t0, const char *db)
{
    vb_error err = {0};
    if (prune && vb_index_prune(r->ix, &r->st, &err) != VB_OK) {
        cli_error(db, "%s", err.msg);
        return 1;
    }
    if (stop || vb_index_commit(r->ix, &err) != VB_OK) {
        cli_error(db, "%s", stop ? "interrupted: the index is unchanged" : err.msg);
        return 1;
    }
    long plans = 0;
    vb_index_count_plans(r->ix, &plans, &err);
    printf("%ld added, %ld replaced, %ld unchanged, %ld pruned, %ld failed; "
           "%ld plans in %s (%.1f s)\n",
           r->st.added, r->st.replaced, r->st.unchanged, r->st.pruned, r->st.failed, plans,
           db, now() - t0);
    return r->st.failed ? 1 : 0;
}

int cmd_index(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"prune", no_argument, 0, 'p'},
                                         {"verbose", no_argument, 0, 'v'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *db = NULL;
    int prune = 0, c;
    run r = {0};
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:pvh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'p': prune = 1; break;
        case 'v': r.verbose = 1; break;
        case 'h': help(stdout); return 0;
        default: help(stderr); return 2;
        }
    }
    if (!db || (optind >= argc && !prune)) {
        cli_error(NULL, "index: give --db FILE and at least one PATH (see --help)");
        return 2;
    }
    vb_error err = {0};
    double t0 = now();
    r.ix = vb_index_open(db, VB_INDEX_WRITE, &err);
    if (!r.ix || vb_index_begin(r.ix, &err) != VB_OK) {
        cli_error(db, "%s", err.msg);
        vb_index_free(r.ix);
        return 1;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    cur = &r;
    add_paths(argv + optind, argc - optind);
    int rc = finish(&r, prune, t0, db);
    vb_index_free(r.ix); /* rolls back when the run was not committed */
    cur = NULL;
    return rc;
}
