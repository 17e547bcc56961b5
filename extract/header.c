/* header.c — the header block above the title (authority, issuer, nation,
 * motto, number, place and date), the title ("KẾ HOẠCH …") and the school
 * year. Two-column headers arrive as one line with a tab or a run of spaces
 * between the columns, so the header is read as fragments of lines. */
#include "extract/doc.h"

#include <string.h>

typedef struct frag {
    const vb_text *t;
    size_t a, b; /* byte range in t */
} frag;

/* Is the word ending at byte k (exclusive) a date word or a number? */
static int date_word_before(const vb_text *t, size_t a, size_t k)
{
    size_t w = k;
    while (w > a && t->s[w - 1] != ' ' && t->s[w - 1] != '\t')
        w--;
    if (w == k)
        return 0;
    if (t->s[w] >= '0' && t->s[w] <= '9')
        return 1;
    vb_folded f;
    if (vb_fold_make(&f, t->s + w, k - w))
        return 0;
    int yes = vb_fold_at(&f, 0, "ngay") || vb_fold_at(&f, 0, "thang") || vb_fold_at(&f, 0, "nam");
    vb_fold_free(&f);
    return yes;
}

/* Two spaces at i start a column gap, except right after a short "Số:"
 * and inside a date spread out with double spaces ("ngày  05  tháng"). */
static int column_gap(const vb_text *t, size_t a, size_t i)
{
    if (t->s[i] != ' ' || i + 1 >= t->len || (t->s[i + 1] != ' ' && t->s[i + 1] != '\t'))
        return 0;
    size_t k = i, j = i;
    while (k > a && t->s[k - 1] == ' ')
        k--;
    while (j < t->len && t->s[j] == ' ')
        j++;
    if (k > a && t->s[k - 1] == ':' && k - a <= 8)
        return 0;
    return !(j - k <= 3 && j < t->len && t->s[j] != '\t' && date_word_before(t, a, k) &&
             date_word_before(t, j, j + strcspn(t->s + j, " \t")));
}

/* Splits line text into fragments at tabs and runs of two or more spaces. */
static size_t split_frags(const vb_text *t, frag *out, size_t max)
{
    size_t n = 0, i = 0;
    while (i < t->len && n < max) {
        while (i < t->len && (t->s[i] == ' ' || t->s[i] == '\t'))
            i++;
        size_t a = i;
        while (i < t->len && t->s[i] != '\t' && !column_gap(t, a, i))
            i++;
        if (i > a)
            out[n++] = (frag){t, a, i};
    }
    return n;
}

/* Copies a fragment (corrections kept) into dst, spaces collapsed. */
static int frag_text(vb_text *dst, const vb_text *t, size_t a, size_t b)
{
    vb_text_clear(dst);
    return vb_text_cat(dst, "", 0) || vb_text_append_range(dst, t, a, b) ||
           vb_text_collapse_space(dst);
}

typedef struct header {
    vb_ctx *c;
    vb_node *node;
    vb_text org[2];  /* authority, issuer candidates joined */
    vb_text cand[8]; /* upper-case fragments in reading order */
    size_t ncand;
} header;

static vb_node *hnode(header *h)
{
    if (!h->node)
        h->node = vb_node_new("header");
    return h->node;
}

static int add_field(header *h, const char *name, const vb_text *t, size_t a, size_t b)
{
    vb_text tmp;
    vb_text_init(&tmp);
    int rc = frag_text(&tmp, t, a, b);
    if (rc == 0 && tmp.len && hnode(h) && !vb_node_child(h->node, name))
        rc = vb_node_add_text(h->node, name, &tmp) ? 0 : -1;
    vb_text_free(&tmp);
    return rc;
}

/* "Số: 122 /KH-NTT" → 122/KH-NTT */
static int add_number(header *h, const frag *fr, const vb_folded *f, size_t i)
{
    vb_text num;
    vb_text_init(&num);
    int rc = frag_text(&num, fr->t, fr->a + f->off[i], fr->b);
    for (size_t k = 0; rc == 0 && k < num.len; k++) {
        if (num.s[k] != '/')
            continue;
        while (rc == 0 && k > 0 && num.s[k - 1] == ' ')
            rc = vb_text_splice(&num, --k, 1, "", 0);
        while (rc == 0 && k + 1 < num.len && num.s[k + 1] == ' ')
            rc = vb_text_splice(&num, k + 1, 1, "", 0);
    }
    if (rc == 0 && num.len && hnode(h) && !vb_node_child(h->node, "number"))
        rc = vb_node_add_text(h->node, "number", &num) ? 0 : -1;
    vb_text_free(&num);
    return rc;
}

