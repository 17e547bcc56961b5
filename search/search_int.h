/* search_int.h — private to search/: the index handle, the schema, and the
 * helpers shared by loading, querying and aggregating. */
#ifndef VB_SEARCH_INT_H
#define VB_SEARCH_INT_H

#include "search/search.h"

#include <sqlite3.h>

struct vb_index {
    sqlite3 *db;
    int mode;   /* VB_INDEX_READ / VB_INDEX_WRITE */
    int in_run; /* a transaction from vb_index_begin is open */
    sqlite3_stmt *cache[24]; /* prepared once, finalized by vb_index_free */
};

/* The cached statement number slot for sql (prepared on first use, reset
 * and unbound on every later call). NULL with err set on failure. */
sqlite3_stmt *vb_ix_cached(vb_index *ix, int slot, const char *sql, vb_error *err);

/* NFC of UTF-8 text, malloc'd. */
vb_status vb_search_nfc(const char *utf8, char **out, vb_error *err);

/* Sets err from the database's last error: "what: sqlite message". */
vb_status vb_ix_dberr(vb_index *ix, vb_error *err, const char *what);

/* Prepares sql or sets err. */
vb_status vb_ix_prepare(vb_index *ix, const char *sql, sqlite3_stmt **st, vb_error *err);

/* Runs statements without results. */
vb_status vb_ix_exec(vb_index *ix, const char *sql, vb_error *err);

/* strdup of a column ("" for NULL); NULL only on out of memory. */
char *vb_ix_coldup(sqlite3_stmt *st, int col);

/* Appends "prefix+word" meta tokens for every folded word of text to buf
 * (letters and digits only, so the token survives unicode61 intact). */
int vb_ix_meta_words(char **buf, size_t *len, size_t *cap, const char *prefix,
                     const char *folded);

/* Growable string append; returns 0 on out of memory. */
int vb_ix_append(char **buf, size_t *len, size_t *cap, const char *s, size_t n);

/* "3.3" → "3x3" (a criterion id as one meta token), into out (size n). */
void vb_ix_crit_token(const char *id, char *out, size_t n);

/* The snippet: text with the words matching any folded query term in
 * [brackets], cut to a window of about `words` words around the first match.
 * Malloc'd; NULL on out of memory. */
char *vb_ix_snippet(const char *text, char *const *terms, size_t nterms, int words);

/* Rebuilds the typo vocabulary from the folded column. */
vb_status vb_ix_vocab_rebuild(vb_index *ix, vb_error *err);

/* Best indexed folded word at most one edit from word, or NULL (malloc'd). */
char *vb_ix_typo_candidate(vb_index *ix, const char *word);

/* 1 when the folded word is in the vocabulary (or the vocabulary is empty). */
int vb_ix_vocab_has(vb_index *ix, const char *word);

/* The MATCH expression for the words of text on the folded column, or
 * *expr NULL when text has no words. */
vb_status vb_ix_text_expr(const char *text, char **expr, vb_error *err);

/* Registers vbrank() (rank.c) on the connection. */
vb_status vb_ix_rank_register(vb_index *ix, vb_error *err);

/* BM25 inverse document frequency of a folded term, from the `df` table
 * (1.0 when the index has no statistics). */
double vb_ix_idf(vb_index *ix, const char *folded);

#endif
