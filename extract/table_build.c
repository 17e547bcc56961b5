/* table_build.c — turns parsed improvement tables into <improvements>:
 * columns with their canonical keys, levels ("Mức 1, 2, 3"), standards,
 * criteria (ids, level, one child per column named by its key, repeated
 * target/tasks pairs, budgets in đồng, ISO timelines), nested standards of
 * a task-list row, and quality warnings for what a row lacks. */
#include "extract/table_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct bctx {
    const vb_table *t;
    vb_node *imp, *level, *std, *top, *nstd, *last;
    vb_node *quality;
} bctx;

static size_t paras(const vb_text *t)
{
    size_t n = t->len ? 1 : 0;
    for (size_t i = 0; i < t->len; i++)
        n += t->s[i] == '\n';
    return n;
}

/* Byte range of paragraph k of t. */
static void para_range(const vb_text *t, size_t k, size_t *a, size_t *b)
{
    size_t i = 0;
    for (; k && i < t->len; i++)
        if (t->s[i] == '\n')
            k--;
    *a = i;
    while (i < t->len && t->s[i] != '\n')
        i++;
    *b = i;
}

static int warn(bctx *c, const char *code, const char *fmt, const char *arg)
{
    if (!c->quality)
        return 0;
    char msg[160];
    snprintf(msg, sizeof msg, fmt, arg);
    vb_node *w = vb_node_add(c->quality, "warning", msg);
    return !w || vb_node_set_attr(w, "code", code);
}

/* Plain text of t (paragraphs joined by spaces) for the attribute parsers. */
static char *flat(const vb_text *t)
{
    char *s = malloc(t->len + 1);
    if (!s)
        return NULL;
    for (size_t i = 0; i < t->len; i++)
        s[i] = t->s[i] == '\n' ? ' ' : t->s[i];
    s[t->len] = '\0';
    return s;
}

static int set_timeline(vb_node *n)
{
    char *s = flat(&n->text), a[11], b[11];
    if (!s)
        return -1;
    int r = vb_timeline_parse(s, a, b);
    free(s);
    if (r < 0)
        return -1;
    return (a[0] && vb_node_set_attr(n, "start", a)) || (b[0] && vb_node_set_attr(n, "end", b));
}

static int set_budget(vb_node *n, long long unit)
{
    char *s = flat(&n->text), src[160];
    if (!s)
        return -1;
    long long amount;
    int r = vb_budget_parse(s, unit, &amount, src, sizeof src);
    free(s);
    if (r < 0)
        return -1;
    return (r == 1 && vb_node_set_attrf(n, "amount", "%lld", amount)) ||
           (src[0] && vb_node_set_attr(n, "source", src));
}

/* Adds a child named name holding t[from, to) paragraphs: text when one,
 * <p> children when several. */
static vb_node *add_paras(vb_node *parent, const char *name, const vb_text *t, size_t from,
                          size_t to)
{
    vb_node *n = vb_node_add(parent, name, NULL);
    if (!n)
        return NULL;
    vb_text piece;
    vb_text_init(&piece);
    for (size_t k = from; k < to; k++) {
        size_t a, b;
        para_range(t, k, &a, &b);
        vb_text_clear(&piece);
        if (vb_text_append_range(&piece, t, a, b) || vb_text_cat(&piece, "", 0))
            goto oom;
        if (to - from == 1 ? vb_text_copy(&n->text, &piece) != 0
                           : vb_node_add_text(n, "p", &piece) == NULL)
            goto oom;
    }
    vb_text_free(&piece);
    return n;
oom:
    vb_text_free(&piece);
    return NULL;
}

static int add_value(const bctx *c, vb_node *crit, size_t col, const vb_text *t, size_t from,
                     size_t to)
{
    if (from >= to)
        return 0;
    vb_colkey k = (vb_colkey)c->t->keys[col];
    /* the criterion column's own words name the criterion: its <title> */
    const char *name = k == VB_COL_CRITERION ? "title" : vb_colkey_name(k);
    vb_node *n = add_paras(crit, name, t, from, to);
    if (!n)
        return -1;
    if (k == VB_COL_TIMELINE)
        return set_timeline(n);
    if (k == VB_COL_BUDGET)
        return set_budget(n, c->t->units[col]);
    return 0;
}

