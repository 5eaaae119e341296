/*
 * PDF back end, the builder: the narrow interface every walker makes the
 * booklet with. Text becomes glyphs (measured through the device), glyphs
 * become lines (the layout core, text.c), lines and shapes become ops of
 * items, the units pagination moves. Nothing here knows the plan's tree.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../model/lang.h"
#include "../../util/utf8.h"
#include "layout.h"

/* ---- structure -------------------------------------------------------- */

void pdf_tags_reset(L *l)
{
	l->p.tags.n = 0;
	pc_tag_elem root = {PC_TAG_DOCUMENT, PC_SCOPE_NONE, -1, NULL, NULL};
	PUSH(l->p.tags, root);
	l->ntag = 0;
	l->tag_lbl = 0;
}

int pdf_tag_cur(const L *l)
{
	return l->ntag ? l->tag_stack[l->ntag - 1] : 0;
}

int pdf_tag_leaf(L *l, int type)
{
	if (!l->p.tags.n)
		pdf_tags_reset(l);
	pc_tag_elem e = {(uint8_t)type, PC_SCOPE_NONE, pdf_tag_cur(l), NULL, NULL};
	PUSH(l->p.tags, e);
	return (int)l->p.tags.n - 1;
}

int pdf_tag_open(L *l, int type)
{
	int e = pdf_tag_leaf(l, type);
	/* deeper than the stack: its content goes to the element around it */
	if ((size_t)l->ntag < sizeof l->tag_stack / sizeof l->tag_stack[0])
		l->tag_stack[l->ntag++] = e;
	return e;
}

void pdf_tag_close(L *l, int e)
{
	/* closes e and whatever was left open inside it */
	for (int i = l->ntag; i-- > 0;)
		if (l->tag_stack[i] == e) {
			l->ntag = i;
			return;
		}
}

void pdf_tag_alt(L *l, int e, const char *alt)
{
	if (e > 0 && (size_t)e < l->p.tags.n)
		l->p.tags.v[e].alt = alt;
}

void pdf_tag_scope(L *l, int e, int scope)
{
	if (e > 0 && (size_t)e < l->p.tags.n)
		l->p.tags.v[e].scope = (uint8_t)scope;
}

int pdf_tag_heading(int level)
{
	if (level < 1)
		level = 1;
	return PC_TAG_H1 + (level > 6 ? 5 : level - 1);
}

op *pdf_new_op(L *l, int kind)
{
	op o;
	memset(&o, 0, sizeof o);
	o.kind = (uint8_t)kind;
	o.fill = o.stroke = PC_DEV_NONE;
	o.key = PDF_NO_KEY;
	o.se = pdf_tag_cur(l);
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
	sty s = {face, size, rgb, -1, true, 0};
	return s;
}

/* ---- glyphs ---------------------------------------------------------- */

/* ASCII letters, digits, signs and the space: set in a face's Latin
 * companion. */
static bool is_latin_cp(uint32_t cp)
{
	return cp >= 0x20 && cp < 0x7F;
}

/* Full-width letters and digits typed in running text (ＳＤＧｓ, １２３)
 * are printed as the Latin they stand for (docs/pdf.md). */
static uint32_t fold_fullwidth(uint32_t cp)
{
	if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	    (cp >= 0xFF41 && cp <= 0xFF5A))
		return cp - 0xFEE0;
	return cp;
}

/* The proportional Latin face that goes with a face (itself when none). */
static int latin_of(const L *l, int face)
{
	if (face == l->f.body)
		return l->f.latin;
	if (face == l->f.table)
		return l->f.table_latin;
	if (face == l->f.bold)
		return l->f.bold_latin;
	if (face == l->f.head)
		return l->f.head_latin;
	return face;
}

