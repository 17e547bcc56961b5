/* index.c — writing the search index: one run is one transaction; each plan
 * XML file is keyed by its path and the sha256 of its bytes, so re-indexing
 * skips unchanged files and replaces changed ones; prune drops vanished files. */
#include "search/plan_load.h"
#include "search/search_int.h"

#include <errno.h>
#include <limits.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { S_FIND, S_PLAN, S_SEC, S_CRIT, S_CID, S_REC, S_DOC };

static void sha256_hex(const char *data, size_t len, char hex[65])
{
    struct sha256_ctx c;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_init(&c);
    sha256_update(&c, len, (const uint8_t *)data);
    sha256_digest(&c, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        sprintf(hex + 2 * i, "%02x", d[i]);
}

vb_status vb_index_begin(vb_index *ix, vb_error *err)
{
    if (ix->mode != VB_INDEX_WRITE || ix->in_run)
        return vb_error_set(err, VB_ERR_USAGE, "index not open for writing, or run open");
    if (vb_ix_exec(ix, "BEGIN IMMEDIATE", err) != VB_OK)
        return VB_ERR_DB;
    ix->in_run = 1;
    return VB_OK;
}

vb_status vb_index_commit(vb_index *ix, vb_error *err)
{
    if (!ix->in_run)
        return vb_error_set(err, VB_ERR_USAGE, "no indexing run to commit");
    if (vb_ix_vocab_rebuild(ix, err) != VB_OK)
        return VB_ERR_DB;
    if (vb_ix_exec(ix, "COMMIT", err) != VB_OK)
        return VB_ERR_DB;
    ix->in_run = 0;
    return VB_OK;
}

static vb_status delete_plan(vb_index *ix, sqlite3_int64 id, vb_error *err)
{
    static const char *const sql[] = {
        "DELETE FROM docs WHERE plan_id=?1",     "DELETE FROM criteria WHERE plan_id=?1",
        "DELETE FROM crit_ids WHERE plan_id=?1", "DELETE FROM sections WHERE plan_id=?1",
        "DELETE FROM recipients WHERE plan_id=?1", "DELETE FROM plans WHERE id=?1"};
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        sqlite3_stmt *st = vb_ix_cached(ix, 8 + (int)i, sql[i], err);
        if (!st)
            return VB_ERR_DB;
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) != SQLITE_DONE)
            return vb_ix_dberr(ix, err, "removing an old plan");
    }
    return VB_OK;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static vb_status step_done(vb_index *ix, sqlite3_stmt *st, vb_error *err)
{
    if (sqlite3_step(st) != SQLITE_DONE)
        return vb_ix_dberr(ix, err, "storing a plan");
    return VB_OK;
}

/* Folds s (NULL stays NULL) into *out. */
static vb_status fold_opt(const char *s, char **out, vb_error *err)
{
    *out = NULL;
    return s ? vb_fold(s, out, err) : VB_OK;
}

static vb_status insert_plan(vb_index *ix, const char *path, const char *sha,
                             const vb_pl *p, char *const folds[3], sqlite3_int64 *id,
                             vb_error *err)
{
    sqlite3_stmt *st = vb_ix_cached(
        ix, S_PLAN,
        "INSERT INTO plans(path, sha256, source_path, source_sha256, school, school_fold,"
        " authority, number, place, date, year_from, year_to, title, signer_title,"
        " signer_title_fold, signer, signer_fold)"
        " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)",
        err);
    if (!st)
        return VB_ERR_DB;
    const char *t[] = {path, sha, p->source_path, p->source_sha256, p->school, folds[0],
                       p->authority, p->number, p->place, p->date};
    for (int i = 0; i < 10; i++)
        bind_text(st, i + 1, t[i]);
    if (p->year_from)
        sqlite3_bind_int(st, 11, p->year_from);
    if (p->year_to)
        sqlite3_bind_int(st, 12, p->year_to);
    bind_text(st, 13, p->title);
    bind_text(st, 14, p->signer_title);
    bind_text(st, 15, folds[2]);
    bind_text(st, 16, p->signer);
    bind_text(st, 17, folds[1]);
    if (step_done(ix, st, err) != VB_OK)
        return VB_ERR_DB;
    *id = sqlite3_last_insert_rowid(ix->db);
    return VB_OK;
}

