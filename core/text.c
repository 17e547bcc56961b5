/* text.c — vb_text (UTF-8 with correction spans) and vb_buf.
 * Part of core: used by every stage that edits text. */
#include "core/text.h"

#include <stdarg.h>
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
    free(t->s);
    memset(t, 0, sizeof *t);
}

void vb_text_clear(vb_text *t)
{
    corr_free_from(t, 0);
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

/* One pass, compacting in place: r reads, w writes. A run of white space
 * becomes one ' ' when text follows it (never at either end). Correction
 * boundaries are remapped as r crosses them: a start is rewritten when r
 * reaches it (its old absolute end parked in len), an end when r reaches
 * that. Linear in the text, whatever the number of runs. */
int vb_text_collapse_space(vb_text *t)
{
    unsigned char *s = (unsigned char *)t->s;
    size_t r = 0, w = 0, ks = 0, ke = 0;
    int pending = 0;
    for (;;) {
        size_t sp = r < t->len ? space_len(s + r, t->len - r) : 0;
        int gap = pending && !sp && r < t->len;
        for (; ks < t->ncorr && t->corr[ks].off == r; ks++) {
            size_t end = t->corr[ks].off + t->corr[ks].len;
            t->corr[ks].off = w + (size_t)gap;
            t->corr[ks].len = end;
        }
        for (; ke < ks && t->corr[ke].len == r; ke++)
            t->corr[ke].len = w > t->corr[ke].off ? w - t->corr[ke].off : 0;
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
    corr_free_from(t, ke); /* a boundary inside a space run: not remappable */
    t->len = w;
    if (s)
        s[w] = '\0';
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