static int col_of(const vb_table *t, vb_colkey k)
{
    for (size_t c = 0; c < t->rows[0].ncells; c++)
        if (t->keys[c] == (int)k)
            return (int)c;
    return -1;
}

/* "Mức 2: …" at the start of the target names the criterion's level. */
static int target_level(vb_node *crit, vb_text *x)
{
    char lv[8];
    size_t off = tb_level_prefix(x->s, x->len, lv);
    if (!lv[0])
        return 0;
    if (vb_node_set_attr(crit, "level", lv))
        return -1;
    if (off && off != (size_t)-1)
        return vb_text_splice(x, 0, off, "", 0);
    return 0;
}

/* Tasks and times printed as pairs (k tasks, k times): emitted in turn. */
static int paired_times(const bctx *c, const vb_row *r, vb_node *crit, size_t first_task)
{
    int ts = col_of(c->t, VB_COL_TASKS), tm = col_of(c->t, VB_COL_TIMELINE);
    size_t k = paras(&r->cells[ts]) - first_task;
    for (size_t i = 0; i < k; i++)
        if (add_value(c, crit, (size_t)ts, &r->cells[ts], first_task + i, first_task + i + 1) ||
            add_value(c, crit, (size_t)tm, &r->cells[tm], i, i + 1))
            return -1;
    return 0;
}

/* The column cells of row r as children of crit. mcol is the column of the
 * row's marker (its first paragraph is the marker, not a value). */
static int fill(const bctx *c, const vb_row *r, vb_node *crit, int mcol)
{
    int ts = col_of(c->t, VB_COL_TASKS), tm = col_of(c->t, VB_COL_TIMELINE);
    size_t skip_ts = ts == mcol ? 1 : 0;
    int pairs = ts >= 0 && tm >= 0 && paras(&r->cells[ts]) > skip_ts + 1 &&
                paras(&r->cells[ts]) - skip_ts == paras(&r->cells[tm]);
    vb_text tmp;
    vb_text_init(&tmp);
    int rc = 0;
    for (size_t col = 0; col < r->ncells && !rc; col++) {
        vb_colkey k = (vb_colkey)c->t->keys[col];
        if ((int)col == mcol && k == VB_COL_CRITERION)
            continue;
        if (pairs && (int)col == tm)
            continue;
        if (pairs && (int)col == ts) {
            rc = paired_times(c, r, crit, skip_ts);
            continue;
        }
        rc = vb_text_copy(&tmp, &r->cells[col]);
        /* "Thời gian" spanning "Bắt đầu" | "Kết thúc": one timeline */
        while (!rc && k == VB_COL_TIMELINE && col + 1 < r->ncells &&
               c->t->keys[col + 1] == VB_COL_TIMELINE && (int)col + 1 != mcol)
            rc = vb_text_append(&tmp, &r->cells[++col], " – ");
        if (!rc && k == VB_COL_TARGET)
            rc = target_level(crit, &tmp);
        size_t from = (int)col == mcol ? 1 : 0;
        if (!rc)
            rc = add_value(c, crit, col, &tmp, from, paras(&tmp));
    }
    vb_text_free(&tmp);
    return rc;
}

/* The text after a marker, up to the end of its paragraph. */
static int add_title(vb_node *parent, const vb_text *x, size_t off)
{
    size_t e = off;
    while (e < x->len && x->s[e] != '\n')
        e++;
    vb_text t;
    vb_text_init(&t);
    int rc = vb_text_append_range(&t, x, off, e) || vb_text_trim(&t);
    if (!rc && t.len && !vb_node_add_text(parent, "title", &t))
        rc = -1;
    vb_text_free(&t);
    return rc;
}

static vb_node *container(bctx *c, const vb_row *r)
{
    if (r->flags & VB_ROW_NESTED)
        return c->nstd ? c->nstd : c->top ? c->top : c->imp;
    return c->std ? c->std : c->level ? c->level : c->imp;
}

