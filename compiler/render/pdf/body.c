/*
 * PDF back end, the body walker: the plan's sections and blocks into
 * items — chapter openings, measure bands, block headings, paragraphs
 * (justified, or hanging after a list marker), lists, code, images,
 * quotes, the boxed 目指す姿, glossary boxes, SDGs badges, and tables
 * with their charts.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../../model/glossary.h"
#include "../../model/sdgs.h"
#include "layout.h"

static sty body_sty(const L *l)
{
	return pdf_sty(l->f.body, BODY_SIZE, C_TEXT);
}

static void blocks(L *l, const pc_node *first, frame f);
static void section(L *l, const pc_node *n, frame f);

/* Number of glyphs of a list marker at the start of a paragraph
 * (・ ● ◇ ■ ▶ ◎ ① ⑴ ❶ … (1) (ア) 1. ), with a following space; 0 when
 * none. */
static size_t marker_len(const pc_glyph *g, size_t n)
{
	if (!n)
		return 0;
	uint32_t c = g[0].cp;
	size_t k = 0;
	static const uint32_t marks[] = {0x30FB, 0x25CF, 0x25C7, 0x25A0, 0x25B6, 0x25CB,
	                                 0x25C6, 0x25A1, 0x2605, 0x2606, 0x25B7, 0x2022,
	                                 0x203B, 0x25BC, 0x25BA, 0x25CE, 0x25EF};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (c == marks[i])
			k = 1;
	/* ①…⑳ ㉑…㉟ ⑴…⒇ ❶…❿ */
	if ((c >= 0x2460 && c <= 0x2473) || (c >= 0x3251 && c <= 0x325F) ||
	    (c >= 0x2474 && c <= 0x2487) || (c >= 0x2776 && c <= 0x277F))
		k = 1;
	if (!k && (c == 0xFF08 || c == '(')) { /* (1) （12） (ア) （a） */
		size_t i = 1;
		while (i < n && i < 4 &&
		       ((g[i].cp >= '0' && g[i].cp <= '9') ||
		        (g[i].cp >= 0xFF10 && g[i].cp <= 0xFF19)))
			i++;
		if (i == 1 && i < n &&
		    ((g[1].cp >= 0x30A2 && g[1].cp <= 0x30F3) ||
		     (g[1].cp >= 'a' && g[1].cp <= 'z')))
			i = 2;
		if (i > 1 && i < n && (g[i].cp == 0xFF09 || g[i].cp == ')'))
			k = i + 1;
	}
	if (!k && ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))) {
		size_t i = 1;
		while (i < n && i < 3 &&
		       ((g[i].cp >= '0' && g[i].cp <= '9') ||
		        (g[i].cp >= 0xFF10 && g[i].cp <= 0xFF19)))
			i++;
		if (i < n && (g[i].cp == '.' || g[i].cp == 0xFF0E) && i + 1 < n &&
		    (g[i + 1].cp == ' ' || g[i + 1].cp == 0x3000))
			k = i + 1;
	}
	if (k && k < n && (g[k].cp == ' ' || g[k].cp == 0x3000))
		k++;
	return k < n ? k : 0;
}

/* Print needs 300 pixels to the inch at the size the image is printed
 * (w points wide); a screen image of 800 pixels across the measure has
 * 137. Said once, in the first pass, at the image in the sources. */
#define PRINT_PPI 300

static void warn_resolution(L *l, const pc_node *img, float pw, float ph, float w)
{
	float inches = w / 72;
	float ppi = pw / inches;
	if (!l->warn || ppi >= PRINT_PPI - 0.5f)
		return;
	pc_diag(l->d, PC_W_IMAGE_LOW_RES, img->pos.file, img->pos.line, img->pos.col,
	        img->u.link.path, (double)(inches * 25.4f), (double)ppi, (int)pw, (int)ph,
	        (int)ceilf(inches * PRINT_PPI));
}

