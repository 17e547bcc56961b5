/* query.c — `vb_search`: turns a vb_query into one FTS5 MATCH expression
 * over the exact, folded and meta columns (filters are meta tokens, so they
 * intersect inside FTS5), ranks with BM25 (exact column weighted up, so a
 * query typed with diacritics puts exact matches first), and falls back to
 * one-edit corrections when nothing matches. Listing without words goes to
 * plain SQL over criteria or to meta-only matches. */
#include "search/search_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ranking covers at most this many matching units, newest first: BM25 over
 * millions of rows of a common word would take seconds. */
#define POOL 1000
#define MAX_TERMS 32
#define SNIPPET_WORDS 18

typedef struct term {
    char *exact, *folded;
    int phrase, prefix;
} term;

typedef struct qbuild {
    term t[MAX_TERMS];
    int n;
    int marks;     /* some term carries diacritics */
    int both;      /* the expression holds the exact-column phrases too */
    char *expr;    /* the MATCH expression */
    size_t len, cap;
} qbuild;

void vb_query_init(vb_query *q)
{
    memset(q, 0, sizeof *q);
    q->budget_min = q->budget_max = -1;
    q->limit = 10;
}

static void qb_free(qbuild *b)
{
    for (int i = 0; i < b->n; i++)
        free(b->t[i].exact), free(b->t[i].folded);
    free(b->expr);
    memset(b, 0, sizeof *b);
}

