/* Indicator figures shared by every output (see indicators.h). */
#include "indicators.h"

#include <math.h>
#include <stdio.h>
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

/* The number a target is met at: a range's end nearer the baseline (its
 * lower end when there is no baseline). */
static double threshold_of(const pc_ivalue *t, const pc_ivalue *b)
{
	const pc_value *v = &t->value;
	if (!v->has_range)
		return v->number;
	double lo = fmin(v->number, v->upper), hi = fmax(v->number, v->upper);
	if (b && b->value.has_number && b->value.number > hi)
		return hi;
	return lo;
}

static bool keeps_a_level(pc_direction d)
{
	return d == PC_DIR_KEEP || d == PC_DIR_FLOOR || d == PC_DIR_CEILING;
}

const char *pc_rate_text(double rate, char *buf, size_t size)
{
	double r = round(rate * 10) / 10;
	if (r == 0)
		r = 0; /* no 「−0.0%」 */
	snprintf(buf, size, r < 0 ? "\xE2\x88\x92%.1f%%" : "%.1f%%", fabs(r)); /* U+2212 */
	return buf;
}

bool pc_indicator_rate(const pc_indicator *ind, double *rate)
{
	if (keeps_a_level(ind->direction))
		return false;
	const pc_ivalue *b = pc_indicator_value(ind, PC_FIELD_BASELINE);
	const pc_ivalue *t = pc_indicator_value(ind, PC_FIELD_TARGET);
	const pc_ivalue *a = pc_indicator_latest_actual(ind);
	if (!b || !t || !a || !b->value.has_number || !t->value.has_number)
		return false;
	/* Values in different units do not measure the same distance (the
	 * parser warns about the target's; the result's must agree too). */
	if (strcmp(t->value.unit, b->value.unit) || strcmp(a->value.unit, b->value.unit))
		return false;
	double span = threshold_of(t, b) - b->value.number;
	if (span == 0)
		return false;
	*rate = (a->value.number - b->value.number) / span * 100.0;
	return true;
}

/* At or above x (above for 超), at or below (below for 未満). */
static bool at_least(double a, double x, pc_bound bound)
{
	return bound == PC_BOUND_GT ? a > x : a >= x;
}

static bool at_most(double a, double x, pc_bound bound)
{
	return bound == PC_BOUND_LT ? a < x : a <= x;
}

pc_achievement pc_indicator_achievement(const pc_indicator *ind)
{
	const pc_ivalue *b = pc_indicator_value(ind, PC_FIELD_BASELINE);
	const pc_ivalue *t = pc_indicator_value(ind, PC_FIELD_TARGET);
	const pc_ivalue *a = pc_indicator_latest_actual(ind);
	if (!t || !a || !t->value.has_number || strcmp(a->value.unit, t->value.unit))
		return PC_ACH_NONE;
	if (b && (!b->value.has_number || strcmp(b->value.unit, t->value.unit)))
		b = NULL;
	double av = a->value.number, tv = threshold_of(t, b);
	pc_bound bound = t->value.bound;
	bool met;
	switch (ind->direction) {
	case PC_DIR_UP:
	case PC_DIR_FLOOR:
		met = at_least(av, tv, bound);
		break;
	case PC_DIR_DOWN:
	case PC_DIR_CEILING:
		met = at_most(av, tv, bound);
		break;
	case PC_DIR_KEEP:
		if (t->value.has_range) {
			met = av >= fmin(t->value.number, t->value.upper) &&
			      av <= fmax(t->value.number, t->value.upper);
		} else if (b && tv < b->value.number) {
			met = at_least(av, tv, bound); /* keep above a floor */
		} else if (b && tv > b->value.number) {
			met = at_most(av, tv, bound); /* keep below a ceiling */
		} else {
			return PC_ACH_NONE; /* which side is kept is not said */
		}
		break;
	default:
		return PC_ACH_NONE;
	}
	return met ? PC_ACH_MET : PC_ACH_NOT_MET;
}

const char *pc_achievement_name(pc_achievement a)
{
	return a == PC_ACH_MET ? "met" : a == PC_ACH_NOT_MET ? "not_met" : NULL;
}

size_t pc_indicator_nactuals(const pc_indicator *ind)
{
	const pc_table *t = ind->table->u.table;
	size_t n = 0;
	for (size_t c = 0; c < t->ncols; c++)
		n += t->columns[c].field == PC_FIELD_ACTUAL;
	return n;
}

const pc_ivalue *pc_indicator_actual(const pc_indicator *ind, size_t k)
{
	const pc_table *t = ind->table->u.table;
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
		ind->measure = ind->section ? ind->section->u.section->measure : NULL;
		ind->baseline = pc_indicator_value(ind, PC_FIELD_BASELINE);
		ind->midterm = pc_indicator_value(ind, PC_FIELD_MIDTERM);
		ind->target = pc_indicator_value(ind, PC_FIELD_TARGET);
		ind->latest = pc_indicator_latest_actual(ind);
		ind->has_rate = pc_indicator_rate(ind, &ind->rate);
		ind->achievement = pc_indicator_achievement(ind);
	}
}
