/* The yearly progress report's grades (see grade.h). */
#include "grade.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../parse/readers.h"
#include "../util/buf.h"
#include "indicators.h"

/* ---- the rule ------------------------------------------------------------ */

static const pc_grade_band default_bands[] = {
    {"A", "100%以上", {{PC_COND_AT_LEAST, 100}}, 1, 0, false, 1, {0}},
    {"B", "80%以上", {{PC_COND_AT_LEAST, 80}}, 1, 0, false, 1, {0}},
    {"C", "50%以上", {{PC_COND_AT_LEAST, 50}}, 1, 0, false, 1, {0}},
    {"D", NULL, {{0}}, 0, 0, false, 0, {0}},
};

static const char *const default_extras[] = {"未着手", "中止", "評価困難"};

void pc_grading_effective(pc_doc *doc, pc_grading *out)
{
	*out = doc->meta.grading;
	if (!out->by)
		out->by = PC_GRADE_BY_PROGRESS;
	if (!out->measure)
		out->measure = PC_MEASURE_BY_AVERAGE;
	if (!out->none)
		out->none = "－";
	if (!out->extras_given) {
		out->extras = (const char **)default_extras;
		out->nextras = sizeof default_extras / sizeof default_extras[0];
	}
	const pc_grade_band *src = out->nbands ? out->bands : default_bands;
	size_t n = out->nbands ? out->nbands : sizeof default_bands / sizeof default_bands[0];
	pc_grade_band *b = pc_arena_alloc(doc->arena, n * sizeof *b);
	for (size_t i = 0; i < n; i++) {
		b[i] = src[i];
		if (!b[i].points_given)
			b[i].points = (double)(n - i);
	}
	out->bands = b;
	out->nbands = n;
}

bool pc_grading_has(const pc_grading *g, const char *name)
{
	for (size_t i = 0; i < g->nbands; i++)
		if (!strcmp(g->bands[i].name, name))
			return true;
	for (size_t i = 0; i < g->nextras; i++)
		if (!strcmp(g->extras[i], name))
			return true;
	return !strcmp(g->none, name);
}

const char *pc_grading_names(pc_arena *a, const pc_grading *g)
{
	pc_buf b = {0};
	for (size_t i = 0; i < g->nbands; i++)
		pc_buf_printf(&b, "%s%s", i ? "、" : "", g->bands[i].name);
	for (size_t i = 0; i < g->nextras; i++)
		pc_buf_printf(&b, "、%s", g->extras[i]);
	pc_buf_printf(&b, "、%s", g->none);
	const char *s = pc_arena_strdup(a, pc_buf_cstr(&b));
	pc_buf_free(&b);
	return s;
}

const char *pc_course_name(pc_course c)
{
	static const char *names[] = {NULL, "拡充", "継続", "改善", "縮小", "廃止"};
	return c >= PC_COURSE_NONE && c <= PC_COURSE_ABOLISH ? names[c] : NULL;
}

int pc_ivalue_fiscal_year(const pc_ivalue *v)
{
	if (!v || !v->year.year)
		return 0;
	return !v->year.fiscal && v->year.month >= 1 && v->year.month <= 3 ? v->year.year - 1
	                                                                   : v->year.year;
}

const char *pc_fiscal_year_label(pc_arena *a, int year)
{
	const char *era = year >= 2019 ? "令和" : year >= 1989 ? "平成" : "昭和";
	int n = year - (year >= 2019 ? 2018 : year >= 1989 ? 1988 : 1925);
	if (n == 1)
		return pc_arena_printf(a, "%s元（%d）年度", era, year);
	return pc_arena_printf(a, "%s%d（%d）年度", era, n, year);
}

const char *pc_report_value_text(pc_arena *a, const pc_indicator *ind, const pc_ivalue *v)
{
	if (!v)
		return "－";
	if (v->value.has_number && !*v->value.unit && ind->unit && *ind->unit)
		return pc_arena_printf(a, "%s%s", v->value.text, ind->unit);
	return v->value.text;
}

int pc_report_year_parse(const char *s)
{
	size_t n = strlen(s);
	char buf[64];
	for (int attempt = 0; attempt < 2 && n; attempt++) {
		pc_year y = {0};
		pc_year_detail det = {0};
		if (pc_year_parse(s, n, &y, &det) == PC_YEAR_OK && y.year)
			return !y.fiscal && y.month >= 1 && y.month <= 3 ? y.year - 1 : y.year;
		/* 「R10」: an era year without 年度 */
		if (n + sizeof "年度" > sizeof buf)
			break;
		memcpy(buf, s, n);
		memcpy(buf + n, "年度", sizeof "年度");
		s = buf;
		n = strlen(buf);
	}
	return 0;
}