static int has_alnum(const char *s)
{
    for (; *s; s++)
        if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

/* Adds one word or phrase (bytes s..s+n) as a term. */
static vb_status add_term(qbuild *b, const char *s, size_t n, int phrase, vb_error *err)
{
    int prefix = !phrase && n > 1 && s[n - 1] == '*';
    char *raw = strndup(s, n - (size_t)prefix);
    if (!raw)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    for (char *p = raw; *p; p++)
        if (*p == '"')
            *p = ' ';
    if (!has_alnum(raw) || b->n >= MAX_TERMS) {
        free(raw);
        return VB_OK;
    }
    term *t = &b->t[b->n];
    vb_status st = vb_search_nfc(raw, &t->exact, err);
    if (st == VB_OK)
        st = vb_fold(t->exact, &t->folded, err);
    free(raw);
    if (st != VB_OK) {
        free(t->exact), free(t->folded);
        return st;
    }
    t->phrase = phrase;
    t->prefix = prefix;
    b->marks |= vb_fold_has_marks(t->exact);
    b->n++;
    return VB_OK;
}

static vb_status parse_terms(qbuild *b, const char *text, vb_error *err)
{
    const char *p = text;
    vb_status st = VB_OK;
    for (size_t guard = strlen(text) + 1; st == VB_OK && *p && guard--;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        int phrase = *p == '"';
        const char *s = p + phrase;
        size_t n = phrase ? strcspn(s, "\"") : strcspn(s, " \t");
        st = add_term(b, s, n, phrase, err);
        p = s + n + (phrase && s[n] == '"');
    }
    return st;
}

static int app(qbuild *b, const char *s)
{
    return vb_ix_append(&b->expr, &b->len, &b->cap, s, strlen(s));
}

/* col:"word" [*] for every term, ANDed. */
static int app_terms(qbuild *b, const char *col, int folded)
{
    int ok = app(b, "(");
    for (int i = 0; ok && i < b->n; i++) {
        ok = app(b, i ? " AND " : "") && app(b, col) && app(b, ":\"") &&
             app(b, folded ? b->t[i].folded : b->t[i].exact) && app(b, "\"") &&
             app(b, b->t[i].prefix ? " *" : "");
    }
    return ok && app(b, ")");
}

/* meta:"prefix+word …" for a folded filter value; 0 on oom. */
static int app_meta_phrase(qbuild *b, const char *prefix, const char *value)
{
    char *f = NULL, *m = NULL;
    size_t len = 0, cap = 0;
    if (vb_fold(value, &f, NULL) != VB_OK)
        return 0;
    int ok = vb_ix_append(&m, &len, &cap, "", 0) && vb_ix_meta_words(&m, &len, &cap, prefix, f);
    ok = ok && app(b, b->len ? " AND meta:\"" : "meta:\"") && app(b, m + (len > 0)) &&
         app(b, len ? "\"" : "xnomatch\"");
    free(f);
    free(m);
    return ok;
}

static int app_meta(qbuild *b, const char *tok)
{
    return app(b, b->len ? " AND meta:" : "meta:") && app(b, tok);
}

static int app_filters(qbuild *b, const vb_query *q, const char *fieldtok)
{
    char tok[96];
    int ok = 1;
    if (q->year) {
        snprintf(tok, sizeof tok, "xy%d", q->year);
        ok = app_meta(b, tok);
    }
    if (ok && q->section) {
        char *f = NULL;
        ok = vb_fold(q->section, &f, NULL) == VB_OK;
        snprintf(tok, sizeof tok, "xsec%.60s", f ? f : "");
        for (char *p = tok; *p; p++)
            if (!isalnum((unsigned char)*p))
                *p = 'x';
        free(f);
        ok = ok && app_meta(b, tok);
    }
    if (ok && q->criterion) {
        memcpy(tok, "xc", 2);
        vb_ix_crit_token(q->criterion, tok + 2, sizeof tok - 2);
        for (char *p = tok; *p; p++)
            if (!isalnum((unsigned char)*p))
                *p = 'x';
        ok = app_meta(b, tok);
    }
    if (ok && q->school)
        ok = app_meta_phrase(b, "xs", q->school);
    /* signer tokens sit on the signature unit only: with words, SQL filters */
    if (ok && q->signer && !b->n)
        ok = app_meta_phrase(b, "xg", q->signer);
    if (ok && q->role && !b->n)
        ok = app_meta_phrase(b, "xr", q->role);
    if (ok && fieldtok)
        ok = app_meta(b, fieldtok);
    return ok;
}

/* The whole MATCH expression; folded_only drops the exact-column boost. */
static vb_status build_expr(qbuild *b, const vb_query *q, int folded_only,
                            const char *fieldtok, vb_error *err)
{
    free(b->expr);
    b->expr = NULL;
    b->len = b->cap = 0;
    b->both = 0;
    int ok = 1;
    if (b->n) {
        int both = b->both = b->marks && !folded_only;
        ok = app(b, both ? "(" : "") && app_terms(b, "folded", 1) &&
             (!both || (app(b, " OR ") && app_terms(b, "exact", 0) && app(b, ")")));
    }
    ok = ok && app_filters(b, q, fieldtok);
    if (!ok)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory building the query");
    return VB_OK;
}

void vb_hits_free(vb_hits *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n; i++) {
        vb_hit *x = &h->v[i];
        free(x->path), free(x->school), free(x->section), free(x->field);
        free(x->criterion), free(x->snippet);
    }
    free(h->v);
    free(h->used_text);
    free(h);
}

/* Splits a multi-part unit ("target tasks …" / parts joined by '\n') and
 * picks the first part with a match: its field name and snippet. */
static int fill_text(vb_hit *h, const char *fields, const char *text, char *const *terms,
                     size_t nt)
{
    if (!strchr(fields, ' ')) { /* one field (header, signature…): lines become " · " */
        char *flat = NULL;
        size_t len = 0, cap = 0;
        int ok = vb_ix_append(&flat, &len, &cap, "", 0);
        for (const char *t = text; ok && *t; t++)
            ok = *t == '\n' ? vb_ix_append(&flat, &len, &cap, " · ", 4)
                            : vb_ix_append(&flat, &len, &cap, t, 1);
        h->field = strdup(fields);
        h->snippet = ok ? vb_ix_snippet(flat, terms, nt, SNIPPET_WORDS) : NULL;
        free(flat);
        return h->field && h->snippet;
    }
    const char *f = fields, *t = text, *bestf = fields, *bestt = text;
    for (int guard = 0; guard < 64 && *t; guard++) {
        size_t fl = strcspn(f, " "), tl = strcspn(t, "\n");
        char *part = strndup(t, tl), *snip = part ? vb_ix_snippet(part, terms, nt, 4) : NULL;
        int hit = snip && strchr(snip, '[');
        free(part), free(snip);
        if (hit) {
            bestf = f, bestt = t;
            break;
        }
        f += fl + (f[fl] == ' ');
        t += tl + (t[tl] == '\n');
        if (!*f)
            f = bestf;
    }
    char *part = strndup(bestt, strcspn(bestt, "\n"));
    h->field = strndup(bestf, strcspn(bestf, " "));
    h->snippet = part ? vb_ix_snippet(part, terms, nt, SNIPPET_WORDS) : NULL;
    free(part);
    return h->field && h->snippet;
}

