/* text.c — vb_text (UTF-8 with correction and word-box spans) and vb_buf.
 * Part of core: used by every stage that edits text. */
#include "core/text.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(char **s, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 32;
    while (c < need)
        c *= 2;
    char *p = realloc(*s, c);
    if (!p)
        return -1;
    *s = p;
    *cap = c;
    return 0;
}

void vb_text_init(vb_text *t)
{
    memset(t, 0, sizeof *t);
}

static void corr_free_from(vb_text *t, size_t from)
{
    for (size_t i = from; i < t->ncorr; i++)
        free(t->corr[i].orig);
    t->ncorr = from;
}

void vb_text_free(vb_text *t)
{
    if (!t)
        return;
    corr_free_from(t, 0);
    free(t->corr);
    free(t->words);
    free(t->s);
    memset(t, 0, sizeof *t);
}

void vb_text_clear(vb_text *t)
{
    corr_free_from(t, 0);
    t->nwords = 0;
    t->len = 0;
    if (t->s)
        t->s[0] = '\0';
}

int vb_text_cat(vb_text *t, const char *s, size_t n)
{
    if (grow(&t->s, &t->cap, t->len + n + 1))
        return -1;
    if (n)
        memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
    return 0;
}

int vb_text_cats(vb_text *t, const char *s)
{
    return vb_text_cat(t, s, strlen(s));
}

int vb_text_set(vb_text *t, const char *s, size_t n)
{
    vb_text_clear(t);
    return vb_text_cat(t, s, n);
}

int vb_text_catf(vb_text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || grow(&t->s, &t->cap, t->len + (size_t)n + 1))
        return -1;
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
    return 0;
}

/* Appends one correction at the end of the (sorted) list. */
static int corr_push(vb_text *t, size_t off, size_t len, const char *orig, float conf)
{
    if (t->ncorr == t->corrcap) {
        size_t c = t->corrcap ? t->corrcap * 2 : 4;
        vb_corr *p = realloc(t->corr, c * sizeof *p);
        if (!p)
            return -1;
        t->corr = p;
        t->corrcap = c;
    }
    char *o = strdup(orig ? orig : "");
    if (!o)
        return -1;
    t->corr[t->ncorr++] = (vb_corr){off, len, o, conf};
    return 0;
}

int vb_text_add_corr(vb_text *t, size_t off, size_t len, const char *orig, float conf)
{
    if (off + len > t->len)
        return -1;
    if (corr_push(t, off, len, orig, conf))
        return -1;
    /* keep sorted: insertion step for the usual near-sorted case */
    for (size_t i = t->ncorr - 1; i > 0 && t->corr[i - 1].off > t->corr[i].off; i--) {
        vb_corr tmp = t->corr[i - 1];
        t->corr[i - 1] = t->corr[i];
        t->corr[i] = tmp;
    }
    return 0;
}

/* ---- word boxes ------------------------------------------------------------ */

/* Appends one word at the end of the (sorted) list. */
static int word_push(vb_text *t, vb_word w)
{
    if (t->nwords == t->wordcap) {
        size_t c = t->wordcap ? t->wordcap * 2 : 8;
        vb_word *p = realloc(t->words, c * sizeof *p);
        if (!p)
            return -1;
        t->words = p;
        t->wordcap = c;
    }
    t->words[t->nwords++] = w;
    return 0;
}

int vb_text_add_word(vb_text *t, size_t off, size_t len, int page, vb_box box, float conf)
{
    if (len == 0 || off > t->len || len > t->len - off)
        return -1;
    size_t i = t->nwords;
    while (i > 0 && t->words[i - 1].off > off)
        i--;
    if ((i > 0 && t->words[i - 1].off + t->words[i - 1].len > off) ||
        (i < t->nwords && t->words[i].off < off + len))
        return -1;
    vb_word w = {off, len, box, conf, page};
    if (word_push(t, w))
        return -1;
    memmove(t->words + i + 1, t->words + i, (t->nwords - 1 - i) * sizeof w);
    t->words[i] = w;
    return 0;
}

void vb_text_drop_words(vb_text *t)
{
    t->nwords = 0;
}