static void image_block(L *l, const pc_node *img, frame f)
{
	if (!img->u.link.path)
		return;
	char *path = pc_arena_printf(l->doc->arena, "%s/%s", l->doc->dir, img->u.link.path);
	float pw, ph;
	int id = pc_dev_image(l->dev, path, &pw, &ph);
	if (id < 0 || pw <= 0 || ph <= 0)
		return;
	float w = f.w, h = ph * w / pw;
	float maxh = BLOCK_H * 0.7f;
	if (h > maxh) {
		w = w * maxh / h;
		h = maxh;
	}
	warn_resolution(l, img, pw, ph, w);
	const char *alt = pc_node_text(l->doc, img);
	/* without a text, the image is decoration (tagged an artifact) */
	int fig = alt && *alt ? pdf_tag_open(l, PC_TAG_FIGURE) : -1;
	pdf_new_item(l, BODY_PITCH * 0.5f, 0);
	op *o = pdf_new_op(l, OP_IMAGE);
	o->x = f.x + (f.w - w) / 2;
	o->y = 0;
	o->w = w;
	o->h = h;
	o->id = id;
	float total = h;
	if (alt && *alt) {
		pdf_tag_alt(l, fig, alt);
		int cap = pdf_tag_open(l, PC_TAG_CAPTION);
		size_t g0 = pdf_glyph_end(l);
		sty s = pdf_sty(l->f.table, TABLE_SIZE, C_GREY);
		pdf_add_str(l, alt, &s);
		pc_parshape sh = {f.w, 0, 0, true, true};
		total += 4 + pdf_text_ops(l, g0, f.x, h + 4, &sh, TABLE_PITCH, AL_CENTER);
		pdf_tag_close(l, cap);
	}
	pdf_end_item(l, total + 4);
	pdf_tag_close(l, fig);
}

/* What a paragraph is, from how it starts: running text, the title of
 * a figure or table (図1 人口の推移), or a note of its source (資料：…). */
enum { PARA_TEXT, PARA_FIGURE_TITLE, PARA_SOURCE };

static const char *after_prefix(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(s, prefix, n) ? NULL : s + n;
}

static const char *skip_blanks(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (!strncmp(s, "　", 3))
			s += 3;
		else
			return s;
	}
}

static bool ascii_or_wide_digit(const char *s)
{
	return (*s >= '0' && *s <= '9') ||
	       (!strncmp(s, "\xEF\xBC", 2) && (unsigned char)s[2] >= 0x90 &&
	        (unsigned char)s[2] <= 0x99);
}

static int paragraph_kind(const pc_node *n)
{
	const pc_node *t = n->first;
	if (!t || t->kind != PC_TEXT || !t->literal)
		return PARA_TEXT;
	const char *s = skip_blanks(t->literal), *r;
	static const char *const sources[] = {"資料", "出典", "出所", "注", "備考"};
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
		if ((r = after_prefix(s, sources[i])) && (*r == ':' || after_prefix(r, "：")))
			return PARA_SOURCE;
	/* 図1, 図表2-1, 表3, 【図4】: a short line that is no sentence */
	const char *p = s;
	if ((r = after_prefix(p, "【")) || (r = after_prefix(p, "［")) ||
	    (r = after_prefix(p, "[")))
		p = r;
	if ((r = after_prefix(p, "図表")) || (r = after_prefix(p, "図")) ||
	    (r = after_prefix(p, "表"))) {
		r = skip_blanks(r);
		size_t len = strlen(s);
		bool sentence = len >= 3 && !strcmp(s + len - 3, "。");
		if (ascii_or_wide_digit(r) && !sentence && !n->first->next && len <= 40 * 3)
			return PARA_FIGURE_TITLE;
	}
	return PARA_TEXT;
}

/* Marks the last item made, and the spaces after it, to be kept with what
 * comes next: a source note stays under its table or figure. */
static void keep_previous(L *l)
{
	for (size_t i = l->p.items.n; i-- > 0;) {
		item *it = &l->p.items.v[i];
		it->flags |= IT_KEEP;
		if (it->op1 > it->op0)
			break;
	}
}

/* A note of a source (資料：…) in small grey type under what it notes,
 * or the title of a figure as a table's caption is set, kept with it. */
