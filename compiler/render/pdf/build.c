/*
 * PDF back end, the walker: the resolved tree into items (lines, heading
 * blocks, table rows, images, boxes) for one layout pass. Page numbers
 * printed by references, the contents and the index come from the
 * previous pass (l->printed).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../util/utf8.h"
#include "../sdgs.h"
#include "layout.h"

op *pdf_new_op(L *l, int kind)
{
	op o;
	memset(&o, 0, sizeof o);
	o.kind = (uint8_t)kind;
	o.fill = o.stroke = PC_DEV_NONE;
	PUSH(l->ops, o);
	return &l->ops.v[l->ops.n - 1];
}

/* Starts an item; its ops are those added until the next item starts. */
item *pdf_new_item(L *l, float before, unsigned flags)
{
	item it = {0, before, flags, l->cur_box, -1, -1, l->ops.n, l->ops.n};
	PUSH(l->items, it);
	return &l->items.v[l->items.n - 1];
}

void pdf_end_item(L *l, float h)
{
	item *it = &l->items.v[l->items.n - 1];
	it->op1 = l->ops.n;
	it->h = h;
}

static int open_box(L *l, int style, float x, float w)
{
	box b = {style, l->cur_box, x, w};
	PUSH(l->boxes, b);
	return l->cur_box = (int)l->boxes.n - 1;
}

static void close_box(L *l, int b)
{
	l->cur_box = l->boxes.v[b].parent;
}

/* Adds a destination op to an item already built (at the end of its ops),
 * shifting the ops of the items after it. */
static void attach_dest(L *l, size_t item_index, int key)
{
	if (key < 0 || item_index >= l->items.n)
		return;
	item *it = &l->items.v[item_index];
	op o;
	memset(&o, 0, sizeof o);
	o.kind = OP_DEST;
	o.id = key;
	PUSH(l->ops, o);
	it = &l->items.v[item_index];
	memmove(l->ops.v + it->op1 + 1, l->ops.v + it->op1, (l->ops.n - 1 - it->op1) * sizeof o);
	l->ops.v[it->op1] = o;
	it->op1++;
	for (size_t k = item_index + 1; k < l->items.n; k++) {
		l->items.v[k].op0++;
		l->items.v[k].op1++;
	}
}

static sty body_sty(const L *l)
{
	sty s = {l->f_body, BODY_SIZE, C_TEXT, -1, true, true, 0};
	return s;
}

/* ---- glyphs ---------------------------------------------------------- */

static bool is_latin_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       cp == '.' || cp == ',' || cp == '%' || cp == '-' || cp == '/' || cp == ':' ||
	       cp == '+' || cp == '&' || cp == '\'' || cp == '@' || cp == '#' || cp == '_';
}

static void add_cp(L *l, uint32_t cp, const sty *st, unsigned flags, const pc_node *src,
                   size_t charno)
{
	int face = st->face;
	if (st->latin && face == l->f_body && l->f_latin != l->f_body && is_latin_cp(cp))
		face = l->f_latin;
	int w = cp == 0x2028 ? 0 : pc_dev_width(l->dev, face, cp);
	if (w < 0) {
		if (l->warn && src) {
			char ch[8] = {0};
			pc_utf8_encode(cp, ch);
			unsigned col = src->pos.col;
			if (src->literal && !memchr(src->literal, '\n', strlen(src->literal)))
				col += (unsigned)charno;
			pc_diag(l->d, PC_W_GLYPH_MISSING, src->pos.file, src->pos.line, col, ch,
			        (unsigned)cp, "〓");
		}
		cp = 0x3013; /* 〓 geta mark: visibly a stand-in */
		w = pc_dev_width(l->dev, face, cp);
		if (w < 0) {
			face = l->f_body;
			w = pc_dev_width(l->dev, face, cp);
		}
		if (w < 0)
			w = 1000;
	}
	pc_glyph g;
	memset(&g, 0, sizeof g);
	g.cp = cp;
	g.face = (int16_t)face;
	g.flags = (uint8_t)flags;
	g.size = st->size;
	g.fw = (float)w * st->size / 1000.0f;
	g.rgb = st->rgb;
	g.link = st->link;
	g.rise = st->rise;
	PUSH(l->g, g);
}

/* Appends UTF-8 text; tabs and newlines become spaces. */
static void add_text(L *l, const char *s, size_t len, const sty *st, const pc_node *src)
{
	size_t charno = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = pc_utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		if (cp == '\n' || cp == '\t' || cp == '\r')
			cp = ' ';
		/* controls, zero-width characters and variation selectors
		 * (葛󠄀: the base glyph is printed) take no glyph */
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
		    cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) ||
		    (cp >= 0xE0100 && cp <= 0xE01EF)) {
			charno++;
			continue;
		}
		/* collapse runs of ASCII spaces */
		if (cp == ' ' && l->g.n && l->g.v[l->g.n - 1].cp == ' ') {
			charno++;
			continue;
		}
		add_cp(l, cp, st, 0, src, charno++);
	}
}

void pdf_add_str(L *l, const char *s, const sty *st)
{
	add_text(l, s, strlen(s), st, NULL);
}

/* ---- inlines --------------------------------------------------------- */

static int section_key(const L *l, const pc_node *n)
{
	return pdf_ptrmap_get(&l->keymap, n);
}

static void term_mark(L *l, const pc_term *t, const sty *st)
{
	if (!st->marks || l->in_heading || l->in_glossary || !t)
		return;
	if (l->doc->meta.term_mark == PC_MARK_NONE)
		return;
	char buf[32] = "※";
	if (l->doc->meta.term_mark == PC_MARK_NUMBERED) {
		if (l->term_num_measure[t->index] != l->cur_measure) {
			l->term_num_measure[t->index] = l->cur_measure;
			l->term_num[t->index] = ++l->next_num;
		}
		snprintf(buf, sizeof buf, "※%d", l->term_num[t->index]);
	}
	sty m = *st;
	m.size = st->size * 0.62f;
	m.rise = st->size * 0.38f;
	m.rgb = C_ACCENT;
	m.latin = false;
	m.face = l->f_table;
	m.link = (int)(l->nsec + l->ntab + t->index);
	size_t g0 = l->g.n;
	pdf_add_str(l, buf, &m);
	for (size_t i = g0; i < l->g.n; i++)
		l->g.v[i].flags |= PC_G_GLUE;
}

static void inlines(L *l, const pc_node *first, const sty *st);

/* The glyphs of a term use or index entry carry the place's key (plus 1)
 * so that pagination finds the page the index prints for it. */
static void use_begin(L *l)
{
	l->use_start[l->depth < MAX_NEST ? l->depth : MAX_NEST] = l->g.n;
}

static void use_end(L *l, const pc_node *n)
{
	size_t g0 = l->use_start[l->depth < MAX_NEST ? l->depth : MAX_NEST];
	int key = pdf_ptrmap_get(&l->keymap, n);
	if (key >= 0 && g0 < l->g.n)
		l->g.v[g0].src = (uint32_t)key + 1;
}

static void xref_text(L *l, const pc_node *n, const sty *st)
{
	const pc_node *t = n->u.xref.target;
	int key = t ? pdf_ptrmap_get(&l->keymap, t) : -1;
	sty s = *st;
	s.link = key;
	if (n->first)
		inlines(l, n->first, &s);
	else if (t && t->kind == PC_SECTION) {
		const pc_section *sec = &t->u.section;
		char *txt = sec->number
		                ? pc_arena_printf(l->doc->arena, "%s %s", sec->number, sec->title)
		                : (char *)sec->title;
		pdf_add_str(l, txt ? txt : "", &s);
	} else if (t && t->kind == PC_TABLE) {
		const pc_table *tb = &t->u.table;
		pdf_add_str(l, "表「", &s);
		pdf_add_str(l, tb->caption ? tb->caption : (tb->id ? tb->id : ""), &s);
		pdf_add_str(l, "」", &s);
	} else
		pdf_add_str(l, n->u.xref.id ? n->u.xref.id : "", &s);
	if (key >= 0) {
		char buf[48];
		int p = l->printed[key];
		if (p > 0)
			snprintf(buf, sizeof buf, "（p.%d）", p);
		else
			snprintf(buf, sizeof buf, "（p.0）");
		pdf_add_str(l, buf, &s);
	}
}

