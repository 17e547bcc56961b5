/* tail.c — what follows the sections: the closing paragraph ("Trên đây là
 * kế hoạch …"), the recipients ("Nơi nhận:" and its list, each with its
 * "(để b/c)" purpose), the signature (title lines and the signer's name),
 * and appendices ("PHỤ LỤC 2"). Recipients and signature often share lines
 * in two columns, so the tail is read as fragments of lines. Anchor words
 * are matched loosely (a letter may be a dropped glyph: "N i nh n:"). */
#include "extract/doc.h"

#include <ctype.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

static int first_upper(const char *s, size_t n)
{
    int32_t i = 0;
    UChar32 c;
    U8_NEXT((const uint8_t *)s, i, (int32_t)n, c);
    return c > 0 && u_isupper(c);
}

static int frag_fold(vb_folded *f, const vb_text *t, size_t a, size_t b)
{
    return vb_fold_make(f, t->s + a, b - a);
}

static size_t lead(const vb_folded *f)
{
    size_t k = 0;
    while (k < f->n && f->s[k] == ' ')
        k++;
    return k;
}

static int starts_loose(const vb_text *t, size_t a, size_t b, const char *w, size_t *end)
{
    vb_folded f;
    if (b <= a || frag_fold(&f, t, a, b))
        return 0;
    size_t e = 0;
    int yes = vb_fold_at_loose(&f, lead(&f), w, &e);
    if (yes && end)
        *end = a + f.off[e];
    vb_fold_free(&f);
    return yes;
}

/* Signature title: a short upper-case fragment naming an office. */
static int sign_title(const vb_text *t, size_t a, size_t b)
{
    static const char *const offices[] = {"hieu truong",  "giam doc",   "chu tich",
                                          "truong phong", "truong ban", "thu truong",
                                          "nguoi lap",    "bi thu",     NULL};
    if (b <= a || b - a > 120 || vb_upper_share(t->s + a, b - a) < 0.8)
        return 0;
    vb_folded f;
    if (frag_fold(&f, t, a, b))
        return 0;
    int yes = 0;
    for (size_t i = 0; offices[i] && !yes; i++)
        yes = vb_fold_find(&f, 0, offices[i]) != (size_t)-1;
    yes = yes && vb_fold_find(&f, 0, "noi nhan") == (size_t)-1;
    vb_fold_free(&f);
    return yes;
}

/* What starts the tail on this line: VB_TAIL_STRONG for the closing or
 * "Nơi nhận", VB_TAIL_WEAK for a signature title, 0 for neither. */
/* An office written in sentence case ("Hiệu trưởng", "KT. Hiệu trưởng"):
 * a short line that is nothing but the office. Only read after "Nơi nhận",
 * where it cannot be a role in the organization section. */
static int office_line(const vb_text *t, size_t a, size_t b)
{
    static const char *const offices[] = {"hieu truong", "pho hieu truong", "giam doc", "chu tich",
                                          NULL};
    vb_folded f;
    if (b <= a || b - a > 60 || vb_fold_make(&f, t->s + a, b - a))
        return 0;
    size_t k = 0;
    if (vb_fold_at(&f, 0, "kt") || vb_fold_at(&f, 0, "tm") || vb_fold_at(&f, 0, "q"))
        while (k < f.n && f.s[k] != ' ')
            k++;
    while (k < f.n && f.s[k] == ' ')
        k++;
    int yes = 0;
    for (size_t i = 0; offices[i] && !yes; i++)
        yes = vb_fold_at(&f, k, offices[i]) && k + strlen(offices[i]) == f.n;
    vb_fold_free(&f);
    return yes;
}

static int line_tail_kind(const vb_text *t)
{
    size_t a = 0, b = t->len;
    while (a < b && (t->s[a] == ' ' || t->s[a] == '\t'))
        a++;
    while (b > a && (t->s[b - 1] == ' ' || t->s[b - 1] == '\t'))
        b--;
    if (b <= a || (b - a > 120 && !strchr("TtNn", t->s[a])))
        return 0; /* cheap test first: most lines are none of these */
    if (starts_loose(t, a, b, "tren day la", NULL) || starts_loose(t, a, b, "noi nhan", NULL))
        return VB_TAIL_STRONG;
    return sign_title(t, a, b) ? VB_TAIL_WEAK : 0;
}