void pdf_add_cp(L *l, uint32_t cp, const sty *st, unsigned flags, const pc_node *src, size_t charno)
{
	int face = st->face, w = -1;
	if (st->latin) {
		cp = fold_fullwidth(cp);
		if (is_latin_cp(cp)) {
			int lf = latin_of(l, face);
			if (lf != face && (w = pc_dev_width(l->dev, lf, cp)) >= 0)
				face = lf;
		}
	}
	if (face == st->face)
		w = cp == 0x2028 ? 0 : pc_dev_width(l->dev, face, cp);
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
	/* English runs: the tagged booklet gives them their language */
	pc_lang_run en = {len, 0};
	if (!pc_lang_next_english(s, len, 0, &en))
		en.off = len;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		if (i >= en.off + en.len && !pc_lang_next_english(s, len, i, &en))
			en.off = len;
		unsigned gf = i >= en.off && i < en.off + en.len ? PC_G_EN : 0;
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
		if (cp == ' ' && pdf_glyph_end(l) &&
		    pdf_glyph(l, pdf_glyph_end(l) - 1)->cp == ' ') {
			charno++;
			continue;
		}
		pdf_add_cp(l, cp, st, gf, src, charno++);
	}
}

void pdf_add_str(L *l, const char *s, const sty *st)
{
	pdf_add_text(l, s, strlen(s), st, NULL);
}

/* ---- glyphs as drawn ----------------------------------------------- */

static uint32_t style_hash(const pdf_gstyle *s)
{
	uint32_t v[4], h = 2166136261u;
	v[0] = (uint32_t)s->face;
	memcpy(&v[1], &s->size, 4);
	memcpy(&v[2], &s->rise, 4);
	v[3] = s->rgb;
	for (int i = 0; i < 4; i++)
		h = (h ^ v[i]) * 16777619u;
	return h;
}

static bool same_style(const pdf_gstyle *a, const pdf_gstyle *b)
{
	return a->face == b->face && a->size == b->size && a->rise == b->rise && a->rgb == b->rgb;
}

static void grow_style_slots(pdf_pool *p)
{
	size_t cap = p->style_cap ? p->style_cap * 2 : 64;
	uint32_t *slots = pc_xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < p->styles.n; i++) {
		size_t k = style_hash(&p->styles.v[i]) & (cap - 1);
		while (slots[k])
			k = (k + 1) & (cap - 1);
		slots[k] = (uint32_t)i + 1;
	}
	free(p->style_slots);
	p->style_slots = slots;
	p->style_cap = cap;
}

/* The index of a glyph's face, size, rise and colour in the pool's styles.
 * A book has a few dozen: the back end's faces, sizes and colours. */
static unsigned intern_style(pdf_pool *p, const pc_glyph *g)
{
	pdf_gstyle s = {g->face, g->size, g->rise, g->rgb};
	if (2 * (p->styles.n + 1) > p->style_cap)
		grow_style_slots(p);
	size_t k = style_hash(&s) & (p->style_cap - 1);
	for (; p->style_slots[k]; k = (k + 1) & (p->style_cap - 1))
		if (same_style(&p->styles.v[p->style_slots[k] - 1], &s))
			return p->style_slots[k] - 1;
	PUSH(p->styles, s);
	p->style_slots[k] = (uint32_t)p->styles.n;
	return (unsigned)p->styles.n - 1;
}

void pdf_commit_glyphs(L *l)
{
	pdf_pool *p = &l->p;
	size_t n = p->g.n;
	if (p->drawn.cap < p->drawn.n + n) {
		/* a pass makes about as many glyphs as the one before */
		size_t want = p->drawn.cap + p->drawn.cap / 2;
		if (want < p->drawn.n + n)
			want = p->drawn.n + n + 1024;
		p->drawn.cap = want;
		p->drawn.v = pc_xrealloc(p->drawn.v, want * sizeof *p->drawn.v);
	}
	/* runs of glyphs share their style: looked up once a run */
	const pc_glyph *prev = NULL;
	unsigned style = 0;
	for (size_t i = 0; i < n; i++) {
		const pc_glyph *g = &p->g.v[i];
		if (!prev || g->face != prev->face || g->size != prev->size ||
		    g->rise != prev->rise || g->rgb != prev->rgb)
			style = intern_style(p, g) & 0xFFFFFFu;
		prev = g;
		pdf_dglyph *d = &p->drawn.v[p->drawn.n++];
		d->cp = g->cp;
		d->x = g->x;
		d->fw = g->fw;
		d->link = g->link;
		d->src = g->src;
		d->style = style;
		d->flags = g->flags;
	}
	p->gbase += n;
	p->g.n = 0;
}

