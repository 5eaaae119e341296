/* The progress chart of an indicator, as numbers. */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/arena.h"
#include "indicators.h"

static const pc_ivalue *first_numeric(const pc_indicator *ind, pc_field f)
{
	for (size_t i = 0; i < ind->nvalues; i++)
		if (ind->values[i].field == f)
			return ind->values[i].value.has_number ? &ind->values[i] : NULL;
	return NULL;
}

/* Position of the value's cell in its row: the x of a chart without years,
 * so the points keep the order the author gave the columns. */
static double column_of(const pc_indicator *ind, const pc_ivalue *v)
{
	double c = 0;
	for (const pc_node *cell = ind->row ? ind->row->first : NULL; cell; cell = cell->next, c++)
		if (cell == v->cell)
			return c;
	return c;
}

static void add_point(pc_chart_point *p, const pc_ivalue *v)
{
	p->value = v;
	p->y = v->value.number;
}

/* 1, 2, 2.5 or 5 × 10^k: the smallest such step not below raw; a whole
 * number of at least 1 for values that are all whole numbers (counts:
 * never a tick at 12.5 件). */
static double nice_step(double raw, bool whole)
{
	double p = pow(10, floor(log10(raw)));
	static const double f[] = {1, 2, 2.5, 5, 10};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		double s = f[i] * p;
		if (whole && (s < 1 || fabs(s - round(s)) > 1e-9 * s))
			continue;
		if (s >= raw * (1 - 1e-9))
			return s;
	}
	return whole && raw < 1 ? 1 : 10 * p;
}

/* Digits after the point that show every multiple of step exactly. */
static int decimals_of(double step)
{
	for (int d = 0; d < 6; d++) {
		double s = step * pow(10, d);
		if (fabs(s - round(s)) < 1e-6 * s)
			return d;
	}
	return 6;
}

/* The extent of the values, and whether all are whole numbers. */
static bool value_range(const pc_chart *c, double *lo, double *hi, bool *whole)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	*whole = true;
	const pc_chart_point *pts[PC_CHART_MAX_POINTS];
	size_t n = pc_chart_points(c, pts);
	for (size_t i = 0; i < n; i++) {
		double y = pts[i]->y;
		*lo = fmin(*lo, y);
		*hi = fmax(*hi, y);
		*whole &= fabs(y - round(y)) <= 1e-9 * fmax(1, fabs(y));
	}
	return isfinite(*lo) && isfinite(*hi) && fabs(*lo) <= 1e300 && fabs(*hi) <= 1e300;
}

/* Characters of a tick label at scale 1. */
static size_t label_chars(const pc_chart *c, double v)
{
	char buf[400];
	pc_chart_tick_label(c, v, buf, sizeof buf);
	return strlen(buf);
}

/* The multiplier a value is written with: 千, 万, 億 or 兆 after its
 * digits; "" when none. */
static const char *multiplier(const pc_value *v, double *scale)
{
	static const struct {
		const char *m;
		double scale;
	} mults[] = {{"千", 1e3}, {"万", 1e4}, {"億", 1e8}, {"兆", 1e12}};
	for (size_t i = 0; i < sizeof mults / sizeof mults[0]; i++) {
		const char *at = strstr(v->text, mults[i].m);
		if (at && at > v->text) {
			*scale = mults[i].scale;
			return mults[i].m;
		}
	}
	*scale = 1;
	return "";
}

/* The multiplier every value is written with (万 of 「142万人」), "" when
 * they do not share one. */
static const char *shared_multiplier(const pc_chart *c, double *scale)
{
	const pc_chart_point *pts[PC_CHART_MAX_POINTS];
	size_t n = pc_chart_points(c, pts);
	const char *mult = n ? multiplier(&pts[0]->value->value, scale) : "";
	for (size_t i = 1; i < n; i++) {
		double s;
		if (strcmp(multiplier(&pts[i]->value->value, &s), mult))
			return "";
	}
	return mult;
}

/* The axis counts in the multiplier the plan writes its values with
 * (「（万人）」 with ticks 110 … 150 for 「142万人」); else labels too long
 * for the axis (「600,000,000」) are printed in 千, 万 or 億 of the unit:
 * the largest of them that leaves the step at least 0.1. */