static void inlines(L *l, const pc_node *first, const sty *st)
{
	if (++l->depth > MAX_NEST) {
		l->depth--;
		return;
	}
	for (const pc_node *n = first; n; n = n->next) {
		sty s = *st;
		switch (n->kind) {
		case PC_TEXT:
			if (n->literal)
				add_text(l, n->literal, strlen(n->literal), st, n);
			break;
		case PC_CODE:
			s.face = l->f_table;
			s.latin = false;
			if (n->literal)
				add_text(l, n->literal, strlen(n->literal), &s, n);
			break;
		case PC_SOFTBREAK:
			/* Japanese lines join without a space; Latin words need one. */
			if (l->g.n && l->g.v[l->g.n - 1].cp < 0x80 &&
			    l->g.v[l->g.n - 1].cp != ' ' && n->next && n->next->literal &&
			    (unsigned char)n->next->literal[0] < 0x80)
				add_cp(l, ' ', st, 0, NULL, 0);
			break;
		case PC_LINEBREAK:
			add_cp(l, 0x2028, st, 0, NULL, 0);
			break;
		case PC_HTML_INLINE:
			/* <br> (in table cells above all) is a line break; other
			 * HTML is not passed through */
			if (n->literal && (!strncasecmp(n->literal, "<br>", 4) ||
			                   !strncasecmp(n->literal, "<br/>", 5) ||
			                   !strncasecmp(n->literal, "<br />", 6)))
				add_cp(l, 0x2028, st, 0, NULL, 0);
			break;
		case PC_EMPH:
			if (s.face == l->f_body)
				s.face = l->f_table; /* Gothic stands out in Mincho text */
			inlines(l, n->first, &s);
			break;
		case PC_STRONG:
			s.face = l->f_bold;
			inlines(l, n->first, &s);
			break;
		case PC_LINK:
			if (n->u.link.url && (!strncmp(n->u.link.url, "http://", 7) ||
			                      !strncmp(n->u.link.url, "https://", 8))) {
				PUSH(l->urls, n->u.link.url);
				s.link = -2 - (int)(l->urls.n - 1);
			}
			inlines(l, n->first, &s);
			break;
		case PC_IMAGE:
			break; /* images are set as blocks after their paragraph */
		case PC_TERM_REF:
			use_begin(l);
			inlines(l, n->first, st);
			use_end(l, n);
			term_mark(l, n->u.term_ref.term, st);
			if (n->u.term_ref.term)
				l->term_mark_sec[n->u.term_ref.term->index] = l->cur_sec;
			break;
		case PC_TERM_OCC:
			use_begin(l);
			inlines(l, n->first, st);
			use_end(l, n);
			if (n->u.term_ref.term &&
			    l->term_mark_sec[n->u.term_ref.term->index] != l->cur_sec) {
				term_mark(l, n->u.term_ref.term, st);
				if (st->marks && !l->in_heading && !l->in_glossary)
					l->term_mark_sec[n->u.term_ref.term->index] = l->cur_sec;
			}
			break;
		case PC_INDEX_ENTRY:
			use_begin(l);
			inlines(l, n->first, st);
			use_end(l, n);
			break;
		case PC_XREF:
			xref_text(l, n, st);
			break;
		default:
			break;
		}
	}
	l->depth--;
}

/* ---- lines into items ------------------------------------------------ */

/* Adds link rectangles for runs of linked glyphs on a line. */
static void line_links(L *l, const pc_line *ln, float x, float top, float h)
{
	size_t i = ln->start;
	while (i < ln->end) {
		int link = l->g.v[i].link;
		if (link == -1) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < ln->end && l->g.v[j].link == link)
			j++;
		const pc_glyph *a = &l->g.v[i], *b = &l->g.v[j - 1];
		op *o = pdf_new_op(l, OP_LINK);
		o->x = x + a->x;
		o->y = top;
		o->w = b->x + b->fw - a->x;
		o->h = h;
		o->id = link;
		i = j;
	}
}

/*
 * Breaks the glyphs from g0 to the end of the pool and adds one item per
 * line at x. Returns the number of lines. Lines of one paragraph keep
 * together against widows and orphans (the first two and the last two).
 */
static size_t set_lines_mk(L *l, size_t mk0, size_t mk1, size_t g0, float x, const pc_parshape *sh,
                           float pitch, float before, int align, unsigned keep_last);

static size_t set_lines(L *l, size_t g0, float x, const pc_parshape *sh, float pitch, float before,
                        int align, unsigned keep_last)
{
	return set_lines_mk(l, 0, 0, g0, x, sh, pitch, before, align, keep_last);
}

/* As set_lines, with the glyphs [mk0, mk1) drawn as a list marker at x on
 * the first line (the shape's indents leave room for it). */
static size_t set_lines_mk(L *l, size_t mk0, size_t mk1, size_t g0, float x, const pc_parshape *sh,
                           float pitch, float before, int align, unsigned keep_last)
{
	size_t n = l->g.n - g0;
	if (!n)
		return 0;
	pc_text_prepare(l->g.v + g0, n);
	l->lines.len = 0;
	size_t nl = pc_text_break(l->br, l->g.v + g0, n, sh, &l->lines);
	for (size_t k = 0; k < nl; k++) {
		pc_line ln = l->lines.items[k];
		ln.start += g0;
		ln.end += g0;
		float maxsize = 0;
		for (size_t i = ln.start; i < ln.end; i++)
			if (l->g.v[i].size > maxsize && l->g.v[i].rise == 0)
				maxsize = l->g.v[i].size;
		if (maxsize == 0)
			maxsize = sh->width > 0 ? BODY_SIZE : BODY_SIZE;
		float h = pitch > maxsize * 1.3f ? pitch : maxsize * 1.45f;
		unsigned flags = 0;
		if (nl >= 2 && (k == 0 || k + 2 == nl))
			flags |= IT_KEEP;
		if (k + 1 == nl)
			flags |= keep_last;
		/* body lines keep to the page's line grid */
		if (pitch == BODY_PITCH)
			flags |= IT_GRID;
		pdf_new_item(l, k == 0 ? before : 0, flags);
		float dx = 0;
		if (align == AL_CENTER)
			dx = (ln.avail - ln.width) / 2;
		else if (align == AL_RIGHT)
			dx = ln.avail - ln.width;
		op *o = pdf_new_op(l, OP_TEXT);
		o->x = x + dx;
		o->y = (h - maxsize) / 2 + maxsize * 0.88f;
		o->g0 = ln.start;
		o->g1 = ln.end;
		line_links(l, &ln, x + dx, 0, h);
		if (k == 0 && mk1 > mk0) {
			float mx = 0;
			for (size_t i = mk0; i < mk1; i++) {
				l->g.v[i].x = mx;
				mx += l->g.v[i].fw;
			}
			op *m = pdf_new_op(l, OP_TEXT);
			m->x = x;
			m->y = (h - maxsize) / 2 + maxsize * 0.88f;
			m->g0 = mk0;
			m->g1 = mk1;
		}
		pdf_end_item(l, h);
	}
	return nl;
}

/* Lays out a short text as ops of the current item (no items of its own),
 * from y down; returns the height used. */