int pc_report_tone(const pc_report *r, int band)
{
	if (band < 0)
		return -1;
	size_t n = r->rule.nbands;
	return n <= 1 ? 0 : (int)lround(4.0 * band / (double)(n - 1));
}

bool pc_report_grade_shown(const pc_report *r, size_t g)
{
	return g < r->rule.nbands || r->total.measures[g] || r->total.indicators[g];
}

int pc_report_grade_index(const pc_report *r, const char *name)
{
	for (size_t i = 0; i < r->ngrades; i++)
		if (!strcmp(r->grades[i], name))
			return (int)i;
	return -1;
}

/* ---- numbers as the plan writes them ------------------------------------- */

/* How a value is written: digits after the point, thousands separators,
 * and what stands between the number and the unit (「 万」 of 「2,980 万円」,
 * 「 」 of 「93 団体」), with the multiplier it holds. */
typedef struct style {
	int decimals;
	bool group;
	double scale;
	const char *between;
} style;

static style style_of(pc_arena *a, const pc_value *v)
{
	style st = {0, false, 1, ""};
	const char *s = v->text;
	/* the number: a sign, digits (ASCII or full width), separators, a point */
	bool point = false, digits = false;
	while (*s) {
		unsigned char c = (unsigned char)*s;
		size_t k = 1;
		if (c >= '0' && c <= '9')
			st.decimals += point, digits = true;
		else if (c == 0xEF && (unsigned char)s[1] == 0xBC && (unsigned char)s[2] >= 0x90 &&
		         (unsigned char)s[2] <= 0x99) /* ０…９ */
			st.decimals += point, digits = true, k = 3;
		else if (c == ',')
			st.group = true;
		else if (c == '.')
			point = true;
		else if (!digits && (c == '-' || c == '+'))
			;
		else if (!digits && (!strncmp(s, "−", 3) || !strncmp(s, "△", 3) ||
		                     !strncmp(s, "▲", 3) || !strncmp(s, "－", 3)))
			k = 3;
		else
			break;
		s += k;
	}
	/* the rest, without the unit at its end */
	size_t rest = strlen(s), ul = strlen(v->unit);
	if (ul <= rest && !strcmp(s + rest - ul, v->unit))
		rest -= ul;
	st.between = pc_arena_strndup(a, s, rest);
	static const struct {
		const char *m;
		double scale;
	} mults[] = {{"千", 1e3}, {"万", 1e4}, {"億", 1e8}, {"兆", 1e12}};
	for (size_t i = 0; i < sizeof mults / sizeof mults[0]; i++)
		if (strstr(st.between, mults[i].m))
			st.scale = mults[i].scale;
	return st;
}

/* v written the way st describes, with unit. */
static const char *number_like(pc_arena *a, double v, style st, const char *unit)
{
	double x = v / st.scale;
	char digits[64];
	snprintf(digits, sizeof digits, "%.*f", st.decimals, fabs(x));
	if (strspn(digits, "0.") == strlen(digits))
		x = 0; /* no "-0" */
	pc_buf b = {0};
	if (x < 0)
		pc_buf_putc(&b, '-');
	size_t intlen = strcspn(digits, ".");
	for (size_t i = 0; digits[i]; i++) {
		if (st.group && i > 0 && i < intlen && (intlen - i) % 3 == 0)
			pc_buf_putc(&b, ',');
		pc_buf_putc(&b, digits[i]);
	}
	pc_buf_printf(&b, "%s%s", st.between, unit);
	const char *s = pc_arena_strdup(a, pc_buf_cstr(&b));
	pc_buf_free(&b);
	return s;
}

/* ---- one indicator ------------------------------------------------------- */

/* What grading an indicator needs, read once. */
typedef struct facts {
	const pc_ivalue *b, *t, *a; /* numeric baseline, target, result; NULL none */
	double sgn;                 /* +1, or −1 for an indicator to decrease */
	bool keep;                  /* to be kept level (target = baseline, or 維持) */
	double tol;                 /* the tolerance in the indicator's unit */
	double eps;
	const char *no_b, *no_t; /* why b or t cannot be used */
} facts;

static const pc_ivalue *numeric(const pc_ivalue *v)
{
	return v && v->value.has_number ? v : NULL;
}

static bool mentions(const pc_indicator *ind, const pc_grading *g)
{
	for (size_t i = 0; i < g->nsurvey; i++)
		if (ind->method && strstr(ind->method, g->survey[i]))
			return true;
	return false;
}

