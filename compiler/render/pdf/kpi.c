/*
 * PDF back end, indicators: the small progress charts after an indicators
 * table (vector paths from the shared chart model), and the appendix
 * 成果指標一覧 that lists every indicator by chapter and measure.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../model/chart.h"
#include "../../model/indicators.h"
#include "../../model/kpi.h"
#include "layout.h"

/* ---- charts ------------------------------------------------------------ */

#define CH_PER_ROW 3
#define CH_GAP     9.0f  /* between charts */
#define CH_PAD     5.0f  /* inside a chart's frame */
#define CH_NAME    7.5f  /* indicator name */
#define CH_LABEL   6.5f  /* ticks, years, unit */
#define CH_AXIS_W  30.0f /* room for the tick labels, at least */
#define CH_PLOT_H  64.0f

/* A short text in a box w wide with its line top at y. */
static float label(L *l, const char *s, float x, float y, float w, float size, int align)
{
	size_t g0 = pdf_glyph_end(l);
	sty st = pdf_sty(l->f.table, size, C_GREY);
	st.latin = true;
	pdf_add_str(l, s, &st);
	pc_parshape sh = {w, 0, 0, true, true};
	return pdf_text_ops(l, g0, x, y, &sh, size * 1.3f, align);
}

/* The chart's title: the indicator's name and, when known, the rate. */
static void add_name(L *l, const pc_indicator *ind)
{
	sty st = pdf_sty(l->f.bold, CH_NAME, C_TEXT);
	st.latin = true;
	pdf_add_str(l, ind->name, &st);
	if (ind->has_rate) {
		char buf[64], rate[16];
		snprintf(buf, sizeof buf, "（達成率 %s）",
		         pc_rate_text(ind->rate, rate, sizeof rate));
		sty rs = pdf_sty(l->f.table, CH_NAME - 0.5f, C_GREY);
		rs.latin = true;
		pdf_add_str(l, buf, &rs);
	}
}

/* Height of the name block: the tallest name of the row. */
static float name_height(L *l, const pc_indicator *ind, float w)
{
	size_t g0 = pdf_glyph_end(l), o0 = l->p.ops.n;
	add_name(l, ind);
	pc_parshape sh = {w, 0, 0, true, true};
	float h = pdf_text_ops(l, g0, 0, 0, &sh, CH_NAME * 1.35f, AL_LEFT);
	l->p.ops.n = o0; /* measured only */
	pdf_glyph_cut(l, g0);
	return h;
}

typedef struct plot {
	float x, y, w, h; /* the plot area inside the item */
	float axis_w;     /* left of it, the tick labels' room */
	const pc_chart *c;
} plot;

static float plot_x(const plot *p, double x)
{
	/* the first and last points 10 pt in: their year labels clear the
	 * tick labels and the frame */
	return p->x + 10 + (float)((x - p->c->xmin) / (p->c->xmax - p->c->xmin)) * (p->w - 20);
}

static float plot_y(const plot *p, double y)
{
	return p->y + (float)((p->c->ymax - y) / (p->c->ymax - p->c->ymin)) * p->h;
}

static void grid(L *l, const plot *p)
{
	const pc_chart *c = p->c;
	for (int i = 0; i < c->nyticks; i++) {
		double v = c->ymin + i * c->ystep;
		float y = plot_y(p, v);
		op *o = pdf_new_op(l, OP_LINE);
		o->x = p->x;
		o->y = y;
		o->w = p->w;
		o->stroke = i == 0 ? C_RULE : C_GRID;
		o->lw = i == 0 ? 0.6f : 0.4f;
		char buf[64];
		pc_chart_tick_label(c, v, buf, sizeof buf);
		label(l, buf, p->x - p->axis_w, y - CH_LABEL * 0.65f, p->axis_w - 3, CH_LABEL,
		      AL_RIGHT);
	}
	if (c->axis_unit[0]) {
		char buf[128];
		snprintf(buf, sizeof buf, "（%s）", c->axis_unit);
		label(l, buf, p->x - p->axis_w, p->y - CH_LABEL * 2.4f, p->w + p->axis_w, CH_LABEL,
		      AL_LEFT);
	}
}