float pdf_text_ops(L *l, size_t g0, float x, float y, const pc_parshape *sh, float pitch, int align)
{
	size_t n = l->g.n - g0;
	if (!n)
		return 0;
	pc_text_prepare(l->g.v + g0, n);
	l->lines.len = 0;
	size_t nl = pc_text_break(l->br, l->g.v + g0, n, sh, &l->lines);
	float yy = y;
	for (size_t k = 0; k < nl; k++) {
		pc_line ln = l->lines.items[k];
		ln.start += g0;
		ln.end += g0;
		float maxsize = 0;
		for (size_t i = ln.start; i < ln.end; i++)
			if (l->g.v[i].size > maxsize && l->g.v[i].rise == 0)
				maxsize = l->g.v[i].size;
		if (maxsize == 0)
			maxsize = BODY_SIZE;
		float h = pitch > maxsize * 1.2f ? pitch : maxsize * 1.3f;
		float dx = 0;
		if (align == AL_CENTER)
			dx = (ln.avail - ln.width) / 2;
		else if (align == AL_RIGHT)
			dx = ln.avail - ln.width;
		op *o = pdf_new_op(l, OP_TEXT);
		o->x = x + dx;
		o->y = yy + (h - maxsize) / 2 + maxsize * 0.88f;
		o->g0 = ln.start;
		o->g1 = ln.end;
		line_links(l, &ln, x + dx, yy, h);
		yy += h;
	}
	return yy - y;
}

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

float pdf_glyphs_width(const pc_glyph *g, size_t n)
{
	float w = 0;
	for (size_t i = 0; i < n; i++)
		w += g[i].fw;
	return w;
}

/* ---- blocks ---------------------------------------------------------- */

static void blocks(L *l, const pc_node *first, frame f);

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
		size_t g0 = l->g.n;
		sty s = {l->f_table, TABLE_SIZE, C_GREY, -1, false, false, 0};
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
	size_t mk0 = l->g.n;
	for (size_t i = 0; i < nprefix; i++)
		PUSH(l->g, prefix[i]);
	size_t g0 = l->g.n;
	sty s = body_sty(l);
	inlines(l, n->first, &s);
	/* leading and trailing spaces go */
	while (l->g.n > g0 && l->g.v[l->g.n - 1].cp == ' ')
		l->g.n--;
	size_t lead = 0;
	while (g0 + lead < l->g.n && l->g.v[g0 + lead].cp == ' ')
		lead++;
	/* an indent typed as U+3000 gives way to the automatic one */
	if (indent && g0 + lead < l->g.n && l->g.v[g0 + lead].cp == 0x3000)
		lead++;
	if (lead) {
		memmove(l->g.v + g0, l->g.v + g0 + lead, (l->g.n - g0 - lead) * sizeof *l->g.v);
		l->g.n -= lead;
	}
	size_t n_g = l->g.n - g0;
	if (n_g > 0) {
		pc_parshape sh = {f.w, indent ? BODY_SIZE : 0, 0, false, false};
		if (mk0 < g0)
			sh.first = sh.rest = hang;
		size_t mk = mk0 < g0 ? 0 : marker_len(l->g.v + g0, n_g);
		if (mk0 == g0 && !mk && (f.role == PC_ROLE_ISSUES || f.role == PC_ROLE_ROLES)) {
			/* 現状と課題・市民の役割 read as lists */
			size_t at = l->g.n;
			sty b = body_sty(l);
			add_cp(l, 0x30FB, &b, 0, NULL, 0);
			pc_glyph m = l->g.v[at];
			memmove(l->g.v + g0 + 1, l->g.v + g0, (at - g0) * sizeof *l->g.v);
			l->g.v[g0] = m;
			mk = 1;
			n_g++;
		}
		if (mk) {
			sh.first = 0;
			sh.rest = pdf_glyphs_width(l->g.v + g0, mk);
			for (size_t i = g0 + 1; i < g0 + mk + (g0 + mk < l->g.n); i++)
				l->g.v[i].flags |= PC_G_GLUE;
		}
		set_lines_mk(l, mk0, g0, g0, f.x, &sh, BODY_PITCH, 0, AL_JUSTIFY, 0);
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
		size_t m0 = l->g.n;
		float pad = 0;
		sty s = body_sty(l);
		s.latin = false;
		if (n->u.list.ordered) {
			char buf[24];
			snprintf(buf, sizeof buf, "%d.", num);
			pdf_add_str(l, buf, &s);
			float w = pdf_glyphs_width(l->g.v + m0, l->g.n - m0);
			/* the text hangs at the next whole em after the number */
			pad = ceilf((w + BODY_SIZE * 0.3f) / BODY_SIZE) * BODY_SIZE - w;
		} else
			add_cp(l, bullets[f.list_depth % 3], &s, 0, NULL, 0);
		size_t nm = l->g.n - m0;
		pc_glyph mk[8];
		if (nm > 8)
			nm = 8;
		memcpy(mk, l->g.v + m0, nm * sizeof *mk);
		l->g.n = m0;
		float hang = pdf_glyphs_width(mk, nm) + pad;
		frame inner = {f.x + hang, f.w - hang, f.role, f.list_depth + 1};
		const pc_node *c = it->first;
		if (c && c->kind == PC_PARAGRAPH) {
			frame pf = {f.x, f.w, PC_ROLE_NONE, f.list_depth};
			paragraph(l, c, pf, mk, nm, hang, false);
			c = c->next;
		} else {
			size_t g0 = l->g.n;
			for (size_t i = 0; i < nm; i++)
				PUSH(l->g, mk[i]);
			pc_parshape sh = {f.w, 0, 0, true, false};
			set_lines(l, g0, f.x, &sh, BODY_PITCH, 0, AL_LEFT, IT_KEEP);
		}
		if (c)
			blocks(l, c, inner);
	}
}

static void code_block(L *l, const pc_node *n, frame f)
{
	int b = open_box(l, BOX_CODE, f.x, f.w);
	pdf_new_item(l, BODY_PITCH * 0.3f, IT_KEEP);
	pdf_end_item(l, 4);
	const char *s = n->literal ? n->literal : "";
	sty st = {l->f_table, TABLE_SIZE, C_TEXT, -1, false, false, 0};
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		size_t g0 = l->g.n;
		if (len)
			add_text(l, s, len, &st, n);
		else
			add_cp(l, ' ', &st, 0, NULL, 0);
		pc_parshape sh = {f.w - 12, 0, 0, true, false};
		set_lines(l, g0, f.x + 6, &sh, TABLE_PITCH, 0, AL_LEFT, 0);
		s += len + (e ? 1 : 0);
	}
	pdf_new_item(l, 0, 0);
	pdf_end_item(l, 4);
	close_box(l, b);
}

/* ---- tables ---------------------------------------------------------- */

typedef struct cellinfo {
	size_t g0, g1;
	float nat, min;
} cellinfo;

/* In a header cell, a bracketed year goes on a line of its own:
 * 現在値 (H29年度) → 現在値 / (H29年度). Returns the new end. */
static size_t header_break(L *l, size_t g0, size_t g1)
{
	for (size_t i = g0 + 1; i < g1; i++) {
		uint32_t c = l->g.v[i].cp;
		if (c != '(' && c != 0xFF08 && c != 0x3014 && c != '[')
			continue;
		size_t at = i;
		if (l->g.v[at - 1].cp == ' ' || l->g.v[at - 1].cp == 0x3000)
			at--; /* the space becomes the break */
		else {
			PUSH(l->g, l->g.v[g1 - 1]);
			memmove(l->g.v + at + 1, l->g.v + at, (g1 - at) * sizeof *l->g.v);
			g1++;
		}
		l->g.v[at].cp = 0x2028;
		l->g.v[at].fw = 0;
		return g1;
	}
	return g1;
}

static bool numeric_field(pc_field f)
{
	return f == PC_FIELD_BASELINE || f == PC_FIELD_MIDTERM || f == PC_FIELD_TARGET ||
	       f == PC_FIELD_ACTUAL || f == PC_FIELD_UNIT || f == PC_FIELD_DIRECTION;
}

