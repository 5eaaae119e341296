/*
 * PDF back end, the yearly progress report: a cover, the grading rule
 * and the counts of grades per chapter, then one evaluation sheet per
 * measure (its grade and next step, the indicators with the year's
 * result, value and grade, their charts, the comment). Built with the
 * booklet's builder, table block and charts, from the report model
 * (model/grade.h), which decides every figure and grade printed here.
 */
#include <stdio.h>
#include <string.h>

#include "../../model/grade.h"
#include "../../model/indicators.h"
#include "layout.h"

#define TEXT_SIZE  10.0f
#define TEXT_PITCH 16.5f
#define BADGE_W    66.0f

/* The grade tones of model/grade.h: fill and text, as on the site. */
static const uint32_t tone_fill[5] = {0x1B6B55u, 0xD8EEE2u, 0xFFF4D6u, 0xFDE3D3u, 0x9B1C1Cu};
static const uint32_t tone_text[5] = {0xFFFFFFu, 0x124A36u, 0x5C4500u, 0x7A3307u, 0xFFFFFFu};
static const uint32_t tone_line[5] = {0x1B6B55u, 0x1B6B55u, 0xB8860Bu, 0xA3470Bu, 0x9B1C1Cu};
#define TONE_X_FILL 0xEEEEEEu
#define TONE_X_TEXT 0x333333u
#define TONE_X_LINE 0x999999u

/* ---- tables of text, set by the table block ------------------------------ */

static pc_node *text_node(pc_doc *doc, const char *s)
{
	pc_node *t = pc_node_new(doc, PC_TEXT, (pc_pos){0});
	t->literal = s;
	return t;
}

/* A cell: its text, a second line (a year) when given, bold when strong. */
static pc_node *cell(pc_doc *doc, const char *s, const char *second, bool strong)
{
	pc_node *c = pc_node_new(doc, PC_CELL, (pc_pos){0});
	pc_node *in = c;
	if (strong) {
		in = pc_node_new(doc, PC_STRONG, (pc_pos){0});
		pc_node_append(c, in);
	}
	pc_node_append(in, text_node(doc, s ? s : "－"));
	if (second) {
		pc_node_append(c, pc_node_new(doc, PC_LINEBREAK, (pc_pos){0}));
		pc_node_append(c, text_node(doc, second));
	}
	return c;
}

/* A table outside the tree; fields other than NAME and NONE centre the
 * column, as the indicators tables of the booklet do. */
static pc_node *table_new(pc_doc *doc, const char *caption, size_t ncols, const char *const *heads,
                          const pc_field *fields)
{
	pc_node *t = pc_node_new(doc, PC_TABLE, (pc_pos){0});
	t->u.table->kind = PC_TABLE_INDICATORS;
	t->u.table->caption = caption;
	t->u.table->ncols = ncols;
	t->u.table->columns = pc_arena_alloc(doc->arena, ncols * sizeof *t->u.table->columns);
	pc_node *row = pc_node_new(doc, PC_ROW, (pc_pos){0});
	for (size_t c = 0; c < ncols; c++) {
		t->u.table->columns[c] = (pc_column){heads[c], fields[c], {0}};
		pc_node_append(row, cell(doc, heads[c], NULL, false));
	}
	pc_node_append(t, row);
	return t;
}

static void table_row(pc_doc *doc, pc_node *t, pc_node *const *cells)
{
	pc_node *row = pc_node_new(doc, PC_ROW, (pc_pos){0});
	for (size_t c = 0; c < t->u.table->ncols; c++)
		pc_node_append(row, cells[c]);
	pc_node_append(t, row);
}

/* ---- pieces of text ------------------------------------------------------ */

/* A block heading as the booklet's ■ headings: on its own lines, a rule
 * under it, kept with what follows. */
static void heading(L *l, const char *s, frame f)
{
	size_t g0 = pdf_glyph_end(l);
	sty mark = pdf_sty(l->f.head, 12, C_ACCENT);
	pdf_add_str(l, "■", &mark);
	sty st = pdf_sty(l->f.head, 12, C_TEXT);
	pdf_add_str(l, s, &st);
	pc_parshape sh = {f.w, 0, 12, true, true};
	size_t i0 = l->p.items.n;
	pdf_set_lines(l, g0, f.x, &sh, BODY_PITCH, BODY_PITCH * 0.8f, AL_LEFT, IT_KEEP);
	for (size_t i = i0; i < l->p.items.n; i++)
		l->p.items.v[i].flags |= IT_KEEP;
	item *last = &l->p.items.v[l->p.items.n - 1];
	op *rule = pdf_new_op(l, OP_LINE);
	rule->x = f.x;
	rule->y = last->h - 1;
	rule->w = f.w;
	rule->stroke = C_RULE;
	rule->lw = 0.6f;
	last->op1 = l->p.ops.n;
}