static void note_paragraph(L *l, const pc_node *n, frame f, int kind)
{
	bool note = kind == PARA_SOURCE;
	size_t g0 = pdf_glyph_end(l);
	sty s = note ? pdf_sty(l->f.table, TABLE_SIZE - 0.5f, C_GREY)
	             : pdf_sty(l->f.bold, TABLE_SIZE + 0.5f, C_TEXT);
	pdf_inlines(l, n->first, &s);
	while (pdf_glyph_end(l) > g0 && (pdf_glyph(l, pdf_glyph_end(l) - 1)->cp == ' ' ||
	                                 pdf_glyph(l, pdf_glyph_end(l) - 1)->cp == 0x3000))
		pdf_glyph_cut(l, pdf_glyph_end(l) - 1);
	if (pdf_glyph_end(l) == g0)
		return;
	pc_parshape sh = {f.w, 0, note ? TABLE_SIZE : 0, true, false};
	int para = pdf_tag_open(l, PC_TAG_P);
	if (note) {
		keep_previous(l);
		pdf_set_lines(l, g0, f.x, &sh, TABLE_PITCH, 2, AL_LEFT, 0);
	} else {
		size_t i0 = l->p.items.n;
		pdf_set_lines(l, g0, f.x, &sh, TABLE_PITCH + 2, BODY_PITCH * 0.5f, AL_LEFT,
		              IT_KEEP);
		for (size_t i = i0; i < l->p.items.n; i++)
			l->p.items.v[i].flags |= IT_KEEP;
	}
	pdf_tag_close(l, para);
}

/*
 * A paragraph: body text justified with a one-em indent, or hanging after
 * a list marker (prefix, drawn on its own, the text at hang) or after a
 * marker written in the text itself (・ ① （1） …), which then replaces
 * the list's bullet. keep_last: flags of its last line (IT_KEEP before a
 * table it introduces).
 */
static void paragraph(L *l, const pc_node *n, frame f, const pc_glyph *prefix, size_t nprefix,
                      float hang, bool indent, unsigned keep_last)
{
	int kind = nprefix ? PARA_TEXT : paragraph_kind(n);
	if (kind != PARA_TEXT) {
		note_paragraph(l, n, f, kind);
		return;
	}
	size_t mk0 = pdf_glyph_end(l);
	for (size_t i = 0; i < nprefix; i++)
		PUSH(l->p.g, prefix[i]);
	size_t g0 = pdf_glyph_end(l);
	sty s = body_sty(l);
	pdf_inlines(l, n->first, &s);
	/* leading and trailing spaces go */
	while (pdf_glyph_end(l) > g0 && pdf_glyph(l, pdf_glyph_end(l) - 1)->cp == ' ')
		pdf_glyph_cut(l, pdf_glyph_end(l) - 1);
	size_t lead = 0;
	while (g0 + lead < pdf_glyph_end(l) && pdf_glyph(l, g0 + lead)->cp == ' ')
		lead++;
	/* an indent typed as U+3000 gives way to the automatic one */
	if (indent && g0 + lead < pdf_glyph_end(l) && pdf_glyph(l, g0 + lead)->cp == 0x3000)
		lead++;
	if (lead) {
		memmove(pdf_glyph(l, g0), pdf_glyph(l, g0 + lead),
		        (pdf_glyph_end(l) - g0 - lead) * sizeof *l->p.g.v);
		pdf_glyph_cut(l, pdf_glyph_end(l) - (lead));
	}
	size_t n_g = pdf_glyph_end(l) - g0;
	if (n_g > 0) {
		pc_parshape sh = {f.w, indent ? BODY_SIZE : 0, 0, false, false};
		if (mk0 < g0)
			sh.first = sh.rest = hang;
		size_t mk = marker_len(pdf_glyph(l, g0), n_g);
		if (mk && mk0 < g0)
			mk0 = g0; /* the author's own marker (①…) and no bullet before it */
		if (mk0 == g0 && !mk && (f.role == PC_ROLE_ISSUES || f.role == PC_ROLE_ROLES)) {
			/* 現状と課題・市民の役割 read as lists */
			size_t at = pdf_glyph_end(l);
			sty b = body_sty(l);
			pdf_add_cp(l, 0x30FB, &b, 0, NULL, 0);
			pc_glyph m = *pdf_glyph(l, at);
			memmove(pdf_glyph(l, g0 + 1), pdf_glyph(l, g0),
			        (at - g0) * sizeof *l->p.g.v);
			*pdf_glyph(l, g0) = m;
			mk = 1;
			n_g++;
		}
		if (mk) {
			sh.first = 0;
			sh.rest = pdf_glyphs_width(pdf_glyph(l, g0), mk);
			for (size_t i = g0 + 1; i < g0 + mk + (g0 + mk < pdf_glyph_end(l)); i++)
				pdf_glyph(l, i)->flags |= PC_G_GLUE;
		}
		int para = pdf_tag_open(l, PC_TAG_P);
		pdf_set_lines_marked(l, mk0, g0, g0, f.x, &sh, BODY_PITCH, 0, AL_JUSTIFY,
		                     keep_last);
		pdf_tag_close(l, para);
	}
	/* images of the paragraph, as blocks */
	for (const pc_node *c = n->first; c; c = c->next)
		if (c->kind == PC_IMAGE)
			image_block(l, c, f);
		else if (c->kind == PC_LINK)
			for (const pc_node *cc = c->first; cc; cc = cc->next)
				if (cc->kind == PC_IMAGE)
					image_block(l, cc, f);
}

