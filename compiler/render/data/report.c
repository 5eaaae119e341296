/* The yearly report as CSV and JSON (see report.h). */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "../../util/csv.h"
#include "../../util/json.h"

/* The shortest text that reads back as v. */
static const char *num(pc_arena *a, double v)
{
	char tmp[64];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		double back;
		if (sscanf(tmp, "%lf", &back) == 1 && back == v)
			break;
	}
	return pc_arena_strdup(a, tmp);
}

static const char *year_of(pc_arena *a, const pc_ivalue *v)
{
	int y = pc_ivalue_fiscal_year(v);
	return y ? pc_arena_printf(a, "%d", y) : NULL;
}

static const char *const csv_head[] = {"全国地方公共団体コード",
                                       "ID",
                                       "地方公共団体名",
                                       "評価年度",
                                       "章番号",
                                       "章",
                                       "施策番号",
                                       "施策",
                                       "施策id",
                                       "指標名",
                                       "把握方法",
                                       "方向",
                                       "基準値",
                                       "基準値数値",
                                       "基準値年度",
                                       "目標値",
                                       "目標値数値",
                                       "目標値年度",
                                       "年割目標値数値",
                                       "実績値",
                                       "実績値数値",
                                       "実績値単位",
                                       "評価方法",
                                       "算定値",
                                       "算定値単位",
                                       "評価",
                                       "評価の点",
                                       "評価の注記",
                                       "施策の評価",
                                       "今後の方向性",
                                       "ファイル",
                                       "行"};

static void csv_value(pc_arena *a, pc_buf *out, const pc_ivalue *v, bool year)
{
	pc_csv_field(out, v ? v->value.text : NULL, false);
	pc_csv_field(out, v && v->value.has_number ? num(a, v->value.number) : NULL, false);
	if (year)
		pc_csv_field(out, year_of(a, v), false);
}

static void csv_row(const pc_report *r, const pc_measure_grade *m, const pc_ind_grade *ig,
                    pc_buf *out)
{
	pc_arena *a = r->doc->arena;
	const pc_meta *meta = &r->doc->meta;
	const pc_indicator *ind = ig->ind;
	const pc_section *ms = m->measure->u.section;
	const pc_section *cs = m->chapter ? m->chapter->u.section : NULL;
	static const char *dirs[] = {"", "増", "減", "維持"};
	pc_csv_field(out, meta->city_code, true);
	pc_csv_field(out, ind->id, false);
	pc_csv_field(out, meta->city, false);
	pc_csv_field(out, pc_arena_printf(a, "%d", r->year), false);
	pc_csv_field(out, cs ? cs->number : NULL, false);
	pc_csv_field(out, cs ? cs->title : NULL, false);
	pc_csv_field(out, ms->number, false);
	pc_csv_field(out, ms->title, false);
	pc_csv_field(out, ms->id, false);
	pc_csv_field(out, ind->name, false);
	pc_csv_field(out, ind->method, false);
	pc_csv_field(out, dirs[ind->direction], false);
	csv_value(a, out, ind->baseline, true);
	csv_value(a, out, ind->target, true);
	pc_csv_field(out, ig->has_year_target ? num(a, ig->year_target) : NULL, false);
	csv_value(a, out, ig->actual, false);
	pc_csv_field(
	    out, ig->actual && ig->actual->value.has_number ? ig->actual->value.unit : NULL, false);
	pc_csv_field(out, r->score_name, false);
	pc_csv_field(out, ig->has_score ? num(a, ig->score) : NULL, false);
	pc_csv_field(out, ig->has_score ? r->score_unit : NULL, false);
	pc_csv_field(out, ig->grade, false);
	pc_csv_field(out, ig->band >= 0 ? num(a, r->rule.bands[ig->band].points) : NULL, false);
	pc_csv_field(out, ig->note, false);
	pc_csv_field(out, m->grade, false);
	pc_csv_field(out, m->eval ? pc_course_name(m->eval->course) : NULL, false);
	pc_csv_field(out, ind->pos.file, false);
	pc_csv_field(out, pc_arena_printf(a, "%u", ind->pos.line), false);
	pc_csv_end_row(out);
}

