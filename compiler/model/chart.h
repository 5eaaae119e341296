/*
 * The progress chart of one indicator, as numbers both back ends draw
 * (PDF paths, HTML SVG): the planned series baseline → midterm → target,
 * the results (実績値) as a second series, a shared x axis of years and a
 * y axis with round ticks. No drawing here.
 */
#ifndef PC_MODEL_CHART_H
#define PC_MODEL_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "../plancc.h"
#include "../util/buf.h"

#define PC_CHART_MAX_ACTUALS 12 /* results drawn; older ones beyond are left out */
#define PC_CHART_MAX_TICKS   8

typedef struct pc_chart_point {
	double x, y;            /* year (or column position), value */
	const pc_ivalue *value; /* where it comes from */
} pc_chart_point;

typedef struct pc_chart {
	const pc_indicator *ind;
	pc_chart_point plan[3]; /* baseline, midterm, target: those with a number */
	size_t nplan;
	pc_chart_point actual[PC_CHART_MAX_ACTUALS]; /* in column order */
	size_t nactual;
	bool by_year;       /* x is the Gregorian year; else the column position */
	double xmin, xmax;  /* x range of the points (xmin < xmax) */
	double ymin, ymax;  /* axis range: the first and last tick */
	double ystep;       /* tick spacing: 1, 2, 2.5 or 5 × 10^k; a whole
	                     * number when every value is one (counts) */
	int nyticks;        /* ymin, ymin + ystep, …, ymax */
	int decimals;       /* digits after the point in tick labels */
	const char *unit;   /* shared unit of the values ("" none) */
	double scale;       /* tick labels are values divided by it: 1, or 千
	                     * 万 億 when the numbers are too long to print */
	char axis_unit[64]; /* the unit of the tick labels: the unit with the
	                     * scale's word before it (万人, 億円); "" none */
} pc_chart;

/*
 * Fills c for the indicator. False when there is nothing to draw: fewer
 * than two values with a number, values in different units (no common
 * axis), or some values with a year and others without.
 */
bool pc_chart_of(const pc_indicator *ind, pc_chart *c);

/* The charts of an indicators table's indicators that can be drawn, in
 * the table's order: a new array in *out (to free, also when 0 is
 * returned); returns how many. *any_actuals tells whether one of them has
 * results (the key then names the second series). */
size_t pc_charts_of_table(const pc_table *t, pc_chart **out, bool *any_actuals);

/* Every point, plan and results, in x order (out holds PC_CHART_MAX_POINTS);
 * returns how many. Each series is itself in x order after pc_chart_of. */
#define PC_CHART_MAX_POINTS (3 + PC_CHART_MAX_ACTUALS)
size_t pc_chart_points(const pc_chart *c, const pc_chart_point **out);

/* The longest tick label, in characters, before the axis is scaled. */
#define PC_CHART_LABEL_MAX 7

/* A tick value as printed: divided by c->scale, thousands separators,
 * c->decimals digits. */
void pc_chart_tick_label(const pc_chart *c, double v, char *buf, size_t size);

/* The chart in words, its text alternative: 「名：基準値 2022年度 45.0%、
 * 目標値 2030年度 55.0%、実績値 2024年度 47.5%（達成率 25.0%）」. */
void pc_chart_describe(const pc_chart *c, pc_buf *out);

/* The label of a point on the x axis: "2024" or, without years, the
 * field's name (基準値…). */
const char *pc_chart_x_label(const pc_chart *c, const pc_chart_point *p, char *buf, size_t size);

#endif