static vb_status insert_sections(vb_index *ix, sqlite3_int64 id, const vb_pl *p,
                                 vb_error *err)
{
    for (size_t i = 0; i < p->nsec; i++) {
        sqlite3_stmt *st = vb_ix_cached(
            ix, S_SEC, "INSERT INTO sections(plan_id, ordinal, label, role, heading)"
                       " VALUES(?1,?2,?3,?4,?5)", err);
        if (!st)
            return VB_ERR_DB;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, p->sec[i].ordinal);
        bind_text(st, 3, p->sec[i].label);
        bind_text(st, 4, p->sec[i].role);
        bind_text(st, 5, p->sec[i].heading);
        if (step_done(ix, st, err) != VB_OK)
            return VB_ERR_DB;
    }
    return VB_OK;
}

static vb_status insert_crit_ids(vb_index *ix, sqlite3_int64 id, sqlite3_int64 cid,
                                 const char *ids, vb_error *err)
{
    const char *s = ids ? ids : "";
    for (size_t guard = strlen(s) + 1; *s && guard--;) {
        s += strspn(s, " ,;");
        size_t n = strcspn(s, " ,;");
        if (!n)
            break;
        sqlite3_stmt *st = vb_ix_cached(
            ix, S_CID, "INSERT INTO crit_ids(crit_id, plan_id, cid) VALUES(?1,?2,?3)", err);
        if (!st)
            return VB_ERR_DB;
        sqlite3_bind_int64(st, 1, cid);
        sqlite3_bind_int64(st, 2, id);
        sqlite3_bind_text(st, 3, s, (int)n, SQLITE_TRANSIENT);
        if (step_done(ix, st, err) != VB_OK)
            return VB_ERR_DB;
        s += n;
    }
    return VB_OK;
}

static vb_status insert_criteria(vb_index *ix, sqlite3_int64 id, const vb_pl *p,
                                 sqlite3_int64 *cids, vb_error *err)
{
    for (size_t i = 0; i < p->ncrit; i++) {
        const vb_pl_crit *c = &p->crit[i];
        sqlite3_stmt *st = vb_ix_cached(
            ix, S_CRIT,
            "INSERT INTO criteria(plan_id, standard, ids, level, target, tasks, lead,"
            " timeline, t_start, t_end, budget, amount, source)"
            " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)", err);
        if (!st)
            return VB_ERR_DB;
        sqlite3_bind_int64(st, 1, id);
        const char *t[] = {c->standard, c->ids, c->level, c->target, c->tasks,
                           c->lead, c->timeline, c->t_start, c->t_end, c->budget};
        for (int k = 0; k < 10; k++)
            bind_text(st, k + 2, t[k]);
        if (c->amount >= 0)
            sqlite3_bind_int64(st, 12, c->amount);
        bind_text(st, 13, c->source);
        if (step_done(ix, st, err) != VB_OK)
            return VB_ERR_DB;
        cids[i] = sqlite3_last_insert_rowid(ix->db);
        if (insert_crit_ids(ix, id, cids[i], c->ids, err) != VB_OK)
            return VB_ERR_DB;
    }
    return VB_OK;
}

static vb_status insert_recipients(vb_index *ix, sqlite3_int64 id, const vb_pl *p,
                                   vb_error *err)
{
    for (size_t i = 0; i < p->nrec; i++) {
        sqlite3_stmt *st = vb_ix_cached(
            ix, S_REC, "INSERT INTO recipients(plan_id, purpose, text) VALUES(?1,?2,?3)", err);
        if (!st)
            return VB_ERR_DB;
        sqlite3_bind_int64(st, 1, id);
        bind_text(st, 2, p->rec[i].purpose);
        bind_text(st, 3, p->rec[i].text);
        if (step_done(ix, st, err) != VB_OK)
            return VB_ERR_DB;
    }
    return VB_OK;
}

/* The plan-wide meta tokens: year, school, signer, signer's title. */
static int plan_meta(const vb_pl *p, char *const folds[3], char **m, size_t *len,
                     size_t *cap)
{
    char y[32];
    snprintf(y, sizeof y, " xy%d", p->year_from);
    return (!p->year_from || vb_ix_append(m, len, cap, y, strlen(y))) &&
           (!folds[0] || vb_ix_meta_words(m, len, cap, "xs", folds[0]));
}

/* Signer and title tokens go on the signature unit only: they would double
 * the meta column if every unit carried them (words + signer is filtered
 * in SQL instead, see query.c). */