/* The width of a short text as label sets it. */
static float label_width(L *l, const char *s)
{
	size_t g0 = pdf_glyph_end(l);
	sty st = pdf_sty(l->f.table, CH_LABEL, C_GREY);
	st.latin = true;
	pdf_add_str(l, s, &st);
	float w = pdf_glyphs_width(pdf_glyph(l, g0), pdf_glyph_end(l) - g0);
	pdf_glyph_cut(l, g0);
	return w;
}

/* Year labels under the points: the last (the target) always, any other
 * only where it keeps a gap from the label printed before it and from the
 * last (2027 2029 2031 would run together as one number). */
static void x_labels(L *l, const plot *p)
{
	const pc_chart *c = p->c;
	const pc_chart_point *pts[PC_CHART_MAX_POINTS];
	size_t n = pc_chart_points(c, pts);
	char text[PC_CHART_MAX_POINTS][64];
	float x[PC_CHART_MAX_POINTS], w[PC_CHART_MAX_POINTS];
	const float gap = CH_LABEL;
	for (size_t i = 0; i < n; i++) {
		char buf[64];
		snprintf(text[i], sizeof text[i], "%s",
		         pc_chart_x_label(c, pts[i], buf, sizeof buf));
		x[i] = plot_x(p, pts[i]->x);
		w[i] = label_width(l, text[i]);
	}
	size_t prev = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		bool clears_prev = prev == SIZE_MAX || x[i] - x[prev] >= (w[i] + w[prev]) / 2 + gap;
		bool clears_last = i + 1 == n || x[n - 1] - x[i] >= (w[i] + w[n - 1]) / 2 + gap;
		if (i + 1 < n && (!clears_prev || !clears_last))
			continue;
		float bw = w[i] + 4;
		label(l, text[i], x[i] - bw / 2, p->y + p->h + 2, bw, CH_LABEL, AL_CENTER);
		prev = i;
	}
}

static void series(L *l, const plot *p, const pc_chart_point *pt, size_t n, bool plan)
{
	uint32_t colour = plan ? C_ACCENT : C_ACTUAL;
	for (size_t i = 0; i + 1 < n; i++) {
		op *o = pdf_new_op(l, OP_SEG);
		o->x = plot_x(p, pt[i].x);
		o->y = plot_y(p, pt[i].y);
		o->w = plot_x(p, pt[i + 1].x) - o->x;
		o->h = plot_y(p, pt[i + 1].y) - o->y;
		o->stroke = colour;
		o->lw = 1.2f;
		o->id = plan ? 0 : 1; /* results dotted */
	}
	for (size_t i = 0; i < n; i++) {
		float x = plot_x(p, pt[i].x), y = plot_y(p, pt[i].y);
		op *o;
		if (plan) { /* circles; the target hollow */
			o = pdf_new_op(l, OP_DISC);
			o->x = x;
			o->y = y;
			o->w = 2.3f;
			o->fill = pt[i].value->field == PC_FIELD_TARGET ? C_WHITE : colour;
			o->stroke = colour;
			o->lw = 1;
		} else { /* squares */
			o = pdf_new_op(l, OP_RECT);
			o->x = x - 2.3f;
			o->y = y - 2.3f;
			o->w = o->h = 4.6f;
			o->fill = colour;
		}
	}
}

/* One chart in a frame at x, w wide, h high, its name nh high, its plot
 * ph high. */
/* The room the tick labels need: the widest on one line (「180,000」 was
 * set on two in the 30 pt that four digits need). */
static float axis_width(L *l, const pc_chart *c)
{
	float w = CH_AXIS_W;
	for (int i = 0; i < c->nyticks; i++) {
		char buf[64];
		pc_chart_tick_label(c, c->ymin + i * c->ystep, buf, sizeof buf);
		w = fmaxf(w, label_width(l, buf) + 4);
	}
	return w;
}