/* "Gò Vấp, ngày 10 tháng 8 năm 2020" */
static int add_date(header *h, const frag *fr, const vb_folded *f, size_t at, size_t end,
                    const char *iso)
{
    if (!hnode(h) || vb_node_child(h->node, "date"))
        return 0;
    size_t p = f->off[at];
    while (p > 0 && (fr->t->s[fr->a + p - 1] == ' ' || fr->t->s[fr->a + p - 1] == ','))
        p--;
    if (p > 0 && add_field(h, "place", fr->t, fr->a, fr->a + p))
        return -1;
    vb_text d;
    vb_text_init(&d);
    int rc = frag_text(&d, fr->t, fr->a + f->off[at], fr->a + f->off[end]);
    vb_node *n = rc == 0 ? vb_node_add_text(h->node, "date", &d) : NULL;
    vb_text_free(&d);
    return n && vb_node_set_attr(n, "when", iso) == 0 ? 0 : -1;
}

static int number_label(const vb_folded *f, size_t *after)
{
    if (!vb_fold_at(f, 0, "so"))
        return 0;
    size_t i = 2;
    while (i < f->n && f->s[i] == ' ')
        i++;
    if (i < f->n && f->s[i] == ':') {
        i++;
    } else if (!(i > 2 && i < f->n && f->s[i] >= '0' && f->s[i] <= '9')) {
        return 0;
    }
    while (i < f->n && f->s[i] == ' ')
        i++;
    *after = i;
    return 1;
}

/* Does the folded line name a body ("Trường …", "Phòng Giáo dục …")? For
 * headers typed in sentence case instead of capitals. */
static int org_words(const vb_folded *f)
{
    static const char *const words[] = {"truong ", "phong giao duc", "phong gd", "so giao duc",
                                        "so gd",   "ubnd",           "uy ban",   NULL};
    for (size_t i = 0; words[i]; i++)
        if (f->n >= strlen(words[i]) && !strncmp(f->s, words[i], strlen(words[i])))
            return 1;
    return 0;
}

static int classify(header *h, const frag *fr)
{
    vb_folded f;
    if (fr->b - fr->a > 240)
        return 0; /* a sentence ("Căn cứ … ngày …"), not a header line */
    if (vb_fold_make(&f, fr->t->s + fr->a, fr->b - fr->a))
        return -1;
    int rc = 0;
    size_t at, end;
    char iso[11];
    /* either half is enough: OCR garbles words ("XA HQI") */
    if (vb_fold_find(&f, 0, "cong hoa") != (size_t)-1 ||
        vb_fold_find(&f, 0, "chu nghia viet nam") != (size_t)-1)
        rc = add_field(h, "nation", fr->t, fr->a, fr->b);
    else if (vb_fold_find(&f, 0, "doc lap") != (size_t)-1 ||
             (vb_fold_find(&f, 0, "tu do") != (size_t)-1 &&
              vb_fold_find(&f, 0, "hanh") != (size_t)-1))
        rc = add_field(h, "motto", fr->t, fr->a, fr->b);
    else if (number_label(&f, &at))
        rc = add_number(h, fr, &f, at);
    else if ((at = vb_when_find(&f, iso, &end)) != (size_t)-1)
        rc = add_date(h, fr, &f, at, end, iso);
    else if (h->ncand < 8 && (vb_upper_share(fr->t->s + fr->a, fr->b - fr->a) >= 0.7 ||
                              (f.n <= 80 && org_words(&f))))
        rc = frag_text(&h->cand[h->ncand++], fr->t, fr->a, fr->b);
    vb_fold_free(&f);
    return rc;
}

static int starts_with_word(const vb_text *t, const char *const *words)
{
    vb_folded f;
    if (vb_fold_make(&f, t->s, t->len))
        return 0;
    int yes = 0;
    for (size_t i = 0; words[i] && !yes; i++)
        yes = vb_fold_at(&f, 0, words[i]);
    vb_fold_free(&f);
    return yes;
}