void pdf_settle_glyphs(L *l)
{
	pdf_commit_glyphs(l);
	free(l->p.g.v);
	l->p.g.v = NULL;
	l->p.g.cap = 0;
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
		int link = pdf_glyph(l, i)->link;
		if (link == -1) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < ln->end && pdf_glyph(l, j)->link == link)
			j++;
		const pc_glyph *a = pdf_glyph(l, i), *b = pdf_glyph(l, j - 1);
		op *o = pdf_new_op(l, OP_LINK);
		o->x = x + a->x;
		o->y = top;
		o->w = b->x + b->fw - a->x;
		o->h = h;
		o->id = link;
		o->g0 = i; /* the linked text: the annotation's description */
		o->g1 = j;
		i = j;
	}
}

/* The largest size on a line, superscripts aside. */
static float line_size(const L *l, const pc_line *ln)
{
	float maxsize = 0;
	for (size_t i = ln->start; i < ln->end; i++)
		if (pdf_glyph(l, i)->size > maxsize && pdf_glyph(l, i)->rise == 0)
			maxsize = pdf_glyph(l, i)->size;
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

/* A raised mark (※, ※2) sits tight against its term and the text after
 * it: no Japanese–Latin space before it, inside it or after it (JLREQ's
 * ¼ em is for text on the baseline; 「NPO※」, not 「NPO ※」). */
static void tighten_marks(pc_glyph *g, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		/* ※ and its number are one sign, on the baseline too: 「※1」 */
		bool numbered = g[i - 1].cp == 0x203B && g[i].cp >= '0' && g[i].cp <= '9';
		if (g[i].rise != 0 || g[i - 1].rise != 0 || numbered)
			g[i].gap = 0;
	}
}

void pdf_prepare(L *l, size_t g0, size_t g1)
{
	if (g1 <= g0)
		return;
	pc_text_prepare(pdf_glyph(l, g0), g1 - g0);
	tighten_marks(pdf_glyph(l, g0), g1 - g0);
}

/* ---- line breaks remembered from pass to pass -------------------------- */

/* Every layout pass sets the same paragraphs again; only those holding a
 * page number may change. A breaking is kept under two hashes of what
 * decides it (the glyphs' characters, faces, sizes, widths, rises and
 * flags, and the shape), with what it decided: each glyph's x and flags,
 * and the lines. */
typedef struct break_memo {
	uint64_t h1, h2; /* h1 0: a free slot */
	size_t n;        /* glyphs */
	size_t at;       /* their x and flags in the pools */
	size_t line0, nlines;
} break_memo;

struct pdf_break_memos {
	break_memo *v; /* open addressing on h1 */
	size_t cap, n;
	VEC(float) x;
	VEC(uint8_t) flags;
	VEC(pc_line) lines;
};

/* What the breaker reads must all be hashed: a new field in these structs
 * has to be added to break_hashes. */
_Static_assert(sizeof(pc_parshape) == 16, "break_hashes covers every field of pc_parshape");
_Static_assert(sizeof(pc_glyph) == 56, "break_hashes covers the inputs of pc_glyph");

