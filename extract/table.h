/* table.h — private contract inside extract/: the improvement table.
 *
 * Text layouts (one cell per line with leading tabs; tab-separated rows;
 * HTML inside cells and rows continued across page breaks; a task list with
 * a separate time column; columns printed with spaces) and geometric tables
 * from ingest (VB_LINE_ROW)
 * all become vb_table: rows of cells. vb_improvements_build maps a table's
 * columns to canonical keys and builds <improvements> with levels,
 * standards and criteria (budgets, timelines).
 */
#ifndef VB_EXTRACT_TABLE_H
#define VB_EXTRACT_TABLE_H

#include "extract/extract.h"

/* Whether block-level elements name their page (@page): a layout of more
 * than one page, or one whose page came from a PDF or an image (a viewer
 * finds the boxes of its words there). */
int vb_layout_paged(const vb_layout *L);

typedef struct vb_row {
    vb_text *cells;        /* ncells cells, each collapsed, corrections kept */
    size_t ncells;
    size_t first_line, last_line;  /* layout lines the row came from */
    int page;
    unsigned flags;        /* VB_ROW_* (added by the table helper) */
} vb_row;

/* vb_row.flags. Rows after the header are aligned to the header's columns
 * (ncells == the header's), and cells continued across page breaks or in
 * continuation rows are already joined. A cell holds paragraphs separated
 * by '\n' (each collapsed). */
enum {
    VB_ROW_PAIR = 1u << 0,    /* continues the row before with a second
                                 target/tasks pair (children repeat) */
    VB_ROW_NESTED = 1u << 1,  /* a standard/criterion printed inside the
                                 last un-nested row (task-list layout) */
};

/* Canonical column keys (PLAN-XML.md); vb_colkey_name gives the name. */
typedef enum vb_colkey {
    VB_COL_OTHER = 0,
    VB_COL_ORDINAL,
    VB_COL_CRITERION,
    VB_COL_TARGET,
    VB_COL_TASKS,
    VB_COL_SOLUTIONS,
    VB_COL_LEAD,
    VB_COL_TIMELINE,
    VB_COL_BUDGET,
    VB_COL_CONDITIONS,
    VB_COL_NOTES,
    VB_COL_COUNT
} vb_colkey;

typedef struct vb_table {
    vb_row *rows;          /* rows[0] is the header row when has_header */
    size_t nrows;
    int has_header;
    size_t first_line, last_line;
    int *keys;             /* vb_colkey of each header cell; owned */
    long long *units;      /* đồng per printed unit of each column (budget:
                              1000000 for "(triệu đồng)"), 0 = none; owned */
} vb_table;

/* Finds the tables among lines [from, to) of L. Sets used[i] = 1 for every
 * line i that belongs to a table (used has L->nlines entries). */
vb_status vb_tables_parse(const vb_layout *L, size_t from, size_t to, unsigned char *used,
                          vb_table **tables, size_t *ntables, vb_error *err);
void vb_tables_free(vb_table *t, size_t n);   /* NULL ok */

/* Builds one <improvements> per table as children of section (appended).
 * Adds quality warnings (e.g. a standard row without a title) to quality
 * (may be NULL). */
vb_status vb_improvements_build(const vb_table *t, size_t n, vb_node *section,
                                vb_node *quality, vb_error *err);

/* ---- helpers shared by the table code and its tests ------------------ */

/* Maps a printed column header to its canonical key (diacritic- and
 * case-insensitive: "Công việc/giải pháp", "Chủ trì và phối hợp", ...).
 * *unit gets the đồng per unit the header names ("(triệu đồng)" →
 * 1000000), else 0. */
vb_colkey vb_colkey_of(const char *header, long long *unit);
const char *vb_colkey_name(vb_colkey k);

/* Reads a budget cell: *amount in whole đồng ("5 triệu đồng" → 5000000,
 * "1,5 tỷ" → 1500000000, "2.500.000đ"); a bare number is multiplied by
 * unit (the column's; 0: read as đồng when >= 1000; a bare number of
 * 100000 or more is đồng whatever the unit). source gets the funding
 * source where printed ("nguồn Sở cấp", "Xã hội hóa"), "" otherwise.
 * Returns 1 when an amount was read, 0 when not ("/", "-", ""), -1 on OOM. */
int vb_budget_parse(const char *s, long long unit, long long *amount, char *source,
                    size_t srccap);

/* Reads a timeline cell: start/end as "YYYY", "YYYY-MM" or "YYYY-MM-DD"
 * ("Tháng 09/2020" → 2020-09 both; "2024-2025" → 2024, 2025; "Thời gian
 * bắt đầu: 9/2020 ... hoàn thành: 05/2021" → 2020-09, 2021-05). Empty
 * string where nothing is readable. Returns how many of the two were set,
 * -1 on OOM. */
int vb_timeline_parse(const char *s, char start[11], char end[11]);

/* Case- and diacritic-folded copy of s[0..n): vb_fold_make (extract/doc.h)
 * handed out as a malloc'd string. off (may be NULL) gets the malloc'd map:
 * (*off)[i] = byte offset in s of folded byte i, (*off)[len] = n.
 * Returns NULL on OOM. */
char *vb_fold_copy(const char *s, size_t n, size_t *len, size_t **off);

#endif