/* Whether a block is a table or a figure (a paragraph of images alone, or
 * a figure's title), which the text before it introduces. */
static bool is_figure(const pc_node *n)
{
	if (!n)
		return false;
	if (n->kind == PC_TABLE)
		return n->u.table->kind != PC_TABLE_GLOSSARY;
	if (n->kind != PC_PARAGRAPH)
		return false;
	if (paragraph_kind(n) == PARA_FIGURE_TITLE)
		return true;
	for (const pc_node *c = n->first; c; c = c->next)
		if (c->kind != PC_IMAGE && !(c->kind == PC_TEXT && !*skip_blanks(c->literal)) &&
		    c->kind != PC_SOFTBREAK)
			return false;
	return n->first != NULL;
}

static void list_block(L *l, const pc_node *n, frame f)
{
	static const uint32_t bullets[] = {0x30FB, 0x25C7, 0x25B6};
	int num = n->u.list.start ? n->u.list.start : 1;
	int list = pdf_tag_open(l, PC_TAG_L);
	for (const pc_node *it = n->first; it; it = it->next, num++) {
		int li = pdf_tag_open(l, PC_TAG_LI);
		int lbl = pdf_tag_leaf(l, PC_TAG_LBL);
		int body = pdf_tag_open(l, PC_TAG_LBODY);
		size_t m0 = pdf_glyph_end(l);
		float pad = 0;
		sty s = body_sty(l);
		s.latin = false;
		if (n->u.list.ordered) {
			char buf[24];
			snprintf(buf, sizeof buf, "%d.", num);
			pdf_add_str(l, buf, &s);
			float w = pdf_glyphs_width(pdf_glyph(l, m0), pdf_glyph_end(l) - m0);
			/* the text hangs at the next whole em after the number */
			pad = ceilf((w + BODY_SIZE * 0.3f) / BODY_SIZE) * BODY_SIZE - w;
		} else
			pdf_add_cp(l, bullets[f.list_depth % 3], &s, 0, NULL, 0);
		size_t nm = pdf_glyph_end(l) - m0;
		pc_glyph mk[8];
		if (nm > 8)
			nm = 8;
		memcpy(mk, pdf_glyph(l, m0), nm * sizeof *mk);
		pdf_glyph_cut(l, m0);
		float hang = pdf_glyphs_width(mk, nm) + pad;
		frame inner = {f.x + hang, f.w - hang, f.role, f.list_depth + 1};
		const pc_node *c = it->first;
		if (c && c->kind == PC_PARAGRAPH) {
			frame pf = {f.x, f.w, PC_ROLE_NONE, f.list_depth};
			l->tag_lbl = lbl; /* the marker drawn before the first line */
			paragraph(l, c, pf, mk, nm, hang, false, 0);
			l->tag_lbl = 0;
			c = c->next;
		} else {
			size_t g0 = pdf_glyph_end(l);
			for (size_t i = 0; i < nm; i++)
				PUSH(l->p.g, mk[i]);
			pc_parshape sh = {f.w, 0, 0, true, false};
			size_t o0 = l->p.ops.n;
			pdf_set_lines(l, g0, f.x, &sh, BODY_PITCH, 0, AL_LEFT, IT_KEEP);
			for (size_t k = o0; k < l->p.ops.n; k++)
				l->p.ops.v[k].se = lbl; /* the marker alone on its line */
		}
		if (c)
			blocks(l, c, inner);
		pdf_tag_close(l, body);
		pdf_tag_close(l, li);
	}
	pdf_tag_close(l, list);
}

