/*
 * PDF back end, the builder: the narrow interface every walker makes the
 * booklet with. Text becomes glyphs (measured through the device), glyphs
 * become lines (the layout core, text.c), lines and shapes become ops of
 * items, the units pagination moves. Nothing here knows the plan's tree.
 */
#include <string.h>

#include "../../util/utf8.h"
#include "layout.h"

op *pdf_new_op(L *l, int kind)
{
	op o;
	memset(&o, 0, sizeof o);
	o.kind = (uint8_t)kind;
	o.fill = o.stroke = PC_DEV_NONE;
	o.key = PDF_NO_KEY;
	PUSH(l->p.ops, o);
	return &l->p.ops.v[l->p.ops.n - 1];
}

item *pdf_new_item(L *l, float before, unsigned flags)
{
	item it = {0, before, flags, l->p.cur_box, -1, PDF_NO_KEY, l->p.ops.n, l->p.ops.n};
	PUSH(l->p.items, it);
	return &l->p.items.v[l->p.items.n - 1];
}

void pdf_end_item(L *l, float h)
{
	item *it = &l->p.items.v[l->p.items.n - 1];
	it->op1 = l->p.ops.n;
	it->h = h;
}

int pdf_open_box(L *l, int style, float x, float w)
{
	box b = {style, l->p.cur_box, x, w};
	PUSH(l->p.boxes, b);
	return l->p.cur_box = (int)l->p.boxes.n - 1;
}

void pdf_close_box(L *l, int b)
{
	l->p.cur_box = l->p.boxes.v[b].parent;
}

void pdf_dest_op(L *l, pdf_key key)
{
	if (pdf_key_ok(key))
		pdf_new_op(l, OP_DEST)->key = key;
}

/* The op goes at the end of the item's ops; the ops of the items after it
 * move up by one. */
void pdf_attach_dest(L *l, size_t item_index, pdf_key key)
{
	if (!pdf_key_ok(key) || item_index >= l->p.items.n)
		return;
	op o;
	memset(&o, 0, sizeof o);
	o.kind = OP_DEST;
	o.key = key;
	PUSH(l->p.ops, o);
	item *it = &l->p.items.v[item_index];
	memmove(l->p.ops.v + it->op1 + 1, l->p.ops.v + it->op1,
	        (l->p.ops.n - 1 - it->op1) * sizeof o);
	l->p.ops.v[it->op1] = o;
	it->op1++;
	for (size_t k = item_index + 1; k < l->p.items.n; k++) {
		l->p.items.v[k].op0++;
		l->p.items.v[k].op1++;
	}
}

int pdf_link_to_key(L *l, pdf_key key)
{
	if (!pdf_key_ok(key))
		return -1;
	pdf_link k = {key, NULL};
	PUSH(l->p.links, k);
	return (int)l->p.links.n - 1;
}

int pdf_link_to_uri(L *l, const char *uri)
{
	pdf_link k = {PDF_NO_KEY, uri};
	PUSH(l->p.links, k);
	return (int)l->p.links.n - 1;
}

unsigned pdf_recto(const L *l)
{
	return l->doc->meta.recto ? IT_RECTO : 0;
}

sty pdf_sty(int face, float size, uint32_t rgb)
{
	sty s = {face, size, rgb, -1, false, 0};
	return s;
}

/* ---- glyphs ---------------------------------------------------------- */

static bool is_latin_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       cp == '.' || cp == ',' || cp == '%' || cp == '-' || cp == '/' || cp == ':' ||
	       cp == '+' || cp == '&' || cp == '\'' || cp == '@' || cp == '#' || cp == '_';
}

void pdf_add_cp(L *l, uint32_t cp, const sty *st, unsigned flags, const pc_node *src, size_t charno)
{
	int face = st->face;
	if (st->latin && face == l->f.body && l->f.latin != l->f.body && is_latin_cp(cp))
		face = l->f.latin;
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
			face = l->f.body;
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
	PUSH(l->p.g, g);
}

/* Tabs and newlines become spaces; runs of spaces collapse. */
void pdf_add_text(L *l, const char *s, size_t len, const sty *st, const pc_node *src)
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
		if (cp == ' ' && l->p.g.n && l->p.g.v[l->p.g.n - 1].cp == ' ') {
			charno++;
			continue;
		}
		pdf_add_cp(l, cp, st, 0, src, charno++);
	}
}

void pdf_add_str(L *l, const char *s, const sty *st)
{
	pdf_add_text(l, s, strlen(s), st, NULL);
}

