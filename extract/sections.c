/* sections.c — sections by Roman numeral ("VI. TỔ CHỨC THỰC HIỆN": @label
 * as printed, @ordinal by position, @role from the heading words), and
 * their bodies: numbered and bulleted items nested by the kind of mark,
 * plain paragraphs, organization roles with duties and sub-roles (a., b.),
 * and in content sections the improvement tables where they start. */
#include "extract/doc.h"

#include <stdlib.h>
#include <string.h>

static int has_inner_tab(const vb_text *t)
{
    size_t i = 0;
    while (i < t->len && (t->s[i] == ' ' || t->s[i] == '\t'))
        i++;
    return memchr(t->s + i, '\t', t->len - i) != NULL;
}

static size_t cp_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static size_t trim_end(const vb_text *t)
{
    size_t j = t->len;
    while (j > 0 && (t->s[j - 1] == ' ' || t->s[j - 1] == '\t'))
        j--;
    return j;
}

/* "A. MỤC ĐÍCH, YÊU CẦU": a capital letter heading in capitals whose words
 * name a section role — the sections of plans that letter them. */
static int letter_heading(const vb_text *t, char label[16], size_t *rest)
{
    size_t i = 0;
    while (i < t->len && (t->s[i] == ' ' || t->s[i] == '\t'))
        i++;
    if (i + 2 >= t->len || t->s[i] < 'A' || t->s[i] > 'H' || !strchr(".)", t->s[i + 1]) ||
        t->s[i + 2] != ' ')
        return 0;
    size_t end = trim_end(t), r = i + 2;
    while (r < end && t->s[r] == ' ')
        r++;
    if (r >= end || vb_upper_share(t->s + r, end - r) < 0.8 ||
        !strcmp(vb_section_role(t->s + r, end - r), "other"))
        return 0;
    label[0] = t->s[i];
    label[1] = '\0';
    *rest = r;
    return 1;
}

/* Bytes of a leading "PHẦN " / "Phần " ("PHẦN I. MỤC ĐÍCH"), 0 if none. */
static size_t part_word(const vb_text *t)
{
    static const char *const words[] = {"PHẦN ", "Phần ", NULL};
    size_t i = 0;
    while (i < t->len && (t->s[i] == ' ' || t->s[i] == '\t'))
        i++;
    for (size_t k = 0; words[k]; k++)
        if (t->len - i > strlen(words[k]) && !strncmp(t->s + i, words[k], strlen(words[k])))
            return i + strlen(words[k]);
    return 0;
}

int vb_section_heading(const vb_layout *L, size_t i, char label[16], size_t *rest, int letters)
{
    const vb_text *t = &L->lines[i].text;
    if (t->len == 0 || t->len > 600 || has_inner_tab(t))
        return 0;
    size_t p = part_word(t);
    if (vb_mark_read(t->s + p, t->len - p, label, rest) != VB_MARK_ROMAN)
        return !p && letters && letter_heading(t, label, rest);
    *rest += p;
    size_t end = trim_end(t);
    if (end <= *rest)
        return 0;
    double up = vb_upper_share(t->s + *rest, end - *rest);
    if (up < 0)
        return 0;
    return up >= 0.6 || (cp_count(t->s + *rest, end - *rest) <= 120 && t->s[end - 1] != '.');
}

int vb_label_value(const char *label)
{
    int v = vb_roman_value(label);
    return v ? v : label[0] >= 'A' && label[0] <= 'Z' && !label[1] ? label[0] - 'A' + 1 : 0;
}

const char *vb_section_role(const char *heading, size_t len)
{
    static const struct {
        const char *word, *role;
    } words[] = {{"to chuc thuc hien", "organization"},
                 {"phan cong", "organization"},
                 {"trach nhiem", "organization"},
                 {"can cu", "basis"},
                 {"co so phap ly", "basis"},
                 {"muc dich", "purpose"},
                 {"yeu cau", "purpose"},
                 {"muc tieu", "purpose"},
                 {"noi dung", "content"},
                 {"cai tien", "content"},
                 {"giai phap", "content"},
                 {"nhiem vu", "content"},
                 {NULL, NULL}};
    vb_folded f;
    if (vb_fold_make(&f, heading, len))
        return "other";
    const char *role = "other";
    for (size_t i = 0; words[i].word && !strcmp(role, "other"); i++)
        if (vb_fold_find(&f, 0, words[i].word) != (size_t)-1)
            role = words[i].role;
    vb_fold_free(&f);
    return role;
}

/* ---- bodies -------------------------------------------------------------- */