static void read_facts(pc_arena *ar, pc_ind_grade *ig, const pc_grading *g, facts *f)
{
	const pc_indicator *ind = ig->ind;
	memset(f, 0, sizeof *f);
	f->a = ig->actual;
	f->b = numeric(ind->baseline);
	f->t = numeric(ind->target);
	const char *unit = f->a->value.unit;
	if (!ind->baseline)
		f->no_b = "基準値がありません";
	else if (!f->b)
		f->no_b = pc_arena_printf(ar, "基準値「%s」は数値ではありません",
		                          ind->baseline->value.text);
	else if (strcmp(f->b->value.unit, unit))
		f->no_b = pc_arena_printf(ar, "実績値の単位「%s」が基準値の単位「%s」と違います",
		                          unit, f->b->value.unit);
	if (!ind->target)
		f->no_t = "目標値がありません";
	else if (!f->t)
		f->no_t = pc_arena_printf(ar, "目標値「%s」は数値ではありません",
		                          ind->target->value.text);
	else if (strcmp(f->t->value.unit, unit))
		f->no_t = pc_arena_printf(ar, "実績値の単位「%s」が目標値の単位「%s」と違います",
		                          unit, f->t->value.unit);
	if (f->no_b)
		f->b = NULL;
	if (f->no_t)
		f->t = NULL;
	f->sgn = ind->direction == PC_DIR_DOWN ? -1 : 1;
	f->keep = ind->direction == PC_DIR_KEEP ||
	          (f->b && f->t && f->b->value.number == f->t->value.number);
	const pc_tolerance *tol = ig->survey && g->survey_keep.text ? &g->survey_keep : &g->keep;
	double base = f->b ? f->b->value.number : f->t ? f->t->value.number : 0;
	f->tol = tol->relative ? fabs(base) * tol->value / 100 : tol->value;
	double m = fabs(f->a->value.number);
	if (f->b)
		m = fmax(m, fabs(f->b->value.number));
	if (f->t)
		m = fmax(m, fabs(f->t->value.number));
	f->eps = 1e-9 * fmax(1, m);
}

/* The share of the way from baseline to target due by the year: the
 * distance spread evenly over the years after the later of the baseline's
 * year and the year before the term, up to the target's year. */
static const char *prorate(const pc_doc *doc, pc_ind_grade *ig, const facts *f, int year)
{
	const pc_meta *m = &doc->meta;
	int y0 = pc_ivalue_fiscal_year(f->b);
	if (m->term_first && m->term_first - 1 > y0)
		y0 = m->term_first - 1;
	int y1 = pc_ivalue_fiscal_year(f->t);
	if (!y1)
		y1 = m->term_last;
	if (!y0 || !y1)
		return "年割の起点と終点の年度がわかりません（基準値・目標値の年度か計画期間を"
		       "書いてください）";
	if (year <= y0)
		return pc_arena_printf(doc->arena, "%d年度はまだ年割の起点（%d年度）です", year,
		                       y0);
	ig->share = y1 <= y0 ? 1 : fmin(1, (double)(year - y0) / (y1 - y0));
	return NULL;
}

static double round1(double v)
{
	double r = round(v * 10) / 10;
	return r == 0 ? 0 : r; /* no -0.0 */
}

