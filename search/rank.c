/* rank.c — vbrank(), the BM25 the search ranks with, registered as an FTS5
 * auxiliary function. FTS5's own bm25() counts, on its first row, every row
 * holding each phrase of the query (an xQueryPhrase scan of the whole
 * doclist) to get the IDF: with a common word or a filter token over 10^6
 * rows that alone takes tens of milliseconds. vbrank takes the per-phrase
 * weights (IDF from the `df` table written at commit, × column weight) as
 * arguments and computes only the per-row part (tf, length normalization). */
#include "search/search_int.h"

#include <math.h>
#include <string.h>

#define MAX_PHRASES 64
#define K1 1.2
#define B 0.75

/* vbrank(fts, w0, w1, …): −Σ w_p · tf(k1+1) / (tf + k1(1 − b + b·dl/avgdl)). */
static void vbrank(const Fts5ExtensionApi *x, Fts5Context *ctx, sqlite3_context *res,
                   int nval, sqlite3_value **val)
{
    int np = x->xPhraseCount(ctx), ninst = 0;
    double tf[MAX_PHRASES] = {0};
    int col[MAX_PHRASES] = {0};
    if (x->xInstCount(ctx, &ninst) != SQLITE_OK) {
        sqlite3_result_error(res, "vbrank: no positions", -1);
        return;
    }
    for (int i = 0; i < ninst; i++) {
        int p, c, off;
        if (x->xInst(ctx, i, &p, &c, &off) == SQLITE_OK && p >= 0 && p < MAX_PHRASES) {
            tf[p] += 1;
            col[p] = c;
        }
    }
    sqlite3_int64 nrow = 0;
    x->xRowCount(ctx, &nrow);
    double score = 0;
    for (int p = 0; p < np && p < MAX_PHRASES && p < nval; p++) {
        double w = sqlite3_value_double(val[p]);
        if (tf[p] == 0 || w == 0)
            continue;
        int dl = 0;
        sqlite3_int64 tot = 0;
        x->xColumnSize(ctx, col[p], &dl);
        x->xColumnTotalSize(ctx, col[p], &tot);
        double avg = nrow > 0 && tot > 0 ? (double)tot / (double)nrow : 1.0;
        score += w * tf[p] * (K1 + 1) / (tf[p] + K1 * (1 - B + B * dl / avg));
    }
    sqlite3_result_double(res, -score);
}

vb_status vb_ix_rank_register(vb_index *ix, vb_error *err)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(ix->db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return vb_ix_dberr(ix, err, "FTS5 is missing");
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->xCreateFunction(api, "vbrank", NULL, vbrank, NULL) != SQLITE_OK)
        return vb_error_set(err, VB_ERR_DB, "cannot register the ranking function");
    return VB_OK;
}

/* Smallest document frequency of the word tokens of a folded term (the
 * rows holding the whole phrase are at most that many). */
static double term_df(vb_index *ix, const char *folded, double n)
{
    sqlite3_stmt *st = vb_ix_cached(ix, 16, "SELECT doc FROM df WHERE term=?1", NULL);
    double best = n;
    const char *p = folded;
    for (size_t guard = strlen(folded) + 1; st && *p && guard--;) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (*p & 0x80)))
            p++;
        const char *w = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (*p & 0x80))
            p++;
        if (p == w)
            continue;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, w, (int)(p - w), SQLITE_TRANSIENT);
        double df = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_double(st, 0) : 0;
        if (df < best)
            best = df;
    }
    if (st)
        sqlite3_reset(st);
    return best;
}

double vb_ix_idf(vb_index *ix, const char *folded)
{
    sqlite3_stmt *st = vb_ix_cached(ix, 17, "SELECT v FROM stats WHERE k='units'", NULL);
    double n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_double(st, 0) : 0;
    if (st)
        sqlite3_reset(st);
    if (n <= 0)
        return 1.0; /* an index without statistics: unweighted */
    double df = term_df(ix, folded, n);
    double idf = log((n - df + 0.5) / (df + 0.5));
    return idf > 1e-6 ? idf : 1e-6;
}
