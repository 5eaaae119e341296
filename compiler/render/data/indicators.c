/* Indicators as CSV (see indicators.h). */
#include "indicators.h"

#include <stdio.h>

#include "../../model/indicators.h"
#include "../../util/csv.h"

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

void pc_indicators_csv(pc_doc *doc, pc_buf *out)
{
	pc_csv_bom(out);
	/* the open-data columns first, as the standard data sets have them
	 * (docs/indicators.md, Open data) */
	const char *head[] = {"全国地方公共団体コード",
	                      "ID",
	                      "地方公共団体名",
	                      "章番号",
	                      "章",
	                      "章id",
	                      "施策番号",
	                      "施策",
	                      "施策id",
	                      "指標名",
	                      "把握方法",
	                      "方向"};
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
		const pc_node *m = ind->measure, *ch = m ? m->u.section->chapter : NULL;
		pc_csv_field(out, doc->meta.city_code, true);
		pc_csv_field(out, ind->id, false);
		pc_csv_field(out, doc->meta.city, false);
		pc_csv_field(out, ch ? ch->u.section->number : NULL, false);
		pc_csv_field(out, ch ? ch->u.section->title : NULL, false);
		pc_csv_field(out, ch ? ch->u.section->id : NULL, false);
		pc_csv_field(out, m ? m->u.section->number : NULL, false);
		pc_csv_field(out, m ? m->u.section->title : NULL, false);
		pc_csv_field(out, m ? m->u.section->id : NULL, false);
		pc_csv_field(out, ind->name, false);
		pc_csv_field(out, ind->method, false);
		pc_csv_field(out, dirs[ind->direction], false);
		for (size_t k = 0; k < 4; k++) {
			/* the latest actual; the others are the single column */
			const pc_ivalue *v = value_fields[k].f == PC_FIELD_ACTUAL
			                         ? ind->latest
			                         : pc_indicator_value(ind, value_fields[k].f);
			value_fields_csv(doc, out, v);
		}
		pc_csv_field(out,
		             ind->has_rate ? pc_arena_printf(doc->arena, "%.1f", ind->rate) : NULL,
		             false);
		for (size_t k = 0; k < nact; k++)
			value_fields_csv(doc, out, pc_indicator_actual(ind, k));
		pc_csv_field(out, ind->pos.file, false);
		pc_csv_field(out, pc_arena_printf(doc->arena, "%u", ind->pos.line), false);
		pc_csv_field(out,
		             ind->achievement == PC_ACH_MET       ? "達成"
		             : ind->achievement == PC_ACH_NOT_MET ? "未達成"
		                                                  : NULL,
		             false);
		for (size_t k = 0; k < 4; k++)
			facts_csv(doc, out,
			          value_fields[k].f == PC_FIELD_ACTUAL
			              ? ind->latest
			              : pc_indicator_value(ind, value_fields[k].f));
		pc_csv_end_row(out);
	}
}
