/*
 * The indicators appendix (成果指標一覧) as both the booklet and the site
 * print it: one table per measure, grouped by chapter, one row per
 * indicator with its baseline, midterm and target values, the latest
 * result (each with its year) and the achievement rate.
 */
#ifndef PC_MODEL_KPI_H
#define PC_MODEL_KPI_H

#include "../ast.h"

enum {
	PC_KPI_NAME,
	PC_KPI_BASELINE,
	PC_KPI_MIDTERM,
	PC_KPI_TARGET,
	PC_KPI_ACTUAL,
	PC_KPI_RATE,
	PC_KPI_NCOLS
};

/* A cell: the value as printed ("－" when none) and its year ("（令和4年度）";
 * NULL when none) for a line of its own. */
typedef struct pc_kpi_cell {
	const char *value;
	const char *year;
} pc_kpi_cell;

typedef struct pc_kpi_row {
	const pc_indicator *ind;
	pc_kpi_cell cells[PC_KPI_NCOLS];
} pc_kpi_row;

typedef struct pc_kpi_table {
	const pc_node *chapter; /* NULL: indicators outside any chapter */
	const pc_node *measure;
	const char *caption; /* the measure's display name, else 成果指標 */
	pc_kpi_row *rows;
	size_t nrows;
} pc_kpi_table;

typedef struct pc_kpi_appendix {
	pc_kpi_table *tables; /* in plan order */
	size_t ntables;
} pc_kpi_appendix;

/* The column headings, PC_KPI_NCOLS of them. */
extern const char *const pc_kpi_heads[PC_KPI_NCOLS];
/* What a listing prints for no value. */
#define PC_KPI_NONE "－"

/* The appendix of a presented document, in its arena. */
pc_kpi_appendix *pc_kpi_appendix_of(pc_doc *doc);

#endif