void pc_report_csv(const pc_report *r, pc_buf *out)
{
	pc_csv_bom(out);
	for (size_t i = 0; i < sizeof csv_head / sizeof csv_head[0]; i++)
		pc_csv_field(out, csv_head[i], i == 0);
	pc_csv_end_row(out);
	for (size_t i = 0; i < r->nmeasures; i++)
		for (size_t k = 0; k < r->measures[i].ninds; k++)
			csv_row(r, &r->measures[i], &r->measures[i].inds[k], out);
}

/* ---- JSON ---------------------------------------------------------------- */

static void section_ref(pc_json *j, const char *key, const pc_node *s)
{
	pc_json_key(j, key);
	if (!s) {
		pc_json_null(j);
		return;
	}
	pc_json_object(j);
	pc_json_key(j, "id");
	pc_json_string(j, s->u.section->id);
	pc_json_key(j, "number");
	pc_json_string(j, s->u.section->number);
	pc_json_key(j, "title");
	pc_json_string(j, s->u.section->title);
	pc_json_end_object(j);
}

static void counts(pc_json *j, const pc_report *r, const char *key, const size_t *n)
{
	pc_json_key(j, key);
	pc_json_object(j);
	for (size_t g = 0; g < r->ngrades; g++) {
		pc_json_key(j, r->grades[g]);
		pc_json_int(j, (long long)n[g]);
	}
	pc_json_end_object(j);
}

static void rule(pc_json *j, const pc_report *r)
{
	static const char *by[] = {NULL,     "progress",  "ratio", "prorated", "prorated-ratio",
	                           "change", "difference"};
	const pc_grading *g = &r->rule;
	pc_json_key(j, "rule");
	pc_json_object(j);
	pc_json_key(j, "by");
	pc_json_string(j, by[g->by]);
	pc_json_key(j, "score_name");
	pc_json_string(j, r->score_name);
	pc_json_key(j, "grades");
	pc_json_array(j);
	for (size_t i = 0; i < g->nbands; i++) {
		pc_json_object(j);
		pc_json_key(j, "name");
		pc_json_string(j, g->bands[i].name);
		pc_json_key(j, "condition");
		pc_json_string(j, g->bands[i].condition);
		pc_json_key(j, "points");
		pc_json_number(j, g->bands[i].points);
		pc_json_end_object(j);
	}
	pc_json_end_array(j);
	pc_json_key(j, "keep");
	pc_json_string(j, g->keep.text);
	pc_json_key(j, "survey");
	pc_json_array(j);
	for (size_t i = 0; i < g->nsurvey; i++)
		pc_json_string(j, g->survey[i]);
	pc_json_end_array(j);
	pc_json_key(j, "survey_keep");
	pc_json_string(j, g->survey_keep.text);
	pc_json_key(j, "measure");
	pc_json_string(j, g->measure == PC_MEASURE_BY_WORST ? "worst" : "average");
	pc_json_key(j, "none");
	pc_json_string(j, g->none);
	pc_json_key(j, "extras");
	pc_json_array(j);
	for (size_t i = 0; i < g->nextras; i++)
		pc_json_string(j, g->extras[i]);
	pc_json_end_array(j);
	pc_json_end_object(j);
}

static void json_value(pc_json *j, const char *key, const pc_ivalue *v)
{
	pc_json_key(j, key);
	if (!v) {
		pc_json_null(j);
		return;
	}
	pc_json_object(j);
	pc_json_key(j, "text");
	pc_json_string(j, v->value.text);
	pc_json_key(j, "number");
	if (v->value.has_number)
		pc_json_number(j, v->value.number);
	else
		pc_json_null(j);
	pc_json_key(j, "unit");
	pc_json_string(j, v->value.has_number ? v->value.unit : NULL);
	pc_json_key(j, "year");
	int y = pc_ivalue_fiscal_year(v);
	if (y)
		pc_json_int(j, y);
	else
		pc_json_null(j);
	pc_json_end_object(j);
}