static void chart(L *l, pc_chart *c, float x, float w, float h, float nh, float ph)
{
	pc_buf alt = {0};
	pc_chart_describe(c, &alt);
	pc_buf_putc(&alt, '\0');
	PUSH(l->p.alts, pc_arena_strdup(l->doc->arena, alt.data));
	pc_buf_free(&alt);
	int fig = pdf_tag_open(l, PC_TAG_FIGURE);
	pdf_tag_alt(l, fig, l->p.alts.v[l->p.alts.n - 1]);
	/* In words for extraction and screen readers: the name, the values,
	 * the rate. The drawn labels stay visible, their text replaced. */
	pdf_new_op(l, OP_ALT_BEGIN)->id = (int)l->p.alts.n - 1;
	op *f = pdf_new_op(l, OP_RECT);
	f->x = x;
	f->y = 0;
	f->w = w;
	f->h = h;
	f->stroke = C_RULE;
	f->lw = 0.5f;
	size_t g0 = pdf_glyph_end(l);
	add_name(l, c->ind);
	pc_parshape sh = {w - 2 * CH_PAD, 0, 0, true, true};
	pdf_text_ops(l, g0, x + CH_PAD, CH_PAD, &sh, CH_NAME * 1.35f, AL_LEFT);
	float aw = axis_width(l, c);
	plot p = {
	    x + CH_PAD + aw, CH_PAD + nh + CH_LABEL * 2.6f, w - 2 * CH_PAD - aw - 4, ph, aw, c};
	grid(l, &p);
	x_labels(l, &p);
	series(l, &p, c->plan, c->nplan, true);
	series(l, &p, c->actual, c->nactual, false);
	pdf_new_op(l, OP_ALT_END);
	pdf_tag_close(l, fig);
}

/* The key above the charts: a line for the plan, a square for results. */
static void key(L *l, frame f, bool actuals)
{
	int para = pdf_tag_open(l, PC_TAG_P);
	pdf_new_item(l, BODY_PITCH * 0.2f, IT_KEEP);
	op *o = pdf_new_op(l, OP_SEG);
	o->x = f.x;
	o->y = 6;
	o->w = 14;
	o->stroke = C_ACCENT;
	o->lw = 1.2f;
	float h = label(l, "計画（基準値・中間目標値・目標値）", f.x + 18, 1, 160, CH_LABEL + 0.5f,
	                AL_LEFT);
	if (actuals) {
		op *sq = pdf_new_op(l, OP_RECT);
		sq->x = f.x + 178;
		sq->y = 3.7f;
		sq->w = sq->h = 4.6f;
		sq->fill = C_ACTUAL;
		label(l, "実績値", f.x + 186, 1, 60, CH_LABEL + 0.5f, AL_LEFT);
	}
	pdf_end_item(l, h + 3);
	pdf_tag_close(l, para);
}

void pdf_kpi_charts(L *l, const pc_node *table, frame f)
{
	pdf_kpi_charts_grid(l, table, f, CH_PER_ROW, CH_PLOT_H);
}

void pdf_kpi_charts_grid(L *l, const pc_node *table, frame f, int per_row, float plot_h)
{
	pc_chart *charts;
	bool actuals;
	size_t n = pc_charts_of_table(table->u.table, &charts, &actuals);
	size_t pr = per_row > 0 ? (size_t)per_row : CH_PER_ROW;
	if (n) {
		key(l, f, actuals);
		float w = (f.w - (float)(pr - 1) * CH_GAP) / (float)pr;
		for (size_t r = 0; r < n; r += pr) {
			pc_chart *row = &charts[r];
			size_t in_row = n - r < pr ? n - r : pr;
			/* one item per row of charts: never split across pages */
			float nh = 0;
			for (size_t k = 0; k < in_row; k++)
				nh = fmaxf(nh, name_height(l, row[k].ind, w - 2 * CH_PAD));
			float h =
			    CH_PAD + nh + CH_LABEL * 2.6f + plot_h + CH_LABEL * 1.3f + 4 + CH_PAD;
			pdf_new_item(l, CH_GAP * 0.6f, 0);
			for (size_t k = 0; k < in_row; k++)
				chart(l, &row[k], f.x + (float)k * (w + CH_GAP), w, h, nh, plot_h);
			pdf_end_item(l, h);
		}
		pdf_new_item(l, 0, 0);
		pdf_end_item(l, BODY_PITCH * 0.5f);
	}
	free(charts);
}