/* A paragraph of running text (src: where a missing glyph is reported). */
static void text_par(L *l, const char *s, size_t len, frame f, const pc_node *src, float before)
{
	size_t g0 = pdf_glyph_end(l);
	sty st = pdf_sty(l->f.body, TEXT_SIZE, C_TEXT);
	st.latin = true;
	pdf_add_text(l, s, len, &st, src);
	if (pdf_glyph_end(l) == g0)
		return;
	pc_parshape sh = {f.w, TEXT_SIZE, 0, false, false};
	pdf_set_lines(l, g0, f.x, &sh, TEXT_PITCH, before, AL_JUSTIFY, 0);
}

/* A line of a list: a bullet, the text hanging after it. */
static void bullet(L *l, const char *s, frame f)
{
	size_t mk0 = pdf_glyph_end(l);
	sty st = pdf_sty(l->f.body, TEXT_SIZE, C_TEXT);
	st.latin = true;
	pdf_add_cp(l, 0x30FB, &st, 0, NULL, 0);
	size_t g0 = pdf_glyph_end(l);
	float hang = pdf_glyphs_width(pdf_glyph(l, mk0), 1);
	pdf_add_str(l, s, &st);
	pc_parshape sh = {f.w, hang, hang, false, false};
	pdf_set_lines_marked(l, mk0, g0, g0, f.x, &sh, TEXT_PITCH, 3, AL_JUSTIFY, 0);
}

/* A short text as ops of the current item; returns its width. */
static float label(L *l, const char *s, int face, float size, uint32_t rgb, float x, float y,
                   float w, int align)
{
	size_t g0 = pdf_glyph_end(l);
	sty st = pdf_sty(face, size, rgb);
	st.latin = true;
	pdf_add_str(l, s, &st);
	float tw = pdf_glyphs_width(pdf_glyph(l, g0), pdf_glyph_end(l) - g0);
	pc_parshape sh = {w, 0, 0, true, true};
	pdf_text_ops(l, g0, x, y, &sh, size * 1.3f, align);
	return tw;
}

/* A grade in its tone: a box w × h at (x, y) with the name centred. */
static void badge(L *l, const pc_report *r, const char *name, int band, float x, float y, float w,
                  float h, float size)
{
	int t = pc_report_tone(r, band);
	op *o = pdf_new_op(l, OP_RECT);
	o->x = x;
	o->y = y;
	o->w = w;
	o->h = h;
	o->fill = t < 0 ? TONE_X_FILL : tone_fill[t];
	o->stroke = t < 0 ? TONE_X_LINE : tone_line[t];
	o->lw = 0.8f;
	label(l, name, l->f.head, size, t < 0 ? TONE_X_TEXT : tone_text[t], x + 2,
	      y + (h - size * 1.3f) / 2, w - 4, AL_CENTER);
}

/* ---- the cover and the summary --------------------------------------------- */

static void cover(L *l, const pc_report *r)
{
	const pc_meta *m = &l->doc->meta;
	pdf_new_item(l, 0, IT_ABS);
	float x = BLOCK_X - 10, w = BLOCK_W + 20;
	pdf_cover_band(l, 250);
	if (m->period)
		label(l, pc_arena_printf(l->doc->arena, "計画期間 %s", m->period), l->f.head, 13,
		      C_ACCENT, x, 150, w, AL_CENTER);
	float y = 280;
	{
		size_t g0 = pdf_glyph_end(l);
		sty s = pdf_sty(l->f.head, 20, C_TEXT);
		pdf_add_str(l, m->title ? m->title : "", &s);
		if (m->subtitle) {
			pdf_add_str(l, "　", &s);
			pdf_add_str(l, m->subtitle, &s);
		}
		pc_parshape sh = {w, 0, 0, true, true};
		y += pdf_text_ops(l, g0, x, y, &sh, 30, AL_CENTER);
	}
	label(l, r->year_label, l->f.head, 24, C_ACCENT, x, y + 36, w, AL_CENTER);
	label(l, "進捗評価報告書", l->f.head, 32, C_TEXT, x, y + 80, w, AL_CENTER);
	op *rule = pdf_new_op(l, OP_LINE);
	rule->x = BLOCK_X + BLOCK_W * 0.2f;
	rule->y = 480;
	rule->w = BLOCK_W * 0.6f;
	rule->stroke = C_ACCENT;
	rule->lw = 1.2f;
	if (m->city)
		label(l, m->city, l->f.head, 22, C_TEXT, x, 712, w, AL_CENTER);
	pdf_end_item(l, 0);
}