static void json_indicator(pc_json *j, const pc_report *r, const pc_measure_grade *m,
                           const pc_ind_grade *ig)
{
	const pc_indicator *ind = ig->ind;
	pc_json_object(j);
	pc_json_key(j, "id");
	pc_json_string(j, ind->id);
	pc_json_key(j, "measure");
	pc_json_string(j, m->measure->u.section->id);
	pc_json_key(j, "name");
	pc_json_string(j, ind->name);
	pc_json_key(j, "direction");
	pc_json_string(j, pc_direction_name(ind->direction));
	pc_json_key(j, "survey");
	pc_json_bool(j, ig->survey);
	json_value(j, "baseline", ind->baseline);
	json_value(j, "target", ind->target);
	json_value(j, "actual", ig->actual);
	pc_json_key(j, "year_target");
	if (ig->has_year_target)
		pc_json_number(j, ig->year_target);
	else
		pc_json_null(j);
	pc_json_key(j, "share");
	if (ig->prorated && ig->has_score)
		pc_json_number(j, ig->share);
	else
		pc_json_null(j);
	pc_json_key(j, "score");
	if (ig->has_score)
		pc_json_number(j, ig->score);
	else
		pc_json_null(j);
	pc_json_key(j, "grade");
	pc_json_string(j, ig->grade);
	pc_json_key(j, "points");
	if (ig->band >= 0)
		pc_json_number(j, r->rule.bands[ig->band].points);
	else
		pc_json_null(j);
	pc_json_key(j, "note");
	pc_json_string(j, ig->note);
	pc_json_key(j, "file");
	pc_json_string(j, ind->pos.file);
	pc_json_key(j, "line");
	pc_json_int(j, ind->pos.line);
	pc_json_end_object(j);
}

static void json_measure(pc_json *j, const pc_report *r, const pc_measure_grade *m)
{
	pc_json_object(j);
	pc_json_key(j, "id");
	pc_json_string(j, m->measure->u.section->id);
	pc_json_key(j, "number");
	pc_json_string(j, m->measure->u.section->number);
	pc_json_key(j, "title");
	pc_json_string(j, m->measure->u.section->title);
	section_ref(j, "chapter", m->chapter);
	pc_json_key(j, "grade");
	pc_json_string(j, m->grade);
	pc_json_key(j, "grade_given");
	pc_json_bool(j, m->given);
	pc_json_key(j, "average");
	if (m->has_average)
		pc_json_number(j, m->average);
	else
		pc_json_null(j);
	pc_json_key(j, "course");
	pc_json_string(j, m->eval ? pc_course_name(m->eval->course) : NULL);
	pc_json_key(j, "comment");
	pc_json_string(j, m->eval ? m->eval->comment : NULL);
	pc_json_key(j, "indicators");
	pc_json_array(j);
	for (size_t i = 0; i < m->ninds; i++)
		json_indicator(j, r, m, &m->inds[i]);
	pc_json_end_array(j);
	pc_json_end_object(j);
}

void pc_report_json(const pc_report *r, pc_buf *out)
{
	const pc_meta *meta = &r->doc->meta;
	pc_json j;
	pc_json_init(&j, out);
	pc_json_object(&j);
	pc_json_key(&j, "schema");
	pc_json_string(&j, "plancc-report/1");
	pc_json_key(&j, "title");
	pc_json_string(&j, meta->title);
	pc_json_key(&j, "city");
	pc_json_string(&j, meta->city);
	pc_json_key(&j, "city_code");
	pc_json_string(&j, meta->city_code);
	pc_json_key(&j, "year");
	pc_json_int(&j, r->year);
	pc_json_key(&j, "year_label");
	pc_json_string(&j, r->year_label);
	rule(&j, r);
	pc_json_key(&j, "summary");
	pc_json_array(&j);
	for (size_t i = 0; i <= r->nchapters; i++) {
		const pc_report_chapter *c = i < r->nchapters ? &r->chapters[i] : &r->total;
		pc_json_object(&j);
		section_ref(&j, "chapter", c->chapter);
		pc_json_key(&j, "total");
		pc_json_bool(&j, i == r->nchapters);
		counts(&j, r, "measures", c->measures);
		counts(&j, r, "indicators", c->indicators);
		pc_json_end_object(&j);
	}
	pc_json_end_array(&j);
	pc_json_key(&j, "measures");
	pc_json_array(&j);
	for (size_t i = 0; i < r->nmeasures; i++)
		json_measure(&j, r, &r->measures[i]);
	pc_json_end_array(&j);
	pc_json_end_object(&j);
}