/* ---- the appendix ------------------------------------------------------ */

static pc_node *text_node(pc_doc *doc, const char *s)
{
	pc_node *t = pc_node_new(doc, PC_TEXT, (pc_pos){0});
	t->literal = s;
	return t;
}

/* A cell of the model as a table cell: the value, its year on a line of
 * its own. */
static pc_node *cell(pc_doc *doc, const pc_kpi_cell *kc)
{
	pc_node *c = pc_node_new(doc, PC_CELL, (pc_pos){0});
	pc_node_append(c, text_node(doc, kc->value));
	if (kc->year) {
		pc_node_append(c, pc_node_new(doc, PC_LINEBREAK, (pc_pos){0}));
		pc_node_append(c, text_node(doc, kc->year));
	}
	return c;
}

/* The shared appendix model (model/kpi.h) as tables the table block sets,
 * one per measure; made once for all passes, in the document's arena and
 * outside its tree. */
static pc_node **make_tables(pc_doc *doc, const pc_kpi_appendix *a)
{
	static const pc_field fields[PC_KPI_NCOLS] = {PC_FIELD_NAME,    PC_FIELD_BASELINE,
	                                              PC_FIELD_MIDTERM, PC_FIELD_TARGET,
	                                              PC_FIELD_ACTUAL,  PC_FIELD_UNIT};
	pc_node **tables = pc_arena_alloc(doc->arena, (a->ntables + 1) * sizeof *tables);
	for (size_t i = 0; i < a->ntables; i++) {
		const pc_kpi_table *kt = &a->tables[i];
		pc_node *table = pc_node_new(doc, PC_TABLE, kt->rows[0].ind->pos);
		pc_table *t = table->u.table;
		t->kind = PC_TABLE_INDICATORS;
		t->ncols = PC_KPI_NCOLS;
		t->columns = pc_arena_alloc(doc->arena, PC_KPI_NCOLS * sizeof *t->columns);
		t->caption = kt->caption;
		pc_node *head = pc_node_new(doc, PC_ROW, table->pos);
		for (size_t c = 0; c < PC_KPI_NCOLS; c++) {
			t->columns[c] = (pc_column){pc_kpi_heads[c], fields[c], {0}};
			pc_kpi_cell hc = {pc_kpi_heads[c], NULL};
			pc_node_append(head, cell(doc, &hc));
		}
		pc_node_append(table, head);
		for (size_t r = 0; r < kt->nrows; r++) {
			pc_node *row = pc_node_new(doc, PC_ROW, kt->rows[r].ind->pos);
			for (size_t c = 0; c < PC_KPI_NCOLS; c++)
				pc_node_append(row, cell(doc, &kt->rows[r].cells[c]));
			pc_node_append(table, row);
		}
		tables[i] = table;
	}
	return tables;
}

void pdf_kpi_appendix(L *l)
{
	const pc_kpi_appendix *a = l->kpi;
	if (!a || !a->ntables)
		return;
	if (!l->kpi_tables)
		l->kpi_tables = make_tables(l->doc, a);
	frame f = {BLOCK_X, BLOCK_W, PC_ROLE_NONE, 0};
	int sect = pdf_tag_open(l, PC_TAG_SECT);
	pdf_appendix_title(l, PC_APPX_KPI, f);
	for (size_t i = 0; i < a->ntables; i++) {
		const pc_node *ch = a->tables[i].chapter;
		if (i == 0 || ch != a->tables[i - 1].chapter)
			pdf_group_band(l, ch ? ch->u.section->display : "計画全体", f.x, f.w, 0);
		pdf_table_block(l, l->kpi_tables[i], f);
	}
	pdf_tag_close(l, sect);
}