static void page_title(L *l, const char *s, frame f)
{
	pdf_new_item(l, 0, IT_NEWPAGE | IT_KEEP | IT_CHAPTER);
	pdf_title_with_rule(l, s, f, 24);
}

static const char *chapter_name(const pc_node *ch)
{
	return ch ? ch->u.section->display : "計画全体";
}

/* The counts per chapter, one column a grade. */
static pc_node *counts_table(pc_doc *doc, const pc_report *r, bool measures)
{
	size_t ncols = 2;
	for (size_t g = 0; g < r->ngrades; g++)
		ncols += pc_report_grade_shown(r, g);
	const char **heads = pc_arena_alloc(doc->arena, ncols * sizeof *heads);
	pc_field *fields = pc_arena_alloc(doc->arena, ncols * sizeof *fields);
	size_t c = 0;
	heads[c] = "章";
	fields[c++] = PC_FIELD_NAME;
	for (size_t g = 0; g < r->ngrades; g++)
		if (pc_report_grade_shown(r, g)) {
			heads[c] = r->grades[g];
			fields[c++] = PC_FIELD_UNIT;
		}
	heads[c] = "計";
	fields[c] = PC_FIELD_UNIT;
	pc_node *t = table_new(
	    doc, measures ? "章ごとの施策の評価（施策数）" : "章ごとの指標の評価（指標数）", ncols,
	    heads, fields);
	pc_node **cells = pc_arena_alloc(doc->arena, ncols * sizeof *cells);
	for (size_t i = 0; i <= r->nchapters; i++) {
		const pc_report_chapter *ch = i < r->nchapters ? &r->chapters[i] : &r->total;
		bool total = i == r->nchapters;
		c = 0;
		cells[c++] = cell(doc, total ? "合計" : chapter_name(ch->chapter), NULL, total);
		const size_t *n = measures ? ch->measures : ch->indicators;
		for (size_t g = 0; g < r->ngrades; g++)
			if (pc_report_grade_shown(r, g))
				cells[c++] = cell(doc, pc_arena_printf(doc->arena, "%zu", n[g]),
				                  NULL, total);
		cells[c] = cell(
		    doc, pc_arena_printf(doc->arena, "%zu", measures ? ch->count : ch->nindicators),
		    NULL, total);
		table_row(doc, t, cells);
	}
	return t;
}

/* Every measure with its grade, next step, its indicators' grades and the
 * page of its sheet (made anew each pass: the pages settle). */
static pc_node *measure_list(L *l, const pc_report *r)
{
	pc_doc *doc = l->doc;
	static const char *const heads[] = {"施策", "評価", "今後の方向性", "指標の評価", "ページ"};
	static const pc_field fields[] = {PC_FIELD_NAME, PC_FIELD_UNIT, PC_FIELD_UNIT,
	                                  PC_FIELD_NONE, PC_FIELD_UNIT};
	pc_node *t = table_new(doc, "施策ごとの評価と今後の方向性", 5, heads, fields);
	for (size_t i = 0; i < r->nmeasures; i++) {
		const pc_measure_grade *m = &r->measures[i];
		pc_buf b = {0};
		for (size_t k = 0; k < m->ninds; k++)
			pc_buf_printf(&b, "%s%s", k ? "・" : "", m->inds[k].grade);
		pdf_key key = pdf_key_of_node(&l->keys, m->measure);
		int page = pdf_key_ok(key) ? l->pg.printed[key.v] : 0;
		const char *course = m->eval ? pc_course_name(m->eval->course) : NULL;
		pc_node *cells[5] = {
		    cell(doc, m->measure->u.section->display, NULL, false),
		    cell(doc, m->grade, NULL, true), cell(doc, course, NULL, false),
		    cell(doc, m->ninds ? pc_arena_strdup(doc->arena, pc_buf_cstr(&b)) : "－", NULL,
		         false),
		    cell(doc, page ? pc_arena_printf(doc->arena, "%d", page) : "－", NULL, false)};
		pc_buf_free(&b);
		table_row(doc, t, cells);
	}
	return t;
}

