/* typo.c — one-edit fallback for query words that match nothing (typos,
 * OCR leftovers). The vocabulary is the folded column's terms (fts5vocab);
 * candidates come from a deletion index (every term with one code point
 * removed), so a lookup is a handful of indexed probes instead of a scan:
 * two words one edit apart always share a one-deletion form. SQLite's
 * spellfix1 is not packaged in Debian, hence this small table. */
#include "search/search_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VOCAB_MIN 3
#define VOCAB_MAX 32 /* bytes */

/* Byte offsets of the code points of s (at most VOCAB_MAX + 1 of them). */
static int cp_offsets(const char *s, int *off)
{
    int n = 0;
    for (int i = 0; s[i] && n <= VOCAB_MAX; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            off[n++] = i;
    off[n] = (int)strlen(s);
    return n;
}

/* s with code point k removed, into out. */
static void delete_at(const char *s, const int *off, int k, char *out)
{
    memcpy(out, s, (size_t)off[k]);
    strcpy(out + off[k], s + off[k + 1]);
}

static vb_status add_deletes(vb_index *ix, sqlite3_stmt *ins, const char *term, vb_error *err)
{
    int off[VOCAB_MAX + 2];
    int n = cp_offsets(term, off);
    char del[VOCAB_MAX + 1];
    for (int k = 0; k < n; k++) {
        if (k > 0 && off[k + 1] - off[k] == off[k] - off[k - 1] &&
            memcmp(term + off[k], term + off[k - 1], (size_t)(off[k + 1] - off[k])) == 0)
            continue; /* deleting either of two equal neighbours gives the same form */
        delete_at(term, off, k, del);
        sqlite3_reset(ins);
        sqlite3_bind_text(ins, 1, del, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, term, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE)
            return vb_ix_dberr(ix, err, "building the typo vocabulary");
    }
    return VB_OK;
}

vb_status vb_ix_vocab_rebuild(vb_index *ix, vb_error *err)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "DELETE FROM df; DELETE FROM stats; DELETE FROM vocab; DELETE FROM vocab_del;"
             "INSERT INTO df SELECT term, doc FROM fts_terms WHERE col='folded';"
             "INSERT INTO stats VALUES('units', (SELECT count(*) FROM docs));"
             "INSERT INTO vocab SELECT term, doc FROM df WHERE 1"
             " AND length(CAST(term AS BLOB)) BETWEEN %d AND %d AND term NOT GLOB '*[0-9]*';",
             VOCAB_MIN, VOCAB_MAX);
    if (vb_ix_exec(ix, sql, err) != VB_OK)
        return VB_ERR_DB;
    sqlite3_stmt *q = NULL, *ins = NULL;
    vb_status s = vb_ix_prepare(ix, "SELECT term FROM vocab", &q, err);
    if (s == VB_OK)
        s = vb_ix_prepare(ix, "INSERT INTO vocab_del(del, term) VALUES(?1, ?2)", &ins, err);
    while (s == VB_OK && sqlite3_step(q) == SQLITE_ROW)
        s = add_deletes(ix, ins, (const char *)sqlite3_column_text(q, 0), err);
    sqlite3_finalize(q);
    sqlite3_finalize(ins);
    return s;
}

int vb_ix_vocab_has(vb_index *ix, const char *word)
{
    size_t n = strlen(word);
    if (n < VOCAB_MIN || n > VOCAB_MAX || strpbrk(word, "0123456789"))
        return 1;
    sqlite3_stmt *st = vb_ix_cached(
        ix, 14, "SELECT (SELECT 1 FROM vocab WHERE term=?1), (SELECT 1 FROM vocab LIMIT 1)",
        NULL);
    if (!st)
        return 1;
    sqlite3_bind_text(st, 1, word, -1, SQLITE_TRANSIENT);
    int has = 1;
    if (sqlite3_step(st) == SQLITE_ROW)
        has = sqlite3_column_type(st, 0) != SQLITE_NULL || sqlite3_column_type(st, 1) == SQLITE_NULL;
    sqlite3_reset(st);
    return has;
}

/* Decodes up to VOCAB_MAX + 1 code points of s (a malformed byte is its own). */
static int decode(const char *s, unsigned *cp)
{
    int n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && n <= VOCAB_MAX) {
        unsigned c = *p++;
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        for (; more > 0 && (*p & 0xC0) == 0x80; more--)
            c = (c << 6) | (*p++ & 0x3F);
        cp[n++] = c;
    }
    return n;
}

/* Optimal string alignment distance between a and b is at most 1. */
static int one_edit(const char *a, const char *b)
{
    unsigned x[VOCAB_MAX + 2], y[VOCAB_MAX + 2];
    int na = decode(a, x), nb = decode(b, y);
    if (na - nb > 1 || nb - na > 1)
        return 0;
    int d[VOCAB_MAX + 3][VOCAB_MAX + 3];
    for (int i = 0; i <= na; i++)
        d[i][0] = i;
    for (int j = 0; j <= nb; j++)
        d[0][j] = j;
    for (int i = 1; i <= na; i++)
        for (int j = 1; j <= nb; j++) {
            int v = d[i - 1][j - 1] + (x[i - 1] != y[j - 1]);
            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[na][nb] <= 1;
}

/* Considers every vocabulary term reachable from key; keeps the most frequent. */
static void probe(vb_index *ix, const char *word, const char *key, char **best, long *bestdoc)
{
    sqlite3_stmt *st = vb_ix_cached(
        ix, 15,
        "SELECT v.term, v.doc FROM vocab_del d JOIN vocab v ON v.term=d.term WHERE d.del=?1"
        " UNION ALL SELECT term, doc FROM vocab WHERE term=?1",
        NULL);
    if (!st)
        return;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    for (int guard = 0; guard < 10000 && sqlite3_step(st) == SQLITE_ROW; guard++) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        long doc = (long)sqlite3_column_int64(st, 1);
        if (!t || strcmp(t, word) == 0 || doc <= *bestdoc || !one_edit(word, t))
            continue;
        char *c = strdup(t);
        if (c) {
            free(*best);
            *best = c;
            *bestdoc = doc;
        }
    }
    sqlite3_reset(st);
}

char *vb_ix_typo_candidate(vb_index *ix, const char *word)
{
    size_t len = strlen(word);
    if (len < VOCAB_MIN || len > VOCAB_MAX)
        return NULL;
    int off[VOCAB_MAX + 2];
    int n = cp_offsets(word, off);
    char del[VOCAB_MAX + 1], *best = NULL;
    long bestdoc = 0;
    probe(ix, word, word, &best, &bestdoc);
    for (int k = 0; k < n; k++) {
        delete_at(word, off, k, del);
        probe(ix, word, del, &best, &bestdoc);
    }
    return best;
}