typedef struct level {
    vb_node *node;
    int rank;
} level;

typedef struct body {
    vb_ctx *c;
    vb_node *parent;
    level stack[8];
    size_t depth;
    int org;
} body;

static int mark_rank(vb_mark m, const char *label)
{
    switch (m) {
    case VB_MARK_ROMAN: return 0;
    case VB_MARK_NUMBER: return strchr(label, '.') ? 2 : 1;
    case VB_MARK_LETTER: return 3;
    case VB_MARK_DASH: return 4;
    case VB_MARK_PLUS: return 5;
    default: return 9;
    }
}

static vb_node *top(const body *b)
{
    return b->depth ? b->stack[b->depth - 1].node : b->parent;
}

static void pop_to(body *b, int rank)
{
    while (b->depth && b->stack[b->depth - 1].rank >= rank)
        b->depth--;
}

static void push(body *b, vb_node *n, int rank)
{
    if (b->depth == 8)
        b->depth--;
    b->stack[b->depth++] = (level){n, rank};
}

/* A node named name with p's text from byte 'from' on, under parent. */
static vb_node *part_node(body *b, vb_node *parent, const char *name, const vb_para *p, size_t from,
                          size_t to)
{
    vb_para q = *p;
    vb_text_init(&q.text);
    vb_node *n = NULL;
    /* p's text is collapsed already: only the ends may need trimming */
    if (vb_text_cat(&q.text, "", 0) == 0 &&
        vb_text_append_range(&q.text, &p->text, from, to) == 0 && vb_text_trim(&q.text) == 0)
        n = vb_para_node(b->c, parent, name, &q);
    vb_text_free(&q.text);
    return n;
}

static int heading_like(const vb_node *n)
{
    size_t j = trim_end(&n->text);
    return j > 0 && j <= 200 && !strchr(".;!?", n->text.s[j - 1]);
}

static int item_add(body *b, const vb_para *p, vb_mark m, const char *label, size_t rest)
{
    int rank = mark_rank(m, label);
    if (m == VB_MARK_NONE) {
        if (!(b->depth && heading_like(top(b))))
            b->depth = 0;
        vb_node *n = part_node(b, top(b), "p", p, 0, p->text.len);
        return n && vb_cite_add(n, &n->text) == 0 ? 0 : -1;
    }
    pop_to(b, rank);
    vb_node *n = part_node(b, top(b), "item", p, rest, p->text.len);
    if (!n ||
        vb_node_set_attr(n, m == VB_MARK_DASH || m == VB_MARK_PLUS ? "bullet" : "label", label) ||
        vb_cite_add(n, &n->text))
        return -1;
    push(b, n, rank);
    return 0;
}

/* "Hiệu trưởng: chỉ đạo chung…" → name before the colon, duty after. */
static size_t name_colon(const vb_text *t, size_t from)
{
    const char *c = memchr(t->s + from, ':', t->len - from);
    if (!c)
        return 0;
    size_t k = (size_t)(c - t->s);
    return k > from && cp_count(t->s + from, k - from) <= 80 ? k : 0;
}

static int role_add(body *b, const vb_para *p, const char *label, size_t rest, int rank)
{
    pop_to(b, rank);
    vb_node *r = vb_node_add(top(b), "role", NULL);
    if (!r || (label && vb_node_set_attr(r, "label", label)))
        return -1;
    size_t colon = name_colon(&p->text, rest), end = colon ? colon : p->text.len;
    vb_text name;
    vb_text_init(&name);
    int rc = vb_text_cat(&name, "", 0) || vb_text_append_range(&name, &p->text, rest, end) ||
             vb_text_collapse_space(&name) || vb_node_set_attr(r, "name", name.s);
    vb_text_free(&name);
    if (rc)
        return -1;
    if (b->c->with_pages)
        r->page = p->page;
    push(b, r, rank);
    if (colon && colon + 1 < p->text.len) {
        vb_node *d = part_node(b, r, "duty", p, colon + 1, p->text.len);
        return d && vb_cite_add(d, &d->text) == 0 ? 0 : -1;
    }
    return 0;
}