static void summary(L *l, const pc_report *r, pc_node *const *counts)
{
	frame f = {BLOCK_X, BLOCK_W, PC_ROLE_NONE, 0};
	const pc_meta *m = &l->doc->meta;
	page_title(l, pc_arena_printf(l->doc->arena, "%s 進捗評価", r->year_label), f);
	const char *intro =
	    pc_arena_printf(l->doc->arena, "%s%s%sの施策と成果指標を、%sの実績値で評価しました。",
	                    m->title ? m->title : "", m->subtitle ? "　" : "",
	                    m->subtitle ? m->subtitle : "", r->year_label);
	text_par(l, intro, strlen(intro), f, NULL, 0);
	heading(l, "評価の方法", f);
	for (size_t i = 0; i < r->nrule_text; i++)
		bullet(l, r->rule_text[i], f);
	heading(l, "評価の集計", f);
	if (!r->nmeasures) {
		const char *none = "この計画には、この年度に評価する施策（成果指標か評価の表のある"
		                   "施策）がありません。";
		text_par(l, none, strlen(none), f, NULL, 0);
	}
	pdf_table_block(l, counts[0], f);
	pdf_table_block(l, counts[1], f);
	heading(l, "施策の評価の一覧", f);
	pdf_table_block(l, measure_list(l, r), f);
}

/* ---- a measure's sheet ------------------------------------------------------ */

/* The band at the top of a sheet: number and title as the booklet's
 * measure headings, the measure's grade in its tone at the right. */
static void sheet_head(L *l, const pc_report *r, const pc_measure_grade *m, frame f, bool first)
{
	const pc_section *s = m->measure->u.section;
	item *it = pdf_new_item(l, 0, IT_NEWPAGE | IT_KEEP);
	pdf_key key = pdf_key_of_node(&l->keys, m->measure);
	it->head = key;
	pdf_dest_op(l, key);
	if (first && m->chapter && m->chapter != m->measure)
		pdf_dest_op(l, pdf_key_of_node(&l->keys, m->chapter)); /* for the outline */
	float y = 0;
	if (m->chapter && m->chapter != m->measure) { /* the chapter above, small */
		label(l, m->chapter->u.section->display, l->f.table, 9, C_GREY, f.x, 0, f.w,
		      AL_LEFT);
		y = 9 * 1.3f + 4;
	}
	size_t band_op = l->p.ops.n;
	op *band = pdf_new_op(l, OP_RECT);
	band->x = f.x;
	band->y = y;
	band->w = f.w;
	band->fill = C_ACCENT_LIGHT;
	float numw = 0;
	size_t num_op = 0, num_g0 = 0, num_o0 = 0;
	if (s->heading_label) {
		num_g0 = pdf_glyph_end(l);
		sty st = pdf_sty(l->f.head, 12, C_WHITE);
		pdf_add_str(l, s->heading_label, &st);
		numw = pdf_glyphs_width(pdf_glyph(l, num_g0), pdf_glyph_end(l) - num_g0) + 16;
		if (numw > f.w / 3)
			numw = f.w / 3;
		num_op = l->p.ops.n;
		op *nb = pdf_new_op(l, OP_RECT);
		nb->x = f.x;
		nb->y = y;
		nb->w = numw;
		nb->fill = C_ACCENT;
		num_o0 = l->p.ops.n;
		pc_parshape sh = {numw - 8, 0, 0, true, true};
		pdf_text_ops(l, num_g0, f.x + 4, 0, &sh, 0, AL_CENTER);
	}
	size_t num_o1 = l->p.ops.n;
	size_t g0 = pdf_glyph_end(l);
	sty st = pdf_sty(l->f.head, 15, C_TEXT);
	pdf_add_str(l, s->title ? s->title : "", &st);
	pc_parshape sh = {f.w - numw - BADGE_W - 24, 0, 0, true, true};
	float th = pdf_text_ops(l, g0, f.x + numw + 10, y + 9, &sh, 22, AL_LEFT);
	float h = th + 18 > 46 ? th + 18 : 46;
	l->p.ops.v[band_op].h = h;
	if (num_op) {
		l->p.ops.v[num_op].h = h;
		for (size_t k = num_o0; k < num_o1; k++)
			l->p.ops.v[k].y += y + (h - 12 * 1.3f) / 2;
	}
	/* the grade: a label over the badge */
	float bx = f.x + f.w - BADGE_W - 6;
	label(l, "施策の評価", l->f.table, 7.5f, C_TEXT, bx, y + 3, BADGE_W, AL_CENTER);
	badge(l, r, m->grade, m->band, bx, y + 14, BADGE_W, h - 20, 18);
	pdf_end_item(l, y + h);
}