static void break_hashes(const pc_glyph *g, size_t n, const pc_parshape *sh, uint64_t *h1,
                         uint64_t *h2)
{
	uint64_t a = 1469598103934665603ull, b = 0x84222325CBF29CE4ull;
#define MIX(v)                                                                                     \
	do {                                                                                       \
		uint64_t v_ = (uint64_t)(v);                                                       \
		a = (a ^ v_) * 1099511628211ull;                                                   \
		b = (b + v_) * 0x9E3779B97F4A7C15ull;                                              \
		b ^= b >> 29;                                                                      \
	} while (0)
	uint32_t f[4];
	memcpy(&f[0], &sh->width, 4);
	memcpy(&f[1], &sh->first, 4);
	memcpy(&f[2], &sh->rest, 4);
	MIX(f[0]);
	MIX(f[1]);
	MIX(f[2]);
	MIX(sh->balance << 2 | sh->ragged << 1 | sh->phrase);
	MIX(n);
	for (size_t i = 0; i < n; i++) {
		memcpy(&f[0], &g[i].size, 4);
		memcpy(&f[1], &g[i].fw, 4);
		memcpy(&f[2], &g[i].rise, 4);
		MIX(g[i].cp);
		MIX((uint64_t)(uint16_t)g[i].face << 32 | (uint64_t)(g[i].flags & ~PC_G_SPLIT));
		MIX((uint64_t)f[0] << 32 | f[1]);
		MIX(f[2]);
	}
#undef MIX
	*h1 = a ? a : 1;
	*h2 = b;
}

static size_t memo_slot(const struct pdf_break_memos *m, uint64_t h1)
{
	size_t i = (size_t)(h1 ^ h1 >> 31) & (m->cap - 1);
	while (m->v[i].h1 && m->v[i].h1 != h1)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void memo_grow(struct pdf_break_memos *m)
{
	size_t cap = m->cap ? 2 * m->cap : 1024;
	struct pdf_break_memos g = *m;
	g.v = pc_xcalloc(cap, sizeof *g.v);
	g.cap = cap;
	for (size_t i = 0; i < m->cap; i++)
		if (m->v[i].h1)
			g.v[memo_slot(&g, m->v[i].h1)] = m->v[i];
	free(m->v);
	*m = g;
}

void pdf_break_memos_free(L *l)
{
	struct pdf_break_memos *m = l->breaks;
	if (!m)
		return;
	free(m->v);
	free(m->x.v);
	free(m->flags.v);
	free(m->lines.v);
	free(m);
	l->breaks = NULL;
}

/* pc_text_break of prepared glyphs, remembered: a paragraph set or
 * measured again (in a later pass, or by a table trying its columns) is
 * not broken again. */
static size_t break_remembered(L *l, pc_glyph *g, size_t n, const pc_parshape *sh, pc_lines *out)
{
	if (!l->breaks)
		l->breaks = pc_xcalloc(1, sizeof *l->breaks);
	struct pdf_break_memos *m = l->breaks;
	uint64_t h1, h2;
	break_hashes(g, n, sh, &h1, &h2);
	if (m->cap) {
		const break_memo *e = &m->v[memo_slot(m, h1)];
		if (e->h1 == h1 && e->h2 == h2 && e->n == n) {
			for (size_t i = 0; i < n; i++) {
				g[i].x = m->x.v[e->at + i];
				g[i].flags = m->flags.v[e->at + i];
			}
			for (size_t k = 0; k < e->nlines; k++) {
				if (out->len == out->cap) {
					out->cap = out->cap ? out->cap * 2 : 64;
					out->items =
					    pc_xrealloc(out->items, out->cap * sizeof *out->items);
				}
				out->items[out->len++] = m->lines.v[e->line0 + k];
			}
			return e->nlines;
		}
	}
	size_t first = out->len;
	size_t nl = pc_text_break(l->br, g, n, sh, out);
	if (2 * (m->n + 1) > m->cap)
		memo_grow(m);
	break_memo *e = &m->v[memo_slot(m, h1)];
	if (!e->h1)
		m->n++;
	*e = (break_memo){h1, h2, n, m->x.n, m->lines.n, nl};
	for (size_t i = 0; i < n; i++) {
		PUSH(m->x, g[i].x);
		PUSH(m->flags, g[i].flags);
	}
	for (size_t k = 0; k < nl; k++)
		PUSH(m->lines, out->items[first + k]);
	return nl;
}

size_t pdf_break(L *l, size_t g0, size_t g1, const pc_parshape *sh, pc_lines *out)
{
	if (g1 <= g0)
		return 0;
	pdf_prepare(l, g0, g1);
	return break_remembered(l, pdf_glyph(l, g0), g1 - g0, sh, out);
}

/* Breaks glyphs [g0, end of the pool) into l->lines, positions absolute. */
static size_t break_lines(L *l, size_t g0, const pc_parshape *sh)
{
	size_t n = pdf_glyph_end(l) - g0;
	if (!n)
		return 0;
	l->lines.len = 0;
	size_t nl = pdf_break(l, g0, pdf_glyph_end(l), sh, &l->lines);
	for (size_t k = 0; k < nl; k++) {
		l->lines.items[k].start += g0;
		l->lines.items[k].end += g0;
	}
	return nl;
}

/* Breaks glyphs [g0, g1) at the measure of sh into l->lines (positions
 * relative to g0); *splits counts the words split for want of a break. */
static size_t probe_lines(L *l, size_t g0, size_t g1, const pc_parshape *sh, size_t *splits)
{
	pc_glyph *g = pdf_glyph(l, g0);
	size_t n = g1 - g0;
	for (size_t i = 0; i < n; i++)
		g[i].flags &= (uint8_t)~PC_G_SPLIT;
	l->lines.len = 0;
	size_t nl = break_remembered(l, g, n, sh, &l->lines);
	*splits = 0;
	for (size_t i = 0; i < n; i++)
		*splits += (g[i].flags & PC_G_SPLIT) != 0;
	return nl;
}

/* Scripts that tell a likely word boundary from a likely word inside. */
enum { SC_OTHER, SC_HIRAGANA, SC_KATAKANA, SC_KANJI, SC_LATIN };

static int script_of(const pc_glyph *q)
{
	uint32_t c = q->cp;
	if (c >= 0x3041 && c <= 0x309F)
		return SC_HIRAGANA;
	if ((c >= 0x30A0 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF))
		return SC_KATAKANA;
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005)
		return SC_KANJI;
	if (q->cls == PC_CC_LATIN)
		return SC_LATIN;
	return SC_OTHER;
}