/* Columns: 0 score, 1 field, 2 section, 3 exact, 4 path, 5 school, 6 year_from,
 * 7 year_to, 8 ids, 9 amount, 10 total. */
static vb_status collect(sqlite3_stmt *st, vb_hits *h, char *const *terms, size_t nt,
                         int limit, vb_error *err)
{
    h->v = calloc((size_t)limit + 1, sizeof *h->v);
    if (!h->v)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    int rc = SQLITE_DONE;
    while (h->n < (size_t)limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        vb_hit *x = &h->v[h->n++];
        x->score = sqlite3_column_double(st, 0);
        x->section = vb_ix_coldup(st, 2);
        x->path = vb_ix_coldup(st, 4);
        x->school = vb_ix_coldup(st, 5);
        x->year_from = sqlite3_column_int(st, 6);
        x->year_to = sqlite3_column_int(st, 7);
        x->criterion = vb_ix_coldup(st, 8);
        x->amount = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 9);
        h->total = (long)sqlite3_column_int64(st, 10);
        const char *f = (const char *)sqlite3_column_text(st, 1);
        const char *t = (const char *)sqlite3_column_text(st, 3);
        if (!fill_text(x, f ? f : "", t ? t : "", terms, nt) || !x->section || !x->path ||
            !x->school || !x->criterion)
            return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return vb_error_set(err, VB_ERR_DB, "search: %s", sqlite3_errmsg(sqlite3_db_handle(st)));
    return VB_OK;
}

/* Binds the folded value of s (or NULL) to parameter i; 0 on failure. */
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

static const char fts_sql[] =
    "WITH m AS (SELECT rowid AS id, %s AS score FROM fts WHERE fts MATCH ?1"
    " ORDER BY rowid DESC LIMIT %d)"
    " SELECT m.score, d.field, d.section, d.exact, p.path, p.school, p.year_from,"
    " p.year_to, c.ids, c.amount, count(*) OVER () FROM m JOIN docs d ON d.id=m.id"
    " JOIN plans p ON p.id=d.plan_id LEFT JOIN criteria c ON c.id=d.crit_id"
    " WHERE (?2 < 0 OR c.amount >= ?2) AND (?3 < 0 OR c.amount <= ?3)"
    " AND (?6 IS NULL OR p.signer_fold LIKE '%%'||?6||'%%')"
    " AND (?7 IS NULL OR p.signer_title_fold LIKE '%%'||?7||'%%')"
    " ORDER BY %s LIMIT ?4 OFFSET ?5";

/* Ranked words without SQL-side filters: rank and cut inside the pool, then
 * join only the page of hits. */
static const char fts_fast_sql[] =
    "WITH m AS (SELECT rowid AS id, %s AS score FROM fts"
    " WHERE fts MATCH ?1 ORDER BY rowid DESC LIMIT %d),"
    " r AS (SELECT id, score, count(*) OVER () AS total FROM m"
    " ORDER BY score, id DESC LIMIT ?4 OFFSET ?5)"
    " SELECT r.score, d.field, d.section, d.exact, p.path, p.school, p.year_from,"
    " p.year_to, c.ids, c.amount, r.total FROM r JOIN docs d ON d.id=r.id"
    " JOIN plans p ON p.id=d.plan_id LEFT JOIN criteria c ON c.id=d.crit_id"
    " WHERE ?2 = ?2 AND ?3 = ?3 AND ?6 IS ?6 AND ?7 IS ?7 ORDER BY r.score, r.id DESC";

