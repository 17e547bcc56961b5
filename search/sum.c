/* sum.c — budget aggregates for auditors: the @amount of criterion rows,
 * summed per school, school year, standard or criterion, under the same
 * filters as a search (words restrict to rows whose own text matches). */
#include "search/search_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sum_sql[] =
    "SELECT %s AS k, sum(c.amount), count(*), count(DISTINCT c.plan_id)"
    " FROM criteria c JOIN plans p ON p.id=c.plan_id"
    " WHERE c.amount IS NOT NULL AND (?1 < 0 OR c.amount >= ?1) AND (?2 < 0 OR c.amount <= ?2)"
    " AND (?3 = 0 OR p.year_from = ?3)"
    " AND (?4 IS NULL OR p.school_fold LIKE '%%'||?4||'%%')"
    " AND (?5 IS NULL OR p.signer_fold LIKE '%%'||?5||'%%')"
    " AND (?6 IS NULL OR p.signer_title_fold LIKE '%%'||?6||'%%')"
    " AND (?7 IS NULL OR c.id IN (SELECT crit_id FROM crit_ids WHERE cid=?7))"
    " AND (?8 IS NULL OR c.id IN (SELECT d.crit_id FROM fts JOIN docs d ON d.id=fts.rowid"
    "      WHERE fts MATCH ?8))"
    " GROUP BY k ORDER BY 2 DESC, k";

static const char *key_sql(vb_sum_by by)
{
    switch (by) {
    case VB_SUM_YEAR:
        return "coalesce(p.year_from||'-'||p.year_to, '?')";
    case VB_SUM_STANDARD:
        return "coalesce(c.standard, '?')";
    case VB_SUM_CRITERION:
        return "coalesce(c.ids, '?')";
    case VB_SUM_SCHOOL:
    default:
        return "coalesce(p.school, '(school unknown)')";
    }
}

static int bind_fold(sqlite3_stmt *st, int i, const char *s)
{
    char *f = NULL;
    if (!s)
        return sqlite3_bind_null(st, i) == SQLITE_OK;
    if (vb_fold(s, &f, NULL) != VB_OK)
        return 0;
    sqlite3_bind_text(st, i, f, -1, free);
    return 1;
}

static vb_status bind_all(sqlite3_stmt *st, const vb_query *q, vb_error *err)
{
    char *expr = NULL;
    vb_status s = vb_ix_text_expr(q->text ? q->text : "", &expr, err);
    if (s != VB_OK)
        return s;
    sqlite3_bind_int64(st, 1, q->budget_min);
    sqlite3_bind_int64(st, 2, q->budget_max);
    sqlite3_bind_int(st, 3, q->year);
    if (!bind_fold(st, 4, q->school) || !bind_fold(st, 5, q->signer) ||
        !bind_fold(st, 6, q->role)) {
        free(expr);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    if (q->criterion)
        sqlite3_bind_text(st, 7, q->criterion, -1, SQLITE_TRANSIENT);
    if (expr)
        sqlite3_bind_text(st, 8, expr, -1, free);
    return VB_OK;
}

static vb_status add_row(vb_sums *r, sqlite3_stmt *st, size_t *cap, vb_error *err)
{
    if (r->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        vb_sum_row *v = realloc(r->v, nc * sizeof *v);
        if (!v)
            return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
        r->v = v;
        *cap = nc;
    }
    vb_sum_row *x = &r->v[r->n];
    x->key = vb_ix_coldup(st, 0);
    if (!x->key)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    x->total = sqlite3_column_int64(st, 1);
    x->rows = (long)sqlite3_column_int64(st, 2);
    x->plans = (long)sqlite3_column_int64(st, 3);
    r->total += x->total;
    r->n++;
    return VB_OK;
}

vb_status vb_search_sum(vb_index *ix, const vb_query *q, vb_sum_by by, vb_sums **out,
                        vb_error *err)
{
    *out = NULL;
    char sql[sizeof sum_sql + 64];
    snprintf(sql, sizeof sql, sum_sql, key_sql(by));
    sqlite3_stmt *st = NULL;
    vb_sums *r = calloc(1, sizeof *r);
    if (!r)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    vb_status s = vb_ix_prepare(ix, sql, &st, err);
    if (s == VB_OK)
        s = bind_all(st, q, err);
    size_t cap = 0;
    int rc = SQLITE_DONE;
    while (s == VB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        s = add_row(r, st, &cap, err);
    if (s == VB_OK && rc != SQLITE_DONE)
        s = vb_ix_dberr(ix, err, "summing budgets");
    sqlite3_finalize(st);
    if (s != VB_OK) {
        vb_sums_free(r);
        return s;
    }
    *out = r;
    return VB_OK;
}

void vb_sums_free(vb_sums *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].key);
    free(s->v);
    free(s);
}
