/* cite.c — citations of legal and administrative documents inside a
 * paragraph: "Thông tư số 19/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018",
 * "Công văn số 5932/BGDĐT-QLCL ngày …", "QĐ số 329/QĐ-GDDT-TC". Each becomes
 * <citation kind number date?/>; a citation without a readable number
 * ("Công văn số" alone) is not one. */
#include "extract/doc.h"

#include <ctype.h>
#include <string.h>

static const struct {
    const char *word, *kind;
} kinds[] = {{"thong tu lien tich", "thong-tu"},
             {"thong tu", "thong-tu"},
             {"cong van", "cong-van"},
             {"quyet dinh", "quyet-dinh"},
             {"qd", "quyet-dinh"},
             {"nghi dinh", "nghi-dinh"},
             {"nghi quyet", "nghi-quyet"},
             {"chi thi", "chi-thi"},
             {"huong dan", "huong-dan"},
             {"ke hoach", "ke-hoach"},
             {"van ban", "van-ban"},
             {"luat", "luat"},
             {NULL, NULL}};

static size_t spaces(const vb_folded *f, size_t i)
{
    while (i < f->n && f->s[i] == ' ')
        i++;
    return i;
}

/* The document number at i: starts with a digit, holds a '/', runs over
 * letters, digits and / - . _ (folded '~' covers Đ and the like). */
static size_t number_end(const vb_folded *f, size_t i)
{
    if (i >= f->n || !isdigit((unsigned char)f->s[i]))
        return i;
    size_t j = i;
    int slash = 0;
    while (j < f->n && (isalnum((unsigned char)f->s[j]) || strchr("/-._~", f->s[j]))) {
        slash |= f->s[j] == '/';
        j++;
    }
    while (j > i && strchr("-._/", f->s[j - 1]))
        j--;
    return slash ? j : i;
}

static const char *kind_at(const vb_folded *f, size_t at, size_t *after)
{
    for (size_t k = 0; kinds[k].word; k++) {
        if (vb_fold_at(f, at, kinds[k].word)) {
            *after = at + strlen(kinds[k].word);
            return kinds[k].kind;
        }
    }
    return NULL;
}

/* One citation at folded position at; returns where scanning goes on. */
static int cite_one(vb_node *n, const vb_text *t, const vb_folded *f, size_t at, size_t *next)
{
    size_t i;
    const char *kind = kind_at(f, at, &i);
    *next = at + 1;
    if (!kind)
        return 0;
    i = spaces(f, i);
    if (vb_fold_at(f, i, "so"))
        i = spaces(f, i + 2);
    if (i < f->n && f->s[i] == ':')
        i = spaces(f, i + 1);
    size_t e = number_end(f, i);
    if (e == i)
        return 0;
    vb_node *c = vb_node_add(n, "citation", NULL);
    vb_text num;
    vb_text_init(&num);
    int bad = !c || vb_text_append_range(&num, t, f->off[i], f->off[e]) ||
              vb_node_set_attr(c, "kind", kind) || vb_node_set_attr(c, "number", num.s);
    vb_text_free(&num);
    if (bad)
        return -1;
    size_t d = spaces(f, e);
    if (d < f->n && f->s[d] == ',')
        d = spaces(f, d + 1);
    char iso[11];
    size_t end;
    if (vb_when_date(f, d, iso, &end)) {
        if (vb_node_set_attr(c, "date", iso))
            return -1;
        e = end;
    }
    *next = e;
    return 0;
}

int vb_cite_add(vb_node *n, const vb_text *t)
{
    vb_folded f;
    if (vb_fold_make(&f, t->s, t->len))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < f.n && rc == 0;) {
        if (!isalpha((unsigned char)f.s[i]) || (i > 0 && isalnum((unsigned char)f.s[i - 1]))) {
            i++;
            continue;
        }
        rc = cite_one(n, t, &f, i, &i);
    }
    vb_fold_free(&f);
    return rc;
}
