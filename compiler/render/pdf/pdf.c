/*
 * PDF back end: runs the layout passes until the page numbers printed by
 * references, the contents and the index are the pages where their
 * targets land, then draws the booklet and writes plan.pdf (docs/pdf.md).
 */
#include "pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../model/glossary.h"
#include "../../model/grade.h"
#include "../../model/kpi.h"
#include "layout.h"

static time_t build_time(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (s && *s) {
		char *end;
		long long v = strtoll(s, &end, 10);
		if (!*end && v >= 0)
			return (time_t)v;
	}
	return (time_t)1767225600; /* 2026-01-01T00:00:00Z: fixed, so builds are reproducible */
}

/* One layout pass: the whole document into items, then onto pages. */
static void lay_out(L *l)
{
	l->p.g.n = l->p.gbase = l->p.drawn.n = 0;
	l->p.ops.n = l->p.items.n = l->p.boxes.n = l->p.links.n = l->p.alts.n = 0;
	l->p.cur_box = -1;
	pdf_tags_reset(l);
	if (l->report) {
		pdf_report(l);
	} else if (l->glossary_only) {
		pdf_glossary_appendix(l);
	} else {
		pdf_cover(l);
		pdf_contents(l);
		pdf_body(l);
		pdf_kpi_appendix(l);
		pdf_glossary_appendix(l);
		pdf_index_pages(l);
	}
	pdf_commit_glyphs(l);
	pdf_paginate(l);
}

/* Sizes the pool's two largest arrays from the plan before the first
 * pass: plans of 100 to 2,000 pages make about 0.46 glyphs and 0.07 ops
 * per byte of source. Grown by doubling instead, each block left behind
 * stays resident in the heap (some 30 MB at 2,000 pages); what the
 * estimate gives beyond the need is never touched, so never resident. */
static void size_pool(L *l)
{
	size_t bytes = 0;
	for (size_t i = 0; i < l->doc->nsources; i++)
		bytes += l->doc->sources[i].len;
	size_t glyphs = bytes / 2 + 4096, ops = bytes / 12 + 1024;
	if (l->p.drawn.cap < glyphs) {
		l->p.drawn.v = pc_xrealloc(l->p.drawn.v, glyphs * sizeof *l->p.drawn.v);
		l->p.drawn.cap = glyphs;
	}
	if (l->p.ops.cap < ops) {
		l->p.ops.v = pc_xrealloc(l->p.ops.v, ops * sizeof *l->p.ops.v);
		l->p.ops.cap = ops;
	}
}

/* Passes until every printed page number is where its target landed.
 * False when the book has more pages than allowed. */
static bool settle_pages(L *l)
{
	bool stable = false;
	for (int pass = 0; pass < MAX_PASSES; pass++) {
		l->warn = pass == 0;
		l->pass = pass;
		lay_out(l);
		if (l->pg.npages > PC_MAX_PAGES)
			return false;
		/* the faces' programs are built on the device's worker while
		 * the next passes run: they change page numbers, whose digits
		 * are nearly always measured already */
		if (pass == 0)
			pc_dev_prepare_fonts(l->dev);
		stable = true;
		for (size_t k = 0; k < l->keys.n; k++) {
			int p = l->pg.found[k] >= 0 ? l->pg.found[k] + 1 : 0;
			if (p != l->pg.printed[k]) {
				stable = false;
				l->pg.printed[k] = p;
			}
		}
		if (stable)
			break;
	}
	if (!stable)
		lay_out(l); /* print what the last layout found; the pages it gives are kept */
	return true;
}

static void layout_free(L *l)
{
	free(l->p.g.v);
	free(l->p.drawn.v);
	free(l->p.styles.v);
	free(l->p.style_slots);
	free(l->p.ops.v);
	free(l->p.items.v);
	free(l->p.boxes.v);
	free(l->p.links.v);
	free(l->p.alts.v);
	free(l->p.tags.v);
	free(l->pg.places.v);
	free(l->pg.printed);
	free(l->pg.found);
	free(l->pg.found_y);
	pc_lines_free(&l->lines);
	pc_buf_free(&l->actual);
	free(l->btop);
	free(l->bbot);
	pdf_keys_free(&l->keys);
	pdf_table_memos_free(l);
	pdf_break_memos_free(l);
	pc_breaker_free(l->br);
	pc_dev_free(l->dev);
}

/* What only drawing reads, let go before the document is saved: the
 * saving makes libharu's objects of the structure tree, and the peak of
 * a long plan comes there. */
static void drawing_done(L *l)
{
	free(l->p.drawn.v);
	free(l->p.ops.v);
	free(l->p.items.v);
	free(l->pg.places.v);
	memset(&l->p.drawn, 0, sizeof l->p.drawn);
	memset(&l->p.ops, 0, sizeof l->p.ops);
	memset(&l->p.items, 0, sizeof l->p.items);
	memset(&l->pg.places, 0, sizeof l->pg.places);
}

/* The Latin companion of a role's face: the map's, else the face itself. */
static int latin_face(L *l, const pc_fontmap *fonts, pc_font_role role, int face)
{
	pc_font_role lr = pc_font_latin_role(role);
	return fonts->path[lr] ? pc_dev_face(l->dev, lr) : face;
}

/* What a PDF is made of: the booklet, the glossary alone or the report. */
typedef struct what {
	const bool *selected; /* glossary: the terms; NULL all */
	bool glossary;
	const pc_report *report;
	bool draft;        /* the report's 「案」 */
	unsigned editions; /* PC_PDF_SCREEN, PC_PDF_PRINT (the booklet only) */
} what;