static void code_block(L *l, const pc_node *n, frame f)
{
	int b = pdf_open_box(l, BOX_CODE, f.x, f.w);
	int code = pdf_tag_open(l, PC_TAG_CODE);
	pdf_new_item(l, BODY_PITCH * 0.3f, IT_KEEP);
	pdf_end_item(l, 4);
	const char *s = n->literal ? n->literal : "";
	sty st = pdf_sty(l->f.code, TABLE_SIZE, C_TEXT);
	st.latin = false; /* code keeps its fixed-width Latin */
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		size_t g0 = pdf_glyph_end(l);
		if (len)
			pdf_add_text(l, s, len, &st, n);
		else
			pdf_add_cp(l, ' ', &st, 0, NULL, 0);
		pc_parshape sh = {f.w - 12, 0, 0, true, false};
		pdf_set_lines(l, g0, f.x + 6, &sh, TABLE_PITCH, 0, AL_LEFT, 0);
		s += len + (e ? 1 : 0);
	}
	pdf_new_item(l, 0, 0);
	pdf_end_item(l, 4);
	pdf_tag_close(l, code);
	pdf_close_box(l, b);
}

/* The glossary box: every term of a glossary table, in the order written. */
static void glossary_box(L *l, const pc_node *n, frame f, bool titled)
{
	const pc_table *t = n->u.table;
	int b = pdf_open_box(l, BOX_FILL, f.x, f.w);
	float pad = 8;
	frame in = {f.x + pad, f.w - 2 * pad, PC_ROLE_NONE, 0};
	int note = pdf_tag_open(l, PC_TAG_NOTE);
	pdf_new_item(l, BODY_PITCH * 0.6f, IT_KEEP);
	pdf_end_item(l, 4);
	if (titled) {
		int head = pdf_tag_open(l, PC_TAG_P);
		size_t g0 = pdf_glyph_end(l);
		sty s = pdf_sty(l->f.head, 10, C_ACCENT);
		pdf_add_str(l, t->caption ? t->caption : pc_appendix_title(PC_APPX_GLOSSARY), &s);
		pc_parshape sh = {in.w, 0, 0, true, true};
		pdf_set_lines(l, g0, in.x, &sh, 16, 0, AL_LEFT, IT_KEEP);
		pdf_tag_close(l, head);
	}
	for (size_t i = 0; i < t->nterms; i++) {
		int entry = pdf_tag_open(l, PC_TAG_P);
		size_t g0 = pdf_glyph_end(l);
		pc_gloss_entry e = pc_gloss_entry_of(l->doc, t->terms[i]);
		if (t->terms[i]->mark) { /* the ※n the term has in this measure */
			sty m = pdf_sty(l->f.table, 9.5f, C_ACCENT);
			pdf_add_str(l, t->terms[i]->mark, &m);
			pdf_add_str(l, " ", &m);
		}
		pdf_gloss_entry(l, &e);
		pc_parshape sh = {in.w, 0, 9, false, false};
		size_t i0 = l->p.items.n;
		pdf_set_lines(l, g0, in.x, &sh, 14.5f, i ? 3 : 0, AL_JUSTIFY, 0);
		/* the definition's destination sits on its first line */
		pdf_attach_dest(l, i0, pdf_key_of_term(&l->keys, t->terms[i]));
		pdf_tag_close(l, entry);
	}
	pdf_new_item(l, 0, 0);
	pdf_end_item(l, 6);
	pdf_tag_close(l, note);
	pdf_close_box(l, b);
}