/* The rule's value; NULL, or why it cannot be computed. */
static const char *score(pc_doc *doc, pc_ind_grade *ig, const pc_grading *g, const facts *f,
                         int year, bool has_rate, double rate)
{
	pc_arena *ar = doc->arena;
	double a = f->a->value.number, v = 0;
	bool pro = g->by == PC_GRADE_BY_PRORATED || g->by == PC_GRADE_BY_PRORATED_RATIO;
	ig->prorated = pro;
	ig->share = 1;
	if (g->by != PC_GRADE_BY_RATIO && !f->b)
		return f->no_b;
	if (g->by != PC_GRADE_BY_CHANGE && g->by != PC_GRADE_BY_DIFF && !f->t)
		return f->no_t;
	double t = f->t ? f->t->value.number : 0, b = f->b ? f->b->value.number : 0;
	if (pro) {
		const char *why = prorate(doc, ig, f, year);
		if (why)
			return why;
		t = b + (t - b) * ig->share;
		ig->has_year_target = true;
		ig->year_target = t;
		style sb = style_of(ar, &f->b->value), st = style_of(ar, &f->t->value);
		if (sb.decimals > st.decimals)
			st.decimals = sb.decimals;
		st.group |= sb.group;
		ig->year_target_text = number_like(ar, t, st, f->t->value.unit);
	}
	switch (g->by) {
	case PC_GRADE_BY_PROGRESS:
	case PC_GRADE_BY_PRORATED:
		if (f->keep) { /* no distance to cover: how much of the level is kept */
			if (t == 0)
				return "維持する目標値が 0 のため比を計算できません";
			v = a / t * 100;
			ig->note = pro ? "方向が維持の指標のため 実績値÷年割目標値×100"
			               : "方向が維持の指標のため 実績値÷目標値×100";
		} else if (!pro && has_rate) {
			v = rate; /* the plan's own progress formula (model/indicators.c) */
		} else {
			v = (a - b) / (t - b) * 100;
		}
		break;
	case PC_GRADE_BY_RATIO:
	case PC_GRADE_BY_PRORATED_RATIO:
		if (f->sgn < 0 && a == 0 && t == 0)
			v = 100; /* none of none: the target itself */
		else if (f->sgn < 0 && a == 0)
			return "実績値が 0 のため 目標値÷実績値 を計算できません";
		else if (f->sgn >= 0 && t == 0)
			return "目標値が 0 のため 実績値÷目標値 を計算できません";
		else
			v = f->sgn < 0 ? t / a * 100 : a / t * 100;
		break;
	case PC_GRADE_BY_CHANGE:
		if (b == 0)
			return "基準値が 0 のため基準値比を計算できません";
		v = (a - b) / fabs(b) * 100 * f->sgn;
		break;
	case PC_GRADE_BY_DIFF:
		v = (a - b) * f->sgn;
		break;
	default:
		return "評価方法がありません";
	}
	if (!isfinite(v))
		return "値が大きすぎて計算できません";
	ig->has_score = true;
	if (g->by == PC_GRADE_BY_DIFF) {
		/* in the baseline's own digits (and multiplier: 「+120 万円」) */
		style st = style_of(ar, &f->b->value);
		double p = pow(10, st.decimals);
		ig->score = round(v / st.scale * p) / p * st.scale;
		if (ig->score == 0)
			ig->score = 0;
		const char *unit = !strcmp(f->a->value.unit, "%") ? "ポイント" : f->a->value.unit;
		const char *num = number_like(ar, ig->score, st, unit);
		ig->score_text = ig->score > 0 ? pc_arena_printf(ar, "+%s", num) : num;
	} else {
		ig->score = round1(v);
		char text[16];
		ig->score_text = pc_arena_strdup(ar, pc_rate_text(ig->score, text, sizeof text));
	}
	return NULL;
}

/* Whether a condition holds: 1, 0, or -1 when it cannot be told (*why). */
static int holds(const pc_grade_cond *c, const pc_ind_grade *ig, const facts *f, const char *sw,
                 const char **why)
{
	double a = f->a->value.number;
	switch (c->kind) {
	case PC_COND_AT_LEAST:
	case PC_COND_ABOVE:
	case PC_COND_AT_MOST:
	case PC_COND_BELOW:
		if (!ig->has_score) {
			*why = sw;
			return -1;
		}
		return c->kind == PC_COND_AT_LEAST  ? ig->score >= c->value
		       : c->kind == PC_COND_ABOVE   ? ig->score > c->value
		       : c->kind == PC_COND_AT_MOST ? ig->score <= c->value
		                                    : ig->score < c->value;
	case PC_COND_REACHED:
		if (!f->t) {
			*why = f->no_t;
			return -1;
		}
		if (f->keep)
			return fabs(a - f->t->value.number) <= f->tol + f->eps;
		return (a - f->t->value.number) * f->sgn >= -f->eps;
	default: {
		if (f->keep && f->t) {
			double d = fabs(a - f->t->value.number);
			if (c->kind == PC_COND_IMPROVED)
				return 0;
			return c->kind == PC_COND_KEPT ? d <= f->tol + f->eps : d > f->tol + f->eps;
		}
		if (!f->b) {
			*why = f->no_b;
			return -1;
		}
		double d = (a - f->b->value.number) * f->sgn;
		return c->kind == PC_COND_IMPROVED ? d > f->tol + f->eps
		       : c->kind == PC_COND_KEPT   ? fabs(d) <= f->tol + f->eps
		                                   : d < -(f->tol + f->eps);
	}
	}
}

/* The indicator's result of the year: the last result column of that year. */
static const pc_ivalue *result_of(const pc_indicator *ind, int year)
{
	const pc_ivalue *r = NULL;
	for (size_t i = 0; i < ind->nvalues; i++)
		if (ind->values[i].field == PC_FIELD_ACTUAL &&
		    pc_ivalue_fiscal_year(&ind->values[i]) == year)
			r = &ind->values[i];
	return r;
}