/* How bad a line break between a and b looks, in ems: none after
 * punctuation or before an opening bracket, nor where a particle (kana)
 * meets a word in kanji or katakana; more inside a run of kanji or of
 * katakana (a compound: 「転入｜数」), or from kanji to kana (a word and its
 * ending: 「育｜てる」). ICU's phrases are good but not perfect guesses. */
static float break_cost(const pc_glyph *a, const pc_glyph *b)
{
	if (a->cls == PC_CC_CLOSE || a->cls == PC_CC_COMMA || a->cls == PC_CC_PERIOD ||
	    a->cls == PC_CC_SPACE || b->cls == PC_CC_OPEN || b->cls == PC_CC_SPACE)
		return 0;
	int sa = script_of(a), sb = script_of(b);
	if (sa == SC_HIRAGANA && (sb == SC_KANJI || sb == SC_KATAKANA || sb == SC_LATIN))
		return 0;
	if ((sa == SC_KANJI || sa == SC_KATAKANA) && sa == sb)
		return 1.0f;
	if (sa == SC_KANJI && sb == SC_HIRAGANA)
		return 1.0f;
	if (sa == SC_HIRAGANA && sb == SC_HIRAGANA)
		return 0.5f;
	return 0.3f;
}

/* Where glyphs [g0, g1) may start a line: open[i] 1 for a break
 * opportunity before glyph g0 + i, 2 for a forced one (after a U+2028).
 * The breaker's own, keeps applied: a number and its counter, an era and
 * its year, a katakana word are one piece. */