/* a takes b in: a's range is extended by the caller; boxes unite when both
 * are on the same page (a box spanning two pages would show nothing), the
 * confidence is the lower one. */
static void word_unite(vb_word *a, const vb_word *b)
{
    if (a->page == b->page && b->box.x0 >= 0) {
        if (a->box.x0 < 0 || b->box.x0 < a->box.x0) a->box.x0 = b->box.x0;
        if (a->box.y0 < 0 || b->box.y0 < a->box.y0) a->box.y0 = b->box.y0;
        if (b->box.x1 > a->box.x1) a->box.x1 = b->box.x1;
        if (b->box.y1 > a->box.y1) a->box.y1 = b->box.y1;
    }
    if (a->conf < 0 || (b->conf >= 0 && b->conf < a->conf))
        a->conf = b->conf;
}

/* ---- cutting and joining ------------------------------------------------------ */

int vb_text_append_range(vb_text *dst, const vb_text *src, size_t from, size_t to)
{
    if (to > src->len)
        to = src->len;
    if (from >= to)
        return 0;
    size_t base = dst->len;
    if (vb_text_cat(dst, src->s + from, to - from))
        return -1;
    for (size_t i = 0; i < src->ncorr; i++) {
        const vb_corr *c = &src->corr[i];
        if (c->off >= from && c->off + c->len <= to &&
            corr_push(dst, base + c->off - from, c->len, c->orig, c->conf))
            return -1;
    }
    size_t lo = 0, hi = src->nwords;
    while (lo < hi) { /* the first word ending after from: cutting stays linear */
        size_t mid = lo + (hi - lo) / 2;
        if (src->words[mid].off + src->words[mid].len <= from)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < src->nwords && src->words[i].off < to; i++) {
        vb_word w = src->words[i];
        size_t a = w.off > from ? w.off : from, b = w.off + w.len < to ? w.off + w.len : to;
        if (a >= b)
            continue;
        w.off = base + a - from;
        w.len = b - a;
        if (word_push(dst, w))
            return -1;
    }
    return 0;
}

int vb_text_append(vb_text *dst, const vb_text *src, const char *sep)
{
    if (src->len == 0)
        return 0;
    if (dst->len && sep && vb_text_cats(dst, sep))
        return -1;
    return vb_text_append_range(dst, src, 0, src->len);
}

int vb_text_copy(vb_text *dst, const vb_text *src)
{
    vb_text_clear(dst);
    if (vb_text_cat(dst, "", 0))
        return -1;
    return vb_text_append_range(dst, src, 0, src->len);
}

/* The words after bytes [off, off+n) became m bytes (see vb_text_splice):
 * the new range of a word touching the old one is [min(start, off), its end
 * shifted, or off + m when it ended inside). */
static void words_splice(vb_text *t, size_t off, size_t n, size_t m)
{
    size_t k = 0, end = off + n;
    int merged = 0; /* a touching word already took the replacement */
    for (size_t i = 0; i < t->nwords; i++) {
        vb_word w = t->words[i];
        size_t wend = w.off + w.len;
        int touches = n ? w.off < end && wend > off : w.off < off && wend > off;
        if (!touches) {
            if (w.off >= end)
                w.off = w.off - n + m;
            t->words[k++] = w;
            continue;
        }
        if (m == 0 && w.off >= off && wend <= end)
            continue; /* deleted with its text */
        size_t a = w.off < off ? w.off : off, b = wend > end ? wend - n + m : off + m;
        if (m > 0 && merged) {
            vb_word *prev = &t->words[k - 1];
            prev->len = b - prev->off;
            word_unite(prev, &w);
            continue;
        }
        merged = m > 0;
        w.off = a;
        w.len = b - a;
        t->words[k++] = w;
    }
    t->nwords = k;
}

