/* table_int.h — private helpers of the improvement-table code (table*.c):
 * row markers ("Mức 1, 2, 3", "Tiêu chuẩn 1: …", "Tiêu chí 1.2, 1.3"),
 * cell-text tests used to align and join rows, and cell building. */
#ifndef VB_EXTRACT_TABLE_INT_H
#define VB_EXTRACT_TABLE_INT_H

#include "extract/table.h"

typedef enum tb_kind { TB_NONE = 0, TB_LEVEL, TB_STANDARD, TB_CRITERION } tb_kind;

/* What a cell's leading marker says. Offsets are bytes of the original. */
typedef struct tb_mark {
    tb_kind kind;
    char ids[128];         /* "1.2 1.3" (criterion), "4" (standard), "" none */
    char values[64];       /* level: "1 2 3" */
    size_t title_off;      /* start of the text after the marker (title) */
} tb_mark;

/* Reads the marker at the start of s[0..n) (leading blanks, bullets and
 * the cell's first paragraph only). Returns its kind (TB_NONE if none). */
tb_kind tb_mark_read(const char *s, size_t n, tb_mark *m);

/* A cell holding only criterion numbers ("1.1", "1.2, 1.3"): read as the
 * ids of "Tiêu chí 1.1" (title_off = the cell's length). 1 if so. */
int tb_bare_ids(const vb_text *x, tb_mark *m);

/* Same, or one id followed by words ("1.1. Phương hướng …"), the words
 * being the title (title_off). */
int tb_lead_ids(const vb_text *x, tb_mark *m);

/* "Mức 2:" / "Mức 2a:" at the start of a cell: writes the level number to
 * level and returns the byte offset of the text after a plain "Mức 2:"
 * prefix, (size_t)-1 when the prefix stays ("Mức 2a:" names an indicator),
 * or 0 when there is none. */
size_t tb_level_prefix(const char *s, size_t n, char level[8]);

/* A cell's text as a C string ("" for a zeroed vb_text). */
static inline const char *tb_str(const vb_text *t)
{
    return t->s ? t->s : "";
}

int tb_starts_lower(const char *s);      /* first letter is lower case */
int tb_starts_new(const char *s);        /* upper case, digit or bullet */
int tb_ends_closed(const char *s, size_t n);  /* ends with . ; ! ? */
int tb_timelike(const char *s);          /* reads as a time ("Tháng 9/2020") */
int tb_dated(const char *s);             /* has "m/yyyy" or "hoàn thành" */
int tb_leadlike(const char *s);          /* "Người thực hiện", "phối hợp" */
int tb_is_rule(const char *s, size_t n); /* markdown table rule "--\t---" */
int tb_is_pagenum(const char *s, size_t n); /* "12", "- 3 -", "Trang 4" */
int tb_is_heading(const char *s, size_t n); /* "IV. TỔ CHỨC ..." */
int tb_blank(const char *s, size_t n);

/* Appends src[from, to) to cell: U+2029 and '\n' become paragraph breaks
 * ('\n'), each paragraph's spaces collapsed; sep goes between the old text
 * and the new when both are non-empty. Returns 0 or -1 on OOM. */
int tb_cell_add(vb_text *cell, const vb_text *src, size_t from, size_t to, const char *sep);

/* Whether src[from, to) is empty after trimming spaces. */
int tb_range_blank(const vb_text *src, size_t from, size_t to);

/* Growable array of rows for the parsers. */
typedef struct tb_rows {
    vb_row *v;
    size_t n, cap;
} tb_rows;

vb_row *tb_rows_push(tb_rows *r, size_t ncells);  /* zeroed cells; NULL on OOM */
void tb_row_free(vb_row *r);
void tb_rows_free(tb_rows *r);
/* Pads or trims (joining overflow into the last cell) to n cells. */
int tb_row_resize(vb_row *r, size_t n);

/* Aligns the body rows of t to its header (criterion markers land in the
 * criterion column; shifted continuation rows are placed by content) and
 * joins continuation rows into the row they continue. */
vb_status tb_align(vb_table *t, vb_error *err);

/* The task-list layout: "TT / Nội dung công việc / Thời điểm thực hiện"
 * in hard-wrapped plain text, times printed after each row. Looks for one
 * starting at line i; on success fills *t and returns the line after it. */
vb_status tb_parse_plain(const vb_layout *L, size_t i, size_t to, vb_table *t, size_t *next,
                         vb_error *err);

/* Tables printed with spaces (PDF → text keeping the layout): cells split
 * at runs of two or more spaces, columns from the header's positions. */
vb_status tb_parse_spaced(const vb_layout *L, size_t i, size_t to, vb_table *t, size_t *next,
                          vb_error *err);

/* Fills t->keys and t->units from the header row. 0 or -1 on OOM. */
int tb_header_keys(vb_table *t);
/* How many distinct recognised keys a row's cells name. */
int tb_header_score(const vb_row *r);

#endif