static void blocks(L *l, const pc_node *first, frame f)
{
	if (++l->depth > MAX_NEST) {
		l->depth--;
		return;
	}
	for (const pc_node *n = first; n; n = n->next) {
		switch (n->kind) {
		case PC_SECTION:
			section(l, n, f);
			break;
		case PC_PARAGRAPH:
			/* a short text before a table stays with it */
			paragraph(l, n, f, NULL, 0, 0,
			          f.list_depth == 0 && f.role != PC_ROLE_GLOSSARY,
			          is_figure(n->next) ? IT_KEEP : 0);
			break;
		case PC_LIST:
			list_block(l, n, f);
			break;
		case PC_ITEM:
			blocks(l, n->first, f);
			break;
		case PC_BLOCKQUOTE: {
			int b = pdf_open_box(l, BOX_BAR, f.x, f.w);
			int quote = pdf_tag_open(l, PC_TAG_BLOCKQUOTE);
			frame in = {f.x + BODY_SIZE * 1.5f, f.w - BODY_SIZE * 1.5f, f.role,
			            f.list_depth};
			blocks(l, n->first, in);
			pdf_tag_close(l, quote);
			pdf_close_box(l, b);
			break;
		}
		case PC_CODE_BLOCK:
			code_block(l, n, f);
			break;
		case PC_THEMATIC_BREAK: {
			pdf_new_item(l, BODY_PITCH * 0.5f, 0);
			op *o = pdf_new_op(l, OP_LINE);
			o->x = f.x;
			o->y = BODY_PITCH * 0.5f;
			o->w = f.w;
			o->stroke = C_RULE;
			o->lw = 0.6f;
			pdf_end_item(l, BODY_PITCH);
			break;
		}
		case PC_TABLE: {
			if (n->u.table->kind == PC_TABLE_GLOSSARY)
				break; /* set at the end of its section */
			const pc_node *table = n;
			pdf_table_block(l, table, f);
			/* its source note under it, before its charts */
			if (n->next && n->next->kind == PC_PARAGRAPH &&
			    paragraph_kind(n->next) == PARA_SOURCE) {
				n = n->next;
				note_paragraph(l, n, f, PARA_SOURCE);
			}
			if (table->u.table->kind == PC_TABLE_INDICATORS && l->doc->meta.charts)
				pdf_kpi_charts(l, table, f);
			break;
		}
		default:
			break;
		}
		pdf_commit_glyphs(l); /* the block is set: its glyphs as drawn */
	}
	l->depth--;
}

static void heading_glyphs(L *l, const pc_section *s, const sty *st)
{
	if (s->heading && s->heading->first)
		pdf_inlines(l, s->heading->first, st);
	else
		pdf_add_str(l, s->title ? s->title : "", st);
}

static void sdg_badges(L *l, const pc_section *s, frame f)
{
	if (!s->nsdgs)
		return;
	float sz = 26, gap = 4;
	int para = pdf_tag_open(l, PC_TAG_P); /* 「SDGs 3 11」 */
	pdf_new_item(l, 6, IT_KEEP);
	float x = f.x + f.w - s->nsdgs * (sz + gap) + gap;
	size_t g0 = pdf_glyph_end(l);
	sty lab = pdf_sty(l->f.head, 8, C_GREY);
	pdf_add_str(l, "SDGs", &lab);
	pc_parshape sh = {60, 0, 0, true, false};
	pdf_text_ops(l, g0, x - 32, sz / 2 - 6, &sh, 12, AL_LEFT);
	for (int i = 0; i < s->nsdgs; i++) {
		int goal = s->sdgs[i];
		if (goal < 1 || goal > 17)
			continue;
		op *o = pdf_new_op(l, OP_RECT);
		o->x = x;
		o->y = 0;
		o->w = sz;
		o->h = sz;
		o->fill = pc_sdg_colour(goal);
		size_t g1 = pdf_glyph_end(l);
		sty num = pdf_sty(l->f.head, 12, pc_sdg_text_colour(goal));
		char buf[8];
		snprintf(buf, sizeof buf, "%d", goal);
		pdf_add_str(l, buf, &num);
		pc_parshape nsh = {sz, 0, 0, true, false};
		pdf_text_ops(l, g1, x, (sz - 16) / 2, &nsh, 16, AL_CENTER);
		x += sz + gap;
	}
	pdf_end_item(l, sz);
	pdf_tag_close(l, para);
}

/* The headings of blocks inside a measure, each level its own style. */
typedef struct head_style {
	float size;
	bool heading_face; /* else the bold face */
	uint32_t colour;
	const char *marker; /* before an unnumbered title (accent colour); NULL none */
	bool space_above;   /* a blank line of the grid above */
	bool rule;          /* a rule under the last line */
} head_style;

static const head_style head_styles[] = {
    {12, true, C_TEXT, "■", true, true},          /* ###: 目指す姿, 現状と課題 … */
    {11, true, C_TEXT, "◆", true, false},         /* ####: ① an action */
    {10.5f, true, C_TEXT, "◇", false, false},     /* ##### */
    {10.5f, false, C_ACCENT, NULL, false, false}, /* ###### and deeper */
};