/* A copy of the indicator with its planned values and, of its results,
 * only `only` when given, else those of the year and before; its latest
 * result and rate recomputed by the plan's own functions. */
static pc_indicator *copy_with(pc_doc *doc, const pc_indicator *ind, int year,
                               const pc_ivalue *only)
{
	pc_indicator *v = pc_arena_alloc(doc->arena, sizeof *v);
	*v = *ind;
	pc_ivalue *vals = pc_arena_alloc(doc->arena, (ind->nvalues + 1) * sizeof *vals);
	v->values = vals;
	v->nvalues = 0;
	for (size_t i = 0; i < ind->nvalues; i++) {
		const pc_ivalue *x = &ind->values[i];
		if (x->field == PC_FIELD_ACTUAL &&
		    (only ? x != only : pc_ivalue_fiscal_year(x) > year))
			continue;
		vals[v->nvalues++] = *x;
	}
	v->baseline = pc_indicator_value(v, PC_FIELD_BASELINE);
	v->midterm = pc_indicator_value(v, PC_FIELD_MIDTERM);
	v->target = pc_indicator_value(v, PC_FIELD_TARGET);
	v->latest = pc_indicator_latest_actual(v);
	v->has_rate = pc_indicator_rate(v, &v->rate);
	return v;
}

/* The indicator as of the year, for its chart: results after the year
 * left out, and no rate of its own (the report shows the rule's value). */
static pc_indicator *view_of(pc_doc *doc, const pc_indicator *ind, int year)
{
	pc_indicator *v = copy_with(doc, ind, year, NULL);
	v->has_rate = false;
	return v;
}

/* The plan's progress rate (pc_indicator_rate) of one result. */
static bool rate_of(pc_doc *doc, const pc_indicator *ind, const pc_ivalue *actual, double *rate)
{
	pc_indicator *v = copy_with(doc, ind, 0, actual);
	*rate = v->rate;
	return v->has_rate;
}

static bool is_extra(const pc_grading *g, const char *s)
{
	for (size_t i = 0; i < g->nextras; i++)
		if (!strcmp(g->extras[i], s))
			return true;
	return false;
}

static void grade_indicator(pc_report *r, pc_ind_grade *ig, pc_diags *d)
{
	pc_doc *doc = r->doc;
	const pc_grading *g = &r->rule;
	ig->band = -1;
	ig->grade = g->none;
	ig->score_text = "－";
	ig->view = view_of(doc, ig->ind, r->year);
	ig->actual = result_of(ig->ind, r->year);
	ig->survey = mentions(ig->ind, g);
	if (!ig->actual) {
		ig->note = "この年度の実績値がありません";
		return;
	}
	const char *text = ig->actual->value.text;
	if (!ig->actual->value.has_number) {
		if (is_extra(g, text))
			ig->grade = text;
		else
			ig->note =
			    pc_arena_printf(doc->arena, "実績値「%s」は数値ではありません", text);
		return;
	}
	facts f;
	read_facts(doc->arena, ig, g, &f);
	double rate = 0;
	bool has_rate = rate_of(doc, ig->ind, ig->actual, &rate);
	const char *why_score = score(doc, ig, g, &f, r->year, has_rate, rate);
	for (size_t i = 0; i < g->nbands; i++) {
		const pc_grade_band *b = &g->bands[i];
		int all = 1;
		const char *why = NULL;
		for (int k = 0; k < b->nconds && all == 1; k++)
			all = holds(&b->conds[k], ig, &f, why_score, &why);
		if (all < 0) {
			ig->note = why;
			return;
		}
		if (all) {
			ig->band = (int)i;
			ig->grade = b->name;
			return;
		}
	}
	ig->note = "どの評価区分にも当たりません";
	const pc_pos *p = &ig->ind->pos;
	pc_diag(d, PC_W_GRADE_NO_BAND, p->file, p->line, p->col, ig->ind->name, r->score_name,
	        ig->score_text, g->none);
}

/* ---- measures ------------------------------------------------------------ */