void pdf_table_block(L *l, const pc_node *n, frame f)
{
	const pc_table *t = &n->u.table;
	size_t ncols = t->ncols;
	size_t nrows = 0;
	for (const pc_node *r = n->first; r; r = r->next)
		nrows++;
	if (!ncols || !nrows)
		return;
	int key = pdf_ptrmap_get(&l->keymap, n);
	/* caption */
	if (t->caption) {
		size_t g0 = l->g.n;
		sty s = {l->f_bold, TABLE_SIZE + 0.5f, C_TEXT, -1, false, false, 0};
		pdf_add_str(l, "■ ", &s);
		l->g.v[g0].rgb = C_ACCENT;
		pdf_add_str(l, t->caption, &s);
		pc_parshape sh = {f.w, 0, 0, true, true};
		size_t i0 = l->items.n;
		set_lines(l, g0, f.x, &sh, TABLE_PITCH + 2, BODY_PITCH * 0.5f, AL_LEFT, IT_KEEP);
		attach_dest(l, i0, key); /* at the caption's first line */
	} else if (key >= 0) {
		pdf_new_item(l, 0, IT_KEEP);
		op *o = pdf_new_op(l, OP_DEST);
		o->id = key;
		pdf_end_item(l, 0);
	}
	cellinfo *cells = pc_xcalloc(nrows * ncols, sizeof *cells);
	size_t r = 0;
	for (const pc_node *row = n->first; row; row = row->next, r++) {
		size_t c = 0;
		for (const pc_node *cell = row->first; cell && c < ncols; cell = cell->next, c++) {
			cellinfo *ci = &cells[r * ncols + c];
			ci->g0 = l->g.n;
			sty s = {r == 0 ? l->f_bold : l->f_table,
			         TABLE_SIZE,
			         C_TEXT,
			         -1,
			         false,
			         true,
			         0};
			inlines(l, cell->first, &s);
			ci->g1 = l->g.n;
			if (r == 0)
				ci->g1 = header_break(l, ci->g0, ci->g1);
			pc_text_prepare(l->g.v + ci->g0, ci->g1 - ci->g0);
			float w = 0, word = 0, maxword = 0, line = 0, first_line = 0;
			for (size_t i = ci->g0; i < ci->g1; i++) {
				const pc_glyph *q = &l->g.v[i];
				float a = q->adv + (i > ci->g0 ? q->gap : 0);
				w += a;
				line += a;
				if (line > first_line)
					first_line = line;
				if (q->cls == PC_CC_BREAK)
					line = 0;
				if (q->cls == PC_CC_LATIN || q->cls == PC_CC_NOSTART ||
				    q->cls == PC_CC_CLOSE || q->cls == PC_CC_PERIOD ||
				    q->cls == PC_CC_COMMA)
					word += a;
				else
					word = a;
				if (word > maxword)
					maxword = word;
			}
			/* a header is as wide as its longest line (the year goes on a
			 * line of its own); short cells do not wrap */
			ci->nat = r == 0 ? first_line : w;
			ci->min = ci->nat <= TABLE_SIZE * 6 ? ci->nat : TABLE_SIZE * 4;
			if (maxword > ci->min)
				ci->min = maxword > TABLE_SIZE * 10 ? TABLE_SIZE * 10 : maxword;
		}
		for (; c < ncols; c++)
			cells[r * ncols + c].g0 = cells[r * ncols + c].g1 = l->g.n;
	}
	/* column widths (automatic table layout, full measure) */
	float *nat = pc_xcalloc(ncols, sizeof *nat), *mn = pc_xcalloc(ncols, sizeof *mn),
	      *cw = pc_xcalloc(ncols, sizeof *cw);
	float pad2 = 2 * CELL_PAD + 0.5f;
	for (size_t c = 0; c < ncols; c++)
		for (size_t rr = 0; rr < nrows; rr++) {
			cellinfo *ci = &cells[rr * ncols + c];
			if (ci->nat + pad2 > nat[c])
				nat[c] = ci->nat + pad2;
			if (ci->min + pad2 > mn[c])
				mn[c] = ci->min + pad2;
		}
	float snat = 0, smin = 0, W = f.w;
	for (size_t c = 0; c < ncols; c++) {
		snat += nat[c];
		smin += mn[c];
	}
	if (snat <= W) {
		for (size_t c = 0; c < ncols; c++)
			cw[c] = nat[c] + (W - snat) * nat[c] / snat;
	} else if (smin <= W) {
		float room = W - smin, want = snat - smin;
		for (size_t c = 0; c < ncols; c++)
			cw[c] = mn[c] + (want > 0 ? room * (nat[c] - mn[c]) / want : 0);
	} else {
		for (size_t c = 0; c < ncols; c++)
			cw[c] = mn[c] * W / smin;
	}
	/* rows */
	int header_item = -1;
	for (r = 0; r < nrows; r++) {
		size_t op0 = l->ops.n;
		float rowh = 0;
		float x = f.x;
		/* lay out every cell, remember its ops */
		size_t *cop0 = pc_xcalloc(ncols + 1, sizeof *cop0);
		float *ch = pc_xcalloc(ncols, sizeof *ch);
		for (size_t c = 0; c < ncols; c++) {
			cellinfo *ci = &cells[r * ncols + c];
			cop0[c] = l->ops.n;
			float inner = cw[c] - 2 * CELL_PAD;
			float h = 0;
			if (ci->g1 > ci->g0) {
				int align = AL_LEFT;
				if (r == 0)
					align = AL_CENTER;
				else if (t->kind == PC_TABLE_INDICATORS &&
				         numeric_field(t->columns[c].field))
					align = AL_CENTER;
				pc_parshape sh = {inner, 0, 0, true, true};
				l->lines.len = 0;
				size_t nl = pc_text_break(l->br, l->g.v + ci->g0, ci->g1 - ci->g0,
				                          &sh, &l->lines);
				float yy = CELL_PAD;
				for (size_t k = 0; k < nl; k++) {
					pc_line ln = l->lines.items[k];
					ln.start += ci->g0;
					ln.end += ci->g0;
					float dx =
					    align == AL_CENTER ? (ln.avail - ln.width) / 2 : 0;
					op *o = pdf_new_op(l, OP_TEXT);
					o->x = x + CELL_PAD + dx;
					o->y = yy + (TABLE_PITCH - TABLE_SIZE) / 2 +
					       TABLE_SIZE * 0.88f;
					o->g0 = ln.start;
					o->g1 = ln.end;
					line_links(l, &ln, x + CELL_PAD + dx, yy, TABLE_PITCH);
					yy += TABLE_PITCH;
				}
				h = yy + CELL_PAD;
			}
			ch[c] = h;
			if (h > rowh)
				rowh = h;
			x += cw[c];
		}
		cop0[ncols] = l->ops.n;
		if (rowh < TABLE_PITCH + 2 * CELL_PAD)
			rowh = TABLE_PITCH + 2 * CELL_PAD;
		/* backgrounds and borders go first: copy the text ops after them */
		size_t ntext = l->ops.n - op0;
		op *saved = pc_xmalloc((ntext ? ntext : 1) * sizeof *saved);
		memcpy(saved, l->ops.v + op0, ntext * sizeof *saved);
		l->ops.n = op0;
		/* A row taller than most of a page is cut into pieces of whole
		 * lines, each a row of its own (borders open at the cuts). */
		float chunk = floorf(BLOCK_H * 0.7f / TABLE_PITCH) * TABLE_PITCH;
		int pieces = rowh > BLOCK_H * 0.75f ? (int)ceilf((rowh - 2 * CELL_PAD) / chunk) : 1;
		for (int piece = 0; piece < pieces; piece++) {
			float top = piece * chunk, h = rowh;
			if (pieces > 1)
				h = piece + 1 < pieces ? chunk + 2 * CELL_PAD : rowh - top;
			pdf_new_item(l, r == 0 && piece == 0 ? BODY_PITCH * 0.2f : 0,
			             r == 0 ? (IT_HEADROW | IT_KEEP) : IT_ROW);
			item *it = &l->items.v[l->items.n - 1];
			it->table = r == 0 ? (int)l->items.n - 1 : header_item;
			/* the last row never goes alone to the next page (under a
			 * repeated header), nor does the first leave the header */
			if (pieces == 1 && nrows > 3 && r + 2 == nrows)
				it->flags |= IT_KEEP;
			if (r == 0 && piece == 0)
				header_item = (int)l->items.n - 1;
			x = f.x;
			for (size_t c = 0; c < ncols; c++) {
				op *o = pdf_new_op(l, OP_RECT);
				o->x = x;
				o->y = 0;
				o->w = cw[c];
				o->h = h;
				o->fill = r == 0 ? C_HEADER_FILL : PC_DEV_NONE;
				o->stroke = C_RULE;
				o->lw = 0.6f;
				x += cw[c];
			}
			for (size_t c = 0; c < ncols; c++) {
				/* centre single-line cells vertically */
				float dy = pieces == 1 && ch[c] > 0 ? (rowh - ch[c]) / 2 : 0;
				for (size_t k = cop0[c] - op0; k < cop0[c + 1] - op0; k++) {
					op o = saved[k];
					if (pieces > 1) {
						float line_top =
						    o.kind == OP_TEXT
						        ? o.y - (TABLE_PITCH - TABLE_SIZE) / 2 -
						              TABLE_SIZE * 0.88f
						        : o.y;
						int at =
						    (int)((line_top - CELL_PAD + 0.01f) / chunk);
						if (at >= pieces)
							at = pieces - 1;
						if (at != piece)
							continue;
						o.y -= top;
					}
					o.y += dy;
					PUSH(l->ops, o);
				}
			}
			if (piece + 1 < pieces)
				pdf_end_item(l, h);
		}
		rowh = pieces > 1 ? rowh - (pieces - 1) * chunk : rowh;
		free(saved);
		free(cop0);
		free(ch);
		pdf_end_item(l, rowh);
	}
	/* the last row need not keep the table's next block */
	free(cells);
	free(nat);
	free(mn);
	free(cw);
	/* space after the table */
	pdf_new_item(l, 0, 0);
	pdf_end_item(l, BODY_PITCH * 0.4f);
	if (t->kind == PC_TABLE_INDICATORS && l->doc->meta.charts)
		pdf_kpi_charts(l, n, f);
}

