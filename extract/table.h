/* table.h — private contract inside extract/: the improvement table.
 *
 * Text layouts (one cell per line with leading tabs; tab-separated rows;
 * HTML inside cells and rows continued across page breaks; a task list with
 * a separate time column) and geometric tables from ingest (VB_LINE_ROW)
 * all become vb_table: rows of cells. vb_improvements_build maps a table's
 * columns to canonical keys and builds <improvements> with levels,
 * standards and criteria (budgets, timelines).
 */
#ifndef VB_EXTRACT_TABLE_H
#define VB_EXTRACT_TABLE_H

#include "extract/extract.h"

typedef struct vb_row {
    vb_text *cells;        /* ncells cells, each collapsed, corrections kept */
    size_t ncells;
    size_t first_line, last_line;  /* layout lines the row came from */
    int page;
} vb_row;

typedef struct vb_table {
    vb_row *rows;          /* rows[0] is the header row when has_header */
    size_t nrows;
    int has_header;
    size_t first_line, last_line;
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

#endif