static bool render(pc_doc *doc, const pc_fontmap *fonts, const what *w, const char *file,
                   pc_output *o, pc_diags *d)
{
	L l;
	memset(&l, 0, sizeof l);
	l.doc = doc;
	l.d = d;
	l.glossary_only = w->glossary;
	l.report = w->report;
	l.watermark = w->report ? w->draft : doc->meta.draft;
	/* The booklet and the glossary are tagged (PDF/UA-1, tags.h); the
	 * yearly report's sheets are not yet. PLANCC_UNTAGGED builds the
	 * booklet untagged, for bench/tags to measure what tagging costs. */
	const char *untagged = getenv("PLANCC_UNTAGGED");
	l.tagged = !w->report && !(untagged && *untagged && strcmp(untagged, "0"));
	if (w->report)
		l.head_right = pc_arena_printf(doc->arena, "%s 進捗評価", w->report->year_label);
	bool glossary = w->glossary || w->report;
	const bool *selected = w->selected;
	l.dev = pc_dev_new(fonts);
	l.br = pc_breaker_new();
	l.f.body = pc_dev_face(l.dev, PC_FONT_BODY);
	l.f.bold = pc_dev_face(l.dev, PC_FONT_BOLD);
	l.f.head = pc_dev_face(l.dev, PC_FONT_HEADING);
	l.f.table = pc_dev_face(l.dev, PC_FONT_TABLE);
	l.f.latin = latin_face(&l, fonts, PC_FONT_BODY, l.f.body);
	l.f.bold_latin = latin_face(&l, fonts, PC_FONT_BOLD, l.f.bold);
	l.f.head_latin = latin_face(&l, fonts, PC_FONT_HEADING, l.f.head);
	l.f.table_latin = latin_face(&l, fonts, PC_FONT_TABLE, l.f.table);
	l.f.code = fonts->path[PC_FONT_CODE] ? pc_dev_face(l.dev, PC_FONT_CODE) : l.f.table;
	l.glossary = w->report ? NULL : pc_glossary_of(doc, selected);
	l.kpi = glossary ? NULL : pc_kpi_appendix_of(doc);
	pdf_keys_init(&l.keys, doc);
	size_t nk = l.keys.n;
	l.pg.printed = pc_xcalloc(nk, sizeof *l.pg.printed);
	l.pg.found = pc_xcalloc(nk, sizeof *l.pg.found);
	l.pg.found_y = pc_xcalloc(nk, sizeof *l.pg.found_y);

	size_pool(&l);
	bool ok = settle_pages(&l);
	if (ok) {
		/* what only the layout passes need, let go before drawing */
		pdf_settle_glyphs(&l);
		pdf_table_memos_free(&l);
		pdf_break_memos_free(&l);
	}
	bool screen = w->editions & PC_PDF_SCREEN;
	if (!ok) {
		/* libharu keeps every page in memory: refuse before drawing */
		pc_diag(d, PC_E_TOO_MANY_PAGES, "", 0, 0, l.pg.npages, PC_MAX_PAGES);
		screen = false;
	}
	if (screen) {
		/* the print edition draws the same layout again after */
		l.last_draw = !(w->editions & PC_PDF_PRINT);
		pdf_draw(&l);
	}
	if (ok && (w->editions & PC_PDF_PRINT)) {
		/* drawn while the screen's worker still compresses its pages */
		int pages = pdf_print_body(&l, fonts, o, build_time());
		ok = pages > 0 && pdf_print_cover(&l, fonts, pages, o, build_time());
	}
	if (ok && screen) {
		drawing_done(&l);
		const pc_meta *m = &doc->meta;
		const char *subject = m->subtitle ? m->subtitle : m->period;
		const char *title = m->title;
		if (w->report) {
			subject = title;
			title = pc_arena_printf(doc->arena, "%s %s 進捗評価報告書", m->title,
			                        w->report->year_label);
		}
		pc_dev_info(l.dev, title, m->city, subject, build_time());
		ok = pc_dev_write(l.dev, o, file);
		if (!ok && pc_dev_error(l.dev)) /* else the output has reported it */
			pc_diag(d, PC_E_OUTPUT, "", 0, 0, pc_dev_error(l.dev));
	}
	layout_free(&l);
	return ok;
}

bool pc_pdf_render(pc_doc *doc, const pc_fontmap *fonts, pc_output *o, pc_diags *d)
{
	return pc_pdf_render_editions(doc, fonts, PC_PDF_SCREEN, o, d);
}

bool pc_pdf_render_editions(pc_doc *doc, const pc_fontmap *fonts, unsigned editions, pc_output *o,
                            pc_diags *d)
{
	what w = {NULL, false, NULL, false, editions};
	return render(doc, fonts, &w, "plan.pdf", o, d);
}

bool pc_pdf_render_glossary(pc_doc *doc, const pc_fontmap *fonts, const bool *selected,
                            const char *file, pc_output *o, pc_diags *d)
{
	what w = {selected, true, NULL, false, PC_PDF_SCREEN};
	return render(doc, fonts, &w, file, o, d);
}

bool pc_pdf_render_report(const pc_report *r, const pc_fontmap *fonts, bool draft, const char *file,
                          pc_output *o, pc_diags *d)
{
	what w = {NULL, false, r, draft, PC_PDF_SCREEN};
	return render(r->doc, fonts, &w, file, o, d);
}