/* The glossary box: every term of a glossary table, with its reading. */
static void glossary_box(L *l, const pc_node *n, frame f, bool titled)
{
	const pc_table *t = &n->u.table;
	int b = open_box(l, BOX_FILL, f.x, f.w);
	float pad = 8;
	frame in = {f.x + pad, f.w - 2 * pad, PC_ROLE_NONE, 0};
	pdf_new_item(l, BODY_PITCH * 0.6f, IT_KEEP);
	pdf_end_item(l, 4);
	if (titled) {
		size_t g0 = l->g.n;
		sty s = {l->f_head, 10, C_ACCENT, -1, false, false, 0};
		pdf_add_str(l, t->caption ? t->caption : "用語解説", &s);
		pc_parshape sh = {in.w, 0, 0, true, true};
		set_lines(l, g0, in.x, &sh, 16, 0, AL_LEFT, IT_KEEP);
	}
	l->in_glossary = true;
	for (size_t i = 0; i < t->nterms; i++) {
		const pc_term *term = t->terms[i];
		size_t g0 = l->g.n;
		sty s = {l->f_bold, 9.5f, C_TEXT, -1, false, false, 0};
		pdf_add_str(l, term->term, &s);
		if (term->reading && !term->reading_derived) {
			sty r = s;
			r.face = l->f_table;
			r.size = 8;
			r.rgb = C_GREY;
			pdf_add_str(l, "（", &r);
			pdf_add_str(l, term->reading, &r);
			pdf_add_str(l, "）", &r);
		}
		sty d = {l->f_table, 9, C_TEXT, -1, false, false, 0};
		pdf_add_str(l, "　", &d);
		if (term->definition)
			inlines(l, term->definition->first, &d);
		else if (term->definition_text)
			pdf_add_str(l, term->definition_text, &d);
		pc_parshape sh = {in.w, 0, 9, false, false};
		size_t i0 = l->items.n;
		set_lines(l, g0, in.x, &sh, 14.5f, i ? 3 : 0, AL_JUSTIFY, 0);
		/* the definition's destination sits on its first line */
		attach_dest(l, i0, (int)(l->nsec + l->ntab + term->index));
	}
	l->in_glossary = false;
	pdf_new_item(l, 0, 0);
	pdf_end_item(l, 6);
	close_box(l, b);
}

static void section(L *l, const pc_node *n, frame f);

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
			int b = open_box(l, BOX_BAR, f.x, f.w);
			frame in = {f.x + BODY_SIZE * 1.5f, f.w - BODY_SIZE * 1.5f, f.role,
			            f.list_depth};
			blocks(l, n->first, in);
			close_box(l, b);
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
			break;
		default:
			break;
		}
	}
	l->depth--;
}

/* ---- headings -------------------------------------------------------- */

static void heading_glyphs(L *l, const pc_section *s, const sty *st)
{
	l->in_heading = true;
	if (s->heading && s->heading->first)
		inlines(l, s->heading->first, st);
	else
		pdf_add_str(l, s->title ? s->title : "", st);
	l->in_heading = false;
}

const char *pdf_number_label(L *l, const pc_section *s)
{
	if (s->label && s->number)
		return pc_arena_printf(l->doc->arena, "%s %s", s->label, s->number);
	if (s->number)
		return s->number;
	if (s->label)
		return s->label;
	return NULL;
}

static void dest_op(L *l, int key)
{
	if (key < 0)
		return;
	op *o = pdf_new_op(l, OP_DEST);
	o->id = key;
}

static void sdg_badges(L *l, const pc_section *s, frame f)
{
	if (!s->nsdgs)
		return;
	float sz = 26, gap = 4;
	pdf_new_item(l, 6, IT_KEEP);
	float x = f.x + f.w - s->nsdgs * (sz + gap) + gap;
	size_t g0 = l->g.n;
	sty lab = {l->f_head, 8, C_GREY, -1, false, false, 0};
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
		size_t g1 = l->g.n;
		sty num = {l->f_head, 12, C_WHITE, -1, false, false, 0};
		char buf[8];
		snprintf(buf, sizeof buf, "%d", goal);
		pdf_add_str(l, buf, &num);
		pc_parshape nsh = {sz, 0, 0, true, false};
		pdf_text_ops(l, g1, x, (sz - 16) / 2, &nsh, 16, AL_CENTER);
		x += sz + gap;
	}
	pdf_end_item(l, sz);
}