static int line_is_tail(const vb_text *t)
{
    return line_tail_kind(t) != 0;
}

size_t vb_tail_find_kind(const vb_layout *L, size_t from, size_t to, int kinds)
{
    for (size_t i = from; i < to; i++)
        if (line_tail_kind(&L->lines[i].text) & kinds)
            return i;
    return to;
}

size_t vb_tail_find(const vb_layout *L, size_t from, size_t to)
{
    return vb_tail_find_kind(L, from, to, VB_TAIL_STRONG | VB_TAIL_WEAK);
}

size_t vb_appendix_find(const vb_layout *L, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        const vb_text *t = &L->lines[i].text;
        size_t a = 0;
        while (a < t->len && (t->s[a] == ' ' || t->s[a] == '\t'))
            a++;
        if (a < t->len && t->len < 300 && (t->s[a] == 'P' || t->s[a] == 'p') &&
            starts_loose(t, 0, t->len, "phu luc", NULL) && vb_upper_share(t->s, t->len) > 0.6)
            return i;
    }
    return to;
}

/* ---- closing ------------------------------------------------------------- */

static vb_status closing_build(vb_ctx *c, size_t from, size_t to)
{
    vb_paras ps = {0};
    vb_status st = vb_paras_build(c->L, from, to, c->used, c->wrapped, &ps, c->err);
    vb_text all;
    vb_text_init(&all);
    for (size_t i = 0; st == VB_OK && i < ps.n; i++)
        if (vb_text_append(&all, &ps.v[i].text, " "))
            st = vb_error_set(c->err, VB_ERR_NOMEM, "out of memory");
    if (st == VB_OK && all.len && !vb_node_add_text(c->plan, "closing", &all))
        st = vb_error_set(c->err, VB_ERR_NOMEM, "out of memory");
    vb_text_free(&all);
    vb_paras_free(&ps);
    return st;
}

/* ---- recipients and signature -------------------------------------------- */

typedef struct tail {
    vb_ctx *c;
    vb_node *recipients, *last;
    vb_text title, name;
    int in_recipients;
} tail;

/* "(để b/c)", "(b/c)", "(để thực hiện)": what a recipient gets the plan for. */
static int purpose_like(const vb_text *t, size_t a, size_t b)
{
    if (starts_loose(t, a, b, "de", NULL))
        return 1;
    return b > a && b - a <= 8 && memchr(t->s + a, '/', b - a) != NULL;
}

/* "(để b/c)" at the end of a recipient: purpose attribute, text before it. */
/* A purpose printed without brackets ("- Sở GDĐT để báo cáo;"): the start
 * of its "để", or 0. Only a short tail after a name counts. */
static size_t bare_purpose(const vb_text *t, size_t a, size_t b)
{
    vb_folded f;
    if (b - a > 200 || vb_fold_make(&f, t->s + a, b - a))
        return 0;
    size_t at = 0, found = 0;
    while ((at = vb_fold_find(&f, at + 1, "de")) != (size_t)-1) {
        const char *w = t->s + a + f.off[at]; /* "để" exactly, not "đề", "đế" */
        int de = !strncmp(w, "\xC4\x91\xE1\xBB\x83", 5) || !strncmp(w, "\xC4\x90\xE1\xBB\x83", 5) ||
                 !strncmp(w, "de", 2) || !strncmp(w, "De", 2);
        if (de && f.n - at <= 24 && at >= 3)
            found = a + f.off[at];
    }
    vb_fold_free(&f);
    return found;
}

/* Copies t[from, to), spaces collapsed, into out (cleared first). */
static int span_text(vb_text *out, const vb_text *t, size_t from, size_t to)
{
    vb_text_clear(out);
    return vb_text_cat(out, "", 0) || vb_text_append_range(out, t, from, to) ||
           vb_text_collapse_space(out);
}