int vb_text_splice(vb_text *t, size_t off, size_t n, const char *s, size_t m)
{
    if (off > t->len)
        off = t->len;
    if (off + n > t->len)
        n = t->len - off;
    if (m > n && grow(&t->s, &t->cap, t->len - n + m + 1))
        return -1;
    memmove(t->s + off + m, t->s + off + n, t->len - off - n + 1);
    if (m)
        memcpy(t->s + off, s, m);
    t->len = t->len - n + m;
    size_t k = 0;
    for (size_t i = 0; i < t->ncorr; i++) {
        vb_corr c = t->corr[i];
        int overlaps = c.off < off + n && c.off + c.len > off;
        if (n == 0)
            overlaps = c.off < off && c.off + c.len > off;
        if (overlaps) {
            free(c.orig);
            continue;
        }
        if (c.off >= off + n)
            c.off = c.off - n + m;
        t->corr[k++] = c;
    }
    t->ncorr = k;
    words_splice(t, off, n, m);
    return 0;
}

/* The corrections e[0..ne) will record, in a list sized for them. */
static int corr_reserve(vb_text *t, size_t ne)
{
    if (t->corrcap - t->ncorr >= ne)
        return 0;
    vb_corr *p = realloc(t->corr, (t->ncorr + ne) * sizeof *p);
    if (!p)
        return -1;
    t->corr = p;
    t->corrcap = t->ncorr + ne;
    return 0;
}

int vb_text_replace(vb_text *t, const vb_edit *e, size_t ne)
{
    if (ne == 0)
        return 0;
    if (t->ncorr || t->nwords) { /* spans to move: one edit at a time */
        for (size_t k = ne; k-- > 0;) {
            char *orig = strndup(t->s + e[k].off, e[k].n);
            int rc = !orig || vb_text_splice(t, e[k].off, e[k].n, e[k].s, e[k].m) ||
                     vb_text_add_corr(t, e[k].off, e[k].m, orig, e[k].conf);
            free(orig);
            if (rc)
                return -1;
        }
        return 0;
    }
    /* the text rebuilt once; each correction lands where its edit does */
    size_t len = t->len;
    for (size_t k = 0; k < ne; k++)
        len = len - e[k].n + e[k].m;
    char *s = malloc(len + 1);
    if (!s || corr_reserve(t, ne)) {
        free(s);
        return -1;
    }
    size_t from = 0, o = 0;
    for (size_t k = 0; k < ne; k++) {
        memcpy(s + o, t->s + from, e[k].off - from);
        o += e[k].off - from;
        char *orig = strndup(t->s + e[k].off, e[k].n);
        if (!orig) {
            free(s);
            corr_free_from(t, 0);
            return -1;
        }
        t->corr[t->ncorr++] = (vb_corr){o, e[k].m, orig, e[k].conf};
        memcpy(s + o, e[k].s, e[k].m);
        o += e[k].m;
        from = e[k].off + e[k].n;
    }
    memcpy(s + o, t->s + from, t->len - from + 1);
    free(t->s);
    t->s = s;
    t->len = len;
    t->cap = len + 1;
    return 0;
}

/* Length of the white-space character at s (0 if none). Covers ASCII white
 * space, NBSP (C2 A0), and U+2000–U+200B, U+202F, U+205F, U+3000, U+FEFF. */