static void break_opportunities(L *l, size_t g0, size_t g1, bool phrase, uint8_t *open)
{
	pc_parshape sh = {INFINITY, 0, 0, true, phrase, false};
	pc_text_opportunities(l->br, pdf_glyph(l, g0), g1 - g0, &sh, open);
}

/* Widths of a line of glyphs [a, b) (spaces and breaks at its end left
 * out): as set, and the narrowest it may be squeezed to. */
static void line_widths(const pc_glyph *g, size_t a, size_t b, float *natural, float *least)
{
	while (b > a && (g[b - 1].cls == PC_CC_SPACE || g[b - 1].cls == PC_CC_BREAK))
		b--;
	float w = 0, sq = 0;
	for (size_t i = a; i < b; i++) {
		w += g[i].adv + (i > a ? g[i].gap : 0);
		sq += (i > a ? g[i].lead : 0) + (i + 1 < b ? g[i].trail : 0);
	}
	if (b > a)
		w -= g[b - 1].trail; /* closing punctuation drops its blank half */
	*natural = w;
	*least = w - sq;
}

/* Characters on a line, punctuation and hidden glyphs aside. */
static size_t line_chars(const pc_glyph *g, size_t a, size_t b)
{
	size_t n = 0;
	for (size_t i = a; i < b; i++)
		n += g[i].cls != PC_CC_CLOSE && g[i].cls != PC_CC_PERIOD &&
		     g[i].cls != PC_CC_COMMA && g[i].cls != PC_CC_SPACE &&
		     !(g[i].flags & PC_G_HIDDEN);
	return n;
}

/* The last glyph of a line that is not a space or a break. */
static size_t line_last(const pc_glyph *g, size_t a, size_t b)
{
	while (b > a + 1 && (g[b - 1].cls == PC_CC_SPACE || g[b - 1].cls == PC_CC_BREAK))
		b--;
	return b - 1;
}

#define BALANCE_MAX_GLYPHS 400
#define BALANCE_MAX_LINES  12

void pdf_balance_lines(L *l, size_t g0, size_t g1, const pc_parshape *sh)
{
	size_t n = g1 - g0;
	if (g1 <= g0 || n > BALANCE_MAX_GLYPHS)
		return;
	pdf_prepare(l, g0, g1);
	size_t splits, want = probe_lines(l, g0, g1, sh, &splits);
	if (want < 2 || want > BALANCE_MAX_LINES || splits)
		return; /* one line, or words already split: nothing to choose */
	uint8_t open[BALANCE_MAX_GLYPHS];
	break_opportunities(l, g0, g1, sh->phrase, open);
	const pc_glyph *g = pdf_glyph(l, g0);
	/* candidate line starts: 0, every opportunity, and n */
	size_t pos[BALANCE_MAX_GLYPHS + 1], np = 0;
	pos[np++] = 0;
	for (size_t i = 1; i < n; i++)
		if (open[i])
			pos[np++] = i;
	pos[np++] = n;
	float em = g[0].size > 0 ? g[0].size : BODY_SIZE, total = 0;
	for (size_t i = 0; i < n; i++)
		total += g[i].adv;
	/* a bad break or a lone last character weighs about as much as lines
	 * one average line apart in length */
	float weight = 2 * total / em / (float)want;
	/* cost[j * (want + 1) + k]: the best k lines ending where pos[j] starts */
	size_t stride = want + 1;
	float *cost = pc_xmalloc(np * stride * sizeof *cost);
	uint16_t *from = pc_xmalloc(np * stride * sizeof *from);
	for (size_t i = 0; i < np * stride; i++)
		cost[i] = INFINITY;
	cost[0] = 0;
	for (size_t j = 1; j < np; j++) {
		for (size_t i = j; i-- > 0;) {
			size_t a = pos[i], b = pos[j];
			/* a line never runs past a forced break */
			if (i + 1 < j && open[pos[i + 1]] == 2)
				break;
			float natural, least;
			line_widths(g, a, b, &natural, &least);
			float avail = sh->width - (i == 0 ? sh->first : sh->rest);
			if (least > avail + 0.01f)
				break; /* longer lines from earlier starts do not fit either */
			bool ends_segment = b == n || open[b] == 2;
			bool starts_segment = a == 0 || open[a] == 2;
			float c = (natural / em) * (natural / em);
			if (!ends_segment)
				c += weight * break_cost(&g[line_last(g, a, b)], &g[b]);
			else if (!starts_segment) {
				size_t chars = line_chars(g, a, b);
				c += weight * (chars <= 1 ? 3.0f : chars == 2 ? 1.0f : 0);
			}
			for (size_t k = 1; k <= want; k++) {
				float prev = cost[i * stride + k - 1];
				if (prev + c < cost[j * stride + k]) {
					cost[j * stride + k] = prev + c;
					from[j * stride + k] = (uint16_t)i;
				}
			}
		}
	}
	bool found = isfinite(cost[(np - 1) * stride + want]);
	/* Keep the chosen starts open, glue every other opportunity shut. */
	bool chosen[BALANCE_MAX_GLYPHS + 1] = {0};
	for (size_t j = np - 1, k = want; found && j > 0 && k > 0; k--) {
		j = from[j * stride + k];
		chosen[pos[j]] = true;
	}
	free(cost);
	free(from);
	if (!found)
		return;
	size_t glued[BALANCE_MAX_GLYPHS], ng = 0;
	for (size_t i = 1; i < n; i++)
		if (open[i] == 1 && !chosen[i] && !(g[i].flags & PC_G_GLUE)) {
			pdf_glyph(l, g0 + i)->flags |= PC_G_GLUE;
			glued[ng++] = i;
		}
	/* the breaker must now set exactly those lines; if not, as it was */
	if (probe_lines(l, g0, g1, sh, &splits) != want || splits)
		for (size_t k = 0; k < ng; k++)
			pdf_glyph(l, g0 + glued[k])->flags &= (uint8_t)~PC_G_GLUE;
}

