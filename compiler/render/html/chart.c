/*
 * Indicator charts as inline SVG: one small figure per indicator after its
 * table, drawn from the shared chart model (render/indicators/chart.h).
 * The SVG is an image with the values stated in words as its title, so a
 * screen reader hears the same numbers the eye reads off the lines.
 */
#include "chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../model/chart.h"
#include "../../model/indicators.h"
#include "../../util/escape.h"

/* The SVG's coordinate box and the plot area inside it (its left edge at
 * least PLOT_L, further right for wide tick labels: plot_left). */
#define VIEW_W 320.0
#define VIEW_H 190.0
#define PLOT_L 52.0
#define PLOT_R 308.0
#define FONT   12.0 /* the labels' size in the box (style.c: .chart svg) */
#define PLOT_T 22.0
#define PLOT_B 160.0

#define PLAN_COLOUR   "#1d6b4f" /* the site's accent: 6.4:1 on white */
#define ACTUAL_COLOUR "#a3470b" /* 5.9:1 on white */

typedef struct plot {
	const pc_chart *c;
	double l; /* the plot's left edge */
} plot;

/* The width of a tick label in the box, from its characters as the
 * site's first font sets them (BIZ UDPGothic, measured with getBBox in
 * Chromium: a digit up to 0.76 em, 「,」 and 「.」 0.31, a Japanese
 * character 1), and 1 to spare. */
static double label_width(const char *s)
{
	double em = 0;
	for (const unsigned char *q = (const unsigned char *)s; *q; q++)
		if (*q < 0x80)
			em += *q == ',' || *q == '.' ? 0.31 : 0.76;
		else if ((*q & 0xC0) == 0xC0) /* the first byte of one */
			em += 1;
	return em * FONT + 1;
}

/* Room left of the plot for the widest tick label, which ends 6 to its
 * left and keeps 4 from the box's edge: 「180,000」 was cut there. */
static double plot_left(const pc_chart *c)
{
	double l = PLOT_L;
	for (int i = 0; i < c->nyticks; i++) {
		char label[64];
		pc_chart_tick_label(c, c->ymin + i * c->ystep, label, sizeof label);
		double need = label_width(label) + 6 + 4;
		if (need > l)
			l = need;
	}
	return l;
}

static double px(const plot *p, double x)
{
	const pc_chart *c = p->c;
	return p->l + 12 + (x - c->xmin) / (c->xmax - c->xmin) * (PLOT_R - p->l - 24);
}

static double py(const pc_chart *c, double y)
{
	return PLOT_T + (c->ymax - y) / (c->ymax - c->ymin) * (PLOT_B - PLOT_T);
}

static void grid(pc_buf *b, const plot *p)
{
	const pc_chart *c = p->c;
	for (int i = 0; i < c->nyticks; i++) {
		double v = c->ymin + i * c->ystep, y = py(c, v);
		char label[64];
		pc_chart_tick_label(c, v, label, sizeof label);
		pc_buf_printf(b,
		              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>"
		              "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
		              p->l, y, PLOT_R, y, i == 0 ? "axis" : "grid", p->l - 6, y + 4, label);
	}
	if (c->axis_unit[0]) {
		/* from the box's left edge, as the booklet sets it: ending at
		 * the labels' edge, 「（経営体）」 was cut */
		pc_buf_puts(b, "<text x=\"4\" y=\"12\">（");
		pc_escape_html(b, c->axis_unit);
		pc_buf_puts(b, "）</text>");
	}
}

/* Year labels under the points; a label too close to the last one drawn
 * is left out, so they never overlap. */
static void x_labels(pc_buf *b, const plot *p)
{
	const pc_chart *c = p->c;
	const pc_chart_point *pts[PC_CHART_MAX_POINTS];
	size_t n = pc_chart_points(c, pts);
	double last = -1e9, room = c->by_year ? 34 : 58;
	for (size_t i = 0; i < n; i++) {
		double x = px(p, pts[i]->x);
		if (x - last < room)
			continue;
		char label[64];
		pc_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x,
		              PLOT_B + 18);
		pc_escape_html(b, pc_chart_x_label(c, pts[i], label, sizeof label));
		pc_buf_puts(b, "</text>");
		last = x;
	}
}

static void series(pc_buf *b, const plot *pl, const pc_chart_point *p, size_t n, bool plan)
{
	const pc_chart *c = pl->c;
	const char *colour = plan ? PLAN_COLOUR : ACTUAL_COLOUR;
	if (n > 1) {
		pc_buf_printf(
		    b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"",
		    colour, plan ? "" : " stroke-dasharray=\"5 3\"");
		for (size_t i = 0; i < n; i++)
			pc_buf_printf(b, "%s%.1f,%.1f", i ? " " : "", px(pl, p[i].x),
			              py(c, p[i].y));
		pc_buf_puts(b, "\"/>");
	}
	for (size_t i = 0; i < n; i++) {
		double x = px(pl, p[i].x), y = py(c, p[i].y);
		if (plan) /* circles; the target hollow */
			pc_buf_printf(
			    b,
			    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"%s\" "
			    "stroke-width=\"2\"/>",
			    x, y, p[i].value->field == PC_FIELD_TARGET ? "#fff" : colour, colour);
		else /* squares */
			pc_buf_printf(
			    b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>",
			    x - 4, y - 4, colour);
	}
}

static void figure(pc_buf *b, pc_chart *c, unsigned id)
{
	pc_buf_printf(b,
	              "<figure class=\"chart\"><svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	              "aria-labelledby=\"chart.%u\"><title id=\"chart.%u\">",
	              VIEW_W, VIEW_H, id, id);
	pc_buf desc = {0};
	pc_chart_describe(c, &desc);
	pc_buf_putc(&desc, '\0');
	pc_escape_html(b, desc.data);
	pc_buf_free(&desc);
	pc_buf_puts(b, "</title>");
	plot p = {c, plot_left(c)};
	grid(b, &p);
	x_labels(b, &p);
	series(b, &p, c->plan, c->nplan, true);
	series(b, &p, c->actual, c->nactual, false);
	pc_buf_puts(b, "</svg><figcaption>");
	pc_escape_html(b, c->ind->name);
	if (c->ind->has_rate) {
		char rate[16];
		pc_buf_printf(b, "<span class=\"rate\">達成率 %s</span>",
		              pc_rate_text(c->ind->rate, rate, sizeof rate));
	}
	pc_buf_puts(b, "</figcaption></figure>");
}

void pc_html_charts(pc_buf *b, const pc_node *table, unsigned *next_id)
{
	pc_chart *charts;
	bool actuals;
	size_t n = pc_charts_of_table(table->u.table, &charts, &actuals);
	if (n) {
		/* The key, once per table, as text the reader can also hear. */
		pc_buf_puts(b,
		            "<div class=\"chart-block\"><p class=\"chart-key\">"
		            "<span class=\"key-plan\">計画（基準値・中間目標値・目標値）</span>");
		if (actuals)
			pc_buf_puts(b, "<span class=\"key-actual\">実績値</span>");
		pc_buf_puts(b, "</p><div class=\"charts\">");
		for (size_t i = 0; i < n; i++)
			figure(b, &charts[i], (*next_id)++);
		pc_buf_puts(b, "</div></div>");
	}
	free(charts);
}
