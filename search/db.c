/* db.c — the search index database: open in WAL mode, create the schema
 * (plans, sections, criteria, recipients, docs + the FTS5 table over the
 * exact and folded text), and small SQLite helpers. */
#include "search/search_int.h"

#include <stdlib.h>
#include <string.h>

/* docs is the FTS5 external content: one row per searchable unit (an item,
 * a criterion row, a duty, the header, the signature…); `folded` is vb_fold
 * of `exact`; `meta` holds filter tokens (year, section, field, criterion,
 * school, signer) so that filters intersect inside FTS5. */
static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS plans(id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL,"
    " sha256 TEXT NOT NULL, source_path TEXT, source_sha256 TEXT, school TEXT,"
    " school_fold TEXT, authority TEXT, number TEXT, place TEXT, date TEXT,"
    " year_from INTEGER, year_to INTEGER, title TEXT, signer_title TEXT,"
    " signer_title_fold TEXT, signer TEXT, signer_fold TEXT);"
    "CREATE INDEX IF NOT EXISTS plans_year ON plans(year_from);"
    "CREATE TABLE IF NOT EXISTS sections(id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL,"
    " ordinal INTEGER, label TEXT, role TEXT, heading TEXT);"
    "CREATE INDEX IF NOT EXISTS sections_plan ON sections(plan_id);"
    "CREATE TABLE IF NOT EXISTS criteria(id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL,"
    " standard TEXT, ids TEXT, level TEXT, target TEXT, tasks TEXT, lead TEXT,"
    " timeline TEXT, t_start TEXT, t_end TEXT, budget TEXT, amount INTEGER, source TEXT);"
    "CREATE INDEX IF NOT EXISTS criteria_plan ON criteria(plan_id);"
    "CREATE INDEX IF NOT EXISTS criteria_amount ON criteria(amount);"
    "CREATE TABLE IF NOT EXISTS crit_ids(crit_id INTEGER NOT NULL, plan_id INTEGER NOT NULL,"
    " cid TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS crit_ids_cid ON crit_ids(cid);"
    "CREATE INDEX IF NOT EXISTS crit_ids_plan ON crit_ids(plan_id);"
    "CREATE TABLE IF NOT EXISTS recipients(plan_id INTEGER NOT NULL, purpose TEXT, text TEXT);"
    "CREATE INDEX IF NOT EXISTS recipients_plan ON recipients(plan_id);"
    "CREATE TABLE IF NOT EXISTS docs(id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL,"
    " section TEXT, field TEXT, crit_id INTEGER, exact TEXT, folded TEXT, meta TEXT);"
    "CREATE INDEX IF NOT EXISTS docs_plan ON docs(plan_id);"
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(exact, folded, meta,"
    " content='docs', content_rowid='id', tokenize='unicode61 remove_diacritics 0');"
    "CREATE TRIGGER IF NOT EXISTS docs_ai AFTER INSERT ON docs BEGIN"
    " INSERT INTO fts(rowid, exact, folded, meta) VALUES(new.id, new.exact, new.folded, new.meta);"
    " END;"
    "CREATE TRIGGER IF NOT EXISTS docs_ad AFTER DELETE ON docs BEGIN"
    " INSERT INTO fts(fts, rowid, exact, folded, meta)"
    " VALUES('delete', old.id, old.exact, old.folded, old.meta); END;"
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts_terms USING fts5vocab(fts, 'col');"
    "CREATE TABLE IF NOT EXISTS vocab(term TEXT PRIMARY KEY, doc INTEGER) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS vocab_del(del TEXT NOT NULL, term TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS vocab_del_del ON vocab_del(del);"
    "CREATE TABLE IF NOT EXISTS df(term TEXT PRIMARY KEY, doc INTEGER) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS stats(k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;";

vb_status vb_ix_dberr(vb_index *ix, vb_error *err, const char *what)
{
    return vb_error_set(err, VB_ERR_DB, "%s: %s", what,
                        ix && ix->db ? sqlite3_errmsg(ix->db) : "cannot open");
}

vb_status vb_ix_prepare(vb_index *ix, const char *sql, sqlite3_stmt **st, vb_error *err)
{
    if (sqlite3_prepare_v2(ix->db, sql, -1, st, NULL) != SQLITE_OK)
        return vb_ix_dberr(ix, err, "index query");
    return VB_OK;
}

vb_status vb_ix_exec(vb_index *ix, const char *sql, vb_error *err)
{
    if (sqlite3_exec(ix->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return vb_ix_dberr(ix, err, "index");
    return VB_OK;
}

char *vb_ix_coldup(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return strdup(s ? (const char *)s : "");
}

vb_index *vb_index_open(const char *path, int mode, vb_error *err)
{
    vb_index *ix = calloc(1, sizeof *ix);
    if (!ix) {
        vb_error_set(err, VB_ERR_NOMEM, "out of memory opening the index");
        return NULL;
    }
    ix->mode = mode;
    int flags = mode == VB_INDEX_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                       : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path, &ix->db, flags, NULL) != SQLITE_OK) {
        vb_error_set(err, VB_ERR_DB, "%s: cannot open the index: %s", path,
                     ix->db ? sqlite3_errmsg(ix->db) : "out of memory");
        vb_index_free(ix);
        return NULL;
    }
    /* Readers wait for a writer's checkpoint instead of failing at once. */
    sqlite3_busy_timeout(ix->db, 10000);
    vb_status st = VB_OK;
    if (mode == VB_INDEX_WRITE) {
        st = vb_ix_exec(ix, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                            "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;", err);
        if (st == VB_OK)
            st = vb_ix_exec(ix, schema_sql, err);
    } else {
        st = vb_ix_exec(ix, "PRAGMA cache_size=-32768; PRAGMA query_only=1;"
                            "PRAGMA mmap_size=4294967296;", err);
        sqlite3_stmt *q = NULL;
        if (st == VB_OK && sqlite3_prepare_v2(ix->db, "SELECT 1 FROM plans LIMIT 1", -1,
                                              &q, NULL) != SQLITE_OK)
            st = vb_error_set(err, VB_ERR_DB, "%s: not a vanban index", path);
        sqlite3_finalize(q);
    }
    if (st == VB_OK)
        st = vb_ix_rank_register(ix, err);
    if (st != VB_OK) {
        vb_index_free(ix);
        return NULL;
    }
    return ix;
}

void vb_index_free(vb_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < sizeof ix->cache / sizeof *ix->cache; i++)
        sqlite3_finalize(ix->cache[i]);
    if (ix->in_run)
        sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(ix->db);
    free(ix);
}

vb_status vb_index_count_plans(vb_index *ix, long *n, vb_error *err)
{
    sqlite3_stmt *st = NULL;
    *n = 0;
    if (vb_ix_prepare(ix, "SELECT count(*) FROM plans", &st, err) != VB_OK)
        return VB_ERR_DB;
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return VB_OK;
}

int vb_ix_append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t nc = (*cap ? *cap * 2 : 256);
        while (nc < *len + n + 1)
            nc *= 2;
        char *b = realloc(*buf, nc);
        if (!b)
            return 0;
        *buf = b;
        *cap = nc;
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 1;
}

int vb_ix_meta_words(char **buf, size_t *len, size_t *cap, const char *prefix,
                     const char *folded)
{
    const char *p = folded;
    size_t guard = strlen(folded) + 1;
    while (*p && guard--) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            p++;
        const char *w = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            p++;
        if (p > w && (!vb_ix_append(buf, len, cap, " ", 1) ||
                      !vb_ix_append(buf, len, cap, prefix, strlen(prefix)) ||
                      !vb_ix_append(buf, len, cap, w, (size_t)(p - w))))
            return 0;
    }
    return 1;
}

void vb_ix_crit_token(const char *id, char *out, size_t n)
{
    size_t w = 0;
    for (const char *p = id; *p && w + 1 < n; p++)
        out[w++] = *p == '.' ? 'x' : *p;
    out[w] = '\0';
}

sqlite3_stmt *vb_ix_cached(vb_index *ix, int slot, const char *sql, vb_error *err)
{
    sqlite3_stmt *st = ix->cache[slot];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    if (vb_ix_prepare(ix, sql, &st, err) != VB_OK)
        return NULL;
    ix->cache[slot] = st;
    return st;
}