float pdf_glyphs_width(const pc_glyph *g, size_t n)
{
	float w = 0;
	for (size_t i = 0; i < n; i++)
		w += g[i].fw;
	return w;
}

/* ---- lines ----------------------------------------------------------- */

/* Adds link rectangles for runs of linked glyphs on a line. */
void pdf_line_links(L *l, const pc_line *ln, float x, float top, float h)
{
	size_t i = ln->start;
	while (i < ln->end) {
		int link = l->p.g.v[i].link;
		if (link == -1) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < ln->end && l->p.g.v[j].link == link)
			j++;
		const pc_glyph *a = &l->p.g.v[i], *b = &l->p.g.v[j - 1];
		op *o = pdf_new_op(l, OP_LINK);
		o->x = x + a->x;
		o->y = top;
		o->w = b->x + b->fw - a->x;
		o->h = h;
		o->id = link;
		i = j;
	}
}

/* The largest size on a line, superscripts aside. */
static float line_size(const L *l, const pc_line *ln)
{
	float maxsize = 0;
	for (size_t i = ln->start; i < ln->end; i++)
		if (l->p.g.v[i].size > maxsize && l->p.g.v[i].rise == 0)
			maxsize = l->p.g.v[i].size;
	return maxsize == 0 ? BODY_SIZE : maxsize;
}

static float align_dx(const pc_line *ln, int align)
{
	if (align == AL_CENTER)
		return (ln->avail - ln->width) / 2;
	if (align == AL_RIGHT)
		return ln->avail - ln->width;
	return 0;
}

/* Breaks glyphs [g0, end of the pool) into l->lines, positions absolute. */
static size_t break_lines(L *l, size_t g0, const pc_parshape *sh)
{
	size_t n = l->p.g.n - g0;
	if (!n)
		return 0;
	pc_text_prepare(l->p.g.v + g0, n);
	l->lines.len = 0;
	size_t nl = pc_text_break(l->br, l->p.g.v + g0, n, sh, &l->lines);
	for (size_t k = 0; k < nl; k++) {
		l->lines.items[k].start += g0;
		l->lines.items[k].end += g0;
	}
	return nl;
}

size_t pdf_set_lines(L *l, size_t g0, float x, const pc_parshape *sh, float pitch, float before,
                     int align, unsigned keep_last)
{
	return pdf_set_lines_marked(l, 0, 0, g0, x, sh, pitch, before, align, keep_last);
}

size_t pdf_set_lines_marked(L *l, size_t mk0, size_t mk1, size_t g0, float x, const pc_parshape *sh,
                            float pitch, float before, int align, unsigned keep_last)
{
	size_t nl = break_lines(l, g0, sh);
	for (size_t k = 0; k < nl; k++) {
		pc_line ln = l->lines.items[k];
		float maxsize = line_size(l, &ln);
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
		float dx = align_dx(&ln, align);
		if (k == 0 && mk1 > mk0) { /* the marker first: it is read first */
			float mx = 0;
			for (size_t i = mk0; i < mk1; i++) {
				l->p.g.v[i].x = mx;
				mx += l->p.g.v[i].fw;
			}
			op *m = pdf_new_op(l, OP_TEXT);
			m->x = x;
			m->y = (h - maxsize) / 2 + maxsize * 0.88f;
			m->g0 = mk0;
			m->g1 = mk1;
		}
		op *o = pdf_new_op(l, OP_TEXT);
		o->x = x + dx;
		o->y = (h - maxsize) / 2 + maxsize * 0.88f;
		o->g0 = ln.start;
		o->g1 = ln.end;
		pdf_line_links(l, &ln, x + dx, 0, h);
		pdf_end_item(l, h);
	}
	return nl;
}

float pdf_text_ops(L *l, size_t g0, float x, float y, const pc_parshape *sh, float pitch, int align)
{
	size_t nl = break_lines(l, g0, sh);
	float yy = y;
	for (size_t k = 0; k < nl; k++) {
		pc_line ln = l->lines.items[k];
		float maxsize = line_size(l, &ln);
		float h = pitch > maxsize * 1.2f ? pitch : maxsize * 1.3f;
		float dx = align_dx(&ln, align);
		op *o = pdf_new_op(l, OP_TEXT);
		o->x = x + dx;
		o->y = yy + (h - maxsize) / 2 + maxsize * 0.88f;
		o->g0 = ln.start;
		o->g1 = ln.end;
		pdf_line_links(l, &ln, x + dx, yy, h);
		yy += h;
	}
	return yy - y;
}