/* "vbrank(fts, w…)": one weight per phrase of the MATCH expression, in its
 * order — the folded terms, then (query with diacritics) the exact terms
 * weighted 10×; filter phrases get none (weight 0). */
static void rank_expr(vb_index *ix, const qbuild *b, char *out, size_t n)
{
    size_t w = (size_t)snprintf(out, n, "vbrank(fts");
    double idf[MAX_TERMS];
    for (int i = 0; i < b->n; i++)
        idf[i] = vb_ix_idf(ix, b->t[i].folded);
    for (int i = 0; i < b->n && w < n; i++)
        w += (size_t)snprintf(out + w, n - w, ", %.6f", idf[i]);
    for (int i = 0; b->both && i < b->n && w < n; i++)
        w += (size_t)snprintf(out + w, n - w, ", %.6f", 10.0 * idf[i]);
    if (w < n)
        snprintf(out + w, n - w, ")");
}

static vb_status run_fts(vb_index *ix, const vb_query *q, const qbuild *b, vb_hits *h,
                         char *const *terms, size_t nt, vb_error *err)
{
    char sql[sizeof fts_sql + 2048], rank[1600];
    rank_expr(ix, b, rank, sizeof rank);
    int post = q->budget_min >= 0 || q->budget_max >= 0 || q->signer || q->role;
    if (!post) /* listings without words: newest first */
        snprintf(sql, sizeof sql, fts_fast_sql, b->n ? rank : "0.0", POOL);
    else
        snprintf(sql, sizeof sql, fts_sql, b->n ? rank : "0.0", POOL,
                 b->n ? "m.score, m.id DESC" : "p.path, d.id");
    sqlite3_stmt *st = NULL;
    if (vb_ix_prepare(ix, sql, &st, err) != VB_OK)
        return VB_ERR_DB;
    sqlite3_bind_text(st, 1, b->expr, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, q->budget_min);
    sqlite3_bind_int64(st, 3, q->budget_max);
    sqlite3_bind_int(st, 4, q->limit > 0 ? q->limit : 10);
    sqlite3_bind_int(st, 5, q->offset);
    vb_status s = VB_OK;
    if (b->n && (!bind_fold(st, 6, q->signer) || !bind_fold(st, 7, q->role)))
        s = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    if (s == VB_OK)
        s = collect(st, h, terms, nt, q->limit > 0 ? q->limit : 10, err);
    sqlite3_finalize(st);
    h->total_capped = h->total >= POOL;
    if (s == VB_OK && h->n == 0 && q->offset == 0)
        h->total = 0;
    return s;
}

static const char crit_sql[] =
    "SELECT 0.0, 'target tasks lead timeline budget', 'content',"
    " coalesce(c.target,'')||char(10)||coalesce(c.tasks,'')||char(10)||coalesce(c.lead,'')"
    "||char(10)||coalesce(c.timeline,'')||char(10)||coalesce(c.budget,''),"
    " p.path, p.school, p.year_from, p.year_to, c.ids, c.amount, count(*) OVER ()"
    " FROM criteria c JOIN plans p ON p.id=c.plan_id"
    " WHERE c.amount IS NOT NULL AND (?1 < 0 OR c.amount >= ?1) AND (?2 < 0 OR c.amount <= ?2)"
    " AND (?3 = 0 OR p.year_from = ?3)"
    " AND (?4 IS NULL OR p.school_fold LIKE '%'||?4||'%')"
    " AND (?5 IS NULL OR p.signer_fold LIKE '%'||?5||'%')"
    " AND (?6 IS NULL OR p.signer_title_fold LIKE '%'||?6||'%')"
    " ORDER BY c.amount DESC, p.path, c.id LIMIT ?7 OFFSET ?8";