static void heading(L *l, const pc_node *n, frame f, int key)
{
	const pc_section *s = &n->u.section;
	const char *nl = pdf_number_label(l, s);
	if (s->level == 1) {
		/* chapter opening: a new page, the number and a large title */
		item *it = pdf_new_item(l, 0, IT_NEWPAGE | IT_KEEP | IT_CHAPTER | pdf_recto(l));
		it->chapter = key;
		dest_op(l, key);
		op *bar = pdf_new_op(l, OP_RECT);
		bar->x = f.x;
		bar->y = 0;
		bar->w = f.w;
		bar->h = 5;
		bar->fill = C_ACCENT;
		float y = 22;
		if (nl) {
			size_t g0 = l->g.n;
			sty st = {l->f_head, 13, C_ACCENT, -1, false, false, 0};
			pdf_add_str(l, nl, &st);
			pc_parshape sh = {f.w, 0, 0, true, true};
			y += pdf_text_ops(l, g0, f.x, y, &sh, 20, AL_LEFT);
		}
		size_t g0 = l->g.n;
		sty st = {l->f_head, 22, C_TEXT, -1, false, false, 0};
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
		dest_op(l, key);
		float numw = 0;
		size_t ops_band = l->ops.n;
		op *band = pdf_new_op(l, OP_RECT);
		band->x = f.x;
		band->y = 0;
		band->w = f.w;
		band->fill = C_ACCENT_LIGHT;
		/* An index, not a pointer: the ops vector grows below. */
		size_t numbox = 0;
		if (nl) {
			size_t g0 = l->g.n;
			sty st = {l->f_head, 12, C_WHITE, -1, false, false, 0};
			pdf_add_str(l, nl, &st);
			numw = pdf_glyphs_width(l->g.v + g0, l->g.n - g0) + 16;
			if (numw > f.w / 3)
				numw = f.w / 3;
			op *nb = pdf_new_op(l, OP_RECT);
			nb->x = f.x;
			nb->y = 0;
			nb->w = numw;
			nb->fill = C_ACCENT;
			numbox = (size_t)(nb - l->ops.v) + 1;
			pc_parshape sh = {numw - 8, 0, 0, true, true};
			pdf_text_ops(l, g0, f.x + 4, 0, &sh, 0, AL_CENTER); /* placed below */
		}
		size_t nl_ops = l->ops.n;
		size_t g0 = l->g.n;
		sty st = {l->f_head, 15, C_TEXT, -1, false, false, 0};
		heading_glyphs(l, s, &st);
		pc_parshape sh = {f.w - numw - 20, 0, 0, true, true};
		float th = pdf_text_ops(l, g0, f.x + numw + 10, 8, &sh, 22, AL_LEFT);
		float h = th + 16;
		if (h < 34)
			h = 34;
		l->ops.v[ops_band].h = h;
		if (numbox) {
			l->ops.v[numbox - 1].h = h;
			/* centre the number's lines vertically in the box */
			for (size_t k = ops_band + 2; k < nl_ops; k++)
				if (l->ops.v[k].kind == OP_TEXT)
					l->ops.v[k].y += (h - 12 * 1.3f) / 2;
		}
		pdf_end_item(l, h);
		sdg_badges(l, s, f);
		return;
	}
	/* blocks inside a measure */
	float size = s->level == 3 ? 12 : 11;
	size_t g0 = l->g.n;
	sty mark = {l->f_head, size, C_ACCENT, -1, false, false, 0};
	if (s->level == 3)
		pdf_add_str(l, "■", &mark);
	else if (!s->number)
		pdf_add_str(l, "◆", &mark); /* a number (①) marks the heading itself */
	if (nl) {
		sty st = {l->f_head, size, C_ACCENT, -1, false, false, 0};
		pdf_add_str(l, nl, &st);
		pdf_add_str(l, " ", &st);
	}
	sty st = {l->f_head, size, C_TEXT, -1, false, false, 0};
	heading_glyphs(l, s, &st);
	pc_parshape sh = {f.w, 0, size, true, true};
	size_t i0 = l->items.n;
	/* on the line grid, a blank line above */
	set_lines(l, g0, f.x, &sh, BODY_PITCH, BODY_PITCH, AL_LEFT, IT_KEEP);
	for (size_t i = i0; i < l->items.n; i++)
		l->items.v[i].flags |= IT_KEEP;
	if (i0 < l->items.n) {
		/* destination at the first line, rule under the last one */
		attach_dest(l, i0, key);
		if (s->level == 3) {
			item *last = &l->items.v[l->items.n - 1];
			op *rule = pdf_new_op(l, OP_LINE);
			rule->x = f.x;
			rule->y = last->h - 1;
			rule->w = f.w;
			rule->stroke = C_RULE;
			rule->lw = 0.6f;
			last->op1 = l->ops.n;
		}
	}
}

static void section(L *l, const pc_node *n, frame f)
{
	const pc_section *s = &n->u.section;
	int key = section_key(l, n);
	int save_sec = l->cur_sec, save_measure = l->cur_measure, save_num = l->next_num;
	l->cur_sec = key;
	if (s->level <= 2) {
		l->cur_measure = key;
		l->next_num = 0;
	}
	heading(l, n, f, key);
	frame in = f;
	in.role =
	    s->role ? s->role
	            : (f.role == PC_ROLE_ISSUES || f.role == PC_ROLE_ROLES ? f.role : PC_ROLE_NONE);
	int b = -1;
	if (s->role == PC_ROLE_VISION) {
		b = open_box(l, BOX_FRAME, f.x, f.w);
		in.x += 10;
		in.w -= 20;
		pdf_new_item(l, 4, IT_KEEP);
		pdf_end_item(l, 8);
	}
	blocks(l, n->first, in);
	if (b >= 0) {
		pdf_new_item(l, 0, 0);
		pdf_end_item(l, 8);
		close_box(l, b);
	}
	/* the glossary box at the end of the section that defines the terms */
	for (const pc_node *c = n->first; c; c = c->next)
		if (c->kind == PC_TABLE && c->u.table.kind == PC_TABLE_GLOSSARY)
			glossary_box(l, c, f, s->role != PC_ROLE_GLOSSARY);
	l->cur_sec = save_sec;
	if (s->level <= 2) {
		l->cur_measure = save_measure;
		l->next_num = save_num;
	}
}

/* ---- cover and contents ---------------------------------------------- */

/* Adds front-matter text, reporting missing glyphs at the front matter
 * (its lines are blanked by the parser, so the block's first line). */
static void add_meta(L *l, const char *s, const sty *st)
{
	pc_node at;
	memset(&at, 0, sizeof at);
	at.pos.file = l->doc->nsources ? l->doc->sources[0].name : "";
	at.pos.line = 1;
	at.pos.col = 1;
	add_text(l, s, strlen(s), st, &at);
}

static void cover(L *l)
{
	const pc_meta *m = &l->doc->meta;
	pdf_new_item(l, 0, IT_ABS | IT_FRONT);
	float W = PC_DEV_PAGE_W, x = BLOCK_X - 10, w = BLOCK_W + 20;
	op *band = pdf_new_op(l, OP_RECT);
	band->x = 0;
	band->y = 250;
	band->w = W;
	band->h = 210;
	band->fill = C_ACCENT_LIGHT;
	op *bar = pdf_new_op(l, OP_RECT);
	bar->x = 0;
	bar->y = 250;
	bar->w = 14;
	bar->h = 210;
	bar->fill = C_ACCENT;
	float y = 150;
	if (m->period) {
		size_t g0 = l->g.n;
		sty s = {l->f_head, 13, C_ACCENT, -1, false, false, 0};
		pdf_add_str(l, pc_arena_printf(l->doc->arena, "計画期間 %s", m->period), &s);
		pc_parshape sh = {w, 0, 0, true, true};
		pdf_text_ops(l, g0, x, y, &sh, 20, AL_CENTER);
	}
	y = 290;
	{
		size_t g0 = l->g.n;
		sty s = {l->f_head, 30, C_TEXT, -1, false, false, 0};
		add_meta(l, m->title ? m->title : "", &s);
		pc_parshape sh = {w, 0, 0, true, true};
		y += pdf_text_ops(l, g0, x, y, &sh, 44, AL_CENTER);
	}
	if (m->subtitle) {
		size_t g0 = l->g.n;
		sty s = {l->f_head, 18, C_ACCENT, -1, false, false, 0};
		add_meta(l, m->subtitle, &s);
		pc_parshape sh = {w, 0, 0, true, true};
		y += 14 + pdf_text_ops(l, g0, x, y + 14, &sh, 28, AL_CENTER);
	}
	op *rule = pdf_new_op(l, OP_LINE);
	rule->x = BLOCK_X + BLOCK_W * 0.2f;
	rule->y = 440;
	rule->w = BLOCK_W * 0.6f;
	rule->stroke = C_ACCENT;
	rule->lw = 1.2f;
	if (m->edition) {
		size_t g0 = l->g.n;
		sty s = {l->f_table, 13, C_TEXT, -1, false, false, 0};
		add_meta(l, m->edition, &s);
		pc_parshape sh = {w, 0, 0, true, true};
		pdf_text_ops(l, g0, x, 680, &sh, 20, AL_CENTER);
	}
	if (m->city) {
		size_t g0 = l->g.n;
		sty s = {l->f_head, 22, C_TEXT, -1, false, false, 0};
		add_meta(l, m->city, &s);
		pc_parshape sh = {w, 0, 0, true, true};
		pdf_text_ops(l, g0, x, 712, &sh, 32, AL_CENTER);
	}
	pdf_end_item(l, 0);
}

/* One line of the contents: number label (aligned at labelw), title,
 * dot leader and the page of key. */
