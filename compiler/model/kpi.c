/* The indicators appendix shared by the booklet and the site (see kpi.h). */
#include "kpi.h"

#include <string.h>

#include "indicators.h"

const char *const pc_kpi_heads[PC_KPI_NCOLS] = {"指標名", "基準値", "中間目標値",
                                                "目標値", "実績値", "達成率"};

/* A value as the appendix prints it: as written, with the indicator's
 * 単位 column added when the cell has no unit of its own (the appendix
 * has no unit column), and its year on a line of its own. */
static pc_kpi_cell value_cell(pc_doc *doc, const pc_indicator *ind, const pc_ivalue *v)
{
	if (!v)
		return (pc_kpi_cell){PC_KPI_NONE, NULL};
	const char *text = v->value.text;
	/* The parser gives a value written without a unit the 単位 column's
	 * (value.unit), so the text as written is what tells. */
	if (v->value.has_number && ind->unit && *ind->unit && !strstr(text, ind->unit))
		text = pc_arena_printf(doc->arena, "%s%s", text, ind->unit);
	const char *year = pc_ivalue_year_text(doc->arena, v);
	return (pc_kpi_cell){text, year ? pc_arena_printf(doc->arena, "（%s）", year) : NULL};
}

static pc_kpi_row row_of(pc_doc *doc, const pc_indicator *ind)
{
	pc_kpi_row r = {ind, {{0}}};
	r.cells[PC_KPI_NAME] = (pc_kpi_cell){ind->name, NULL};
	r.cells[PC_KPI_BASELINE] = value_cell(doc, ind, ind->baseline);
	r.cells[PC_KPI_MIDTERM] = value_cell(doc, ind, ind->midterm);
	r.cells[PC_KPI_TARGET] = value_cell(doc, ind, ind->target);
	r.cells[PC_KPI_ACTUAL] = value_cell(doc, ind, ind->latest);
	char rate[16];
	r.cells[PC_KPI_RATE] = (pc_kpi_cell){
	    ind->has_rate ? pc_arena_strdup(doc->arena, pc_rate_text(ind->rate, rate, sizeof rate))
	                  : PC_KPI_NONE,
	    NULL};
	return r;
}

pc_kpi_appendix *pc_kpi_appendix_of(pc_doc *doc)
{
	pc_kpi_appendix *a = pc_arena_alloc(doc->arena, sizeof *a);
	size_t n = doc->indicators.len;
	a->tables = pc_arena_alloc(doc->arena, (n + 1) * sizeof *a->tables);
	pc_kpi_row *rows = pc_arena_alloc(doc->arena, (n + 1) * sizeof *rows);
	pc_kpi_table *t = NULL;
	for (size_t i = 0; i < n; i++) {
		const pc_indicator *ind = doc->indicators.items[i];
		if (!t || ind->measure != t->measure || i == 0) {
			t = &a->tables[a->ntables++];
			t->measure = ind->measure;
			t->chapter = ind->measure ? ind->measure->u.section->chapter : NULL;
			t->caption = ind->measure ? ind->measure->u.section->display : "成果指標";
			t->rows = rows + i;
		}
		t->rows[t->nrows++] = row_of(doc, ind);
	}
	return a;
}