/* Criterion rows by budget range, without words (uses the amount index). */
static vb_status run_budget(vb_index *ix, const vb_query *q, vb_hits *h, vb_error *err)
{
    sqlite3_stmt *st = NULL;
    if (vb_ix_prepare(ix, crit_sql, &st, err) != VB_OK)
        return VB_ERR_DB;
    sqlite3_bind_int64(st, 1, q->budget_min);
    sqlite3_bind_int64(st, 2, q->budget_max);
    sqlite3_bind_int(st, 3, q->year);
    vb_status s = VB_OK;
    if (!bind_fold(st, 4, q->school) || !bind_fold(st, 5, q->signer) ||
        !bind_fold(st, 6, q->role))
        s = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    sqlite3_bind_int(st, 7, q->limit > 0 ? q->limit : 10);
    sqlite3_bind_int(st, 8, q->offset);
    if (s == VB_OK)
        s = collect(st, h, NULL, 0, q->limit > 0 ? q->limit : 10, err);
    sqlite3_finalize(st);
    return s;
}

/* Every folded word of the terms (phrases split), for highlighting. */
static char **snippet_terms(const qbuild *b, size_t *n)
{
    char **v = calloc(MAX_TERMS * 8 + 1, sizeof *v);
    *n = 0;
    for (int i = 0; v && i < b->n; i++) {
        const char *p = b->t[i].folded;
        for (size_t guard = strlen(p) + 1; *p && guard-- && *n < MAX_TERMS * 8;) {
            p += strspn(p, " ");
            size_t k = strcspn(p, " ");
            if (k)
                v[(*n)++] = strndup(p, k);
            p += k;
        }
    }
    return v;
}

