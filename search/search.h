/* search.h — the search stage: plan XML → SQLite index (FTS5, exact and
 * Vietnamese-folded text) → fielded, ranked queries and budget aggregates.
 * It sits after the XML writer: it reads plan XML files (urn:vanban:plan:1),
 * never the pipeline's trees. No SQLite/ICU/libxml2 types leak out of here. */
#ifndef VB_SEARCH_H
#define VB_SEARCH_H

#include "core/vanban.h"

#include <stdint.h>

/* Folds UTF-8 text for diacritic-insensitive matching: NFC → strip
 * combining marks → đ/Đ → d/D → case fold. *out is malloc'd (caller frees).
 * VB_ERR_ENCODING on invalid UTF-8, VB_ERR_NOMEM on out of memory. */
vb_status vb_fold(const char *utf8, char **out, vb_error *err);

/* 1 when the UTF-8 text carries anything the fold removes besides case
 * (diacritics, đ), i.e. when an exact match means more than a folded one. */
int vb_fold_has_marks(const char *utf8);

/* An open index (one SQLite database in WAL mode). Not shared by threads;
 * open one per thread or process — readers never block the writer. */
typedef struct vb_index vb_index;

enum { VB_INDEX_READ = 0, VB_INDEX_WRITE = 1 };

/* Opens (and with VB_INDEX_WRITE creates) the index at path.
 * Returns NULL with err set (VB_ERR_DB, VB_ERR_NOMEM). */
vb_index *vb_index_open(const char *path, int mode, vb_error *err);
void vb_index_free(vb_index *ix); /* NULL is a no-op; rolls back an open run */

/* Counts of one indexing run. */
typedef struct vb_index_stats {
    long added;     /* new paths */
    long replaced;  /* known path whose sha256 changed */
    long unchanged; /* same path and sha256: skipped */
    long pruned;    /* removed because the file is gone */
    long failed;    /* unreadable or not plan XML (not stored) */
} vb_index_stats;

/* A run is one transaction: begin, add files, optionally prune, commit.
 * Until commit, readers see the previous index; a run that is never
 * committed (crash, kill, vb_index_free) leaves the previous index intact. */
vb_status vb_index_begin(vb_index *ix, vb_error *err);

/* Reads one plan XML file and stores it, replacing an older version of the
 * same path. A file that is not plan XML fails with VB_ERR_XML/VB_ERR_IO in
 * err, counts in st->failed, and leaves the run usable. */
vb_status vb_index_add_file(vb_index *ix, const char *path, vb_index_stats *st,
                            vb_error *err);

/* Same, from bytes in memory; path is the key stored for the plan. */
vb_status vb_index_add_bytes(vb_index *ix, const char *path, const char *data,
                             size_t len, vb_index_stats *st, vb_error *err);

/* Removes plans whose path no longer exists on disk. */
vb_status vb_index_prune(vb_index *ix, vb_index_stats *st, vb_error *err);

/* Rebuilds the typo vocabulary and commits the run. */
vb_status vb_index_commit(vb_index *ix, vb_error *err);

/* Number of plans in the index (for reports and tests). */
vb_status vb_index_count_plans(vb_index *ix, long *n, vb_error *err);

/* A query. Zero/NULL fields are "no filter". */
typedef struct vb_query {
    const char *text;      /* words, "quoted phrases"; with or without diacritics */
    int year;              /* school year it starts in (2020 = 2020–2021) */
    const char *school;    /* substring of the issuer, diacritics optional */
    const char *criterion; /* "3.3": rows whose @ids hold it */
    const char *role;      /* substring of the signer's title */
    const char *signer;    /* substring of the signer's name */
    const char *section;   /* purpose|basis|content|organization|other */
    int64_t budget_min;    /* whole đồng; -1 = none */
    int64_t budget_max;    /* whole đồng; -1 = none */
    int limit;             /* default 10 when 0 */
    int offset;
    int no_typo;           /* 1: never fall back to one-edit candidates */
    int count_all;         /* 1: total counts every match, not just the ranked pool */
} vb_query;

/* Sets q to "no filters", limit 10. */
void vb_query_init(vb_query *q);

typedef struct vb_hit {
    char *path;       /* the plan XML file */
    char *school;     /* header/issuer, "" when absent */
    int year_from;    /* schoolYear/@from, 0 when absent */
    int year_to;
    char *section;    /* section role, "" outside sections */
    char *field;      /* the matching field: target, tasks, item, duty, signature… */
    char *criterion;  /* criterion @ids or "" */
    int64_t amount;   /* budget @amount, -1 when none */
    char *snippet;    /* text with matches in [brackets] */
    double score;     /* bm25 (lower is better), 0 without a text query */
} vb_hit;

/* The answer to a query. Owned by the caller: vb_hits_free(). */
typedef struct vb_hits {
    vb_hit *v;
    size_t n;
    long total;        /* matches (capped: see total_capped) */
    int total_capped;  /* 1 when total stopped at the ranking pool size */
    int corrected;     /* 1 when a typo fallback was used */
    char *used_text;   /* the query actually run (after correction), or NULL */
} vb_hits;

void vb_hits_free(vb_hits *h); /* NULL is a no-op */

/* Runs q. A text query ranks by BM25 with exact (diacritic) matches first;
 * a query without diacritics matches every form. When nothing matches and
 * a query word is one edit away from an indexed word, runs the corrected
 * query and sets corrected. */
vb_status vb_search(vb_index *ix, const vb_query *q, vb_hits **out, vb_error *err);

/* Aggregates of criterion budgets (@amount). */
typedef enum vb_sum_by {
    VB_SUM_SCHOOL = 0,
    VB_SUM_YEAR,
    VB_SUM_STANDARD,
    VB_SUM_CRITERION,
} vb_sum_by;

typedef struct vb_sum_row {
    char *key;      /* school name, "2020-2021", "3", "3.3" */
    int64_t total;  /* whole đồng */
    long rows;      /* criterion rows with an amount */
    long plans;     /* distinct plans */
} vb_sum_row;

typedef struct vb_sums {
    vb_sum_row *v;
    size_t n;
    int64_t total;
} vb_sums;

void vb_sums_free(vb_sums *s); /* NULL is a no-op */

/* Sums budget amounts of the criterion rows that pass q's filters (text
 * included: rows whose own text matches), grouped by `by`, largest first. */
vb_status vb_search_sum(vb_index *ix, const vb_query *q, vb_sum_by by, vb_sums **out,
                        vb_error *err);

#endif
