/* doc.h — private to extract/: the pieces structure extraction shares.
 *
 *   fold.c      Vietnamese text folded to ASCII lower case, one byte per code
 *               point, with the byte offset of each (keyword matching that
 *               ignores diacritics and case, then cutting the vb_text)
 *   paras.c     layout lines → paragraphs (hard-wrapped lines re-joined)
 *   when.c      dates ("ngày 10 tháng 8 năm 2020", "ngày 05/9/2021"), school years
 *   cite.c      citations of circulars and official letters
 *   header.c    header block, title, school year
 *   sections.c  sections, items, organization roles
 *   tail.c      closing, recipients, signature, appendix
 *   textout.c   the clean text of `vanban text`
 */
#ifndef VB_EXTRACT_DOC_H
#define VB_EXTRACT_DOC_H

#include "extract/extract.h"
#include "extract/table.h"

/* ---- folding --------------------------------------------------------- */

typedef struct vb_folded {
    char *s;     /* ASCII, lower case, NUL-terminated; one byte per code point */
    size_t *off; /* off[i]: byte offset in the source of s[i]; off[n] = source length */
    size_t n;
} vb_folded;

/* Folds s[0..len): letters lose diacritics and case (đ → d), spaces become
 * ' ', dashes '-', U+2029 '\n', other non-ASCII '~'. 0 or -1 on OOM. */
int vb_fold_make(vb_folded *f, const char *s, size_t len);
void vb_fold_free(vb_folded *f);
/* 1 when f->s + at starts with the ASCII word(s) w (at a word boundary). */
int vb_fold_at(const vb_folded *f, size_t at, const char *w);
/* Like vb_fold_at, but a letter of w may also match ' ' (a dropped glyph). */
int vb_fold_at_loose(const vb_folded *f, size_t at, const char *w, size_t *end);
/* Position of w (at word starts) in f from 'from', or (size_t)-1. */
size_t vb_fold_find(const vb_folded *f, size_t from, const char *w);
/* Share of letters in s[0..len) that are upper case (0..1), -1 if no letters. */
double vb_upper_share(const char *s, size_t len);

/* ---- paragraphs ------------------------------------------------------- */

typedef struct vb_para {
    vb_text text;       /* one paragraph, spaces collapsed */
    size_t first, last; /* layout lines it came from */
    int page;
} vb_para;

typedef struct vb_paras {
    vb_para *v;
    size_t n, cap;
} vb_paras;

/* Is the document hard-wrapped (a line break every ~80 columns)? Decided
 * once per layout from line lengths and how lines end and start. Returns
 * the line width in characters when it is, 0 when it is not. */
size_t vb_layout_wrapped(const vb_layout *L);

/* Paragraphs of lines [from, to) that are not used[] (may be NULL);
 * wrapped is vb_layout_wrapped(L). */
vb_status vb_paras_build(const vb_layout *L, size_t from, size_t to, const unsigned char *used,
                         size_t wrapped, vb_paras *out, vb_error *err);
void vb_paras_free(vb_paras *p);

/* The kind of mark that starts a paragraph or line. */
typedef enum vb_mark {
    VB_MARK_NONE = 0,
    VB_MARK_ROMAN,  /* "II."  */
    VB_MARK_NUMBER, /* "1." "1)" "2.3." */
    VB_MARK_LETTER, /* "a." "b)" */
    VB_MARK_DASH,   /* "-" "–" "•" */
    VB_MARK_PLUS,   /* "+" */
} vb_mark;

/* Reads the mark at the start of s (after leading spaces): its kind, the
 * label as printed without punctuation (label[16]), and where the text
 * after it starts (*rest, a byte offset). */
vb_mark vb_mark_read(const char *s, size_t len, char label[16], size_t *rest);
/* Value of a Roman numeral label ("VI" → 6), 0 if not one. */
int vb_roman_value(const char *label);

/* ---- dates, years, citations ------------------------------------------ */

/* A date starting at folded position at ("ngay 10 thang 8 nam 2020",
 * "ngay 05/9/2021"); on success fills iso[11] and *end (folded index). */