/* One recipient, its purpose "(để b/c)", "(b/c)" or "để báo cáo" apart. */
static int recipient_add(tail *tl, const vb_text *t, size_t a, size_t b)
{
    while (b > a && strchr(";.,: ", t->s[b - 1]))
        b--;
    size_t cut = b, pa = 0, pb = 0, open = b;
    while (open > a && t->s[open - 1] != '(')
        open--;
    if (open > a && b > open && t->s[b - 1] == ')' && purpose_like(t, open, b - 1))
        cut = open - 1, pa = open, pb = b - 1;
    else if ((pa = bare_purpose(t, a, b)) != 0)
        cut = pa, pb = b;
    vb_text name, purpose;
    vb_text_init(&name);
    vb_text_init(&purpose);
    int rc = span_text(&name, t, a, cut) || (pb > pa && span_text(&purpose, t, pa, pb));
    if (!tl->recipients && rc == 0 && name.len)
        rc = (tl->recipients = vb_node_new("recipients")) ? 0 : -1;
    vb_node *r = rc == 0 && name.len ? vb_node_add_text(tl->recipients, "recipient", &name) : NULL;
    if (r && purpose.len)
        rc = vb_node_set_attr(r, "purpose", purpose.s);
    tl->last = r;
    vb_text_free(&name);
    vb_text_free(&purpose);
    return rc;
}

/* A person's name: 2–7 words, each capitalised, no digits. */
static int person_name(const vb_text *t, size_t a, size_t b)
{
    if (b <= a || b - a > 80)
        return 0;
    size_t words = 0;
    for (size_t i = a; i < b; i++) {
        if (isdigit((unsigned char)t->s[i]) || strchr("():;,/", t->s[i]))
            return 0;
        if (t->s[i] != ' ' && (i == a || t->s[i - 1] == ' ')) {
            words++;
            if (!first_upper(t->s + i, b - i))
                return 0;
        }
    }
    double up = vb_upper_share(t->s + a, b - a);
    if (words < 2 || words > 7 || up <= 0)
        return 0;
    if (starts_loose(t, a, b, "da ky", NULL) || starts_loose(t, a, b, "ky ten", NULL))
        return 0;                                            /* "ĐÃ KÝ", "Ký tên" */
    return up < 0.7 || (words <= 5 && !sign_title(t, a, b)); /* "NGUYỄN VĂN AN" */
}

static int frag_add(tail *tl, const vb_text *t, size_t a, size_t b)
{
    size_t end;
    char label[16];
    size_t rest;
    if (starts_loose(t, a, b, "noi nhan", &end)) {
        tl->in_recipients = 1;
        while (end < b && (t->s[end] == ':' || t->s[end] == ' '))
            end++;
        if (end >= b)
            return 0;
        vb_mark_read(t->s + end, b - end, label, &rest); /* "Nơi nhận: - Như trên;" */
        return recipient_add(tl, t, end + rest, b);
    }
    vb_mark m = vb_mark_read(t->s + a, b - a, label, &rest);
    if (tl->in_recipients && (m == VB_MARK_DASH || m == VB_MARK_PLUS))
        return recipient_add(tl, t, a + rest, b);
    if (t->s[a] == '(')
        return 0; /* "(Ký, ghi rõ họ tên)" */
    if (!tl->name.len && (sign_title(t, a, b) || (tl->in_recipients && office_line(t, a, b))))
        return vb_text_cats(&tl->title, tl->title.len ? " " : "") ||
               vb_text_append_range(&tl->title, t, a, b) || vb_text_collapse_space(&tl->title);
    if (tl->title.len && !tl->name.len && person_name(t, a, b))
        return vb_text_append_range(&tl->name, t, a, b);
    return 0;
}

/* Fragments: split at tabs and at runs of three or more spaces. */
static int line_add(tail *tl, const vb_text *t)
{
    size_t i = 0;
    while (i < t->len) {
        while (i < t->len && (t->s[i] == ' ' || t->s[i] == '\t'))
            i++;
        size_t a = i;
        while (i < t->len && t->s[i] != '\t' &&
               !(t->s[i] == ' ' && i + 2 < t->len && t->s[i + 1] == ' ' && t->s[i + 2] == ' '))
            i++;
        size_t b = i;
        while (b > a && t->s[b - 1] == ' ')
            b--;
        if (b > a && frag_add(tl, t, a, b))
            return -1;
    }
    return 0;
}