static void contents_entry(L *l, frame f, int level, const char *nl, const char *title, int key,
                           float labelw)
{
	bool ch = level == 1;
	float size = ch ? 11.5f : 10;
	float indent = ch ? 0 : 2 * BODY_SIZE;
	float numw = 4 * BODY_SIZE;
	sty ts = {ch ? l->f_head : l->f_body, size, C_TEXT, key, !ch, false, 0};
	pdf_new_item(l, ch ? 10 : 1, ch ? IT_KEEP : 0);
	float tab = 0;
	if (nl) {
		size_t a = l->g.n;
		pdf_add_str(l, nl, &ts);
		float w = pdf_glyphs_width(l->g.v + a, l->g.n - a) + size;
		tab = w > labelw ? w : labelw;
		pc_parshape lsh = {tab, 0, 0, true, true};
		pdf_text_ops(l, a, f.x + indent, 0, &lsh, ch ? 20 : 17, AL_LEFT);
	}
	size_t a = l->g.n;
	pdf_add_str(l, title ? title : "", &ts);
	pc_parshape psh = {f.w - indent - numw - tab, 0, 0, true, true};
	float th = pdf_text_ops(l, a, f.x + indent + tab, 0, &psh, ch ? 20 : 17, AL_LEFT);
	/* dot leader from the end of the title's last line to the number */
	op *last = NULL;
	for (size_t k = l->items.v[l->items.n - 1].op0; k < l->ops.n; k++)
		if (l->ops.v[k].kind == OP_TEXT)
			last = &l->ops.v[k];
	float endx = f.x + indent;
	float base = 12;
	if (last) {
		const pc_glyph *q = &l->g.v[last->g1 - 1];
		endx = last->x + q->x + q->fw;
		base = last->y;
	}
	size_t b = l->g.n;
	sty ps = {ch ? l->f_head : l->f_body, size, C_TEXT, key, true, false, 0};
	char buf[16];
	snprintf(buf, sizeof buf, "%d", l->printed[key] > 0 ? l->printed[key] : 0);
	pdf_add_str(l, buf, &ps);
	float pw = pdf_glyphs_width(l->g.v + b, l->g.n - b);
	pc_parshape nsh = {numw, 0, 0, true, false};
	size_t o0 = l->ops.n;
	pdf_text_ops(l, b, f.x + f.w - numw, 0, &nsh, ch ? 20 : 17, AL_RIGHT);
	for (size_t k = o0; k < l->ops.n; k++)
		if (l->ops.v[k].kind == OP_TEXT)
			l->ops.v[k].y = base;
	op *dots = pdf_new_op(l, OP_DOTS);
	dots->x = endx + 6;
	dots->y = base - 2.5f;
	dots->w = f.x + f.w - pw - 6 - dots->x;
	dots->stroke = C_GREY;
	dots->lw = 0.9f;
	pdf_end_item(l, th);
}

static void contents(L *l)
{
	frame f = {BLOCK_X, BLOCK_W, PC_ROLE_NONE, 0};
	/* IT_CHAPTER: no running header above the big title */
	pdf_new_item(l, 0, IT_NEWPAGE | IT_KEEP | IT_FRONT | IT_CHAPTER | pdf_recto(l));
	size_t g0 = l->g.n;
	sty st = {l->f_head, 20, C_TEXT, -1, false, false, 0};
	pdf_add_str(l, "目次", &st);
	pc_parshape sh = {f.w, 0, 0, true, true};
	float h = pdf_text_ops(l, g0, f.x, 6, &sh, 30, AL_LEFT);
	op *rule = pdf_new_op(l, OP_LINE);
	rule->x = f.x;
	rule->y = h + 12;
	rule->w = f.w;
	rule->stroke = C_ACCENT;
	rule->lw = 1.2f;
	pdf_end_item(l, h + 28);
	/* titles of one level line up after the widest number of that level */
	float labelw[3] = {0, 0, 0};
	for (size_t i = 0; i < l->doc->sections.len; i++) {
		const pc_section *s = &((const pc_node *)l->doc->sections.items[i])->u.section;
		const char *nl = s->level <= 2 ? pdf_number_label(l, s) : NULL;
		if (!nl)
			continue;
		size_t a = l->g.n;
		bool ch = s->level == 1;
		sty ts = {ch ? l->f_head : l->f_body, ch ? 11.5f : 10, C_TEXT, -1, !ch, false, 0};
		pdf_add_str(l, nl, &ts);
		float w = pdf_glyphs_width(l->g.v + a, l->g.n - a) + (ch ? 11.5f : 10);
		if (w > labelw[s->level] && w < f.w / 3)
			labelw[s->level] = w;
		l->g.n = a;
	}
	for (size_t i = 0; i < l->doc->sections.len; i++) {
		const pc_section *s = &((const pc_node *)l->doc->sections.items[i])->u.section;
		if (s->level <= 2)
			contents_entry(l, f, s->level, pdf_number_label(l, s), s->title, (int)i,
			               labelw[s->level]);
	}
	/* the appendices, as chapters without numbers, when printed */
	static const char *appx[APPX_COUNT] = {"成果指標一覧", "用語解説", "索引"};
	bool has[APPX_COUNT] = {l->doc->indicators.len > 0, l->index && l->doc->terms.len > 0,
	                        l->index && l->index->nentries > 0};
	for (size_t k = 0; k < APPX_COUNT; k++)
		if (has[k])
			contents_entry(l, f, 1, NULL, appx[k], (int)(l->key_appx + k), 0);
}

/* ---- the index (索引) ------------------------------------------------- */

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Every term, alias and index entry in reading order, grouped by kana row,
 * with the pages of its definition (bold) and uses; each number links to
 * its place. */
/* IT_RECTO when the plan asks chapters to open on right-hand pages
 * (chapter-start: right), as a booklet printed on both sides does. */
unsigned pdf_recto(const L *l)
{
	return l->doc->meta.recto ? IT_RECTO : 0;
}

/* A page title with its rule, as the index and the glossary have. */
void pdf_appendix_title(L *l, const char *title, int chapter, int key, frame f)
{
	/* A page of its own, except as the first thing of a document. */
	unsigned newpage = l->items.n ? IT_NEWPAGE | pdf_recto(l) : 0;
	item *it = pdf_new_item(l, 0, newpage | IT_KEEP | IT_CHAPTER);
	it->chapter = chapter;
	pdf_new_op(l, OP_DEST)->id = key; /* for the contents and the outline */
	size_t g0 = l->g.n;
	sty st = {l->f_head, 20, C_TEXT, -1, false, false, 0};
	pdf_add_str(l, title, &st);
	pc_parshape sh = {f.w, 0, 0, true, true};
	float h = pdf_text_ops(l, g0, f.x, 6, &sh, 30, AL_LEFT);
	op *rule = pdf_new_op(l, OP_LINE);
	rule->x = f.x;
	rule->y = h + 12;
	rule->w = f.w;
	rule->stroke = C_ACCENT;
	rule->lw = 1.2f;
	pdf_end_item(l, h + 24);
}

/* A kana row or letter heading: a tinted band w wide. */
void pdf_group_band(L *l, const char *name, float x, float w, unsigned flags)
{
	pdf_new_item(l, 8, IT_KEEP | flags);
	op *band = pdf_new_op(l, OP_RECT);
	band->x = x;
	band->y = 0;
	band->w = w;
	band->h = 17;
	band->fill = C_ACCENT_LIGHT;
	size_t a = l->g.n;
	sty gs = {l->f_head, 10.5f, C_ACCENT, -1, false, false, 0};
	pdf_add_str(l, name, &gs);
	pc_parshape gsh = {w - 12, 0, 0, true, false};
	pdf_text_ops(l, a, x + 6, 0, &gsh, 17, AL_LEFT);
	pdf_end_item(l, 17);
}

/*
 * The glossary appendix (用語解説): every term in reading order, grouped
 * like the index, with its reading, definition, aliases and the page of
 * the glossary box that defines it.
 */