int vb_when_date(const vb_folded *f, size_t at, char iso[11], size_t *end);
/* First date anywhere in f: its start (folded index), or (size_t)-1. */
size_t vb_when_find(const vb_folded *f, char iso[11], size_t *end);
/* "năm học 2020 – 2021" at or after from: start of "nam hoc", years, end. */
size_t vb_school_year_find(const vb_folded *f, size_t from, int *y1, int *y2, size_t *end);

/* Appends <citation kind number date?> children to n for every citation
 * in t. 0, or -1 on OOM. */
int vb_cite_add(vb_node *n, const vb_text *t);

/* ---- building ---------------------------------------------------------- */

typedef struct vb_ctx {
    const vb_layout *L;
    vb_node *plan, *quality;
    unsigned char *used; /* lines taken by tables */
    size_t wrapped;      /* vb_layout_wrapped() */
    int with_pages;      /* emit @page (layouts with more than one page) */
    vb_error *err;
} vb_ctx;

/* A node named name whose text is p's text; with @page when ctx says so. */
vb_node *vb_para_node(vb_ctx *c, vb_node *parent, const char *name, const vb_para *p);
/* Adds <warning code=…>msg</warning> to the quality node. */
int vb_warn(vb_ctx *c, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Header block of lines [from, to): <header> when anything is found. A
 * place-and-date line missing there may stand in [late_from, late_to)
 * (under the title); it is then marked used. */
vb_status vb_header_build(vb_ctx *c, size_t from, size_t to, size_t late_from, size_t late_to);
/* Title and school year from line at; returns the first body line. */
size_t vb_title_build(vb_ctx *c, size_t at, size_t limit);
/* Index of the title line ("KẾ HOẠCH …") within the first lines, or (size_t)-1. */
size_t vb_title_find(const vb_layout *L, size_t limit);

/* Roman-numeral section heading on line i: label[16], heading text start.
 * With letters, "A. MỤC ĐÍCH …" headings count too (documents that have
 * no Roman sections letter them). */
int vb_section_heading(const vb_layout *L, size_t i, char label[16], size_t *rest, int letters);
/* Order value of a section label: Roman numeral or capital letter, else 0. */
int vb_label_value(const char *label);
/* "purpose", "basis", "content", "organization" or "other". */
const char *vb_section_role(const char *heading, size_t len);
/* Builds one section (heading on line head, body lines (head, end)). */
vb_status vb_section_build(vb_ctx *c, size_t head, size_t end, int ordinal, vb_node **out);
/* Paragraphs of (from, to) as <p> (and items) under parent. */
vb_status vb_body_build(vb_ctx *c, vb_node *parent, size_t from, size_t to, int org);

/* First line of the tail (closing, "Nơi nhận", signature) at or after from. */
size_t vb_tail_find(const vb_layout *L, size_t from, size_t to);
/* The same for some kinds only: the closing and "Nơi nhận" are strong
 * anchors, a signature title ("HIỆU TRƯỞNG") is weak (a table cell may be
 * one). */
enum { VB_TAIL_STRONG = 1, VB_TAIL_WEAK = 2 };
size_t vb_tail_find_kind(const vb_layout *L, size_t from, size_t to, int kinds);
/* First appendix line ("PHỤ LỤC …") at or after from, or to. */
size_t vb_appendix_find(const vb_layout *L, size_t from, size_t to);
vb_status vb_tail_build(vb_ctx *c, size_t from, size_t to);
vb_status vb_appendix_build(vb_ctx *c, size_t from, size_t to);

/* Where the parts of a plan are, by layout line. */
typedef struct vb_outline {
    size_t title;      /* title line, or (size_t)-1 */
    size_t header_end; /* header block is lines [0, header_end) */
    size_t body;       /* first line after title / school year */
    size_t *heads;     /* section heading lines */
    size_t nheads;
    size_t tail; /* closing / recipients / signature start */
    size_t app;  /* first appendix line (== nlines when none) */
    int letters; /* sections are lettered (A., B.), not Roman */
} vb_outline;

int vb_outline_make(const vb_layout *L, vb_outline *o); /* 0 or -1 on OOM */
void vb_outline_free(vb_outline *o);

/* Tables of lines [from, to) with used[] marked; caller frees. */
vb_status vb_doc_tables(vb_ctx *c, size_t from, size_t to, vb_table **t, size_t *n);

#endif