static int signer_meta(char *const folds[3], char **m, size_t *len, size_t *cap)
{
    return (!folds[1] || vb_ix_meta_words(m, len, cap, "xg", folds[1])) &&
           (!folds[2] || vb_ix_meta_words(m, len, cap, "xr", folds[2]));
}

/* The doc's own meta tokens appended to the plan's. */
static char *doc_meta(const vb_pl *p, const vb_pl_doc *d, const char *pm,
                      char *const folds[3])
{
    char *m = NULL;
    size_t len = 0, cap = 0;
    int ok = vb_ix_append(&m, &len, &cap, pm, strlen(pm)) &&
             (strcmp(d->field, "signature") != 0 || signer_meta(folds, &m, &len, &cap)) &&
             vb_ix_meta_words(&m, &len, &cap, "xsec", *d->section ? d->section : "none") &&
             vb_ix_meta_words(&m, &len, &cap, "xf", d->field);
    if (ok && d->crit >= 0) {
        const vb_pl_crit *c = &p->crit[d->crit];
        char tok[64];
        const char *s = c->ids ? c->ids : "";
        for (size_t guard = strlen(s) + 1; ok && *s && guard--;) {
            s += strspn(s, " ,;");
            size_t n = strcspn(s, " ,;");
            char id[48];
            snprintf(id, sizeof id, "%.*s", (int)(n < 40 ? n : 40), s);
            vb_ix_crit_token(id, tok + 3, sizeof tok - 3);
            memcpy(tok, " xc", 3);
            ok = !n || vb_ix_append(&m, &len, &cap, tok, strlen(tok));
            s += n;
        }
        if (ok && c->standard) {
            snprintf(tok, sizeof tok, " xstd%.40s", c->standard);
            ok = vb_ix_append(&m, &len, &cap, tok, strlen(tok));
        }
    }
    if (!ok)
        free(m);
    return ok ? m : NULL;
}

static vb_status insert_docs(vb_index *ix, sqlite3_int64 id, const vb_pl *p,
                             const sqlite3_int64 *cids, const char *pm, char *const folds[3],
                             vb_error *err)
{
    for (size_t i = 0; i < p->ndoc; i++) {
        const vb_pl_doc *d = &p->doc[i];
        char *folded = NULL, *meta = doc_meta(p, d, pm, folds);
        if (!meta)
            return vb_error_set(err, VB_ERR_NOMEM, "out of memory indexing");
        vb_status s = vb_fold(d->text, &folded, err);
        sqlite3_stmt *st = s == VB_OK ? vb_ix_cached(
            ix, S_DOC, "INSERT INTO docs(plan_id, section, field, crit_id, exact, folded, meta)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7)", err) : NULL;
        if (st) {
            sqlite3_bind_int64(st, 1, id);
            bind_text(st, 2, d->section);
            bind_text(st, 3, d->field);
            if (d->crit >= 0)
                sqlite3_bind_int64(st, 4, cids[d->crit]);
            bind_text(st, 5, d->text);
            bind_text(st, 6, folded);
            bind_text(st, 7, meta);
            s = step_done(ix, st, err);
        } else if (s == VB_OK) {
            s = VB_ERR_DB;
        }
        free(folded);
        free(meta);
        if (s != VB_OK)
            return s;
    }
    return VB_OK;
}

static vb_status store(vb_index *ix, const char *path, const char *sha, const vb_pl *p,
                       vb_error *err)
{
    char *folds[3] = {NULL, NULL, NULL};
    char *pm = NULL;
    size_t len = 0, cap = 0;
    sqlite3_int64 id = 0, *cids = calloc(p->ncrit + 1, sizeof *cids);
    vb_status s = cids ? VB_OK : vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    if (s == VB_OK)
        s = fold_opt(p->school, &folds[0], err);
    if (s == VB_OK)
        s = fold_opt(p->signer, &folds[1], err);
    if (s == VB_OK)
        s = fold_opt(p->signer_title, &folds[2], err);
    if (s == VB_OK && (!vb_ix_append(&pm, &len, &cap, "", 0) || !plan_meta(p, folds, &pm, &len, &cap)))
        s = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    if (s == VB_OK)
        s = insert_plan(ix, path, sha, p, folds, &id, err);
    if (s == VB_OK)
        s = insert_sections(ix, id, p, err);
    if (s == VB_OK)
        s = insert_criteria(ix, id, p, cids, err);
    if (s == VB_OK)
        s = insert_recipients(ix, id, p, err);
    if (s == VB_OK)
        s = insert_docs(ix, id, p, cids, pm, folds, err);
    free(folds[0]), free(folds[1]), free(folds[2]);
    free(pm);
    free(cids);
    return s;
}

