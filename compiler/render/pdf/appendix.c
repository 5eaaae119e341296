/*
 * PDF back end, the appendices at the back: the glossary (用語解説) and
 * the index (索引) in two columns, each opening with its title.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../model/glossary.h"
#include "layout.h"

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* A page title with its rule, as the index and the glossary have. */
void pdf_appendix_title(L *l, pc_appendix a, frame f)
{
	/* A page of its own, except as the first thing of a document. */
	unsigned newpage = l->p.items.n ? IT_NEWPAGE | pdf_recto(l) : 0;
	item *it = pdf_new_item(l, 0, newpage | IT_KEEP | IT_CHAPTER);
	pdf_key key = pdf_key_of_appendix(&l->keys, a);
	it->head = key;
	pdf_dest_op(l, key); /* for the contents and the outline */
	int hd = pdf_tag_open(l, PC_TAG_H1);
	pdf_title_with_rule(l, pc_appendix_title(a), f, 24);
	pdf_tag_close(l, hd);
}

/* A kana row or letter heading: a tinted band w wide. */
void pdf_group_band(L *l, const char *name, float x, float w, unsigned flags)
{
	int h = pdf_tag_open(l, PC_TAG_H2);
	pdf_new_item(l, 8, IT_KEEP | flags);
	op *band = pdf_new_op(l, OP_RECT);
	band->x = x;
	band->y = 0;
	band->w = w;
	band->h = 17;
	band->fill = C_ACCENT_LIGHT;
	size_t a = pdf_glyph_end(l);
	sty gs = pdf_sty(l->f.head, 10.5f, C_ACCENT);
	pdf_add_str(l, name, &gs);
	pc_parshape gsh = {w - 12, 0, 0, true, false};
	pdf_text_ops(l, a, x + 6, 0, &gsh, 17, AL_LEFT);
	pdf_end_item(l, 17);
	pdf_tag_close(l, h);
}

void pdf_gloss_entry(L *l, const pc_gloss_entry *e)
{
	sty s = pdf_sty(l->f.bold, 9.5f, C_TEXT);
	pdf_add_str(l, e->term->term, &s);
	sty r = pdf_sty(l->f.table, 8, C_GREY);
	if (e->reading) {
		pdf_add_str(l, "（", &r);
		pdf_add_str(l, e->reading, &r);
		pdf_add_str(l, "）", &r);
	}
	sty d = pdf_sty(l->f.table, 9, C_TEXT);
	pdf_add_str(l, "　", &d);
	if (e->definition)
		pdf_inlines(l, e->definition->first, &d);
	else
		pdf_add_str(l, e->definition_text, &d);
	if (e->aliases) {
		pdf_add_str(l, "（別名：", &r);
		pdf_add_str(l, e->aliases, &r);
		pdf_add_str(l, "）", &r);
	}
}

/* The page the items made so far end on, roughly (no keeps, no grid):
 * in the first pass, what a page number printed here will be like. */
static int pages_so_far(const L *l)
{
	int page = 1;
	float y = 0;
	for (size_t i = 0; i < l->p.items.n; i++) {
		const item *it = &l->p.items.v[i];
		if ((it->flags & IT_NEWPAGE) || y + it->before + it->h > BLOCK_H) {
			page++;
			y = 0;
		}
		y += it->before + it->h;
	}
	return page;
}

/*
 * The glossary appendix (用語解説): every selected term in reading order,
 * grouped by kana row, each entry with the page of the glossary box that
 * defines it.
 */