static size_t space_len(const unsigned char *s, size_t left)
{
    if (left >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' ||
                      s[0] == '\f' || s[0] == '\v'))
        return 1;
    if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8B || s[2] == 0xAF))
        return 3;
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F)
        return 3;
    if (left >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    if (left >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3;
    return 0;
}

/* Corrections and words both start with size_t off, len: collapse_space
 * remaps either list through the same cursor. */
_Static_assert(offsetof(vb_corr, off) == 0 && offsetof(vb_corr, len) == sizeof(size_t),
               "vb_corr starts with off, len");
_Static_assert(offsetof(vb_word, off) == 0 && offsetof(vb_word, len) == sizeof(size_t),
               "vb_word starts with off, len");

typedef struct span_cursor {
    char *base;     /* the list */
    size_t stride;  /* sizeof one element */
    size_t n, ks, ke; /* elements; starts and ends remapped so far */
} span_cursor;

static size_t *span_off(const span_cursor *c, size_t i)
{
    return (size_t *)(void *)(c->base + i * c->stride);
}

static size_t *span_len(const span_cursor *c, size_t i)
{
    return (size_t *)(void *)(c->base + i * c->stride + sizeof(size_t));
}

/* Boundaries at read position r, written position w (gap: a space goes out
 * before the next byte). A start is rewritten when r reaches it (its old
 * absolute end parked in len), an end when r reaches that. */
static void span_step(span_cursor *c, size_t r, size_t w, int gap)
{
    for (; c->ks < c->n && *span_off(c, c->ks) == r; c->ks++) {
        *span_len(c, c->ks) += r;
        *span_off(c, c->ks) = w + (size_t)gap;
    }
    for (; c->ke < c->ks && *span_len(c, c->ke) == r; c->ke++) {
        size_t off = *span_off(c, c->ke);
        *span_len(c, c->ke) = w > off ? w - off : 0;
    }
}

/* One pass, compacting in place: r reads, w writes. A run of white space
 * becomes one ' ' when text follows it (never at either end). Span
 * boundaries are remapped as r crosses them (span_step). Linear in the
 * text, whatever the number of runs. */
int vb_text_collapse_space(vb_text *t)
{
    unsigned char *s = (unsigned char *)t->s;
    size_t r = 0, w = 0;
    span_cursor cc = {(char *)t->corr, sizeof *t->corr, t->ncorr, 0, 0};
    span_cursor wc = {(char *)t->words, sizeof *t->words, t->nwords, 0, 0};
    int pending = 0;
    for (;;) {
        size_t sp = r < t->len ? space_len(s + r, t->len - r) : 0;
        int gap = pending && !sp && r < t->len;
        span_step(&cc, r, w, gap);
        span_step(&wc, r, w, gap);
        if (r >= t->len)
            break;
        if (sp) {
            pending = w > 0;
            r += sp;
            continue;
        }
        if (gap)
            s[w++] = ' ';
        pending = 0;
        s[w++] = s[r++];
    }
    corr_free_from(t, cc.ke); /* a boundary inside a space run: not remappable */
    size_t k = 0;
    for (size_t i = 0; i < wc.ke; i++) /* so are those words; and spaces-only ones go */
        if (t->words[i].len)
            t->words[k++] = t->words[i];
    t->nwords = k;
    t->len = w;
    if (s)
        s[w] = '\0';
    return 0;
}

/* ---- token-for-token rewrites ----------------------------------------------- */

/* Start and end of every token (run without white space) of s[0..n):
 * b[2k], b[2k+1]. NULL on out of memory. */
static size_t *token_bounds(const char *s, size_t n, size_t *count)
{
    size_t cap = 32, k = 0;
    size_t *b = malloc(cap * sizeof *b);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0, sp; b && i < n;) {
        if ((sp = space_len(u + i, n - i))) {
            i += sp;
            continue;
        }
        size_t j = i + 1;
        while (j < n && !space_len(u + j, n - j))
            j++;
        if (k + 2 > cap) {
            size_t *p = realloc(b, (cap *= 2) * sizeof *b);
            if (!p) {
                free(b);
                return NULL;
            }
            b = p;
        }
        b[k++] = i;
        b[k++] = j;
        i = j;
    }
    *count = k / 2;
    return b;
}

typedef struct tok_map {
    const char *os, *ns;  /* old and new text */
    const size_t *ob, *nb; /* their token bounds, nt tokens each */
    size_t nt, nlen;
} tok_map;

/* New offset of old offset x. Inside a token that changed, x has no exact
 * image: *exact becomes 0 and x goes to the token's start (end: its end). */