/* The facts under the band: the next step, how the grade was formed. */
static void sheet_facts(L *l, const pc_measure_grade *m, frame f)
{
	pdf_new_item(l, 8, IT_KEEP);
	float x = f.x;
	x += 6 + label(l, "今後の方向性", l->f.bold, 9.5f, C_TEXT, x, 2, 80, AL_LEFT);
	const char *course = m->eval ? pc_course_name(m->eval->course) : NULL;
	op *frame_op = pdf_new_op(l, OP_RECT);
	frame_op->x = x;
	frame_op->y = 0;
	frame_op->w = 44;
	frame_op->h = 17;
	frame_op->fill = course ? C_WHITE : PC_DEV_NONE;
	frame_op->stroke = course ? C_ACCENT : C_RULE;
	frame_op->lw = 1;
	label(l, course ? course : "－", l->f.bold, 10, course ? C_ACCENT : C_GREY, x, 2, 44,
	      AL_CENTER);
	x += 58;
	const char *how = pc_arena_printf(l->doc->arena, "施策の評価：%s", m->basis);
	label(l, how, l->f.table, 8.5f, C_GREY, x, 3, f.x + f.w - x, AL_LEFT);
	pdf_end_item(l, 17);
}

/* The indicators of the sheet, with the columns and notes the model
 * decided (model/grade.c). */
static pc_node *sheet_table(pc_doc *doc, const pc_report *r, const pc_measure_grade *m)
{
	pc_arena *a = doc->arena;
	const char *heads[7] = {"指標名"};
	pc_field fields[7] = {PC_FIELD_NAME, PC_FIELD_BASELINE, PC_FIELD_TARGET};
	const char *years[2] = {m->baseline_year, m->target_year};
	for (int k = 0; k < 2; k++)
		heads[k + 1] =
		    years[k] ? pc_arena_printf(a, "%s（%s）", k ? "目標値" : "基準値", years[k])
		    : k      ? "目標値"
		             : "基準値";
	size_t n = 3;
	if (m->year_targets) {
		heads[n] = "年割目標値";
		fields[n++] = PC_FIELD_TARGET;
	}
	heads[n] = "実績値";
	fields[n++] = PC_FIELD_ACTUAL;
	heads[n] = r->score_name;
	fields[n++] = PC_FIELD_UNIT;
	heads[n] = "評価";
	fields[n++] = PC_FIELD_UNIT;
	pc_node *t = table_new(doc, pc_arena_printf(a, "成果指標の評価（%s）", r->year_label), n,
	                       heads, fields);
	for (size_t i = 0; i < m->ninds; i++) {
		const pc_ind_grade *ig = &m->inds[i];
		const pc_indicator *ind = ig->ind;
		pc_node *cells[7];
		size_t c = 0;
		cells[c++] = cell(doc, ind->name, NULL, false);
		const pc_ivalue *vs[2] = {ind->baseline, ind->target};
		for (int k = 0; k < 2; k++) {
			const char *y = years[k] ? NULL : pc_ivalue_year_text(a, vs[k]);
			cells[c++] = cell(doc, pc_report_value_text(a, ind, vs[k]),
			                  y ? pc_arena_printf(a, "（%s）", y) : NULL, false);
		}
		if (m->year_targets)
			cells[c++] = cell(doc, ig->has_year_target ? ig->year_target_text : "－",
			                  NULL, false);
		cells[c++] = cell(doc, pc_report_value_text(a, ind, ig->actual), NULL, false);
		cells[c++] = cell(doc, ig->score_text, NULL, false);
		cells[c++] = cell(doc,
		                  ig->note_no ? pc_arena_printf(a, "%s ※%d", ig->grade, ig->note_no)
		                              : ig->grade,
		                  NULL, true);
		table_row(doc, t, cells);
	}
	return t;
}

