/*
 * PDF back end, inlines: the tree's text, emphasis, links, term uses,
 * index entries and cross references into glyphs. What is printed was
 * decided by the presentation pass (marks, reference texts, soft-break
 * spaces); here it only gets its face, size, colour and link.
 */
#include <stdio.h>
#include <string.h>

#include "layout.h"

/* The mark after a marked term (※, ※2): small, raised, kept with it. */
static void term_mark(L *l, const pc_node *n, const sty *st)
{
	const char *mark = n->u.term_ref.mark;
	if (!n->u.term_ref.marked || !mark)
		return;
	sty m = *st;
	m.size = st->size * 0.62f;
	m.rise = st->size * 0.38f;
	m.rgb = C_ACCENT;
	m.face = l->f.table;
	m.link = pdf_link_to_key(l, pdf_key_of_term(&l->keys, n->u.term_ref.term));
	size_t g0 = pdf_glyph_end(l);
	pdf_add_str(l, mark, &m);
	for (size_t i = g0; i < pdf_glyph_end(l); i++)
		pdf_glyph(l, i)->flags |= PC_G_GLUE;
}

/* The glyphs of a term use or index entry carry the place's key (plus 1)
 * so that pagination finds the page the index prints for it. */
static void use_begin(L *l)
{
	l->use_start[l->depth < MAX_NEST ? l->depth : MAX_NEST] = pdf_glyph_end(l);
}

static void use_end(L *l, const pc_node *n)
{
	size_t g0 = l->use_start[l->depth < MAX_NEST ? l->depth : MAX_NEST];
	pdf_key key = pdf_key_of_node(&l->keys, n);
	if (pdf_key_ok(key) && g0 < pdf_glyph_end(l))
		pdf_glyph(l, g0)->src = (uint32_t)key.v + 1;
}

/* A cross reference: its text (or the target's name) and the target's
 * page, a link to it. */
static void xref(L *l, const pc_node *n, const sty *st)
{
	const pc_node *t = n->u.xref.target;
	pdf_key key = t ? pdf_key_of_node(&l->keys, t) : PDF_NO_KEY;
	sty s = *st;
	s.link = pdf_link_to_key(l, key);
	if (n->first)
		pdf_inlines(l, n->first, &s);
	else
		pdf_add_str(l, n->u.xref.text ? n->u.xref.text : "", &s);
	if (pdf_key_ok(key)) {
		char buf[48];
		snprintf(buf, sizeof buf, "（p.%d）", l->pg.printed[key.v]);
		pdf_add_str(l, buf, &s);
	}
}

static bool web_url(const char *url)
{
	return url && (!strncmp(url, "http://", 7) || !strncmp(url, "https://", 8));
}

void pdf_inlines(L *l, const pc_node *first, const sty *st)
{
	if (++l->depth > MAX_NEST) {
		l->depth--;
		return;
	}
	for (const pc_node *n = first; n; n = n->next) {
		sty s = *st;
		switch (n->kind) {
		case PC_TEXT:
		case PC_SOFTBREAK:
		case PC_HTML_INLINE:
			if (n->literal)
				pdf_add_text(l, n->literal, strlen(n->literal), st, n);
			break;
		case PC_CODE:
			s.face = l->f.code;
			s.latin = false;
			if (n->literal)
				pdf_add_text(l, n->literal, strlen(n->literal), &s, n);
			break;
		case PC_LINEBREAK:
			pdf_add_cp(l, 0x2028, st, 0, NULL, 0);
			break;
		case PC_EMPH:
			if (s.face == l->f.body)
				s.face = l->f.table; /* Gothic stands out in Mincho text */
			pdf_inlines(l, n->first, &s);
			break;
		case PC_STRONG:
			s.face = l->f.bold;
			pdf_inlines(l, n->first, &s);
			break;
		case PC_LINK:
			if (web_url(n->u.link.url))
				s.link = pdf_link_to_uri(l, n->u.link.url);
			pdf_inlines(l, n->first, &s);
			break;
		case PC_TERM_REF:
		case PC_TERM_OCC:
			use_begin(l);
			pdf_inlines(l, n->first, st);
			use_end(l, n);
			term_mark(l, n, st);
			break;
		case PC_INDEX_ENTRY:
			use_begin(l);
			pdf_inlines(l, n->first, st);
			use_end(l, n);
			break;
		case PC_XREF:
			xref(l, n, st);
			break;
		default: /* images are set as blocks after their paragraph; raw
		          * HTML is not passed through */
			break;
		}
	}
	l->depth--;
}
