/*
 * PDF back end, the front of the booklet: the cover and the contents
 * (chapters and measures with their pages, then the appendices).
 */
#include <stdio.h>
#include <string.h>

#include "layout.h"

/* Adds front-matter text, reporting missing glyphs at the front matter
 * (its lines are blanked by the parser, so the block's first line). */
static void add_meta(L *l, const char *s, const sty *st)
{
	pc_node at;
	memset(&at, 0, sizeof at);
	at.pos.file = l->doc->nsources ? l->doc->sources[0].name : "";
	at.pos.line = 1;
	at.pos.col = 1;
	pdf_add_text(l, s, strlen(s), st, &at);
}

/* A centred line of the cover: a paragraph of its own. */
static float cover_line(L *l, size_t g0, float x, float y, const pc_parshape *sh, float pitch)
{
	int para = pdf_tag_open(l, PC_TAG_P);
	float h = pdf_text_ops(l, g0, x, y, sh, pitch, AL_CENTER);
	pdf_tag_close(l, para);
	return h;
}

void pdf_cover(L *l)
{
	const pc_meta *m = &l->doc->meta;
	pdf_new_item(l, 0, IT_ABS | IT_FRONT);
	float x = BLOCK_X - 10, w = BLOCK_W + 20;
	pdf_cover_band(l, 210);
	float y = 150;
	if (m->period) {
		size_t g0 = pdf_glyph_end(l);
		sty s = pdf_sty(l->f.head, 13, C_ACCENT);
		pdf_add_str(l, pc_arena_printf(l->doc->arena, "計画期間 %s", m->period), &s);
		pc_parshape sh = {w, 0, 0, true, true};
		cover_line(l, g0, x, y, &sh, 20);
	}
	y = 290;
	{
		size_t g0 = pdf_glyph_end(l);
		sty s = pdf_sty(l->f.head, 30, C_TEXT);
		add_meta(l, m->title ? m->title : "", &s);
		pc_parshape sh = {w, 0, 0, true, true};
		y += cover_line(l, g0, x, y, &sh, 44);
	}
	if (m->subtitle) {
		size_t g0 = pdf_glyph_end(l);
		sty s = pdf_sty(l->f.head, 18, C_ACCENT);
		add_meta(l, m->subtitle, &s);
		pc_parshape sh = {w, 0, 0, true, true};
		y += 14 + cover_line(l, g0, x, y + 14, &sh, 28);
	}
	op *rule = pdf_new_op(l, OP_LINE);
	rule->x = BLOCK_X + BLOCK_W * 0.2f;
	rule->y = 440;
	rule->w = BLOCK_W * 0.6f;
	rule->stroke = C_ACCENT;
	rule->lw = 1.2f;
	if (m->edition) {
		size_t g0 = pdf_glyph_end(l);
		sty s = pdf_sty(l->f.table, 13, C_TEXT);
		add_meta(l, m->edition, &s);
		pc_parshape sh = {w, 0, 0, true, true};
		cover_line(l, g0, x, 680, &sh, 20);
	}
	if (m->city) {
		size_t g0 = pdf_glyph_end(l);
		sty s = pdf_sty(l->f.head, 22, C_TEXT);
		add_meta(l, m->city, &s);
		pc_parshape sh = {w, 0, 0, true, true};
		cover_line(l, g0, x, 712, &sh, 32);
	}
	pdf_end_item(l, 0);
}

/* One line of the contents: number label (aligned at labelw), title,
 * dot leader and the page of key. */