static void grade_measure(pc_report *r, pc_measure_grade *m)
{
	const pc_grading *g = &r->rule;
	m->band = -1;
	m->grade = g->none;
	double sum = 0;
	size_t n = 0;
	int worst = -1;
	for (size_t i = 0; i < m->ninds; i++) {
		int b = m->inds[i].band;
		if (b < 0)
			continue;
		sum += g->bands[b].points;
		n++;
		worst = b > worst ? b : worst;
	}
	if (n && g->measure == PC_MEASURE_BY_WORST) {
		m->band = worst;
	} else if (n) {
		m->has_average = true;
		m->average = sum / (double)n;
		/* the grade whose points are nearest the mean; ties go up */
		double best = INFINITY;
		for (size_t i = 0; i < g->nbands; i++) {
			double dist = fabs(g->bands[i].points - m->average);
			if (dist < best - 1e-9 || (fabs(dist - best) <= 1e-9 &&
			                           g->bands[i].points > g->bands[m->band].points)) {
				best = dist;
				m->band = (int)i;
			}
		}
	}
	if (m->band >= 0)
		m->grade = g->bands[m->band].name;
	if (m->eval && m->eval->grade) {
		m->given = true;
		m->grade = m->eval->grade;
		m->band = -1;
		for (size_t i = 0; i < g->nbands; i++)
			if (!strcmp(g->bands[i].name, m->grade))
				m->band = (int)i;
	}
	pc_arena *a = r->doc->arena;
	if (m->given)
		m->basis = "評価の表に書かれた評価";
	else if (m->has_average)
		m->basis =
		    pc_arena_printf(a, "評価できた指標 %zu 件（全 %zu 件）の点数の平均 %.2f 点", n,
		                    m->ninds, m->average);
	else if (n)
		m->basis = pc_arena_printf(
		    a, "評価できた指標 %zu 件（全 %zu 件）のうち最も低い評価", n, m->ninds);
	else
		m->basis = pc_arena_printf(a, "評価できる指標がないため「%s」", g->none);
}

/* The year all the measure's indicators give a field, or NULL. */
static const char *common_year(pc_arena *a, const pc_measure_grade *m, bool target)
{
	const char *common = NULL;
	for (size_t i = 0; i < m->ninds; i++) {
		const pc_indicator *ind = m->inds[i].ind;
		const char *y = pc_ivalue_year_text(a, target ? ind->target : ind->baseline);
		if (!y || (common && strcmp(common, y)))
			return NULL;
		common = y;
	}
	return common;
}

/* What the sheet's table shows besides the figures: the columns' years,
 * the pro-rated targets, the notes' numbers. */
static void sheet_layout(pc_arena *a, pc_measure_grade *m)
{
	m->baseline_year = common_year(a, m, false);
	m->target_year = common_year(a, m, true);
	for (size_t i = 0; i < m->ninds; i++) {
		m->year_targets |= m->inds[i].has_year_target;
		if (m->inds[i].note)
			m->inds[i].note_no = (int)++m->nnotes;
	}
}

/* A table node of the measure's views, for the charts (outside the tree). */
static pc_node *charts_table(pc_doc *doc, pc_measure_grade *m)
{
	pc_node *t = pc_node_new(doc, PC_TABLE, m->measure->pos);
	t->u.table->kind = PC_TABLE_INDICATORS;
	t->u.table->indicators =
	    pc_arena_alloc(doc->arena, (m->ninds + 1) * sizeof(pc_indicator *));
	for (size_t i = 0; i < m->ninds; i++)
		t->u.table->indicators[t->u.table->nindicators++] = m->inds[i].view;
	return t;
}

/* ---- the report ---------------------------------------------------------- */

/* Whether an indicator belongs to this plan's evaluation: its target is
 * not before the term (a table reviewing the previous plan is not). */
static bool evaluated(const pc_doc *doc, const pc_indicator *ind)
{
	int ty = pc_ivalue_fiscal_year(ind->target);
	return !doc->meta.term_first || !ty || ty >= doc->meta.term_first;
}

/* The measures with indicators to grade or evaluations, in plan order;
 * indicators and evaluations follow their measure's heading in document
 * order, so one pass over each list finds them. */
static void collect(pc_report *r, pc_diags *d)
{
	pc_doc *doc = r->doc;
	pc_arena *a = doc->arena;
	size_t nsec = doc->sections.len, ii = 0, ei = 0;
	r->measures = pc_arena_alloc(a, (nsec + 1) * sizeof *r->measures);
	pc_ind_grade *grades = pc_arena_alloc(a, (doc->indicators.len + 1) * sizeof *grades);
	for (size_t s = 0; s < nsec; s++) {
		const pc_node *sec = doc->sections.items[s];
		if (sec->u.section->measure != sec)
			continue;
		pc_measure_grade m = {0};
		m.measure = sec;
		m.chapter = sec->u.section->chapter;
		m.inds = grades;
		while (ii < doc->indicators.len) {
			const pc_indicator *ind = doc->indicators.items[ii];
			if (ind->measure && ind->measure != sec)
				break;
			ii++;
			if (!ind->measure || !evaluated(doc, ind))
				continue;
			pc_ind_grade *ig = &m.inds[m.ninds++];
			ig->ind = ind;
			grade_indicator(r, ig, d);
		}
		grades += m.ninds;
		bool evals = false;
		while (ei < doc->evaluations.len) {
			const pc_evaluation *e = doc->evaluations.items[ei];
			if (e->measure && e->measure != sec)
				break;
			ei++;
			evals |= e->measure != NULL;
			if (e->measure && e->year == r->year)
				m.eval = e;
		}
		if (!m.ninds && !evals)
			continue;
		grade_measure(r, &m);
		m.charts = charts_table(doc, &m);
		sheet_layout(a, &m);
		r->measures[r->nmeasures++] = m;
	}
}