static void glossary_appendix(L *l)
{
	const pc_index *ix = l->index;
	if (!ix || !l->doc->terms.len)
		return;
	frame f = {BLOCK_X, BLOCK_W, PC_ROLE_NONE, 0};
	pdf_appendix_title(l, "用語解説", -4, (int)(l->key_appx + APPX_GLOSSARY), f);
	for (size_t gi = 0; gi < ix->ngroups; gi++) {
		const pc_ix_group *grp = &ix->groups[gi];
		bool any = false;
		for (size_t ei = grp->first; ei < grp->first + grp->count; ei++) {
			const pc_ix_entry *e = ix->entries[ei];
			if (e->kind != PC_IX_TERM ||
			    (l->term_selected && !l->term_selected[e->term->index]))
				continue;
			if (!any)
				pdf_group_band(l, grp->name, f.x, f.w, 0);
			any = true;
			const pc_term *term = e->term;
			size_t g0 = l->g.n;
			sty s = {l->f_bold, 9.5f, C_TEXT, -1, false, false, 0};
			pdf_add_str(l, term->term, &s);
			sty r = {l->f_table, 8, C_GREY, -1, false, false, 0};
			if (term->reading && !term->reading_derived) {
				pdf_add_str(l, "（", &r);
				pdf_add_str(l, term->reading, &r);
				pdf_add_str(l, "）", &r);
			}
			sty d = {l->f_table, 9, C_TEXT, -1, false, false, 0};
			pdf_add_str(l, "　", &d);
			l->in_glossary = true;
			if (term->definition)
				inlines(l, term->definition->first, &d);
			else if (term->definition_text)
				pdf_add_str(l, term->definition_text, &d);
			l->in_glossary = false;
			for (size_t k = 0; k < term->naliases; k++) {
				pdf_add_str(l, k ? "、" : "（別名：", &r);
				pdf_add_str(l, term->aliases[k].text, &r);
				if (k + 1 == term->naliases)
					pdf_add_str(l, "）", &r);
			}
			int key = (int)(l->nsec + l->ntab + term->index);
			if (l->printed[key] > 0) {
				char buf[32];
				snprintf(buf, sizeof buf, "（p.%d）", l->printed[key]);
				sty pg = d;
				pg.link = key;
				pdf_add_str(l, buf, &pg);
			}
			pc_parshape sh = {f.w, 0, 9, false, false};
			set_lines(l, g0, f.x, &sh, 14.5f, 4, AL_JUSTIFY, 0);
		}
	}
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
		n.link = pages[2 * k + 1];
		if (last == def_page)
			n.face = l->f_bold;
		pdf_add_str(l, buf, &n);
	}
}

/* An index entry whose pages fit: the text, a dot leader, and the pages
 * flush right on the text's last line, as in the contents. */
static void index_entry_leader(L *l, const pc_ix_entry *e, const sty *es, const sty *ps,
                               const int *pages, size_t np, int def_page, float pw, float x)
{
	pdf_new_item(l, 0, IT_COL);
	size_t b = l->g.n;
	pdf_add_str(l, e->text, es);
	pc_parshape tsh = {COL_W - pw - 14, 0, 2 * 9.5f, true, false};
	size_t o_text = l->ops.n;
	float th = pdf_text_ops(l, b, x, 0, &tsh, 15, AL_LEFT);
	op *last = NULL;
	for (size_t k = o_text; k < l->ops.n; k++)
		if (l->ops.v[k].kind == OP_TEXT)
			last = &l->ops.v[k];
	float endx = x, base = 11;
	if (last) {
		const pc_glyph *q = &l->g.v[last->g1 - 1];
		endx = last->x + q->x + q->fw;
		base = last->y;
	}
	size_t pb = l->g.n;
	index_page_list(l, pages, np, def_page, ps, "");
	pc_parshape nsh = {pw + 1, 0, 0, true, false};
	size_t o0 = l->ops.n;
	pdf_text_ops(l, pb, x + COL_W - pw - 1, 0, &nsh, 15, AL_RIGHT);
	for (size_t k = o0; k < l->ops.n; k++)
		if (l->ops.v[k].kind == OP_TEXT)
			l->ops.v[k].y = base;
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
}

static void index_pages(L *l)
{
	const pc_index *ix = l->index;
	if (!ix || !ix->nentries)
		return;
	frame f = {BLOCK_X, BLOCK_W, PC_ROLE_NONE, 0};
	pdf_appendix_title(l, "索引", -3, (int)(l->key_appx + APPX_INDEX), f);
	int *pages = NULL;
	int *keys = NULL;
	size_t cap = 0;
	for (size_t gi = 0; gi < ix->ngroups; gi++) {
		const pc_ix_group *grp = &ix->groups[gi];
		pdf_group_band(l, grp->name, f.x, COL_W, IT_COL);
		for (size_t ei = grp->first; ei < grp->first + grp->count; ei++) {
			const pc_ix_entry *e = ix->entries[ei];
			sty es = {e->kind == PC_IX_ENTRY ? l->f_table : l->f_bold,
			          9.5f,
			          C_TEXT,
			          -1,
			          false,
			          false,
			          0};
			sty ps = {l->f_table, 9.5f, C_TEXT, -1, false, false, 0};
			/* pages, each once, in order; the definition in bold */
			if (cap < e->nplaces + 1) {
				cap = e->nplaces + 1;
				pages = pc_xrealloc(pages, cap * 2 * sizeof *pages);
				keys = pc_xrealloc(keys, cap * sizeof *keys);
			}
			size_t np = 0;
			int def_page = 0;
			for (size_t k = 0; e->kind != PC_IX_ALIAS && k < e->nplaces; k++) {
				/* a definition is printed in its glossary box */
				int key = e->places[k].definition && e->term
				              ? (int)(l->nsec + l->ntab + e->term->index)
				              : pdf_ptrmap_get(&l->keymap, e->places[k].node);
				if (key < 0 || l->printed[key] <= 0)
					continue;
				if (e->places[k].definition && !def_page)
					def_page = l->printed[key];
				pages[2 * np] = l->printed[key];
				pages[2 * np + 1] = key;
				np++;
			}
			qsort(pages, np, 2 * sizeof *pages, cmp_int);
			/* How wide the page list is, set on its own. */
			size_t a = l->g.n;
			index_page_list(l, pages, np, def_page, &ps, "");
			float pw = pdf_glyphs_width(l->g.v + a, l->g.n - a);
			l->g.n = a;
			if (np && pw < COL_W * 0.45f) {
				index_entry_leader(l, e, &es, &ps, pages, np, def_page, pw, f.x);
				continue;
			}
			/* An alias, or a long list of pages: the pages follow the
			 * text and the lines wrap with a hanging indent. */
			size_t b = l->g.n;
			pdf_add_str(l, e->text, &es);
			if (e->kind == PC_IX_ALIAS && e->term) {
				pdf_add_str(l, "　→ ", &ps);
				pdf_add_str(l, e->term->term, &ps);
			}
			index_page_list(l, pages, np, def_page, &ps, "　");
			pc_parshape esh = {COL_W, 0, 2 * 9.5f, true, false};
			size_t i0 = l->items.n;
			set_lines(l, b, f.x, &esh, 15, 0, AL_LEFT, 0);
			for (size_t k = i0; k < l->items.n; k++)
				l->items.v[k].flags |= IT_COL;
		}
	}
	free(pages);
	free(keys);
}

/* ---- the whole ------------------------------------------------------- */

void pdf_build(L *l)
{
	l->g.n = l->ops.n = l->items.n = l->boxes.n = l->urls.n = l->alts.n = 0;
	l->cur_box = -1;
	for (size_t i = 0; i < l->nterm; i++) {
		l->term_mark_sec[i] = -2;
		l->term_num_measure[i] = -2;
	}
	l->cur_sec = l->cur_measure = -1;
	l->next_num = 0;
	if (l->glossary_only) {
		glossary_appendix(l);
		return;
	}
	cover(l);
	contents(l);
	frame f = {BLOCK_X, BLOCK_W, PC_ROLE_NONE, 0};
	/* blocks before the first chapter start on their own page */
	const pc_node *root = l->doc->root;
	if (root && root->first && root->first->kind != PC_SECTION) {
		pdf_new_item(l, 0, IT_NEWPAGE | pdf_recto(l));
		pdf_end_item(l, 0);
	}
	if (root)
		blocks(l, root->first, f);
	pdf_kpi_appendix(l);
	glossary_appendix(l);
	index_pages(l);
}