static void scale_axis(pc_chart *c)
{
	static const struct {
		double scale;
		const char *word;
	} scales[] = {{1e8, "億"}, {1e4, "万"}, {1e3, "千"}};
	c->scale = 1;
	snprintf(c->axis_unit, sizeof c->axis_unit, "%s", c->unit);
	double written;
	const char *mult = shared_multiplier(c, &written);
	if (*mult && c->ystep / written >= 0.1 * (1 - 1e-9)) {
		c->scale = written;
		c->decimals = decimals_of(c->ystep / c->scale);
		snprintf(c->axis_unit, sizeof c->axis_unit, "%s%s", mult, c->unit);
		return;
	}
	if (!strcmp(c->unit, "%") || (label_chars(c, c->ymin) <= PC_CHART_LABEL_MAX &&
	                              label_chars(c, c->ymax) <= PC_CHART_LABEL_MAX))
		return;
	for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++)
		if (c->ystep / scales[i].scale >= 0.1 * (1 - 1e-9)) {
			c->scale = scales[i].scale;
			c->decimals = decimals_of(c->ystep / c->scale);
			snprintf(c->axis_unit, sizeof c->axis_unit, "%s%s", scales[i].word,
			         c->unit);
			return;
		}
}

static bool y_axis(pc_chart *c)
{
	double lo, hi;
	bool whole;
	if (!value_range(c, &lo, &hi, &whole))
		return false;
	bool nonneg = lo >= 0, percent = !strcmp(c->unit, "%") && hi <= 100;
	/* Zero on the axis when the values are near it (counts, shares);
	 * not when they are far from it, which would flatten the line. */
	if (lo > 0 && lo <= hi / 2)
		lo = 0;
	else if (hi < 0 && hi >= lo / 2)
		hi = 0;
	/* A small change must not look like a big one (81.2% → 81.0% kept
	 * is no fall): the axis spans at least a tenth of the values' size. */
	double least = fmax(fabs(lo), fabs(hi)) / 10;
	if (least == 0)
		least = 1;
	if (hi - lo < least) {
		double mid = (lo + hi) / 2;
		lo = mid - least / 2;
		hi = mid + least / 2;
		if (nonneg && lo < 0) {
			hi -= lo;
			lo = 0;
		}
		if (percent && hi > 100) {
			lo -= hi - 100;
			hi = 100;
		}
	}
	double step = nice_step((hi - lo) / 4, whole);
	for (;;) {
		c->ymin = floor(lo / step) * step;
		c->ymax = ceil(hi / step) * step;
		c->nyticks = (int)lround((c->ymax - c->ymin) / step) + 1;
		if (c->nyticks <= PC_CHART_MAX_TICKS)
			break;
		step = nice_step(step * 1.01, whole);
	}
	if (c->nyticks < 2) {
		c->ymax = c->ymin + step;
		c->nyticks = 2;
	}
	c->ystep = step;
	c->decimals = decimals_of(step);
	c->scale = 1;
	scale_axis(c);
	return true;
}

/* Every point in one unit, and either all with a year or none. */
static bool shared_axes(pc_chart *c)
{
	const pc_chart_point *all[3 + PC_CHART_MAX_ACTUALS];
	size_t n = 0;
	for (size_t i = 0; i < c->nplan; i++)
		all[n++] = &c->plan[i];
	for (size_t i = 0; i < c->nactual; i++)
		all[n++] = &c->actual[i];
	if (n < 2)
		return false;
	size_t with_year = 0;
	c->unit = all[0]->value->value.unit;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(all[i]->value->value.unit, c->unit))
			return false;
		with_year += all[i]->value->year.year != 0;
	}
	if (with_year != 0 && with_year != n)
		return false;
	c->by_year = with_year == n;
	c->xmin = INFINITY;
	c->xmax = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		pc_chart_point *p = (pc_chart_point *)all[i];
		p->x = c->by_year ? p->value->year.year : column_of(c->ind, p->value);
		c->xmin = fmin(c->xmin, p->x);
		c->xmax = fmax(c->xmax, p->x);
	}
	return c->xmin < c->xmax;
}

/* Points in x order, so that lines run left to right (a table may give
 * its results before its baseline). Insertion sort: a handful of points. */
static void sort_points(pc_chart_point *p, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && p[k].x < p[k - 1].x; k--) {
			pc_chart_point t = p[k];
			p[k] = p[k - 1];
			p[k - 1] = t;
		}
}

size_t pc_chart_points(const pc_chart *c, const pc_chart_point **out)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nplan; i++)
		out[n++] = &c->plan[i];
	for (size_t i = 0; i < c->nactual; i++)
		out[n++] = &c->actual[i];
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && out[k]->x < out[k - 1]->x; k--) {
			const pc_chart_point *t = out[k];
			out[k] = out[k - 1];
			out[k - 1] = t;
		}
	return n;
}

