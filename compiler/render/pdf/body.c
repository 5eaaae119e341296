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
	sty s = pdf_sty(l->f.body, BODY_SIZE, C_TEXT);
	s.latin = true;
	return s;
}

static void blocks(L *l, const pc_node *first, frame f);
static void section(L *l, const pc_node *n, frame f);

/* Number of glyphs of a list marker at the start of a paragraph
 * (・ ● ◇ ■ ▶ ① … (1) 1. ), with a following space; 0 when none. */
static size_t marker_len(const pc_glyph *g, size_t n)
{
	if (!n)
		return 0;
	uint32_t c = g[0].cp;
	size_t k = 0;
	static const uint32_t marks[] = {0x30FB, 0x25CF, 0x25C7, 0x25A0, 0x25B6, 0x25CB, 0x25C6,
	                                 0x25A1, 0x2605, 0x25B7, 0x2022, 0x203B, 0x25BC, 0x25BA};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (c == marks[i])
			k = 1;
	if ((c >= 0x2460 && c <= 0x2473) || (c >= 0x3251 && c <= 0x325F))
		k = 1;
	if (!k && (c == 0xFF08 || c == '(')) {
		size_t i = 1;
		while (i < n && i < 4 &&
		       ((g[i].cp >= '0' && g[i].cp <= '9') ||
		        (g[i].cp >= 0xFF10 && g[i].cp <= 0xFF19)))
			i++;
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
	pdf_new_item(l, BODY_PITCH * 0.5f, 0);
	op *o = pdf_new_op(l, OP_IMAGE);
	o->x = f.x + (f.w - w) / 2;
	o->y = 0;
	o->w = w;
	o->h = h;
	o->id = id;
	float total = h;
	const char *alt = pc_node_text(l->doc, img);
	if (alt && *alt) {
		size_t g0 = l->p.g.n;
		sty s = pdf_sty(l->f.table, TABLE_SIZE, C_GREY);
		pdf_add_str(l, alt, &s);
		pc_parshape sh = {f.w, 0, 0, true, true};
		total += 4 + pdf_text_ops(l, g0, f.x, h + 4, &sh, TABLE_PITCH, AL_CENTER);
	}
	pdf_end_item(l, total + 4);
}

/*
 * A paragraph: body text justified with a one-em indent, or hanging after
 * a list marker (prefix, drawn on its own, the text at hang) or after a
 * marker written in the text itself (・ ① （1） …).
 */
static void paragraph(L *l, const pc_node *n, frame f, const pc_glyph *prefix, size_t nprefix,
                      float hang, bool indent)
{
	size_t mk0 = l->p.g.n;
	for (size_t i = 0; i < nprefix; i++)
		PUSH(l->p.g, prefix[i]);
	size_t g0 = l->p.g.n;
	sty s = body_sty(l);
	pdf_inlines(l, n->first, &s);
	/* leading and trailing spaces go */
	while (l->p.g.n > g0 && l->p.g.v[l->p.g.n - 1].cp == ' ')
		l->p.g.n--;
	size_t lead = 0;
	while (g0 + lead < l->p.g.n && l->p.g.v[g0 + lead].cp == ' ')
		lead++;
	/* an indent typed as U+3000 gives way to the automatic one */
	if (indent && g0 + lead < l->p.g.n && l->p.g.v[g0 + lead].cp == 0x3000)
		lead++;
	if (lead) {
		memmove(l->p.g.v + g0, l->p.g.v + g0 + lead,
		        (l->p.g.n - g0 - lead) * sizeof *l->p.g.v);
		l->p.g.n -= lead;
	}
	size_t n_g = l->p.g.n - g0;
	if (n_g > 0) {
		pc_parshape sh = {f.w, indent ? BODY_SIZE : 0, 0, false, false};
		if (mk0 < g0)
			sh.first = sh.rest = hang;
		size_t mk = mk0 < g0 ? 0 : marker_len(l->p.g.v + g0, n_g);
		if (mk0 == g0 && !mk && (f.role == PC_ROLE_ISSUES || f.role == PC_ROLE_ROLES)) {
			/* 現状と課題・市民の役割 read as lists */
			size_t at = l->p.g.n;
			sty b = body_sty(l);
			pdf_add_cp(l, 0x30FB, &b, 0, NULL, 0);
			pc_glyph m = l->p.g.v[at];
			memmove(l->p.g.v + g0 + 1, l->p.g.v + g0, (at - g0) * sizeof *l->p.g.v);
			l->p.g.v[g0] = m;
			mk = 1;
			n_g++;
		}
		if (mk) {
			sh.first = 0;
			sh.rest = pdf_glyphs_width(l->p.g.v + g0, mk);
			for (size_t i = g0 + 1; i < g0 + mk + (g0 + mk < l->p.g.n); i++)
				l->p.g.v[i].flags |= PC_G_GLUE;
		}
		pdf_set_lines_marked(l, mk0, g0, g0, f.x, &sh, BODY_PITCH, 0, AL_JUSTIFY, 0);
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

static void list_block(L *l, const pc_node *n, frame f)
{
	static const uint32_t bullets[] = {0x30FB, 0x25C7, 0x25B6};
	int num = n->u.list.start ? n->u.list.start : 1;
	for (const pc_node *it = n->first; it; it = it->next, num++) {
		size_t m0 = l->p.g.n;
		float pad = 0;
		sty s = body_sty(l);
		s.latin = false;
		if (n->u.list.ordered) {
			char buf[24];
			snprintf(buf, sizeof buf, "%d.", num);
			pdf_add_str(l, buf, &s);
			float w = pdf_glyphs_width(l->p.g.v + m0, l->p.g.n - m0);
			/* the text hangs at the next whole em after the number */
			pad = ceilf((w + BODY_SIZE * 0.3f) / BODY_SIZE) * BODY_SIZE - w;
		} else
			pdf_add_cp(l, bullets[f.list_depth % 3], &s, 0, NULL, 0);
		size_t nm = l->p.g.n - m0;
		pc_glyph mk[8];
		if (nm > 8)
			nm = 8;
		memcpy(mk, l->p.g.v + m0, nm * sizeof *mk);
		l->p.g.n = m0;
		float hang = pdf_glyphs_width(mk, nm) + pad;
		frame inner = {f.x + hang, f.w - hang, f.role, f.list_depth + 1};
		const pc_node *c = it->first;
		if (c && c->kind == PC_PARAGRAPH) {
			frame pf = {f.x, f.w, PC_ROLE_NONE, f.list_depth};
			paragraph(l, c, pf, mk, nm, hang, false);
			c = c->next;
		} else {
			size_t g0 = l->p.g.n;
			for (size_t i = 0; i < nm; i++)
				PUSH(l->p.g, mk[i]);
			pc_parshape sh = {f.w, 0, 0, true, false};
			pdf_set_lines(l, g0, f.x, &sh, BODY_PITCH, 0, AL_LEFT, IT_KEEP);
		}
		if (c)
			blocks(l, c, inner);
	}
}

static void code_block(L *l, const pc_node *n, frame f)
{
	int b = pdf_open_box(l, BOX_CODE, f.x, f.w);
	pdf_new_item(l, BODY_PITCH * 0.3f, IT_KEEP);
	pdf_end_item(l, 4);
	const char *s = n->literal ? n->literal : "";
	sty st = pdf_sty(l->f.table, TABLE_SIZE, C_TEXT);
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		size_t g0 = l->p.g.n;
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
	pdf_close_box(l, b);
}

/* The glossary box: every term of a glossary table, in the order written. */
static void glossary_box(L *l, const pc_node *n, frame f, bool titled)
{
	const pc_table *t = &n->u.table;
	int b = pdf_open_box(l, BOX_FILL, f.x, f.w);
	float pad = 8;
	frame in = {f.x + pad, f.w - 2 * pad, PC_ROLE_NONE, 0};
	pdf_new_item(l, BODY_PITCH * 0.6f, IT_KEEP);
	pdf_end_item(l, 4);
	if (titled) {
		size_t g0 = l->p.g.n;
		sty s = pdf_sty(l->f.head, 10, C_ACCENT);
		pdf_add_str(l, t->caption ? t->caption : pc_appendix_title(PC_APPX_GLOSSARY), &s);
		pc_parshape sh = {in.w, 0, 0, true, true};
		pdf_set_lines(l, g0, in.x, &sh, 16, 0, AL_LEFT, IT_KEEP);
	}
	for (size_t i = 0; i < t->nterms; i++) {
		size_t g0 = l->p.g.n;
		pc_gloss_entry e = pc_gloss_entry_of(l->doc, t->terms[i]);
		pdf_gloss_entry(l, &e);
		pc_parshape sh = {in.w, 0, 9, false, false};
		size_t i0 = l->p.items.n;
		pdf_set_lines(l, g0, in.x, &sh, 14.5f, i ? 3 : 0, AL_JUSTIFY, 0);
		/* the definition's destination sits on its first line */
		pdf_attach_dest(l, i0, pdf_key_of_term(&l->keys, t->terms[i]));
	}
	pdf_new_item(l, 0, 0);
	pdf_end_item(l, 6);
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
			paragraph(l, n, f, NULL, 0, 0,
			          f.list_depth == 0 && f.role != PC_ROLE_GLOSSARY);
			break;
		case PC_LIST:
			list_block(l, n, f);
			break;
		case PC_ITEM:
			blocks(l, n->first, f);
			break;
		case PC_BLOCKQUOTE: {
			int b = pdf_open_box(l, BOX_BAR, f.x, f.w);
			frame in = {f.x + BODY_SIZE * 1.5f, f.w - BODY_SIZE * 1.5f, f.role,
			            f.list_depth};
			blocks(l, n->first, in);
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
		case PC_TABLE:
			if (n->u.table.kind == PC_TABLE_GLOSSARY)
				break; /* set at the end of its section */
			pdf_table_block(l, n, f);
			if (n->u.table.kind == PC_TABLE_INDICATORS && l->doc->meta.charts)
				pdf_kpi_charts(l, n, f);
			break;
		default:
			break;
		}
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
	pdf_new_item(l, 6, IT_KEEP);
	float x = f.x + f.w - s->nsdgs * (sz + gap) + gap;
	size_t g0 = l->p.g.n;
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
		size_t g1 = l->p.g.n;
		sty num = pdf_sty(l->f.head, 12, pc_sdg_text_colour(goal));
		char buf[8];
		snprintf(buf, sizeof buf, "%d", goal);
		pdf_add_str(l, buf, &num);
		pc_parshape nsh = {sz, 0, 0, true, false};
		pdf_text_ops(l, g1, x, (sz - 16) / 2, &nsh, 16, AL_CENTER);
		x += sz + gap;
	}
	pdf_end_item(l, sz);
}

static void heading(L *l, const pc_node *n, frame f, pdf_key key)
{
	const pc_section *s = &n->u.section;
	const char *nl = s->heading_label;
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
			size_t g0 = l->p.g.n;
			sty st = pdf_sty(l->f.head, 13, C_ACCENT);
			pdf_add_str(l, nl, &st);
			pc_parshape sh = {f.w, 0, 0, true, true};
			y += pdf_text_ops(l, g0, f.x, y, &sh, 20, AL_LEFT);
		}
		size_t g0 = l->p.g.n;
		sty st = pdf_sty(l->f.head, 22, C_TEXT);
		heading_glyphs(l, s, &st);
		pc_parshape sh = {f.w, 0, 0, true, true};
		y += pdf_text_ops(l, g0, f.x, y, &sh, 32, AL_LEFT);
		y += 10;
		op *rule = pdf_new_op(l, OP_LINE);
		rule->x = f.x;
		rule->y = y;
		rule->w = f.w;
		rule->stroke = C_RULE;
		rule->lw = 0.8f;
		pdf_end_item(l, y + 16);
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
			size_t g0 = l->p.g.n;
			sty st = pdf_sty(l->f.head, 12, C_WHITE);
			pdf_add_str(l, nl, &st);
			numw = pdf_glyphs_width(l->p.g.v + g0, l->p.g.n - g0) + 16;
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
		size_t g0 = l->p.g.n;
		sty st = pdf_sty(l->f.head, 15, C_TEXT);
		heading_glyphs(l, s, &st);
		pc_parshape sh = {f.w - numw - 20, 0, 0, true, true};
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
		sdg_badges(l, s, f);
		return;
	}
	/* blocks inside a measure */
	float size = s->level == 3 ? 12 : 11;
	size_t g0 = l->p.g.n;
	sty mark = pdf_sty(l->f.head, size, C_ACCENT);
	if (s->level == 3)
		pdf_add_str(l, "■", &mark);
	else if (!s->number)
		pdf_add_str(l, "◆", &mark); /* a number (①) marks the heading itself */
	if (nl) {
		sty st = pdf_sty(l->f.head, size, C_ACCENT);
		pdf_add_str(l, nl, &st);
		pdf_add_str(l, " ", &st);
	}
	sty st = pdf_sty(l->f.head, size, C_TEXT);
	heading_glyphs(l, s, &st);
	pc_parshape sh = {f.w, 0, size, true, true};
	size_t i0 = l->p.items.n;
	/* on the line grid, a blank line above */
	pdf_set_lines(l, g0, f.x, &sh, BODY_PITCH, BODY_PITCH, AL_LEFT, IT_KEEP);
	for (size_t i = i0; i < l->p.items.n; i++)
		l->p.items.v[i].flags |= IT_KEEP;
	if (i0 < l->p.items.n) {
		/* destination at the first line, rule under the last one */
		pdf_attach_dest(l, i0, key);
		if (s->level == 3) {
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
}

static void section(L *l, const pc_node *n, frame f)
{
	const pc_section *s = &n->u.section;
	pdf_key key = pdf_key_of_node(&l->keys, n);
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
		if (c->kind == PC_TABLE && c->u.table.kind == PC_TABLE_GLOSSARY)
			glossary_box(l, c, f, s->role != PC_ROLE_GLOSSARY);
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