static void block_heading(L *l, const pc_node *n, frame f, pdf_key key)
{
	const pc_section *s = n->u.section;
	const char *nl = s->heading_label;
	size_t nstyles = sizeof head_styles / sizeof head_styles[0];
	size_t k = (size_t)(s->level - 3) < nstyles ? (size_t)(s->level - 3) : nstyles - 1;
	const head_style *hs = &head_styles[k];
	int face = hs->heading_face ? l->f.head : l->f.bold;
	int h = pdf_tag_open(l, pdf_tag_heading(s->level));
	size_t g0 = pdf_glyph_end(l);
	sty mark = pdf_sty(l->f.head, hs->size, C_ACCENT);
	/* a number (①) marks the heading itself, except at level 3 */
	if (hs->marker && (k == 0 || !s->number))
		pdf_add_str(l, hs->marker, &mark);
	if (nl) {
		sty st = pdf_sty(face, hs->size, C_ACCENT);
		pdf_add_str(l, nl, &st);
		pdf_add_str(l, " ", &st);
	}
	sty st = pdf_sty(face, hs->size, hs->colour);
	heading_glyphs(l, s, &st);
	pc_parshape sh = {f.w, 0, hs->size, true, true};
	pdf_balance_lines(l, g0, pdf_glyph_end(l), &sh);
	size_t i0 = l->p.items.n;
	/* on the line grid */
	pdf_set_lines(l, g0, f.x, &sh, BODY_PITCH, hs->space_above ? BODY_PITCH : 0, AL_LEFT,
	              IT_KEEP);
	for (size_t i = i0; i < l->p.items.n; i++)
		l->p.items.v[i].flags |= IT_KEEP;
	if (i0 < l->p.items.n) {
		/* destination at the first line, rule under the last one */
		pdf_attach_dest(l, i0, key);
		if (hs->rule) {
			item *last = &l->p.items.v[l->p.items.n - 1];
			op *rule = pdf_new_op(l, OP_LINE);
			rule->x = f.x;
			rule->y = last->h - 1;
			rule->w = f.w;
			rule->stroke = C_RULE;
			rule->lw = 0.6f;
			last->op1 = l->p.ops.n;
		}
	}
	pdf_tag_close(l, h);
}