float pdf_unbreakable_width(L *l, size_t g0, size_t g1, bool phrase)
{
	if (g1 <= g0)
		return 0;
	pdf_prepare(l, g0, g1);
	/* without phrases, the keeps of justified text: katakana words and
	 * an era's year may break, a number's counter may not */
	pc_parshape sh = {INFINITY, 0, 0, phrase, phrase, false};
	return pc_text_min_width(l->br, pdf_glyph(l, g0), g1 - g0, &sh);
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
				pdf_glyph(l, i)->x = mx;
				mx += pdf_glyph(l, i)->fw;
			}
			op *m = pdf_new_op(l, OP_TEXT);
			if (l->tag_lbl > 0) /* a list item's label */
				m->se = l->tag_lbl;
			l->tag_lbl = 0;
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

void pdf_title_with_rule(L *l, const char *text, frame f, float after)
{
	size_t g0 = pdf_glyph_end(l);
	sty st = pdf_sty(l->f.head, 20, C_TEXT);
	pdf_add_str(l, text, &st);
	pc_parshape sh = {f.w, 0, 0, true, true};
	float h = pdf_text_ops(l, g0, f.x, 6, &sh, 30, AL_LEFT);
	op *rule = pdf_new_op(l, OP_LINE);
	rule->x = f.x;
	rule->y = h + 12;
	rule->w = f.w;
	rule->stroke = C_ACCENT;
	rule->lw = 1.2f;
	pdf_end_item(l, h + after);
}

void pdf_cover_band(L *l, float h)
{
	op *band = pdf_new_op(l, OP_RECT);
	band->x = 0;
	band->y = 250;
	band->w = PC_DEV_PAGE_W;
	band->h = h;
	band->fill = C_ACCENT_LIGHT;
	op *bar = pdf_new_op(l, OP_RECT);
	bar->x = 0;
	bar->y = 250;
	bar->w = 14;
	bar->h = h;
	bar->fill = C_ACCENT;
}