static int criterion_row(bctx *c, const vb_row *r, int mcol, const tb_mark *m)
{
    vb_node *parent = container(c, r);
    vb_node *crit = vb_node_add(parent, "criterion", NULL);
    if (!crit)
        return -1;
    crit->page = r->page;
    if (m && m->ids[0] && vb_node_set_attr(crit, "ids", m->ids))
        return -1;
    /* a standard printed without its number takes it from its criteria */
    if (m && strcmp(parent->name, "standard") == 0 && !vb_node_attr(parent, "number") &&
        isdigit((unsigned char)m->ids[0])) {
        char num[8];
        snprintf(num, sizeof num, "%.*s", (int)strcspn(m->ids, ". "), m->ids);
        if (vb_node_set_attr(parent, "number", num))
            return -1;
    }
    if (m && add_title(crit, &r->cells[mcol], m->title_off))
        return -1;
    if (fill(c, r, crit, m ? mcol : -1))
        return -1;
    c->last = crit;
    if (!(r->flags & VB_ROW_NESTED)) {
        c->top = crit;
        c->nstd = NULL;
    }
    return 0;
}

static int standard_row(bctx *c, const vb_row *r, const vb_text *x, const tb_mark *m)
{
    int nested = (r->flags & VB_ROW_NESTED) != 0;
    vb_node *parent = nested ? (c->top ? c->top : c->imp) : c->level ? c->level : c->imp;
    vb_node *s = vb_node_add(parent, "standard", NULL);
    if (!s || (m->ids[0] && vb_node_set_attr(s, "number", m->ids)))
        return -1;
    if (x && add_title(s, x, m->title_off))
        return -1;
    if ((!x || !s->first) && warn(c, "standard-no-title", "Tiêu chuẩn %s không có tên",
                                  m->ids[0] ? m->ids : "(không số)"))
        return -1;
    if (nested)
        c->nstd = s;
    else
        c->std = s;
    return 0;
}

static int level_row(bctx *c, const vb_text *x, const tb_mark *m)
{
    vb_node *l = vb_node_add_text(c->imp, "level", x);
    if (!l || vb_node_set_attr(l, "label", x->s) || vb_node_set_attr(l, "values", m->values))
        return -1;
    vb_text_clear(&l->text);
    c->level = l;
    c->std = NULL;
    return 0;
}

/* A row holding only a number in the ordinal column, and maybe words in
 * the criterion column: a standard printed by its number ("5", or "1 | Tổ
 * chức và quản lý"), in tables that have a criterion column. *title gets
 * the criterion cell when it holds the standard's name. */
static int number_only(const bctx *c, const vb_row *r, tb_mark *m, const vb_text **title)
{
    int ord = col_of(c->t, VB_COL_ORDINAL), cc = col_of(c->t, VB_COL_CRITERION);
    *title = NULL;
    if (ord < 0 || cc < 0 || !r->cells[ord].len)
        return 0;
    for (size_t k = 0; k < r->ncells; k++)
        if ((int)k != ord && (int)k != cc && r->cells[k].len)
            return 0;
    const vb_text *x = &r->cells[ord], *t = &r->cells[cc];
    if (x->len > 2 || !isdigit((unsigned char)x->s[0]) || (x->len == 2 && !isdigit((unsigned char)x->s[1])))
        return 0;
    if (t->len && (tb_mark_read(t->s, t->len, m) != TB_NONE || isdigit((unsigned char)t->s[0])))
        return 0;
    memset(m, 0, sizeof *m);
    m->kind = TB_STANDARD;
    snprintf(m->ids, sizeof m->ids, "%.*s", (int)x->len, x->s);
    *title = t->len ? t : NULL;
    return 1;
}

static int pair_row(bctx *c, const vb_row *r)
{
    if (!c->last)
        return criterion_row(c, r, -1, NULL);
    return fill(c, r, c->last, -1);
}