bool pc_chart_of(const pc_indicator *ind, pc_chart *c)
{
	memset(c, 0, sizeof *c);
	c->ind = ind;
	static const pc_field planned[] = {PC_FIELD_BASELINE, PC_FIELD_MIDTERM, PC_FIELD_TARGET};
	for (size_t k = 0; k < 3; k++) {
		const pc_ivalue *v = first_numeric(ind, planned[k]);
		if (v)
			add_point(&c->plan[c->nplan++], v);
	}
	size_t nact = pc_indicator_nactuals(ind);
	for (size_t k = 0; k < nact; k++) {
		const pc_ivalue *v = pc_indicator_actual(ind, k);
		if (!v || !v->value.has_number)
			continue;
		if (c->nactual == PC_CHART_MAX_ACTUALS) { /* keep the latest ones */
			memmove(c->actual, c->actual + 1,
			        (PC_CHART_MAX_ACTUALS - 1) * sizeof *c->actual);
			c->nactual--;
		}
		add_point(&c->actual[c->nactual++], v);
	}
	if (!shared_axes(c) || !y_axis(c))
		return false;
	sort_points(c->plan, c->nplan);
	sort_points(c->actual, c->nactual);
	return true;
}

size_t pc_charts_of_table(const pc_table *t, pc_chart **out, bool *any_actuals)
{
	*out = pc_xcalloc(t->nindicators ? t->nindicators : 1, sizeof **out);
	*any_actuals = false;
	size_t n = 0;
	for (size_t i = 0; i < t->nindicators; i++)
		if (pc_chart_of(t->indicators[i], &(*out)[n])) {
			*any_actuals |= (*out)[n].nactual > 0;
			n++;
		}
	return n;
}

void pc_chart_tick_label(const pc_chart *c, double v, char *buf, size_t size)
{
	if (fabs(v) < c->ystep * 1e-9)
		v = 0; /* no "-0" */
	if (c->scale > 1)
		v /= c->scale;
	char digits[400];
	snprintf(digits, sizeof digits, "%.*f", c->decimals, fabs(v));
	size_t intlen = strcspn(digits, ".");
	size_t w = 0;
	if (v < 0 && w + 1 < size)
		buf[w++] = '-';
	for (size_t i = 0; digits[i] && w + 1 < size; i++) {
		if (i > 0 && i < intlen && (intlen - i) % 3 == 0 && w + 1 < size)
			buf[w++] = ',';
		if (w + 1 < size)
			buf[w++] = digits[i];
	}
	buf[w] = '\0';
}

static const char *field_name(pc_field f)
{
	switch (f) {
	case PC_FIELD_BASELINE:
		return "基準値";
	case PC_FIELD_MIDTERM:
		return "中間目標値";
	case PC_FIELD_TARGET:
		return "目標値";
	default:
		return "実績値";
	}
}

/* Whether a year was written as a fiscal one (令和4年度, 2024年度): a bare
 * year (2024) is read as fiscal for the axis, but is not called 年度 in
 * words — the author may mean a calendar year (statistics by 暦年). */
static bool written_fiscal(const pc_year *y)
{
	if (!y->fiscal)
		return false;
	return !y->text || strstr(y->text, "年度") != NULL;
}

static void describe_point(pc_buf *out, const pc_chart_point *p, bool first)
{
	const pc_ivalue *v = p->value;
	if (!first)
		pc_buf_puts(out, "、");
	pc_buf_puts(out, field_name(v->field));
	if (v->year.year) {
		pc_buf_printf(out, " %d年", v->year.year);
		if (v->year.month)
			pc_buf_printf(out, "%d月", v->year.month);
		else if (written_fiscal(&v->year))
			pc_buf_puts(out, "度");
	}
	pc_buf_printf(out, " %s", v->value.text);
	/* a unit given by the 単位 column, not in the cell: said too */
	if (*v->value.unit && !strstr(v->value.text, v->value.unit))
		pc_buf_puts(out, v->value.unit);
}

void pc_chart_describe(const pc_chart *c, pc_buf *out)
{
	pc_buf_printf(out, "%s：", c->ind->name);
	bool first = true;
	for (size_t i = 0; i < c->nplan; i++, first = false)
		describe_point(out, &c->plan[i], first);
	for (size_t i = 0; i < c->nactual; i++, first = false)
		describe_point(out, &c->actual[i], first);
	if (c->ind->has_rate) {
		char rate[16];
		pc_buf_printf(out, "（達成率 %s）", pc_rate_text(c->ind->rate, rate, sizeof rate));
	}
}

const char *pc_chart_x_label(const pc_chart *c, const pc_chart_point *p, char *buf, size_t size)
{
	if (c->by_year)
		snprintf(buf, size, "%d", p->value->year.year);
	else
		snprintf(buf, size, "%s", field_name(p->value->field));
	return buf;
}