/* Upper-case lines on the left: parent bodies, then the school. */
static int add_orgs(header *h)
{
    static const char *const school[] = {"truong", "nha tre", "nhom tre", "trung tam", NULL};
    static const char *const parent[] = {"phong", "so", "ubnd", "uy ban", "bo", NULL};
    size_t n = h->ncand, k = n;
    for (size_t i = 0; i < n && k == n; i++)
        if (starts_with_word(&h->cand[i], school))
            k = i;
    if (k == n)
        k = n >= 2 ? n - 1 : (n == 1 && starts_with_word(&h->cand[0], parent) ? 1 : 0);
    for (size_t i = 0; i < n; i++)
        if (vb_text_append(&h->org[i >= k], &h->cand[i], " "))
            return -1;
    static const char *const names[2] = {"authority", "issuer"};
    for (int i = 0; i < 2; i++)
        if (h->org[i].len && (!hnode(h) || !vb_node_add_text(h->node, names[i], &h->org[i])))
            return -1;
    return 0;
}

static int order_header(vb_node *h)
{
    static const char *const order[] = {"authority", "issuer", "nation", "motto",
                                        "number",    "place",  "date",   NULL};
    vb_node *tmp = vb_node_new("tmp");
    if (!tmp)
        return -1;
    for (size_t i = 0; order[i]; i++) {
        vb_node *n = vb_node_child(h, order[i]);
        if (n) {
            vb_node_unlink(n);
            vb_node_append(tmp, n);
        }
    }
    while (tmp->first) {
        vb_node *n = tmp->first;
        vb_node_unlink(n);
        vb_node_append(h, n);
    }
    vb_node_free(tmp);
    return 0;
}

/* A place-and-date line printed under the title ("Gò Vấp, ngày 10 tháng 8
 * năm 2020"): short, the date within its first 60 characters. */
static int late_date(header *h, size_t i)
{
    const vb_text *t = &h->c->L->lines[i].text;
    vb_folded f;
    if (t->len == 0 || t->len > 160 || vb_fold_make(&f, t->s, t->len))
        return 0;
    char iso[11];
    size_t end, at = vb_when_find(&f, iso, &end), k = 0;
    while (k < f.n && f.s[k] == ' ')
        k++;
    int rc = 0;
    if (at != (size_t)-1 && at - k <= 60 && !vb_fold_at(&f, k, "can cu") && f.n - end <= 8) {
        frag fr = {t, 0, t->len};
        rc = add_date(h, &fr, &f, at, end, iso);
        h->c->used[i] = 1;
    }
    vb_fold_free(&f);
    return rc;
}

vb_status vb_header_build(vb_ctx *c, size_t from, size_t to, size_t late_from, size_t late_to)
{
    header h = {.c = c};
    int rc = 0;
    for (size_t i = from; i < to && rc == 0; i++) {
        frag fr[8];
        size_t n = split_frags(&c->L->lines[i].text, fr, 8);
        for (size_t k = 0; k < n && rc == 0; k++)
            rc = classify(&h, &fr[k]);
    }
    for (size_t i = late_from;
         i < late_to && i < from + 60 && rc == 0 && !(h.node && vb_node_child(h.node, "date")); i++)
        rc = late_date(&h, i);
    if (rc == 0 && h.ncand)
        rc = add_orgs(&h);
    if (rc == 0 && h.node)
        rc = order_header(h.node);
    if (rc == 0 && h.node) {
        vb_node_append(c->plan, h.node);
        h.node = NULL;
    }
    vb_node_free(h.node);
    for (size_t i = 0; i < 8; i++)
        vb_text_free(&h.cand[i]);
    vb_text_free(&h.org[0]);
    vb_text_free(&h.org[1]);
    return rc ? vb_error_set(c->err, VB_ERR_NOMEM, "out of memory reading the header") : VB_OK;
}

/* ---- title and school year ---------------------------------------------- */

static int blank(const vb_text *t)
{
    for (size_t i = 0; i < t->len; i++)
        if (t->s[i] != ' ' && t->s[i] != '\t' && (unsigned char)t->s[i] != 0xC2 &&
            (unsigned char)t->s[i] != 0xA0)
            return 0;
    return 1;
}