static void count(pc_report *r, pc_report_chapter *c, const pc_measure_grade *m)
{
	int k = pc_report_grade_index(r, m->grade);
	if (k >= 0)
		c->measures[k]++;
	for (size_t i = 0; i < m->ninds; i++) {
		k = pc_report_grade_index(r, m->inds[i].grade);
		if (k >= 0)
			c->indicators[k]++;
		c->nindicators++;
	}
}

static pc_report_chapter new_chapter(pc_report *r, const pc_node *ch, size_t first)
{
	pc_report_chapter c = {ch, first, 0, NULL, NULL, 0};
	c.measures = pc_arena_alloc(r->doc->arena, (r->ngrades + 1) * sizeof *c.measures);
	c.indicators = pc_arena_alloc(r->doc->arena, (r->ngrades + 1) * sizeof *c.indicators);
	return c;
}

static const char *formula_of(pc_grade_by by)
{
	switch (by) {
	case PC_GRADE_BY_PROGRESS:
		return "進捗率 =（実績値 − 基準値）÷（目標値 − 基準値）× 100";
	case PC_GRADE_BY_RATIO:
		return "達成率 = 実績値 ÷ 目標値 × 100（減らす指標は 目標値 ÷ 実績値 × 100）";
	case PC_GRADE_BY_PRORATED:
		return "年割進捗率 =（実績値 − 基準値）÷（その年度の年割目標値 − 基準値）× 100";
	case PC_GRADE_BY_PRORATED_RATIO:
		return "年割達成率 = 実績値 ÷ その年度の年割目標値 × 100（減らす指標は 年割目標値 "
		       "÷ "
		       "実績値 × 100）";
	case PC_GRADE_BY_CHANGE:
		return "基準値比 =（実績値 − 基準値）÷ 基準値 × 100（減らす指標は符号を逆にし、"
		       "よくなる向きを正とします）";
	case PC_GRADE_BY_DIFF:
		return "基準値差 = 実績値 − 基準値（指標の単位で。% の指標はポイント。減らす指標は"
		       "符号を逆にします）";
	default:
		return "";
	}
}

static const char *score_name_of(pc_grade_by by)
{
	static const char *names[] = {"",           "進捗率",   "達成率",  "年割進捗率",
	                              "年割達成率", "基準値比", "基準値差"};
	return names[by];
}

static const char *tolerance_text(pc_arena *a, const pc_tolerance *t)
{
	return t->relative
	           ? pc_arena_printf(a, "基準値の±%g%%", t->value)
	           : pc_arena_printf(a, "±%g（指標の単位で。%% の指標はポイント）", t->value);
}

