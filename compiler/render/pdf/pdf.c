/*
 * PDF back end: runs the layout passes until the page numbers printed by
 * references, the contents and the index are the pages where their
 * targets land, then draws the booklet and writes plan.pdf (docs/pdf.md).
 */
#include "pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

/* ---- a map from node pointers to keys ------------------------------- */

static size_t ptr_hash(const void *p, size_t cap)
{
	uintptr_t x = (uintptr_t)p;
	x ^= x >> 17;
	x *= 0x9E3779B97F4A7C15ull;
	return (size_t)(x >> 7) & (cap - 1);
}

void pdf_ptrmap_put(ptrmap *m, const void *k, int v)
{
	size_t i = ptr_hash(k, m->cap);
	while (m->keys[i] && m->keys[i] != k)
		i = (i + 1) & (m->cap - 1);
	m->keys[i] = k;
	m->vals[i] = v;
}

int pdf_ptrmap_get(const ptrmap *m, const void *k)
{
	if (!k)
		return -1;
	size_t i = ptr_hash(k, m->cap);
	while (m->keys[i]) {
		if (m->keys[i] == k)
			return m->vals[i];
		i = (i + 1) & (m->cap - 1);
	}
	return -1;
}

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

static bool render(pc_doc *doc, const pc_fontmap *fonts, const bool *glossary_only, bool glossary,
                   const char *file, pc_output *o, pc_diags *d)
{
	L l;
	memset(&l, 0, sizeof l);
	l.glossary_only = glossary;
	l.term_selected = glossary_only;
	l.doc = doc;
	l.d = d;
	l.dev = pc_dev_new(fonts);
	l.br = pc_breaker_new();
	l.f_body = pc_dev_face(l.dev, PC_FONT_BODY);
	l.f_bold = pc_dev_face(l.dev, PC_FONT_BOLD);
	l.f_head = pc_dev_face(l.dev, PC_FONT_HEADING);
	l.f_table = pc_dev_face(l.dev, PC_FONT_TABLE);
	l.f_latin = pc_dev_face(l.dev, PC_FONT_LATIN);
	l.nsec = doc->sections.len;
	l.ntab = doc->tables.len;
	l.nterm = doc->terms.len;
	l.index = pc_index_build(doc);
	size_t nplaces = 0;
	for (size_t i = 0; l.index && i < l.index->nentries; i++)
		nplaces += l.index->entries[i]->nplaces;
	size_t cap = 16;
	while (cap < 2 * (l.nsec + l.ntab + nplaces + 1))
		cap *= 2;
	l.keymap.cap = cap;
	l.keymap.keys = pc_xcalloc(cap, sizeof *l.keymap.keys);
	l.keymap.vals = pc_xcalloc(cap, sizeof *l.keymap.vals);
	for (size_t i = 0; i < l.nsec; i++)
		pdf_ptrmap_put(&l.keymap, doc->sections.items[i], (int)i);
	for (size_t i = 0; i < l.ntab; i++)
		pdf_ptrmap_put(&l.keymap, doc->tables.items[i], (int)(l.nsec + i));
	/* the places of the index that are uses (definitions are tables) */
	l.nkeys = l.nsec + l.ntab + l.nterm;
	for (size_t i = 0; l.index && i < l.index->nentries; i++) {
		const pc_ix_entry *e = l.index->entries[i];
		for (size_t k = 0; k < e->nplaces; k++) {
			const pc_node *n = e->places[k].node;
			if (!n || e->places[k].definition || pdf_ptrmap_get(&l.keymap, n) >= 0)
				continue;
			pdf_ptrmap_put(&l.keymap, n, (int)l.nkeys++);
			l.nuse++;
		}
	}
	l.key_appx = l.nkeys;
	l.nkeys += APPX_COUNT;
	size_t nk = l.nkeys;
	l.printed = pc_xcalloc(nk, sizeof *l.printed);
	l.found = pc_xcalloc(nk, sizeof *l.found);
	l.found_y = pc_xcalloc(nk, sizeof *l.found_y);
	size_t nt = l.nterm ? l.nterm : 1;
	l.term_mark_sec = pc_xcalloc(nt, sizeof(int));
	l.term_num = pc_xcalloc(nt, sizeof(int));
	l.term_num_measure = pc_xcalloc(nt, sizeof(int));

	int pass;
	bool stable = false;

	for (pass = 0; pass < MAX_PASSES; pass++) {
		l.warn = pass == 0;
		pdf_build(&l);
		pdf_paginate(&l);
		if (l.npages > PC_MAX_PAGES)
			break;
		stable = true;
		for (size_t k = 0; k < l.nkeys; k++) {
			int p = l.found[k] >= 0 ? l.found[k] + 1 : 0;
			if (p != l.printed[k]) {
				stable = false;
				l.printed[k] = p;
			}
		}
		if (stable)
			break;
	}
	bool ok = l.npages <= PC_MAX_PAGES;
	pc_buf out = {0};
	if (!ok) {
		/* libharu keeps every page in memory: refuse before drawing */
		pc_diag(d, PC_E_TOO_MANY_PAGES, "", 0, 0, l.npages, PC_MAX_PAGES);
	} else {
		if (!stable) {
			/* print what the last layout found; the pages it gives are kept */
			pdf_build(&l);
			pdf_paginate(&l);
		}
		const pc_meta *m = &doc->meta;
		pdf_draw(&l);
		const char *subject = m->subtitle ? m->subtitle : m->period;
		pc_dev_info(l.dev, m->title, m->city, subject, build_time());
		ok = pc_dev_save(l.dev, &out);
		if (!ok)
			pc_diag(d, PC_E_OUTPUT, "", 0, 0,
			        pc_dev_error(l.dev) ? pc_dev_error(l.dev)
			                            : "PDF を作れませんでした");
		else
			ok = pc_output_write(o, file, out.data, out.len);
	}
	pc_buf_free(&out);
	free(l.g.v);
	free(l.ops.v);
	free(l.items.v);
	free(l.boxes.v);
	free(l.places.v);
	free(l.urls.v);
	free(l.alts.v);
	pdf_kpi_free(&l);
	pc_lines_free(&l.lines);
	pc_buf_free(&l.actual);
	free(l.btop);
	free(l.bbot);
	free(l.keymap.keys);
	free(l.keymap.vals);
	free(l.printed);
	free(l.found);
	free(l.found_y);
	free(l.term_mark_sec);
	free(l.term_num);
	free(l.term_num_measure);
	pc_breaker_free(l.br);
	pc_dev_free(l.dev);
	return ok;
}

bool pc_pdf_render(pc_doc *doc, const pc_fontmap *fonts, pc_output *o, pc_diags *d)
{
	return render(doc, fonts, NULL, false, "plan.pdf", o, d);
}

bool pc_pdf_render_glossary(pc_doc *doc, const pc_fontmap *fonts, const bool *selected,
                            const char *file, pc_output *o, pc_diags *d)
{
	return render(doc, fonts, selected, true, file, o, d);
}