static int build_row(bctx *c, const vb_row *r)
{
    if (r->flags & VB_ROW_PAIR)
        return pair_row(c, r);
    tb_mark m;
    const vb_text *title;
    if (number_only(c, r, &m, &title))
        return standard_row(c, r, title, &m);
    for (size_t k = 0; k < r->ncells; k++) {
        const vb_text *x = &r->cells[k];
        if (!x->len || isdigit((unsigned char)x->s[0]))
            continue;
        tb_kind kind = tb_mark_read(x->s, x->len, &m);
        if (kind == TB_LEVEL)
            return level_row(c, x, &m);
        if (kind == TB_STANDARD)
            return standard_row(c, r, x, &m);
        if (kind == TB_CRITERION)
            return criterion_row(c, r, (int)k, &m);
        break;
    }
    int cc = col_of(c->t, VB_COL_CRITERION), oc = col_of(c->t, VB_COL_ORDINAL);
    if (cc >= 0 && tb_lead_ids(&r->cells[cc], &m))
        return criterion_row(c, r, cc, &m);
    /* "1.1" in the TT column of a table of criteria numbers the criterion */
    if (cc >= 0 && oc >= 0 && tb_bare_ids(&r->cells[oc], &m))
        return criterion_row(c, r, oc, &m);
    return criterion_row(c, r, -1, NULL);
}

static int columns(vb_node *imp, const vb_table *t)
{
    vb_node *cols = vb_node_add(imp, "columns", NULL);
    if (!cols)
        return -1;
    const vb_row *h = &t->rows[0];
    for (size_t c = 0; c < h->ncells; c++) {
        vb_node *n = vb_node_add_text(cols, "column", &h->cells[c]);
        if (!n || vb_node_set_attr(n, "key", vb_colkey_name((vb_colkey)t->keys[c])) ||
            (t->units[c] && vb_node_set_attrf(n, "unit", "%lld", t->units[c])))
            return -1;
    }
    return 0;
}

static int has_child(const vb_node *n, const char *a, const char *b)
{
    for (const vb_node *k = n->first; k; k = k->next)
        if (strcmp(k->name, a) == 0 || strcmp(k->name, b) == 0)
            return 1;
    return 0;
}

/* An earlier criterion of the table with the same ids, or NULL. */
static const vb_node *same_ids(const vb_node *imp, const vb_node *n, const char *ids)
{
    for (const vb_node *k = imp; k && k != n; k = vb_node_next_in(k, imp))
        if (strcmp(k->name, "criterion") == 0 && vb_node_attr(k, "ids") &&
            strcmp(vb_node_attr(k, "ids"), ids) == 0)
            return k;
    return NULL;
}

/* What the finished table lacks or gets wrong: standards without a number,
 * criteria without work to do, a criterion listed twice, no rows at all. */
static int table_warnings(bctx *c)
{
    int tasks = col_of(c->t, VB_COL_TASKS) >= 0 || col_of(c->t, VB_COL_SOLUTIONS) >= 0;
    int rows = 0, checked = 0;
    for (vb_node *n = c->imp; n; n = vb_node_next_in(n, c->imp)) {
        const char *ids = vb_node_attr(n, "ids");
        int std = strcmp(n->name, "standard") == 0, crit = strcmp(n->name, "criterion") == 0;
        rows += crit;
        if (std && !vb_node_attr(n, "number") &&
            warn(c, "standard-no-number", "%s", "Tiêu chuẩn không có số"))
            return -1;
        if (!crit || !ids)
            continue;
        if (tasks && !has_child(n, "tasks", "solutions") &&
            warn(c, "criterion-no-tasks", "Tiêu chí %s không có công việc cần thực hiện", ids))
            return -1;
        /* a quadratic look-back, bounded: only the first 500 criteria */
        if (checked++ < 500 && same_ids(c->imp, n, ids) &&
            warn(c, "criterion-repeated", "Tiêu chí %s xuất hiện hai lần trong bảng", ids))
            return -1;
    }
    if (!rows && warn(c, "table-empty", "%s", "Bảng cải tiến không có dòng nào"))
        return -1;
    return 0;
}

static int build_one(const vb_table *t, vb_node *section, vb_node *quality)
{
    if (!t->nrows || !t->keys)
        return 0;
    bctx c = {.t = t, .quality = quality};
    c.imp = vb_node_add(section, "improvements", NULL);
    if (!c.imp || columns(c.imp, t))
        return -1;
    for (size_t r = 1; r < t->nrows; r++)
        if (build_row(&c, &t->rows[r]))
            return -1;
    return table_warnings(&c);
}

vb_status vb_improvements_build(const vb_table *t, size_t n, vb_node *section,
                                vb_node *quality, vb_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (build_one(&t[i], section, quality))
            return vb_error_set(err, VB_ERR_NOMEM, "out of memory building a table");
    return VB_OK;
}