static void footnotes(L *l, const pc_measure_grade *m, frame f)
{
	bool first = true;
	for (size_t i = 0; i < m->ninds; i++) {
		const pc_ind_grade *ig = &m->inds[i];
		if (!ig->note_no)
			continue;
		size_t g0 = pdf_glyph_end(l);
		sty st = pdf_sty(l->f.table, 8.5f, C_GREY);
		pdf_add_str(l, pc_arena_printf(l->doc->arena, "※%d %s", ig->note_no, ig->note),
		            &st);
		pc_parshape sh = {f.w, 0, 8.5f * 2, true, false};
		pdf_set_lines(l, g0, f.x, &sh, 13, first ? -BODY_PITCH * 0.3f : 0, AL_LEFT, 0);
		first = false;
	}
}

/* 要因・分析 in a tinted box; its paragraphs as written (line breaks of
 * the cell kept). */
static void sheet_comment(L *l, const pc_measure_grade *m, frame f)
{
	int b = pdf_open_box(l, BOX_FILL, f.x, f.w);
	frame in = {f.x + 10, f.w - 20, PC_ROLE_NONE, 0};
	pdf_new_item(l, BODY_PITCH * 0.6f, IT_KEEP);
	pdf_end_item(l, 4);
	size_t g0 = pdf_glyph_end(l);
	sty hs = pdf_sty(l->f.head, 10.5f, C_ACCENT);
	pdf_add_str(l, "要因・分析", &hs);
	pc_parshape sh = {in.w, 0, 0, true, true};
	pdf_set_lines(l, g0, in.x, &sh, 18, 0, AL_LEFT, IT_KEEP);
	const pc_evaluation *e = m->eval;
	if (!e || !*e->comment) {
		const char *none = "（この年度の評価の記述はありません）";
		text_par(l, none, strlen(none), in, NULL, 0);
	} else {
		pc_node at;
		memset(&at, 0, sizeof at);
		at.pos = e->pos;
		for (const char *c = e->comment; *c;) {
			const char *nl = strchr(c, '\n');
			size_t len = nl ? (size_t)(nl - c) : strlen(c);
			text_par(l, c, len, in, &at, c == e->comment ? 0 : 4);
			c += len + (nl ? 1 : 0);
		}
	}
	/* the last line keeps the box's bottom on its page */
	l->p.items.v[l->p.items.n - 1].flags |= IT_KEEP;
	pdf_new_item(l, 0, 0);
	pdf_end_item(l, 8);
	pdf_close_box(l, b);
}

/* The tables that do not change between passes, made once. */
typedef struct made {
	pc_node *counts[2];
	pc_node **sheets;
} made;

static void sheet(L *l, const pc_report *r, const made *mk, size_t i, bool first)
{
	frame f = {BLOCK_X, BLOCK_W, PC_ROLE_NONE, 0};
	const pc_measure_grade *m = &r->measures[i];
	sheet_head(l, r, m, f, first);
	sheet_facts(l, m, f);
	/* the figures, the words about them, then the charts: when a sheet
	 * runs over its page, only charts go over */
	if (m->ninds) {
		pdf_table_block(l, mk->sheets[i], f);
		footnotes(l, m, f);
	}
	sheet_comment(l, m, f);
	if (m->ninds) /* one row of charts when it can; two lower ones for five or more */
		pdf_kpi_charts_grid(l, m->charts, f, 4, m->ninds > 4 ? 36 : 50);
}

void pdf_report(L *l)
{
	const pc_report *r = l->report;
	pc_arena *a = l->doc->arena;
	made *mk = l->report_tables;
	if (!mk) {
		mk = pc_arena_alloc(a, sizeof *mk);
		mk->counts[0] = counts_table(l->doc, r, true);
		mk->counts[1] = counts_table(l->doc, r, false);
		mk->sheets = pc_arena_alloc(a, (r->nmeasures + 1) * sizeof *mk->sheets);
		for (size_t i = 0; i < r->nmeasures; i++)
			if (r->measures[i].ninds)
				mk->sheets[i] = sheet_table(l->doc, r, &r->measures[i]);
		l->report_tables = mk;
	}
	cover(l, r);
	summary(l, r, mk->counts);
	for (size_t i = 0; i < r->nmeasures; i++)
		sheet(l, r, mk, i, i == 0 || r->measures[i].chapter != r->measures[i - 1].chapter);
}
