/* markup.c — residue of DOCX/markdown/HTML conversion, removed line by line
 * (normalize stage, before restoration): markdown emphasis, heading marks,
 * backslash escapes and table rules; HTML tags and entities; Word's
 * [bookmark: …] anchors. A `</p> <p>` boundary inside a line (a table cell
 * holding several paragraphs) becomes U+2029 PARAGRAPH SEPARATOR. Edits go
 * through vb_text_splice so corrections already on the line survive.
 * Hand-written: a full HTML/markdown parser (libxml2's HTML parser, cmark)
 * would rebuild the line and lose the byte offsets corrections depend on. */
#include "normalize/normalize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PARA_SEP "\xE2\x80\xA9"

/* A markdown/pandoc table rule: only - | : + = and blanks, with "--". */
static int is_table_rule(const vb_text *t)
{
    if (!strstr(t->s, "--") && !strstr(t->s, "=="))
        return 0;
    for (size_t i = 0; i < t->len; i++)
        if (!strchr("-|:+= \t", t->s[i]))
            return 0;
    return 1;
}

/* Leading "### " of a markdown heading: returns the bytes to drop. */
static size_t heading_marks(const vb_text *t)
{
    size_t i = 0, n = 0;
    while (i < t->len && (t->s[i] == ' ' || t->s[i] == '\t'))
        i++;
    while (i + n < t->len && t->s[i + n] == '#')
        n++;
    if (n == 0 || n > 6 || (i + n < t->len && t->s[i + n] != ' '))
        return 0;
    while (i + n < t->len && t->s[i + n] == ' ')
        n++;
    return i + n;
}

static const char *const block_tags[] = {
    "p",     "div", "br", "li", "ul", "ol", "td", "tr", "th",  "table",    "tbody",
    "thead", "h1",  "h2", "h3", "h4", "h5", "h6", "hr", "col", "colgroup", NULL};
static const char *const inline_tags[] = {"b",     "i",   "u",   "em",     "strong", "span", "font",
                                          "sup",   "sub", "s",   "strike", "a",      "o:p",  "mark",
                                          "small", "big", "ins", "del",    NULL};

static int in_list(const char *const *list, const char *name, size_t n)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], name, n) == 0)
            return 1;
    return 0;
}

/* An HTML tag at s[0] ('<'): returns its length (0 if not a known tag),
 * sets *block for block-level tags and *close for "</…>". */
static size_t tag_at(const char *s, size_t left, int *block, int *close)
{
    size_t i = 1;
    *close = i < left && s[i] == '/';
    i += (size_t)*close;
    size_t name = i;
    while (i < left && (isalnum((unsigned char)s[i]) || s[i] == ':'))
        i++;
    size_t nlen = i - name;
    if (nlen == 0)
        return 0;
    *block = in_list(block_tags, s + name, nlen);
    if (!*block && !in_list(inline_tags, s + name, nlen))
        return 0;
    for (size_t k = 0; i < left && k < 1024; i++, k++) {
        if (s[i] == '>')
            return i + 1;
        if (s[i] == '<')
            return 0;
    }
    return 0;
}