static void heading(L *l, const pc_node *n, frame f, pdf_key key)
{
	const pc_section *s = n->u.section;
	const char *nl = s->heading_label;
	int hd = s->level <= 2 ? pdf_tag_open(l, pdf_tag_heading(s->level)) : -1;
	if (s->level == 1) {
		/* chapter opening: a new page, the number and a large title */
		item *it = pdf_new_item(l, 0, IT_NEWPAGE | IT_KEEP | IT_CHAPTER | pdf_recto(l));
		it->head = key;
		pdf_dest_op(l, key);
		op *bar = pdf_new_op(l, OP_RECT);
		bar->x = f.x;
		bar->y = 0;
		bar->w = f.w;
		bar->h = 5;
		bar->fill = C_ACCENT;
		float y = 22;
		if (nl) {
			size_t g0 = pdf_glyph_end(l);
			sty st = pdf_sty(l->f.head, 13, C_ACCENT);
			pdf_add_str(l, nl, &st);
			pc_parshape sh = {f.w, 0, 0, true, true};
			y += pdf_text_ops(l, g0, f.x, y, &sh, 20, AL_LEFT);
		}
		size_t g0 = pdf_glyph_end(l);
		sty st = pdf_sty(l->f.head, 22, C_TEXT);
		heading_glyphs(l, s, &st);
		pc_parshape sh = {f.w, 0, 0, true, true};
		pdf_balance_lines(l, g0, pdf_glyph_end(l), &sh); /* never 「まち｜づくり」 */
		y += pdf_text_ops(l, g0, f.x, y, &sh, 32, AL_LEFT);
		y += 10;
		op *rule = pdf_new_op(l, OP_LINE);
		rule->x = f.x;
		rule->y = y;
		rule->w = f.w;
		rule->stroke = C_RULE;
		rule->lw = 0.8f;
		pdf_end_item(l, y + 16);
		pdf_tag_close(l, hd);
		return;
	}
	if (s->level == 2) {
		/* measure: a tinted band with the number on the accent colour */
		pdf_new_item(l, BODY_PITCH * 1.2f, IT_KEEP);
		pdf_dest_op(l, key);
		float numw = 0;
		size_t ops_band = l->p.ops.n;
		op *band = pdf_new_op(l, OP_RECT);
		band->x = f.x;
		band->y = 0;
		band->w = f.w;
		band->fill = C_ACCENT_LIGHT;
		/* An index, not a pointer: the ops vector grows below. */
		size_t numbox = 0;
		if (nl) {
			size_t g0 = pdf_glyph_end(l);
			sty st = pdf_sty(l->f.head, 12, C_WHITE);
			pdf_add_str(l, nl, &st);
			numw = pdf_glyphs_width(pdf_glyph(l, g0), pdf_glyph_end(l) - g0) + 16;
			if (numw > f.w / 3)
				numw = f.w / 3;
			op *nb = pdf_new_op(l, OP_RECT);
			nb->x = f.x;
			nb->y = 0;
			nb->w = numw;
			nb->fill = C_ACCENT;
			numbox = (size_t)(nb - l->p.ops.v) + 1;
			pc_parshape sh = {numw - 8, 0, 0, true, true};
			pdf_text_ops(l, g0, f.x + 4, 0, &sh, 0, AL_CENTER); /* placed below */
		}
		size_t nl_ops = l->p.ops.n;
		size_t g0 = pdf_glyph_end(l);
		sty st = pdf_sty(l->f.head, 15, C_TEXT);
		heading_glyphs(l, s, &st);
		pc_parshape sh = {f.w - numw - 20, 0, 0, true, true};
		pdf_balance_lines(l, g0, pdf_glyph_end(l), &sh);
		float th = pdf_text_ops(l, g0, f.x + numw + 10, 8, &sh, 22, AL_LEFT);
		float h = th + 16;
		if (h < 34)
			h = 34;
		l->p.ops.v[ops_band].h = h;
		if (numbox) {
			l->p.ops.v[numbox - 1].h = h;
			/* centre the number's lines vertically in the box */
			for (size_t k = ops_band + 2; k < nl_ops; k++)
				if (l->p.ops.v[k].kind == OP_TEXT)
					l->p.ops.v[k].y += (h - 12 * 1.3f) / 2;
		}
		pdf_end_item(l, h);
		pdf_tag_close(l, hd);
		sdg_badges(l, s, f);
		return;
	}
	pdf_tag_close(l, hd);
	block_heading(l, n, f, key);
}

static void section(L *l, const pc_node *n, frame f)
{
	const pc_section *s = n->u.section;
	pdf_key key = pdf_key_of_node(&l->keys, n);
	int sect = pdf_tag_open(l, PC_TAG_SECT);
	heading(l, n, f, key);
	frame in = f;
	in.role =
	    s->role ? s->role
	            : (f.role == PC_ROLE_ISSUES || f.role == PC_ROLE_ROLES ? f.role : PC_ROLE_NONE);
	int b = -1;
	if (s->role == PC_ROLE_VISION) {
		b = pdf_open_box(l, BOX_FRAME, f.x, f.w);
		in.x += 10;
		in.w -= 20;
		pdf_new_item(l, 4, IT_KEEP);
		pdf_end_item(l, 8);
	}
	blocks(l, n->first, in);
	if (b >= 0) {
		pdf_new_item(l, 0, 0);
		pdf_end_item(l, 8);
		pdf_close_box(l, b);
	}
	/* the glossary box at the end of the section that defines the terms */
	for (const pc_node *c = n->first; c; c = c->next)
		if (c->kind == PC_TABLE && c->u.table->kind == PC_TABLE_GLOSSARY)
			glossary_box(l, c, f, s->role != PC_ROLE_GLOSSARY);
	pdf_tag_close(l, sect);
}

void pdf_body(L *l)
{
	frame f = {BLOCK_X, BLOCK_W, PC_ROLE_NONE, 0};
	/* blocks before the first chapter start on their own page */
	const pc_node *root = l->doc->root;
	if (root && root->first && root->first->kind != PC_SECTION) {
		pdf_new_item(l, 0, IT_NEWPAGE | pdf_recto(l));
		pdf_end_item(l, 0);
	}
	if (root)
		blocks(l, root->first, f);
}