static void contents_entry(L *l, frame f, int level, const char *nl, const char *title, pdf_key key,
                           float labelw)
{
	bool ch = level == 1;
	float size = ch ? 11.5f : 10;
	float indent = ch ? 0 : 2 * BODY_SIZE;
	float numw = 4 * BODY_SIZE;
	sty ts = pdf_sty(ch ? l->f.head : l->f.body, size, C_TEXT);
	ts.link = pdf_link_to_key(l, key);
	int entry = pdf_tag_open(l, PC_TAG_TOCI);
	pdf_new_item(l, ch ? 10 : 1, ch ? IT_KEEP : 0);
	float tab = 0;
	if (nl) {
		size_t a = pdf_glyph_end(l);
		pdf_add_str(l, nl, &ts);
		float w = pdf_glyphs_width(pdf_glyph(l, a), pdf_glyph_end(l) - a) + size;
		tab = w > labelw ? w : labelw;
		pc_parshape lsh = {tab, 0, 0, true, true};
		pdf_text_ops(l, a, f.x + indent, 0, &lsh, ch ? 20 : 17, AL_LEFT);
	}
	size_t a = pdf_glyph_end(l);
	pdf_add_str(l, title ? title : "", &ts);
	pc_parshape psh = {f.w - indent - numw - tab, 0, 0, true, true};
	float th = pdf_text_ops(l, a, f.x + indent + tab, 0, &psh, ch ? 20 : 17, AL_LEFT);
	/* dot leader from the end of the title's last line to the number */
	op *last = NULL;
	for (size_t k = l->p.items.v[l->p.items.n - 1].op0; k < l->p.ops.n; k++)
		if (l->p.ops.v[k].kind == OP_TEXT)
			last = &l->p.ops.v[k];
	float endx = f.x + indent;
	float base = 12;
	if (last) {
		const pc_glyph *q = pdf_glyph(l, last->g1 - 1);
		endx = last->x + q->x + q->fw;
		base = last->y;
	}
	size_t b = pdf_glyph_end(l);
	sty ps = ts;
	ps.latin = true;
	char buf[16];
	snprintf(buf, sizeof buf, "%d", l->pg.printed[key.v]);
	pdf_add_str(l, buf, &ps);
	float pw = pdf_glyphs_width(pdf_glyph(l, b), pdf_glyph_end(l) - b);
	pc_parshape nsh = {numw, 0, 0, true, false};
	size_t o0 = l->p.ops.n;
	pdf_text_ops(l, b, f.x + f.w - numw, 0, &nsh, ch ? 20 : 17, AL_RIGHT);
	for (size_t k = o0; k < l->p.ops.n; k++)
		if (l->p.ops.v[k].kind == OP_TEXT)
			l->p.ops.v[k].y = base;
	op *dots = pdf_new_op(l, OP_DOTS);
	dots->x = endx + 6;
	dots->y = base - 2.5f;
	dots->w = f.x + f.w - pw - 6 - dots->x;
	dots->stroke = C_GREY;
	dots->lw = 0.9f;
	pdf_end_item(l, th);
	pdf_tag_close(l, entry);
}

void pdf_contents(L *l)
{
	frame f = {BLOCK_X, BLOCK_W, PC_ROLE_NONE, 0};
	/* IT_CHAPTER: no running header above the big title */
	pdf_new_item(l, 0, IT_NEWPAGE | IT_KEEP | IT_FRONT | IT_CHAPTER | pdf_recto(l));
	int head = pdf_tag_open(l, PC_TAG_H1);
	pdf_title_with_rule(l, "目次", f, 28);
	pdf_tag_close(l, head);
	int toc = pdf_tag_open(l, PC_TAG_TOC);
	/* titles of one level line up after the widest number of that level */
	float labelw[3] = {0, 0, 0};
	for (size_t i = 0; i < l->doc->sections.len; i++) {
		const pc_section *s = ((const pc_node *)l->doc->sections.items[i])->u.section;
		const char *nl = s->level <= 2 ? s->number : NULL;
		if (!nl)
			continue;
		size_t a = pdf_glyph_end(l);
		bool ch = s->level == 1;
		sty ts = pdf_sty(ch ? l->f.head : l->f.body, ch ? 11.5f : 10, C_TEXT);
		pdf_add_str(l, nl, &ts);
		float w =
		    pdf_glyphs_width(pdf_glyph(l, a), pdf_glyph_end(l) - a) + (ch ? 11.5f : 10);
		if (w > labelw[s->level] && w < f.w / 3)
			labelw[s->level] = w;
		pdf_glyph_cut(l, a);
	}
	for (size_t i = 0; i < l->doc->sections.len; i++) {
		const pc_section *s = ((const pc_node *)l->doc->sections.items[i])->u.section;
		if (s->level <= 2)
			contents_entry(l, f, s->level, s->number, s->title,
			               pdf_key_of_section(&l->keys, i), labelw[s->level]);
	}
	/* the appendices, as chapters without numbers, when printed */
	for (int a = 0; a < PC_APPX_COUNT; a++)
		if (pc_appendix_present(l->doc, a))
			contents_entry(l, f, 1, NULL, pc_appendix_title(a),
			               pdf_key_of_appendix(&l->keys, a), 0);
	pdf_tag_close(l, toc);
}