static int signature_add(tail *tl)
{
    if (!tl->title.len && !tl->name.len)
        return 0;
    vb_node *s = vb_node_add(tl->c->plan, "signature", NULL);
    if (!s || (tl->title.len && !vb_node_add_text(s, "title", &tl->title)))
        return -1;
    if (tl->name.len &&
        (vb_text_collapse_space(&tl->name) || !vb_node_add_text(s, "name", &tl->name)))
        return -1;
    return 0;
}

vb_status vb_tail_build(vb_ctx *c, size_t from, size_t to)
{
    size_t stop = from;
    if (from < to &&
        starts_loose(&c->L->lines[from].text, 0, c->L->lines[from].text.len, "tren day la", NULL)) {
        stop = from + 1;
        while (stop < to && !line_is_tail(&c->L->lines[stop].text))
            stop++;
        vb_status st = closing_build(c, from, stop);
        if (st != VB_OK)
            return st;
    }
    tail tl = {.c = c};
    int rc = 0;
    for (size_t i = stop; i < to && rc == 0; i++)
        rc = line_add(&tl, &c->L->lines[i].text);
    if (rc == 0 && tl.recipients) {
        vb_node_append(c->plan, tl.recipients);
        tl.recipients = NULL;
    }
    if (rc == 0)
        rc = signature_add(&tl);
    vb_node_free(tl.recipients);
    vb_text_free(&tl.title);
    vb_text_free(&tl.name);
    return rc ? vb_error_set(c->err, VB_ERR_NOMEM, "out of memory reading the signature") : VB_OK;
}

/* ---- appendix ------------------------------------------------------------- */

/* End of "PHỤ LỤC 2" / "PHỤ LỤC II" in an appendix line: the words and the
 * number or numeral after them; what follows (": KẾT QUẢ …") is its title. */
static size_t label_end(const vb_text *t)
{
    vb_folded f;
    size_t end = t->len;
    if (vb_fold_make(&f, t->s, t->len))
        return end;
    size_t i = 0, e = 0;
    while (i < f.n && f.s[i] == ' ')
        i++;
    if (vb_fold_at_loose(&f, i, "phu luc", &e)) {
        i = e;
        while (i < f.n && f.s[i] == ' ')
            i++;
        size_t k = i;
        while (k < f.n && (isdigit((unsigned char)f.s[k]) || strchr("ivxlc", f.s[k])))
            k++;
        if (k < f.n && (isalpha((unsigned char)f.s[k]) || f.s[k] == '~'))
            k = i; /* a word, not a number */
        end = f.off[k > i ? k : e];
    }
    vb_fold_free(&f);
    return end;
}

vb_status vb_appendix_build(vb_ctx *c, size_t from, size_t to)
{
    while (from < to) {
        size_t next = vb_appendix_find(c->L, from + 1, to);
        vb_text label, title;
        vb_text_init(&label);
        vb_text_init(&title);
        int bad = vb_text_copy(&label, &c->L->lines[from].text) || vb_text_collapse_space(&label);
        size_t cut = bad ? 0 : label_end(&label);
        bad = bad || vb_text_append_range(&title, &label, cut, label.len) || vb_text_trim(&title);
        while (!bad && title.len && strchr(":.-", title.s[0]))
            bad = vb_text_splice(&title, 0, 1, "", 0) || vb_text_trim(&title);
        if (!bad && cut < label.len)
            bad = vb_text_splice(&label, cut, label.len - cut, "", 0) || vb_text_trim(&label);
        vb_node *a = bad ? NULL : vb_node_add(c->plan, "appendix", NULL);
        bad = !a || vb_node_set_attr(a, "label", label.s) ||
              (title.len && !vb_node_add_text(a, "title", &title));
        vb_text_free(&label);
        vb_text_free(&title);
        if (bad)
            return vb_error_set(c->err, VB_ERR_NOMEM, "out of memory");
        if (c->with_pages)
            a->page = c->L->lines[from].page;
        vb_status st = vb_body_build(c, a, from + 1, next, 0);
        if (st != VB_OK)
            return st;
        from = next;
    }
    return VB_OK;
}