/* Encodes code point c as UTF-8 into out; returns the length. */
static size_t utf8_put(unsigned long c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static const struct {
    const char *name;
    unsigned long cp;
} entities[] = {{"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
                {"apos", '\''},     {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014},
                {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
                {"rdquo", 0x201D},  {"bull", 0x2022},  {"middot", 0xB7},  {NULL, 0}};

/* An entity at s[0] ('&'): its length, and its UTF-8 in out (*outlen). */
static size_t entity_at(const char *s, size_t left, char *out, size_t *outlen)
{
    size_t end = 1;
    while (end < left && end < 12 && s[end] != ';' && s[end] != ' ')
        end++;
    if (end >= left || s[end] != ';' || end < 2)
        return 0;
    unsigned long cp = 0;
    if (s[1] == '#') {
        int hex = end > 2 && (s[2] == 'x' || s[2] == 'X');
        char *stop;
        cp = strtoul(s + 2 + hex, &stop, hex ? 16 : 10);
        if (stop != s + end || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
            return 0;
    } else {
        for (size_t i = 0; entities[i].name; i++)
            if (strlen(entities[i].name) == end - 1 && !strncmp(entities[i].name, s + 1, end - 1))
                cp = entities[i].cp;
        if (!cp)
            return 0;
    }
    *outlen = utf8_put(cp, out);
    return end + 1;
}

/* "[bookmark: …]" at s[0]: its length, or 0. */
static size_t bookmark_at(const char *s, size_t left)
{
    if (left < 11 || strncasecmp(s, "[bookmark:", 10) != 0)
        return 0;
    for (size_t i = 10; i < left && i < 256; i++)
        if (s[i] == ']')
            return i + 1;
    return 0;
}

static size_t skip_spaces(const char *s, size_t i, size_t len)
{
    while (i < len && s[i] == ' ')
        i++;
    return i;
}

/* What replaces a tag: nothing, a space between glued words (block tags),
 * or U+2029 for a `</p> <p>` paragraph boundary. Sets *n to bytes replaced. */
static const char *tag_replacement(const vb_text *t, size_t i, size_t taglen, int block, int close,
                                   size_t *n)
{
    *n = taglen;
    if (!block)
        return "";
    if (close) {
        size_t j = skip_spaces(t->s, i + taglen, t->len);
        int b2, c2;
        size_t t2 = j < t->len && t->s[j] == '<' ? tag_at(t->s + j, t->len - j, &b2, &c2) : 0;
        if (t2 && b2 && !c2 && (t->s[j + 1] == 'p' || t->s[j + 1] == 'P')) {
            *n = j + t2 - i;
            return PARA_SEP;
        }
    }
    int glued = i > 0 && !isspace((unsigned char)t->s[i - 1]) && i + taglen < t->len &&
                !isspace((unsigned char)t->s[i + taglen]);
    return glued ? " " : "";
}

/* "*chữ nghiêng*": the closing '*' of a single-star emphasis opened at i,
 * or 0. A star followed by a blank is a bullet or a product, not markup. */
static size_t emphasis_close(const vb_text *t, size_t i)
{
    if (i + 1 >= t->len || t->s[i + 1] == ' ' || t->s[i + 1] == '\t' || t->s[i + 1] == '*')
        return 0;
    for (size_t k = i + 2; k < t->len && k - i < 2048; k++)
        if (t->s[k] == '*')
            return t->s[k - 1] != ' ' && t->s[k - 1] != '\t' &&
                           (k + 1 >= t->len || t->s[k + 1] != '*')
                       ? k
                       : 0;
    return 0;
}

/* Pandoc's "[chữ gạch chân]{.underline}": the length of "]{…}" closing the
 * span opened at i, its offset in *close; 0 if not one. */
static size_t span_attr(const vb_text *t, size_t i, size_t *close)
{
    const char *end = memchr(t->s + i, ']', t->len - i);
    if (!end || (size_t)(end - t->s) + 2 >= t->len || end[1] != '{' || end[2] != '.')
        return 0;
    const char *brace = memchr(end, '}', t->len - (size_t)(end - t->s));
    if (!brace || brace - end > 64)
        return 0;
    *close = (size_t)(end - t->s);
    return (size_t)(brace - end) + 1;
}

/* Removes a pair of marks: n2 bytes at j (after i), then n1 bytes at i. */
static int strip_pair(vb_text *t, size_t i, size_t n1, size_t j, size_t n2)
{
    return vb_text_splice(t, j, n2, "", 0) || vb_text_splice(t, i, n1, "", 0) ? -1 : 1;
}

/* One residue at i: replaces it and returns 1, or returns 0 (-1 on OOM). */
static int strip_at(vb_text *t, size_t i, size_t *next)
{
    const char *s = t->s + i;
    size_t left = t->len - i, n = 0, m = 0;
    const char *rep = "";
    char buf[8];
    size_t close, k;
    if (s[0] == '*' && left >= 2 && s[1] == '*') {
        n = 2;
        while (n < left && s[n] == '*')
            n++;
    } else if (s[0] == '*' && (k = emphasis_close(t, i))) {
        *next = i;
        return strip_pair(t, i, 1, k, 1);
    } else if (s[0] == '[' && (k = span_attr(t, i, &close))) {
        *next = i;
        return strip_pair(t, i, 1, close, k);
    } else if (s[0] == '<') {
        int block, close;
        size_t k = tag_at(s, left, &block, &close);
        if (k)
            rep = tag_replacement(t, i, k, block, close, &n);
    } else if (s[0] == '&') {
        n = entity_at(s, left, buf, &m);
        rep = buf;
    } else if (s[0] == '[') {
        n = bookmark_at(s, left);
    } else if (s[0] == '\\' && left >= 2 && ispunct((unsigned char)s[1])) {
        n = 1;
    }
    if (n == 0)
        return 0;
    if (rep != buf)
        m = strlen(rep);
    if (vb_text_splice(t, i, n, rep, m))
        return -1;
    *next = i + m;
    return 1;
}

int vb_markup_strip(vb_text *t)
{
    if (!t->s || t->len == 0)
        return 0;
    if (is_table_rule(t))
        return vb_text_splice(t, 0, t->len, "", 0) ? -1 : 1;
    int changed = 0;
    size_t h = heading_marks(t);
    if (h) {
        if (vb_text_splice(t, 0, h, "", 0))
            return -1;
        changed = 1;
    }
    size_t i = 0;
    while (i < t->len) {
        char c = t->s[i];
        if (c != '*' && c != '<' && c != '&' && c != '[' && c != '\\') {
            i++;
            continue;
        }
        size_t next = i + 1;
        int r = strip_at(t, i, &next);
        if (r < 0)
            return -1;
        changed |= r;
        i = next;
    }
    return changed;
}