static int org_add(body *b, const vb_para *p, vb_mark m, const char *label, size_t rest)
{
    if (m == VB_MARK_NUMBER || m == VB_MARK_ROMAN)
        return role_add(b, p, label, rest, mark_rank(m, label) == 2 ? 3 : 1);
    if (m == VB_MARK_LETTER)
        return role_add(b, p, label, rest, 3);
    /* "- Hiệu trưởng: chỉ đạo chung" lists roles as bullets, one per line */
    int rank = mark_rank(m, label);
    if (name_colon(&p->text, rest) && (b->depth == 0 || b->stack[b->depth - 1].rank >= rank))
        return role_add(b, p, NULL, rest, rank);
    if (b->depth == 0) {
        vb_node *n = part_node(b, b->parent, "p", p, 0, p->text.len);
        return n && vb_cite_add(n, &n->text) == 0 ? 0 : -1;
    }
    vb_node *d = part_node(b, top(b), "duty", p, rest, p->text.len);
    if (d && m != VB_MARK_NONE && vb_node_set_attr(d, "bullet", label))
        return -1;
    return d && vb_cite_add(d, &d->text) == 0 ? 0 : -1;
}

static vb_status tables_emit(body *b, const vb_table *t, size_t *k, size_t n, size_t before)
{
    while (*k < n && t[*k].first_line < before) {
        vb_status st = vb_improvements_build(&t[*k], 1, b->parent, b->c->quality, b->c->err);
        if (st != VB_OK)
            return st;
        b->depth = 0;
        (*k)++;
    }
    return VB_OK;
}

vb_status vb_body_build(vb_ctx *c, vb_node *parent, size_t from, size_t to, int org)
{
    vb_table *t = NULL;
    size_t nt = 0, k = 0;
    vb_paras ps = {0};
    vb_status st = org ? VB_OK : vb_doc_tables(c, from, to, &t, &nt);
    if (st == VB_OK)
        st = vb_paras_build(c->L, from, to, c->used, c->wrapped, &ps, c->err);
    body b = {.c = c, .parent = parent, .org = org};
    for (size_t i = 0; st == VB_OK && i < ps.n; i++) {
        st = tables_emit(&b, t, &k, nt, ps.v[i].first);
        if (st != VB_OK)
            break;
        char label[16];
        size_t rest;
        vb_mark m = vb_mark_read(ps.v[i].text.s, ps.v[i].text.len, label, &rest);
        int rc =
            org ? org_add(&b, &ps.v[i], m, label, rest) : item_add(&b, &ps.v[i], m, label, rest);
        if (rc)
            st = vb_error_set(c->err, VB_ERR_NOMEM, "out of memory building sections");
    }
    if (st == VB_OK)
        st = tables_emit(&b, t, &k, nt, (size_t)-1);
    vb_paras_free(&ps);
    vb_tables_free(t, nt);
    return st;
}

/* Heading lines: the heading line and upper-case lines that continue it. */
static size_t heading_text(vb_ctx *c, size_t head, size_t end, size_t rest, vb_text *h)
{
    const vb_layout *L = c->L;
    size_t next = head + 1;
    if (vb_text_append_range(h, &L->lines[head].text, rest, L->lines[head].text.len))
        return 0;
    for (size_t i = head + 1; i < end && i < head + 4; i++) {
        const vb_text *t = &L->lines[i].text;
        size_t j = trim_end(t);
        if (j == 0)
            continue;
        char label[16];
        size_t r;
        if (memchr(t->s, '\t', j) || vb_mark_read(t->s, t->len, label, &r) != VB_MARK_NONE ||
            vb_upper_share(t->s, j) < 0.9 || cp_count(t->s, j) > 80 || !memchr(t->s, ' ', j))
            break;
        if (vb_text_cats(h, " ") || vb_text_append_range(h, t, 0, j))
            return 0;
        next = i + 1;
    }
    return vb_text_collapse_space(h) ? 0 : next;
}

vb_status vb_section_build(vb_ctx *c, size_t head, size_t end, int ordinal, vb_node **out)
{
    char label[16];
    size_t rest;
    vb_section_heading(c->L, head, label, &rest, 1);
    vb_text h;
    vb_text_init(&h);
    size_t from = heading_text(c, head, end, rest, &h);
    const char *role = vb_section_role(h.s ? h.s : "", h.len);
    vb_node *s = from ? vb_node_add(c->plan, "section", NULL) : NULL;
    int bad = !s || vb_node_set_attr(s, "label", label) ||
              vb_node_set_attrf(s, "ordinal", "%d", ordinal) || vb_node_set_attr(s, "role", role) ||
              !vb_node_add_text(s, "heading", &h);
    vb_text_free(&h);
    if (bad)
        return vb_error_set(c->err, VB_ERR_NOMEM, "out of memory building a section");
    if (c->with_pages)
        s->page = c->L->lines[head].page;
    *out = s;
    return vb_body_build(c, s, from, end, strcmp(role, "organization") == 0);
}