void pdf_glossary_appendix(L *l)
{
	const pc_glossary *g = l->glossary;
	if (!g || !g->nentries)
		return;
	frame f = {BLOCK_X, BLOCK_W, PC_ROLE_NONE, 0};
	/* The first pass knows no page yet: the entries take a page number of
	 * the likely width anyway, so that the pages after them (the index)
	 * need not move in the next pass. */
	int guess = l->pass == 0 && !l->glossary_only ? pages_so_far(l) : 0;
	int sect = pdf_tag_open(l, PC_TAG_SECT);
	pdf_appendix_title(l, PC_APPX_GLOSSARY, f);
	for (size_t gi = 0; gi < g->ngroups; gi++) {
		const pc_gloss_group *grp = &g->groups[gi];
		pdf_group_band(l, grp->name, f.x, f.w, 0);
		for (size_t i = grp->first; i < grp->first + grp->count; i++) {
			const pc_gloss_entry *e = &g->entries[i];
			pdf_commit_glyphs(l); /* the entries before are set */
			int para = pdf_tag_open(l, PC_TAG_P);
			size_t g0 = pdf_glyph_end(l);
			pdf_gloss_entry(l, e);
			pdf_key key = pdf_key_of_term(&l->keys, e->term);
			int page = l->pg.printed[key.v] > 0 ? l->pg.printed[key.v] : guess;
			if (page > 0) {
				char buf[32];
				snprintf(buf, sizeof buf, "（p.%d）", page);
				sty pg = pdf_sty(l->f.table, 9, C_TEXT);
				pg.link = pdf_link_to_key(l, key);
				pdf_add_str(l, buf, &pg);
			}
			pc_parshape sh = {f.w, 0, 9, false, false};
			pdf_set_lines(l, g0, f.x, &sh, 14.5f, 4, AL_JUSTIFY, 0);
			pdf_tag_close(l, para);
		}
	}
	pdf_tag_close(l, sect);
}

/* The page numbers of an index entry: each once, the definition's in
 * bold, each a link to its place; first is put before the first one. */
static void index_page_list(L *l, const int *pages, size_t np, int def_page, const sty *ps,
                            const char *first)
{
	int last = 0;
	for (size_t k = 0; k < np; k++) {
		if (pages[2 * k] == last)
			continue;
		last = pages[2 * k];
		char buf[32];
		snprintf(buf, sizeof buf, "%s%d", last == pages[0] ? first : ", ", last);
		sty n = *ps;
		n.link = pdf_link_to_key(l, (pdf_key){pages[2 * k + 1]});
		if (last == def_page)
			n.face = l->f.bold;
		pdf_add_str(l, buf, &n);
	}
}

/* An index entry whose pages fit: the text, a dot leader, and the pages
 * flush right on the text's last line, as in the contents. */
static void index_entry_leader(L *l, const pc_ix_entry *e, const sty *es, const sty *ps,
                               const int *pages, size_t np, int def_page, float pw, float x)
{
	int para = pdf_tag_open(l, PC_TAG_P);
	pdf_new_item(l, 0, IT_COL);
	size_t b = pdf_glyph_end(l);
	pdf_add_str(l, e->text, es);
	pc_parshape tsh = {COL_W - pw - 14, 0, 2 * 9.5f, true, false};
	size_t o_text = l->p.ops.n;
	float th = pdf_text_ops(l, b, x, 0, &tsh, 15, AL_LEFT);
	op *last = NULL;
	for (size_t k = o_text; k < l->p.ops.n; k++)
		if (l->p.ops.v[k].kind == OP_TEXT)
			last = &l->p.ops.v[k];
	float endx = x, base = 11;
	if (last) {
		const pc_glyph *q = pdf_glyph(l, last->g1 - 1);
		endx = last->x + q->x + q->fw;
		base = last->y;
	}
	size_t pb = pdf_glyph_end(l);
	index_page_list(l, pages, np, def_page, ps, "");
	pc_parshape nsh = {pw + 1, 0, 0, true, false};
	size_t o0 = l->p.ops.n;
	pdf_text_ops(l, pb, x + COL_W - pw - 1, 0, &nsh, 15, AL_RIGHT);
	for (size_t k = o0; k < l->p.ops.n; k++)
		if (l->p.ops.v[k].kind == OP_TEXT)
			l->p.ops.v[k].y = base;
	float dx = endx + 4, dw = x + COL_W - pw - 4 - dx;
	if (dw > 6) {
		op *dots = pdf_new_op(l, OP_DOTS);
		dots->x = dx;
		dots->y = base - 2.5f;
		dots->w = dw;
		dots->stroke = C_GREY;
		dots->lw = 0.9f;
	}
	pdf_end_item(l, th);
	pdf_tag_close(l, para);
}