static void free_terms(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

static vb_status search_once(vb_index *ix, const vb_query *q, qbuild *b, int folded_only,
                             vb_hits *h, vb_error *err)
{
    const char *fieldtok = NULL;
    if (!b->n && !q->criterion && !q->section)
        fieldtok = q->signer || q->role ? "xfsignature" : "xfheader";
    vb_status s = build_expr(b, q, folded_only, fieldtok, err);
    size_t nt = 0;
    char **terms = s == VB_OK ? snippet_terms(b, &nt) : NULL;
    if (s == VB_OK && !terms)
        s = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    if (s == VB_OK)
        s = run_fts(ix, q, b, h, terms, nt, err);
    free_terms(terms, nt);
    return s;
}

/* Replaces words that are in no indexed text by their one-edit neighbour. */
static int correct_terms(vb_index *ix, qbuild *b)
{
    int changed = 0;
    for (int i = 0; i < b->n; i++) {
        term *t = &b->t[i];
        if (t->phrase || t->prefix || vb_ix_vocab_has(ix, t->folded))
            continue;
        char *c = vb_ix_typo_candidate(ix, t->folded);
        if (!c)
            continue;
        free(t->folded);
        t->folded = c;
        changed = 1;
    }
    return changed;
}

static char *joined_terms(const qbuild *b)
{
    char *s = NULL;
    size_t len = 0, cap = 0;
    int ok = vb_ix_append(&s, &len, &cap, "", 0);
    for (int i = 0; ok && i < b->n; i++)
        ok = (!i || vb_ix_append(&s, &len, &cap, " ", 1)) &&
             (!b->t[i].phrase || vb_ix_append(&s, &len, &cap, "\"", 1)) &&
             vb_ix_append(&s, &len, &cap, b->t[i].folded, strlen(b->t[i].folded)) &&
             (!b->t[i].phrase || vb_ix_append(&s, &len, &cap, "\"", 1));
    if (!ok)
        free(s);
    return ok ? s : NULL;
}

static void hits_clear(vb_hits *h)
{
    for (size_t i = 0; i < h->n; i++) {
        vb_hit *x = &h->v[i];
        free(x->path), free(x->school), free(x->section), free(x->field);
        free(x->criterion), free(x->snippet);
    }
    free(h->v);
    memset(h, 0, sizeof *h);
}

static vb_status typo_retry(vb_index *ix, const vb_query *q, qbuild *b, vb_hits *h,
                            vb_error *err)
{
    if (!correct_terms(ix, b))
        return VB_OK;
    vb_hits alt = {0};
    vb_status s = search_once(ix, q, b, 1, &alt, err);
    if (s == VB_OK && alt.n > 0) {
        hits_clear(h);
        *h = alt;
        h->corrected = 1;
        h->used_text = joined_terms(b);
        return VB_OK;
    }
    hits_clear(&alt);
    return s;
}

/* Every match, unranked (FTS5 counts a doclist fast; it is BM25 that costs).
 * Filters applied in SQL (budget, signer with words) join each match. */
static vb_status count_all(vb_index *ix, const vb_query *q, qbuild *b, vb_hits *h,
                           vb_error *err)
{
    static const char sql[] =
        "SELECT count(*) FROM fts JOIN docs d ON d.id=fts.rowid JOIN plans p ON p.id=d.plan_id"
        " LEFT JOIN criteria c ON c.id=d.crit_id WHERE fts MATCH ?1"
        " AND (?2 < 0 OR c.amount >= ?2) AND (?3 < 0 OR c.amount <= ?3)"
        " AND (?4 IS NULL OR p.signer_fold LIKE '%'||?4||'%')"
        " AND (?5 IS NULL OR p.signer_title_fold LIKE '%'||?5||'%')";
    sqlite3_stmt *st = NULL;
    if (vb_ix_prepare(ix, sql, &st, err) != VB_OK)
        return VB_ERR_DB;
    sqlite3_bind_text(st, 1, b->expr, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, q->budget_min);
    sqlite3_bind_int64(st, 3, q->budget_max);
    vb_status s = VB_OK;
    if (b->n && (!bind_fold(st, 4, q->signer) || !bind_fold(st, 5, q->role)))
        s = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    if (s == VB_OK && sqlite3_step(st) == SQLITE_ROW) {
        h->total = (long)sqlite3_column_int64(st, 0);
        h->total_capped = 0;
    } else if (s == VB_OK) {
        s = vb_ix_dberr(ix, err, "counting");
    }
    sqlite3_finalize(st);
    return s;
}

vb_status vb_search(vb_index *ix, const vb_query *q, vb_hits **out, vb_error *err)
{
    *out = NULL;
    qbuild b = {0};
    vb_hits *h = calloc(1, sizeof *h);
    if (!h)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    vb_status s = parse_terms(&b, q->text ? q->text : "", err);
    int filters = q->year || q->school || q->criterion || q->role || q->signer ||
                  q->section || q->budget_min >= 0 || q->budget_max >= 0;
    if (s == VB_OK && !b.n && !filters)
        s = vb_error_set(err, VB_ERR_USAGE, "nothing to search for: give words or filters");
    if (s == VB_OK && !b.n && !q->criterion && !q->section &&
        (q->budget_min >= 0 || q->budget_max >= 0))
        s = run_budget(ix, q, h, err);
    else if (s == VB_OK)
        s = search_once(ix, q, &b, 0, h, err);
    if (s == VB_OK && h->n == 0 && q->offset == 0 && b.n && !q->no_typo)
        s = typo_retry(ix, q, &b, h, err);
    if (s == VB_OK && q->count_all && h->total_capped)
        s = count_all(ix, q, &b, h, err);
    qb_free(&b);
    if (s != VB_OK) {
        vb_hits_free(h);
        return s;
    }
    *out = h;
    return VB_OK;
}

vb_status vb_ix_text_expr(const char *text, char **expr, vb_error *err)
{
    qbuild b = {0};
    *expr = NULL;
    vb_status s = parse_terms(&b, text, err);
    if (s == VB_OK && b.n && !app_terms(&b, "folded", 1))
        s = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    if (s == VB_OK && b.n) {
        *expr = b.expr;
        b.expr = NULL;
    }
    qb_free(&b);
    return s;
}
