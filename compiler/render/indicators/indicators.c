/* Indicators as CSV and JSON. */
#include "indicators.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../../util/csv.h"
#include "../../util/json.h"

static const pc_ivalue *first_value(const pc_indicator *ind, pc_field f)
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

bool pc_indicator_rate(const pc_indicator *ind, double *rate)
{
	const pc_ivalue *b = first_value(ind, PC_FIELD_BASELINE);
	const pc_ivalue *t = first_value(ind, PC_FIELD_TARGET);
	const pc_ivalue *a = pc_indicator_latest_actual(ind);
	if (!b || !t || !a || !b->value.has_number || !t->value.has_number)
		return false;
	if (keeps_a_level(ind->direction))
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
	const pc_ivalue *b = first_value(ind, PC_FIELD_BASELINE);
	const pc_ivalue *t = first_value(ind, PC_FIELD_TARGET);
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
			return PC_ACH_NONE; /* 486 of 486: which side is kept is not said */
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

/* The measure of an indicator: the level-2 section around it (or the
 * innermost section when the plan is shallower). */
static const pc_node *measure_of(const pc_indicator *ind)
{
	const pc_node *m = ind->section;
	while (m && m->u.section.level > 2)
		m = pc_node_section(m);
	return m;
}

static const char *num(pc_doc *doc, double v)
{
	char tmp[64];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		double back;
		if (sscanf(tmp, "%lf", &back) == 1 && back == v)
			break;
	}
	return pc_arena_strdup(doc->arena, tmp);
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

static const struct {
	pc_field f;
	const char *ja;
} value_fields[] = {{PC_FIELD_BASELINE, "基準値"},
                    {PC_FIELD_MIDTERM, "中間目標値"},
                    {PC_FIELD_TARGET, "目標値"},
                    {PC_FIELD_ACTUAL, "実績値"}};

/* The five columns of a value: as written, number, unit, year, 年度/年. */
static void value_head(pc_doc *doc, pc_buf *out, const char *f)
{
	pc_csv_field(out, f, false);
	pc_csv_field(out, pc_arena_printf(doc->arena, "%s数値", f), false);
	pc_csv_field(out, pc_arena_printf(doc->arena, "%s単位", f), false);
	pc_csv_field(out, pc_arena_printf(doc->arena, "%s西暦年", f), false);
	pc_csv_field(out, pc_arena_printf(doc->arena, "%s年区分", f), false);
}

static void value_fields_csv(pc_doc *doc, pc_buf *out, const pc_ivalue *v)
{
	pc_csv_field(out, v ? v->value.text : NULL, false);
	pc_csv_field(out, v && v->value.has_number ? num(doc, v->value.number) : NULL, false);
	pc_csv_field(out, v ? v->value.unit : NULL, false);
	pc_csv_field(
	    out, v && v->year.year ? pc_arena_printf(doc->arena, "%d", v->year.year) : NULL, false);
	pc_csv_field(out, v && v->year.year ? (v->year.fiscal ? "年度" : "年") : NULL, false);
}

/* The five columns of what a value says besides its number: the year's
 * words (決算, 末), the bound, a range's upper end, 約, the note. */
static void facts_head(pc_doc *doc, pc_buf *out, const char *f)
{
	pc_csv_field(out, pc_arena_printf(doc->arena, "%s年注記", f), false);
	pc_csv_field(out, pc_arena_printf(doc->arena, "%s条件", f), false);
	pc_csv_field(out, pc_arena_printf(doc->arena, "%s上限値", f), false);
	pc_csv_field(out, pc_arena_printf(doc->arena, "%s概数", f), false);
	pc_csv_field(out, pc_arena_printf(doc->arena, "%s注記", f), false);
}

static void facts_csv(pc_doc *doc, pc_buf *out, const pc_ivalue *v)
{
	static const char *bounds[] = {NULL, "以上", "超", "以下", "未満"};
	pc_csv_field(out, v ? v->year.qualifier : NULL, false);
	pc_csv_field(out, v ? bounds[v->value.bound] : NULL, false);
	pc_csv_field(out, v && v->value.has_range ? num(doc, v->value.upper) : NULL, false);
	pc_csv_field(out, v && v->value.approximate ? "約" : NULL, false);
	pc_csv_field(out, v ? v->value.note : NULL, false);
}

void pc_indicators_csv(pc_doc *doc, pc_buf *out)
{
	pc_csv_bom(out);
	const char *head[] = {"章番号", "章",     "章id",     "施策番号", "施策",
	                      "施策id", "指標名", "把握方法", "方向"};
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		pc_csv_field(out, head[i], i == 0);
	for (size_t k = 0; k < 4; k++)
		value_head(doc, out, value_fields[k].ja);
	pc_csv_field(out, "達成率(%)", false);
	/* every result column, in the order of its table, for the plan's
	 * widest table (at least one group, so the columns stay put) */
	size_t nact = 1;
	for (size_t i = 0; i < doc->indicators.len; i++) {
		size_t n = pc_indicator_nactuals(doc->indicators.items[i]);
		nact = n > nact ? n : nact;
	}
	for (size_t k = 1; k <= nact; k++)
		value_head(doc, out, pc_arena_printf(doc->arena, "実績値%zu", k));
	pc_csv_field(out, "ファイル", false);
	pc_csv_field(out, "行", false);
	/* what the cells say besides the number, after the columns of
	 * earlier versions so that those keep their places */
	pc_csv_field(out, "達成状況", false);
	for (size_t k = 0; k < 4; k++)
		facts_head(doc, out, value_fields[k].ja);
	pc_csv_end_row(out);
	static const char *dirs[] = {"", "増", "減", "維持", "以上", "以下"};
	for (size_t i = 0; i < doc->indicators.len; i++) {
		const pc_indicator *ind = doc->indicators.items[i];
		const pc_node *ch = pc_node_chapter(ind->table), *m = measure_of(ind);
		pc_csv_field(out, ch ? ch->u.section.number : NULL, true);
		pc_csv_field(out, ch ? ch->u.section.title : NULL, false);
		pc_csv_field(out, ch ? ch->u.section.id : NULL, false);
		pc_csv_field(out, m ? m->u.section.number : NULL, false);
		pc_csv_field(out, m ? m->u.section.title : NULL, false);
		pc_csv_field(out, m ? m->u.section.id : NULL, false);
		pc_csv_field(out, ind->name, false);
		pc_csv_field(out, ind->method, false);
		pc_csv_field(out, dirs[ind->direction], false);
		for (size_t k = 0; k < 4; k++) {
			/* the latest actual; the others are the single column */
			const pc_ivalue *v = value_fields[k].f == PC_FIELD_ACTUAL
			                         ? pc_indicator_latest_actual(ind)
			                         : first_value(ind, value_fields[k].f);
			value_fields_csv(doc, out, v);
		}
		double rate;
		pc_csv_field(out,
		             pc_indicator_rate(ind, &rate)
		                 ? pc_arena_printf(doc->arena, "%.1f", rate)
		                 : NULL,
		             false);
		for (size_t k = 0; k < nact; k++)
			value_fields_csv(doc, out, pc_indicator_actual(ind, k));
		pc_csv_field(out, ind->pos.file, false);
		pc_csv_field(out, pc_arena_printf(doc->arena, "%u", ind->pos.line), false);
		pc_achievement ach = pc_indicator_achievement(ind);
		pc_csv_field(out,
		             ach == PC_ACH_MET       ? "達成"
		             : ach == PC_ACH_NOT_MET ? "未達成"
		                                     : NULL,
		             false);
		for (size_t k = 0; k < 4; k++)
			facts_csv(doc, out,
			          value_fields[k].f == PC_FIELD_ACTUAL
			              ? pc_indicator_latest_actual(ind)
			              : first_value(ind, value_fields[k].f));
		pc_csv_end_row(out);
	}
}

static void section_ref(pc_json *j, const char *key, const pc_node *s)
{
	pc_json_key(j, key);
	if (!s) {
		pc_json_null(j);
		return;
	}
	pc_json_object(j);
	pc_json_key(j, "id");
	pc_json_string(j, s->u.section.id);
	pc_json_key(j, "number");
	pc_json_string(j, s->u.section.number);
	pc_json_key(j, "title");
	pc_json_string(j, s->u.section.title);
	pc_json_end_object(j);
}

static void int_or_null(pc_json *j, const char *key, int v)
{
	pc_json_key(j, key);
	if (v)
		pc_json_int(j, v);
	else
		pc_json_null(j);
}

/* The facts of a value besides number, unit and year (docs/indicators.md). */
static void value_facts_json(pc_json *j, const pc_ivalue *iv)
{
	int_or_null(j, "day", iv->year.year ? iv->year.day : 0);
	pc_json_key(j, "qualifier");
	pc_json_string(j, iv->year.qualifier);
	pc_json_key(j, "bound");
	pc_json_string(j, pc_bound_name(iv->value.bound));
	pc_json_key(j, "upper");
	if (iv->value.has_range)
		pc_json_number(j, iv->value.upper);
	else
		pc_json_null(j);
	pc_json_key(j, "approximate");
	pc_json_bool(j, iv->value.approximate);
	pc_json_key(j, "note");
	pc_json_string(j, iv->value.note);
	int_or_null(j, "cell_year", iv->value.year.year);
}

void pc_indicators_json(pc_doc *doc, pc_buf *out)
{
	pc_json j;
	pc_json_init(&j, out);
	pc_json_object(&j);
	pc_json_key(&j, "schema");
	pc_json_string(&j, "plancc-indicators/1");
	pc_json_key(&j, "indicators");
	pc_json_array(&j);
	for (size_t i = 0; i < doc->indicators.len; i++) {
		const pc_indicator *ind = doc->indicators.items[i];
		pc_json_object(&j);
		section_ref(&j, "chapter", pc_node_chapter(ind->table));
		section_ref(&j, "measure", measure_of(ind));
		pc_json_key(&j, "name");
		pc_json_string(&j, ind->name);
		pc_json_key(&j, "method");
		pc_json_string(&j, ind->method);
		pc_json_key(&j, "direction");
		pc_json_string(&j, pc_direction_name(ind->direction));
		pc_json_key(&j, "direction_given");
		pc_json_bool(&j, ind->direction_given);
		pc_json_key(&j, "table");
		pc_json_string(&j, ind->table->u.table.id);
		pc_json_key(&j, "values");
		pc_json_array(&j);
		for (size_t v = 0; v < ind->nvalues; v++) {
			const pc_ivalue *iv = &ind->values[v];
			pc_json_object(&j);
			pc_json_key(&j, "field");
			pc_json_string(&j, pc_field_name(iv->field));
			pc_json_key(&j, "text");
			pc_json_string(&j, iv->value.text);
			pc_json_key(&j, "number");
			if (iv->value.has_number)
				pc_json_number(&j, iv->value.number);
			else
				pc_json_null(&j);
			pc_json_key(&j, "unit");
			pc_json_string(&j, iv->value.unit ? iv->value.unit : "");
			pc_json_key(&j, "year");
			if (iv->year.year)
				pc_json_int(&j, iv->year.year);
			else
				pc_json_null(&j);
			pc_json_key(&j, "fiscal");
			pc_json_bool(&j, iv->year.fiscal);
			pc_json_key(&j, "month");
			if (iv->year.month)
				pc_json_int(&j, iv->year.month);
			else
				pc_json_null(&j);
			pc_json_key(&j, "year_text");
			pc_json_string(&j, iv->year.year ? iv->year.text : NULL);
			value_facts_json(&j, iv);
			pc_json_key(&j, "line");
			pc_json_int(&j, iv->pos.line);
			pc_json_key(&j, "col");
			pc_json_int(&j, iv->pos.col);
			pc_json_end_object(&j);
		}
		pc_json_end_array(&j);
		double rate;
		pc_json_key(&j, "achievement_rate");
		if (pc_indicator_rate(ind, &rate))
			pc_json_number(&j, round(rate * 10) / 10); /* as the CSV prints it */
		else
			pc_json_null(&j);
		pc_json_key(&j, "achievement");
		pc_json_string(&j, pc_achievement_name(pc_indicator_achievement(ind)));
		pc_json_key(&j, "file");
		pc_json_string(&j, ind->pos.file);
		pc_json_key(&j, "line");
		pc_json_int(&j, ind->pos.line);
		pc_json_end_object(&j);
	}
	pc_json_end_array(&j);
	pc_json_end_object(&j);
}
