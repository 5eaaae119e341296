/* Indicator figures shared by every output (see indicators.h). */
#include "indicators.h"

#include <string.h>

const pc_ivalue *pc_indicator_value(const pc_indicator *ind, pc_field f)
{
	for (size_t i = 0; i < ind->nvalues; i++)
		if (ind->values[i].field == f)
			return &ind->values[i];
	return NULL;
}

const pc_ivalue *pc_indicator_latest_actual(const pc_indicator *ind)
{
	const pc_ivalue *best = NULL;
	for (size_t i = 0; i < ind->nvalues; i++) {
		const pc_ivalue *v = &ind->values[i];
		if (v->field == PC_FIELD_ACTUAL && v->value.has_number &&
		    (!best || v->year.year >= best->year.year))
			best = v;
	}
	return best;
}

bool pc_indicator_rate(const pc_indicator *ind, double *rate)
{
	const pc_ivalue *b = pc_indicator_value(ind, PC_FIELD_BASELINE);
	const pc_ivalue *t = pc_indicator_value(ind, PC_FIELD_TARGET);
	const pc_ivalue *a = pc_indicator_latest_actual(ind);
	if (!b || !t || !a || !b->value.has_number || !t->value.has_number)
		return false;
	/* Values in different units do not measure the same distance (the
	 * parser warns about the target's; the result's must agree too). */
	if (strcmp(t->value.unit, b->value.unit) || strcmp(a->value.unit, b->value.unit))
		return false;
	double span = t->value.number - b->value.number;
	if (span == 0)
		return false;
	*rate = (a->value.number - b->value.number) / span * 100.0;
	return true;
}

size_t pc_indicator_nactuals(const pc_indicator *ind)
{
	const pc_table *t = &ind->table->u.table;
	size_t n = 0;
	for (size_t c = 0; c < t->ncols; c++)
		n += t->columns[c].field == PC_FIELD_ACTUAL;
	return n;
}

const pc_ivalue *pc_indicator_actual(const pc_indicator *ind, size_t k)
{
	const pc_table *t = &ind->table->u.table;
	const pc_node *cell = ind->row ? ind->row->first : NULL;
	for (size_t c = 0; c < t->ncols && cell; c++, cell = cell->next) {
		if (t->columns[c].field != PC_FIELD_ACTUAL || k--)
			continue;
		for (size_t i = 0; i < ind->nvalues; i++)
			if (ind->values[i].cell == cell)
				return &ind->values[i];
		return NULL; /* an empty cell */
	}
	return NULL;
}

const char *pc_ivalue_year_text(pc_arena *a, const pc_ivalue *v)
{
	if (!v)
		return NULL;
	if (v->year.text)
		return v->year.text;
	if (v->year.year)
		return pc_arena_printf(a, "%d%s", v->year.year, v->year.fiscal ? "年度" : "年");
	return NULL;
}

void pc_indicators_present(pc_doc *doc)
{
	for (size_t i = 0; i < doc->indicators.len; i++) {
		pc_indicator *ind = doc->indicators.items[i];
		ind->measure = ind->section ? ind->section->u.section.measure : NULL;
		ind->baseline = pc_indicator_value(ind, PC_FIELD_BASELINE);
		ind->midterm = pc_indicator_value(ind, PC_FIELD_MIDTERM);
		ind->target = pc_indicator_value(ind, PC_FIELD_TARGET);
		ind->latest = pc_indicator_latest_actual(ind);
		ind->has_rate = pc_indicator_rate(ind, &ind->rate);
	}
}