static size_t tok_map_pos(const tok_map *m, size_t x, int end, int *exact)
{
    size_t lo = 0, hi = m->nt;
    while (lo < hi) { /* the first token ending at or after x */
        size_t mid = lo + (hi - lo) / 2;
        if (m->ob[2 * mid + 1] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < m->nt && m->ob[2 * lo] <= x) {
        size_t os = m->ob[2 * lo], oe = m->ob[2 * lo + 1];
        size_t ns = m->nb[2 * lo], ne = m->nb[2 * lo + 1];
        if (x == os || x == oe)
            return x == os ? ns : ne;
        if (oe - os == ne - ns && memcmp(m->os + os, m->ns + ns, oe - os) == 0)
            return ns + (x - os);
        *exact = 0;
        return end ? ne : ns;
    }
    /* white space after token lo - 1: same distance into the new run */
    size_t og = lo ? m->ob[2 * lo - 1] : 0, ng = lo ? m->nb[2 * lo - 1] : 0;
    size_t gend = lo < m->nt ? m->nb[2 * lo] : m->nlen;
    return ng + (x - og) < gend ? ng + (x - og) : gend;
}

/* Moves corrections and words of t onto the new text through m. */
static void tok_map_spans(vb_text *t, const tok_map *m)
{
    size_t k = 0;
    for (size_t i = 0; i < t->ncorr; i++) {
        vb_corr c = t->corr[i];
        int exact = 1;
        size_t a = tok_map_pos(m, c.off, 0, &exact), b = tok_map_pos(m, c.off + c.len, 1, &exact);
        if (!exact || b <= a) {
            free(c.orig);
            continue;
        }
        c.off = a;
        c.len = b - a;
        t->corr[k++] = c;
    }
    t->ncorr = k;
    k = 0;
    for (size_t i = 0; i < t->nwords; i++) {
        vb_word w = t->words[i];
        int exact = 1;
        size_t a = tok_map_pos(m, w.off, 0, &exact), b = tok_map_pos(m, w.off + w.len, 1, &exact);
        if (b <= a)
            continue;
        vb_word *prev = k ? &t->words[k - 1] : NULL;
        if (prev && prev->off + prev->len > a) { /* two parts of one token */
            if (b > prev->off + prev->len)
                prev->len = b - prev->off;
            word_unite(prev, &w);
            continue;
        }
        w.off = a;
        w.len = b - a;
        t->words[k++] = w;
    }
    t->nwords = k;
}

int vb_text_rewrite(vb_text *t, const char *s, size_t n)
{
    if (t->ncorr == 0 && t->nwords == 0)
        return vb_text_set(t, s, n);
    if (grow(&t->s, &t->cap, n + 1))
        return -1;
    size_t no = 0, nn = 0;
    size_t *ob = token_bounds(t->s, t->len, &no), *nb = ob ? token_bounds(s, n, &nn) : NULL;
    if (!nb) {
        free(ob);
        return -1;
    }
    if (no == nn) {
        tok_map m = {t->s, s, ob, nb, no, n};
        tok_map_spans(t, &m);
    } else {
        corr_free_from(t, 0);
        t->nwords = 0;
    }
    free(ob);
    free(nb);
    memmove(t->s, s, n);
    t->s[n] = '\0';
    t->len = n;
    return 0;
}

int vb_text_trim(vb_text *t)
{
    size_t n = 0, w;
    while (n < t->len && (w = space_len((unsigned char *)t->s + n, t->len - n)))
        n += w;
    if (n && vb_text_splice(t, 0, n, "", 0))
        return -1;
    /* trailing: the end of the last non-space byte, found scanning forward */
    size_t i = 0, end = 0;
    while (i < t->len) {
        w = space_len((unsigned char *)t->s + i, t->len - i);
        if (w) {
            i += w;
        } else {
            i++;
            end = i;
        }
    }
    if (end < t->len && vb_text_splice(t, end, t->len - end, "", 0))
        return -1;
    return 0;
}

void vb_buf_init(vb_buf *b)
{
    memset(b, 0, sizeof *b);
}

void vb_buf_free(vb_buf *b)
{
    if (!b)
        return;
    free(b->s);
    memset(b, 0, sizeof *b);
}

int vb_buf_cat(vb_buf *b, const char *s, size_t n)
{
    if (grow(&b->s, &b->cap, b->len + n + 1))
        return -1;
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

int vb_buf_cats(vb_buf *b, const char *s)
{
    return vb_buf_cat(b, s, strlen(s));
}

int vb_buf_catf(vb_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || grow(&b->s, &b->cap, b->len + (size_t)n + 1))
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

char *vb_buf_take(vb_buf *b, size_t *len)
{
    if (!b->s && vb_buf_cat(b, "", 0))
        return NULL;
    char *s = b->s;
    if (len)
        *len = b->len;
    vb_buf_init(b);
    return s;
}