size_t vb_title_find(const vb_layout *L, size_t limit)
{
    size_t seen = 0;
    for (size_t i = 0; i < L->nlines && i < limit && seen < 40; i++) {
        const vb_text *t = &L->lines[i].text;
        if (blank(t))
            continue;
        seen++;
        char label[16];
        size_t rest;
        if (vb_section_heading(L, i, label, &rest, 1))
            return (size_t)-1;
        vb_folded f;
        if (t->len > 400 || vb_fold_make(&f, t->s, t->len))
            continue;
        size_t k = 0;
        while (k < f.n && f.s[k] == ' ')
            k++;
        /* in capitals; or in sentence case, short and not a sentence */
        size_t e = t->len;
        while (e > 0 && (t->s[e - 1] == ' ' || t->s[e - 1] == '\t'))
            e--;
        int yes = vb_fold_at(&f, k, "ke hoach") &&
                  (vb_upper_share(t->s, t->len) > 0.5 ||
                   (seen <= 15 && f.n <= 120 && e > 0 && !strchr(".;:,", t->s[e - 1])));
        vb_fold_free(&f);
        if (yes)
            return i;
    }
    return (size_t)-1;
}

/* Appends text[a, b) of line to the title text. */
static int title_add(vb_text *title, const vb_text *t, size_t a, size_t b)
{
    vb_text part;
    vb_text_init(&part);
    int rc = frag_text(&part, t, a, b) || vb_text_append(title, &part, " ");
    vb_text_free(&part);
    return rc;
}

static int year_add(vb_ctx *c, vb_node **year, const vb_text *t, const vb_folded *f, size_t at,
                    size_t end, int y1, int y2)
{
    vb_text s;
    vb_text_init(&s);
    int rc = frag_text(&s, t, f->off[at], f->off[end]);
    *year = rc ? NULL : vb_node_add_text(NULL, "schoolYear", &s);
    vb_text_free(&s);
    if (!*year)
        return -1;
    return vb_node_set_attrf(*year, "from", "%d", y1) || vb_node_set_attrf(*year, "to", "%d", y2);
}

/* Is line t a continuation of the title? */
static int title_line(const vb_text *t, const vb_folded *f, size_t nextra)
{
    char iso[11];
    size_t end;
    if (vb_fold_find(f, 0, "can cu") != (size_t)-1 || vb_when_find(f, iso, &end) != (size_t)-1)
        return 0;
    if (f->n > 160)
        return 0;
    if (vb_upper_share(t->s, t->len) >= 0.7)
        return 1;
    size_t j = t->len;
    while (j > 0 && (t->s[j - 1] == ' ' || t->s[j - 1] == '\t'))
        j--;
    return nextra == 0 && f->n <= 100 && j > 0 && !strchr(".:;", t->s[j - 1]);
}

size_t vb_title_build(vb_ctx *c, size_t at, size_t limit)
{
    const vb_layout *L = c->L;
    vb_text title;
    vb_text_init(&title);
    vb_node *year = NULL;
    int rc = 0;
    size_t i = at, body = at + 1, extra = 0;
    for (; rc == 0 && i < limit && i < at + 12 && !year; i++) {
        const vb_text *t = &L->lines[i].text;
        char label[16];
        size_t rest;
        if (blank(t))
            continue;
        if (i > at && vb_section_heading(L, i, label, &rest, 1))
            break;
        vb_folded f;
        if (vb_fold_make(&f, t->s, t->len)) {
            rc = -1;
            break;
        }
        int y1, y2;
        size_t end, y = vb_school_year_find(&f, 0, &y1, &y2, &end);
        if (y != (size_t)-1) {
            rc = title_add(&title, t, 0, f.off[y]) || year_add(c, &year, t, &f, y, end, y1, y2);
            body = i + 1;
        } else if (i == at || title_line(t, &f, extra)) {
            rc = title_add(&title, t, 0, t->len);
            extra += i > at;
            body = i + 1;
        } else {
            i = limit;
        }
        vb_fold_free(&f);
    }
    vb_node *tn = rc ? NULL : vb_node_add_text(c->plan, "title", &title);
    if (tn && year)
        vb_node_append(c->plan, year);
    else
        vb_node_free(year);
    vb_text_free(&title);
    if (!tn)
        vb_error_set(c->err, VB_ERR_NOMEM, "out of memory reading the title");
    return body;
}