static void explain(pc_report *r)
{
	pc_arena *a = r->doc->arena;
	const pc_grading *g = &r->rule;
	const pc_meta *m = &r->doc->meta;
	const char **t = pc_arena_alloc(a, 12 * sizeof *t);
	size_t n = 0;
	t[n++] = pc_arena_printf(a, "各指標は、%sの実績値から次の式で求めた値で評価します。%s。",
	                         r->year_label, formula_of(g->by));
	if (g->by == PC_GRADE_BY_PRORATED || g->by == PC_GRADE_BY_PRORATED_RATIO)
		t[n++] = pc_arena_printf(
		    a,
		    "年割目標値は、基準値から目標値までの差を、%"
		    "s起点の年度の翌年度から目標値の年度まで"
		    "の各年度に均等に割り振った値です。",
		    m->term_first ? pc_arena_printf(a,
		                                    "計画期間の初年度の前年度（%d年度）と基準値の"
		                                    "年度の遅いほうを",
		                                    m->term_first - 1)
		                  : "基準値の年度を");
	if (g->by == PC_GRADE_BY_PROGRESS || g->by == PC_GRADE_BY_PRORATED)
		t[n++] = g->by == PC_GRADE_BY_PRORATED
		             ? "方向が「維持」の指標（目標値が基準値と同じ指標を含む）は、実績値 ÷ "
		               "年割目標値 × 100 で評価します。"
		             : "方向が「維持」の指標（目標値が基準値と同じ指標を含む）は、実績値 ÷ "
		               "目標値 × 100 で評価します。";
	pc_buf b = {0};
	pc_buf_puts(&b, "評価区分は上から順に調べ、最初に当てはまる区分をその指標の評価とします：");
	for (size_t i = 0; i < g->nbands; i++) {
		const pc_grade_band *gb = &g->bands[i];
		pc_buf_printf(&b, "%s%s（%s）", i ? "、" : "", gb->name,
		              gb->condition ? gb->condition : "それ以外");
	}
	pc_buf_puts(&b, "。判定には、表に示す小数第1位に丸めた値を使います。");
	t[n++] = pc_arena_strdup(a, pc_buf_cstr(&b));
	pc_buf_clear(&b);
	if (g->keep.text || g->survey_keep.text) {
		if (g->keep.text)
			pc_buf_printf(&b, "基準値からの変化が%s以内のときは「維持」とします。",
			              tolerance_text(a, &g->keep));
		if (g->survey_keep.text && g->nsurvey) {
			pc_buf_puts(&b, "把握方法が");
			for (size_t i = 0; i < g->nsurvey; i++)
				pc_buf_printf(&b, "%s「%s」", i ? "・" : "", g->survey[i]);
			pc_buf_printf(
			    &b, "の指標（調査指標）は、変化が%s以内のときを「維持」とします。",
			    tolerance_text(a, &g->survey_keep));
		}
		t[n++] = pc_arena_strdup(a, pc_buf_cstr(&b));
		pc_buf_clear(&b);
	}
	if (g->measure == PC_MEASURE_BY_WORST)
		t[n++] = "施策の評価は、その施策の指標の評価のうち最も低いものとします。";
	else {
		pc_buf_puts(&b, "施策の評価は、その施策の指標の評価の点数（");
		for (size_t i = 0; i < g->nbands; i++)
			pc_buf_printf(&b, "%s%s %g点", i ? "、" : "", g->bands[i].name,
			              g->bands[i].points);
		pc_buf_puts(&b, "）の平均に最も近い区分とします（ちょうど中間のときは上の区分）。");
		t[n++] = pc_arena_strdup(a, pc_buf_cstr(&b));
		pc_buf_clear(&b);
	}
	pc_buf_printf(&b,
	              "実績値がない指標や数値で比べられない指標は「%s」とし、施策の評価に含め"
	              "ません。",
	              g->none);
	if (g->nextras) {
		for (size_t i = 0; i < g->nextras; i++)
			pc_buf_printf(&b, "%s「%s」", i ? "・" : "", g->extras[i]);
		pc_buf_puts(&b, "は、実績値の欄や施策の評価の表に書かれたとおりの評価です。");
	}
	t[n++] = pc_arena_strdup(a, pc_buf_cstr(&b));
	pc_buf_free(&b);
	r->rule_text = t;
	r->nrule_text = n;
}

pc_report *pc_report_of(pc_doc *doc, int year, pc_diags *d)
{
	pc_arena *a = doc->arena;
	pc_report *r = pc_arena_alloc(a, sizeof *r);
	r->doc = doc;
	r->year = year;
	r->year_label = pc_fiscal_year_label(a, year);
	pc_grading_effective(doc, &r->rule);
	const pc_grading *g = &r->rule;
	r->score_name = score_name_of(g->by);
	r->score_unit = g->by == PC_GRADE_BY_DIFF ? "ポイント" : "%";
	r->ngrades = g->nbands + g->nextras + 1;
	r->grades = pc_arena_alloc(a, r->ngrades * sizeof *r->grades);
	size_t k = 0;
	for (size_t i = 0; i < g->nbands; i++)
		r->grades[k++] = g->bands[i].name;
	for (size_t i = 0; i < g->nextras; i++)
		r->grades[k++] = g->extras[i];
	r->grades[k] = g->none;
	collect(r, d);
	/* the counts, per chapter and in all */
	r->chapters = pc_arena_alloc(a, (r->nmeasures + 1) * sizeof *r->chapters);
	r->total = new_chapter(r, NULL, 0);
	for (size_t i = 0; i < r->nmeasures; i++) {
		const pc_measure_grade *m = &r->measures[i];
		if (!r->nchapters || r->chapters[r->nchapters - 1].chapter != m->chapter)
			r->chapters[r->nchapters++] = new_chapter(r, m->chapter, i);
		pc_report_chapter *c = &r->chapters[r->nchapters - 1];
		c->count++;
		count(r, c, m);
		count(r, &r->total, m);
	}
	r->total.count = r->nmeasures;
	explain(r);
	return r;
}
