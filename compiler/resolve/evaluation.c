/*
 * The yearly report's checks that need the whole plan: the grading rule
 * against itself (thresholds in the formula's unit, grade names told
 * apart), every evaluation row against its measure (one row a year, years
 * inside the term, grades the rule knows), and each indicator's stable id
 * (given in an ID column, else derived from its measure).
 */
#include <string.h>

#include "../model/grade.h"
#include "../util/map.h"
#include "../util/utf8.h"
#include "resolve.h"

/* The nearest section of level ≤ 2 around or at s: its measure (the
 * presentation pass sets the same later; the resolver needs it now). */
static const pc_node *measure_of(const pc_node *s)
{
	while (s && s->kind == PC_SECTION && s->u.section->level > 2)
		s = pc_node_section(s);
	return s && s->kind == PC_SECTION ? s : NULL;
}

static void check_rule(pc_resolver *r)
{
	pc_doc *doc = r->doc;
	const pc_grading *g = &doc->meta.grading;
	bool points = g->by == PC_GRADE_BY_DIFF;
	for (size_t i = 0; i < g->nbands; i++) {
		const pc_grade_band *b = &g->bands[i];
		if (!b->unit || (b->unit == 2) == points)
			continue;
		pc_diag(
		    r->diags, PC_E_GRADE_BAND, b->pos.file, b->pos.line, b->pos.col,
		    pc_arena_printf(doc->arena, "%s（%s）", b->name, b->condition),
		    points ? "評価方法が基準値差のときは「3ポイント以上」のように指標の単位で書いて"
		             "ください"
		           : "評価方法の値は % なので「80%以上」のように書いてください");
	}
	pc_grading eff;
	pc_grading_effective(doc, &eff);
	pc_pos p = g->pos.file ? g->pos : (pc_pos){"", 0, 0};
	for (size_t i = 0; i < eff.nextras; i++) {
		bool clash = !strcmp(eff.extras[i], eff.none);
		for (size_t k = 0; k < eff.nbands; k++)
			clash |= !strcmp(eff.extras[i], eff.bands[k].name);
		for (size_t k = 0; k < i; k++)
			clash |= !strcmp(eff.extras[i], eff.extras[k]);
		if (clash)
			pc_diag(r->diags, PC_E_GRADE_DUP, p.file, p.line, p.col, eff.extras[i]);
	}
	for (size_t k = 0; k < eff.nbands; k++)
		if (!strcmp(eff.none, eff.bands[k].name))
			pc_diag(r->diags, PC_E_GRADE_DUP, p.file, p.line, p.col, eff.none);
}

static void check_evaluations(pc_resolver *r)
{
	pc_doc *doc = r->doc;
	const pc_meta *m = &doc->meta;
	pc_grading eff;
	pc_grading_effective(doc, &eff);
	pc_map seen; /* measure pointer and year → the row */
	pc_map_init(&seen, doc->arena);
	for (size_t i = 0; i < doc->evaluations.len; i++) {
		pc_evaluation *e = doc->evaluations.items[i];
		e->measure = measure_of(e->section);
		if (!e->measure) {
			pc_diag(r->diags, PC_E_EVAL_OUTSIDE, e->pos.file, e->pos.line, e->pos.col);
			continue;
		}
		if (m->term_first && (e->year < m->term_first || e->year > m->term_last))
			pc_diag(r->diags, PC_E_EVAL_YEAR_OUTSIDE, e->pos.file, e->pos.line,
			        e->pos.col, e->year_text, e->year, m->term_first, m->term_last);
		const char *key =
		    pc_arena_printf(doc->arena, "%p/%d", (const void *)e->measure, e->year);
		const pc_evaluation *first = pc_map_get(&seen, key);
		if (first)
			pc_diag(r->diags, PC_E_EVAL_DUP_YEAR, e->pos.file, e->pos.line, e->pos.col,
			        e->measure->u.section->title ? e->measure->u.section->title : "",
			        e->year, first->pos.file, first->pos.line);
		else
			pc_map_put(&seen, key, e);
		if (e->grade && !pc_grading_has(&eff, e->grade))
			pc_diag(r->diags, PC_E_EVAL_GRADE, e->grade_pos.file, e->grade_pos.line,
			        e->grade_pos.col, e->grade, pc_grading_names(doc->arena, &eff));
	}
	bool used = doc->evaluations.len || m->grading.pos.file;
	if (used && m->period && !m->term_first)
		pc_diag(r->diags, PC_W_PERIOD_UNREADABLE, m->period_pos.file, m->period_pos.line,
		        m->period_pos.col, m->period);
}

/* The cell of the ID column in an indicator's row; NULL when none. */
static const pc_node *id_cell(const pc_indicator *ind)
{
	const pc_table *t = ind->table->u.table;
	const pc_node *cell = ind->row ? ind->row->first : NULL;
	for (size_t c = 0; c < t->ncols && cell; c++, cell = cell->next)
		if (t->columns[c].field == PC_FIELD_ID)
			return cell;
	return NULL;
}

/*
 * Ids: the ID column's text, which must be ASCII letters, digits, - and _
 * and unique; else <measure id>.<n>, n counting the measure's indicators
 * from 1 (a '.' no given id has, so the two never clash).
 */
static void resolve_ids(pc_resolver *r)
{
	pc_doc *doc = r->doc;
	pc_map given;
	pc_map_init(&given, doc->arena);
	const pc_node *last = NULL;
	int n = 0;
	for (size_t i = 0; i < doc->indicators.len; i++) {
		pc_indicator *ind = doc->indicators.items[i];
		const pc_node *measure = measure_of(ind->section);
		n = measure == last ? n + 1 : 1;
		last = measure;
		ind->id = pc_arena_printf(doc->arena, "%s.%d",
		                          measure ? measure->u.section->id : "plan", n);
		const pc_node *cell = id_cell(ind);
		const char *text = cell ? pc_node_text(doc, cell) : NULL;
		text = text ? pc_trimmed(doc->arena, text, strlen(text)) : NULL;
		if (!text || !*text)
			continue;
		bool ok = true;
		for (const char *c = text; *c; c++)
			ok &= pc_is_ascii_alnum((unsigned char)*c) || *c == '-' || *c == '_';
		if (!ok) {
			pc_diag(r->diags, PC_E_BAD_INDICATOR_ID, cell->pos.file, cell->pos.line,
			        cell->pos.col, text);
			continue;
		}
		const pc_indicator *other = pc_map_get(&given, text);
		if (other) {
			pc_diag(r->diags, PC_E_DUP_INDICATOR_ID, cell->pos.file, cell->pos.line,
			        cell->pos.col, text, other->pos.file, other->pos.line);
			continue;
		}
		pc_map_put(&given, text, ind);
		ind->id = text;
		ind->id_given = true;
	}
}

void pc_resolve_report(pc_resolver *r)
{
	check_rule(r);
	check_evaluations(r);
	resolve_ids(r);
}