/* The id and sha256 stored for path: 1 found, 0 not, -1 error. */
static int find_plan(vb_index *ix, const char *path, sqlite3_int64 *id, char sha[65],
                     vb_error *err)
{
    sqlite3_stmt *st = vb_ix_cached(ix, S_FIND, "SELECT id, sha256 FROM plans WHERE path=?1",
                                    err);
    if (!st)
        return -1;
    bind_text(st, 1, path);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        snprintf(sha, 65, "%s", (const char *)sqlite3_column_text(st, 1));
        return 1;
    }
    return rc == SQLITE_DONE ? 0 : (vb_ix_dberr(ix, err, "looking up a plan"), -1);
}

/* Replaces the stored version of path by p, inside a savepoint so that a
 * failure leaves the run as it was before this file. */
static vb_status replace(vb_index *ix, const char *path, const char *sha, const vb_pl *p,
                         sqlite3_int64 old, vb_error *err)
{
    if (vb_ix_exec(ix, "SAVEPOINT one_plan", err) != VB_OK)
        return VB_ERR_DB;
    vb_status s = old ? delete_plan(ix, old, err) : VB_OK;
    if (s == VB_OK)
        s = store(ix, path, sha, p, err);
    if (s != VB_OK)
        sqlite3_exec(ix->db, "ROLLBACK TO one_plan", NULL, NULL, NULL);
    sqlite3_exec(ix->db, "RELEASE one_plan", NULL, NULL, NULL);
    return s;
}

vb_status vb_index_add_bytes(vb_index *ix, const char *path, const char *data, size_t len,
                             vb_index_stats *st, vb_error *err)
{
    if (!ix->in_run)
        return vb_error_set(err, VB_ERR_USAGE, "vb_index_begin first");
    char sha[65], old_sha[65] = "";
    sqlite3_int64 old = 0;
    sha256_hex(data, len, sha);
    int found = find_plan(ix, path, &old, old_sha, err);
    if (found < 0)
        return VB_ERR_DB;
    if (found && strcmp(sha, old_sha) == 0) {
        st->unchanged++;
        return VB_OK;
    }
    vb_pl *p = NULL;
    vb_status s = vb_pl_parse(data, len, path, &p, err);
    if (s == VB_OK)
        s = replace(ix, path, sha, p, found ? old : 0, err);
    vb_pl_free(p);
    if (s != VB_OK)
        st->failed++;
    else if (found)
        st->replaced++;
    else
        st->added++;
    return s;
}

vb_status vb_index_add_file(vb_index *ix, const char *path, vb_index_stats *st,
                            vb_error *err)
{
    unsigned char *data = NULL;
    size_t len = 0;
    char real[PATH_MAX];
    const char *key = realpath(path, real) ? real : path;
    vb_status s = vb_file_read(path, 64u << 20, &data, &len, err);
    if (s != VB_OK) {
        st->failed++;
        return s;
    }
    s = vb_index_add_bytes(ix, key, (const char *)data, len, st, err);
    free(data);
    return s;
}

vb_status vb_index_prune(vb_index *ix, vb_index_stats *st, vb_error *err)
{
    sqlite3_stmt *q = NULL;
    if (!ix->in_run)
        return vb_error_set(err, VB_ERR_USAGE, "vb_index_begin first");
    if (vb_ix_prepare(ix, "SELECT id, path FROM plans", &q, err) != VB_OK)
        return VB_ERR_DB;
    sqlite3_int64 *gone = NULL;
    size_t n = 0, cap = 0;
    vb_status s = VB_OK;
    while (s == VB_OK && sqlite3_step(q) == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(q, 1);
        if (access(p, F_OK) == 0 || errno != ENOENT)
            continue;
        if (n == cap) {
            sqlite3_int64 *g = realloc(gone, (cap = cap ? cap * 2 : 64) * sizeof *g);
            if (!g)
                s = vb_error_set(err, VB_ERR_NOMEM, "out of memory pruning");
            else
                gone = g;
        }
        if (s == VB_OK)
            gone[n++] = sqlite3_column_int64(q, 0);
    }
    sqlite3_finalize(q);
    for (size_t i = 0; s == VB_OK && i < n; i++)
        s = delete_plan(ix, gone[i], err);
    if (s == VB_OK)
        st->pruned += (long)n;
    free(gone);
    return s;
}