void pdf_index_pages(L *l)
{
	const pc_index *ix = l->doc->index;
	if (!ix || !ix->nentries)
		return;
	frame f = {BLOCK_X, BLOCK_W, PC_ROLE_NONE, 0};
	int index = pdf_tag_open(l, PC_TAG_INDEX);
	pdf_appendix_title(l, PC_APPX_INDEX, f);
	int *pages = NULL;
	size_t cap = 0;
	for (size_t gi = 0; gi < ix->ngroups; gi++) {
		const pc_ix_group *grp = &ix->groups[gi];
		pdf_group_band(l, grp->name, f.x, COL_W, IT_COL);
		for (size_t ei = grp->first; ei < grp->first + grp->count; ei++) {
			const pc_ix_entry *e = ix->entries[ei];
			pdf_commit_glyphs(l); /* the entries before are set */
			sty es =
			    pdf_sty(e->kind == PC_IX_ENTRY ? l->f.table : l->f.bold, 9.5f, C_TEXT);
			sty ps = pdf_sty(l->f.table, 9.5f, C_TEXT);
			/* pages, each once, in order; the definition in bold */
			if (cap < e->nplaces + 1) {
				cap = e->nplaces + 1;
				pages = pc_xrealloc(pages, cap * 2 * sizeof *pages);
			}
			size_t np = 0;
			int def_page = 0;
			for (size_t k = 0; e->kind != PC_IX_ALIAS && k < e->nplaces; k++) {
				/* a definition is printed in its glossary box */
				pdf_key pk = e->places[k].definition && e->term
				                 ? pdf_key_of_term(&l->keys, e->term)
				                 : pdf_key_of_node(&l->keys, e->places[k].node);
				int key = pk.v;
				if (key < 0 || l->pg.printed[key] <= 0)
					continue;
				if (e->places[k].definition && !def_page)
					def_page = l->pg.printed[key];
				pages[2 * np] = l->pg.printed[key];
				pages[2 * np + 1] = key;
				np++;
			}
			qsort(pages, np, 2 * sizeof *pages, cmp_int);
			/* How wide the page list is, set on its own. */
			size_t a = pdf_glyph_end(l);
			index_page_list(l, pages, np, def_page, &ps, "");
			float pw = pdf_glyphs_width(pdf_glyph(l, a), pdf_glyph_end(l) - a);
			pdf_glyph_cut(l, a);
			if (np && pw < COL_W * 0.45f) {
				index_entry_leader(l, e, &es, &ps, pages, np, def_page, pw, f.x);
				continue;
			}
			/* An alias, or a long list of pages: the pages follow the
			 * text and the lines wrap with a hanging indent. */
			int para = pdf_tag_open(l, PC_TAG_P);
			size_t b = pdf_glyph_end(l);
			pdf_add_str(l, e->text, &es);
			if (e->kind == PC_IX_ALIAS && e->term) {
				pdf_add_str(l, "　→ ", &ps);
				pdf_add_str(l, e->term->term, &ps);
			}
			index_page_list(l, pages, np, def_page, &ps, "　");
			pc_parshape esh = {COL_W, 0, 2 * 9.5f, true, false};
			size_t i0 = l->p.items.n;
			pdf_set_lines(l, b, f.x, &esh, 15, 0, AL_LEFT, 0);
			for (size_t k = i0; k < l->p.items.n; k++)
				l->p.items.v[k].flags |= IT_COL;
			pdf_tag_close(l, para);
		}
	}
	pdf_tag_close(l, index);
	free(pages);
}
