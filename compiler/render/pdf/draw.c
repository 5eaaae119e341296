/*
 * PDF back end, drawing: pages, destinations, boxes, items, running
 * header and footer, the draft watermark and the outline, through the
 * device.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../util/heap.h"
#include "../../util/utf8.h"
#include "layout.h"

/* The running head's size, the folio's, the watermark's. */
#define HEAD_SIZE      8.5f
#define FOLIO_SIZE     9.0f
#define WATERMARK_SIZE 220.0f

/* ---- drawing --------------------------------------------------------- */

static float page_y(float top_from_block)
{
	return PC_DEV_PAGE_H - BLOCK_TOP - top_from_block;
}

/* ---- marked content (tags.h) ------------------------------------------- */

enum { MC_NONE = -2, MC_ARTIFACT = -1 };

static void mc_close(L *l)
{
	if (l->tree && l->mc != MC_NONE) {
		pc_dev_mark_end(l->dev);
		l->mc = MC_NONE;
	}
}

/* Makes the marked content open what is drawn next belongs to: an
 * element's (a new MCID) or an artifact's. */
static void mc_want(L *l, int want, int page)
{
	if (!l->tree || l->mc == want)
		return;
	mc_close(l);
	if (want == MC_ARTIFACT)
		pc_dev_artifact_begin(l->dev);
	else {
		int mcid = pc_tags_mark(l->tree, want, page);
		pc_dev_mark_begin(l->dev, pc_tag_name(pc_tags_type(l->tree, want)), mcid, NULL);
	}
	l->mc = want;
}

/* Draws glyphs [g0, g1) of a line at x0 on baseline base. */
static void draw_runs(L *l, size_t g0, size_t g1, float x0, float base)
{
	static _Thread_local uint32_t cps[1024];
	/* The line's runs of one face, size, colour, rise and spacing. */
	typedef struct run {
		size_t i, j;
		float gap;
	} run;
	static _Thread_local run runs[1024];
	size_t nruns = 0;
	size_t i = g0;
	while (i < g1 && nruns < 1024) {
		const pdf_dglyph *a = pdf_dglyph_at(l, i);
		const pdf_gstyle *as = pdf_dglyph_style(l, a);
		if (a->flags & PC_G_HIDDEN) {
			i++;
			continue;
		}
		size_t j = i + 1;
		float gap = 0;
		bool have_gap = false;
		while (j < g1 && j - i < 1024) {
			const pdf_dglyph *p = pdf_dglyph_at(l, j - 1), *q = pdf_dglyph_at(l, j);
			const pdf_gstyle *qs = pdf_dglyph_style(l, q);
			if ((q->flags & PC_G_HIDDEN) || qs->face != as->face ||
			    qs->size != as->size || qs->rgb != as->rgb || qs->rise != as->rise)
				break;
			float gg = q->x - p->x - p->fw;
			if (!have_gap) {
				gap = gg;
				have_gap = true;
			} else if (fabsf(gg - gap) > 0.002f)
				break;
			j++;
		}
		runs[nruns++] = (run){i, j, have_gap ? gap : 0};
		i = j;
	}
	/* Drawn face by face (each at its own x): a line of Japanese with
	 * Latin numbers switches fonts twice, not at every number. The
	 * ActualText keeps the reading order. Tagged, in reading order: a
	 * reader of the structure tree takes the text of the content. */
	bool in_order = l->tree != NULL;
	for (size_t r = 0; r < nruns; r++) {
		if (runs[r].j == 0)
			continue; /* drawn with an earlier run of its face */
		const pdf_gstyle *a = pdf_dglyph_style(l, pdf_dglyph_at(l, runs[r].i));
		for (size_t s = r; s < (in_order ? r + 1 : nruns); s++) {
			const pdf_dglyph *b = pdf_dglyph_at(l, runs[s].i);
			const pdf_gstyle *bs = pdf_dglyph_style(l, b);
			if (runs[s].j == 0 || bs->face != a->face || bs->size != a->size)
				continue;
			for (size_t k = runs[s].i; k < runs[s].j; k++)
				cps[k - runs[s].i] = pdf_dglyph_at(l, k)->cp;
			pc_dev_text(l->dev, bs->face, bs->size, x0 + b->x, base + bs->rise,
			            runs[s].gap, cps, runs[s].j - runs[s].i, bs->rgb);
			runs[s].j = 0;
		}
	}
}

/* The text of glyphs [g0, g1) into b. */
static void glyph_text(const L *l, size_t g0, size_t g1, pc_buf *b)
{
	pc_buf_clear(b);
	for (size_t k = g0; k < g1; k++) {
		const pdf_dglyph *q = pdf_dglyph_at(l, k);
		if (q->flags & PC_G_HIDDEN)
			continue;
		char u[4];
		pc_buf_put(b, u, pc_utf8_encode(q->cp, u));
	}
}

/* A line of element se with runs of English or links: a sequence for
 * each piece, English in a Span of its language, a link's text in its
 * Link element (which gets the annotation too, tag_link); all inside one
 * span of the line's ActualText, so that text extraction reads the line
 * as a whole as before. */
static void draw_pieces(L *l, const op *o, int se, float x0, float base)
{
	mc_close(l);
	glyph_text(l, o->g0, o->g1, &l->actual);
	pc_dev_span_begin(l->dev, pc_buf_cstr(&l->actual));
	l->nlink_pieces = 0;
	size_t a = o->g0;
	while (a < o->g1) {
		const pdf_dglyph *first = pdf_dglyph_at(l, a);
		bool en = first->flags & PC_G_EN;
		int link = first->link;
		size_t b = a + 1;
		while (b < o->g1 && (bool)(pdf_dglyph_at(l, b)->flags & PC_G_EN) == en &&
		       pdf_dglyph_at(l, b)->link == link)
			b++;
		int e = se;
		if (link >= 0) {
			e = pc_tags_add(l->tree, PC_TAG_LINK, se);
			if (l->nlink_pieces <
			    (int)(sizeof l->link_pieces / sizeof l->link_pieces[0])) {
				l->link_pieces[l->nlink_pieces].g0 = a;
				l->link_pieces[l->nlink_pieces].g1 = b;
				l->link_pieces[l->nlink_pieces++].elem = e;
			}
		}
		if (en) {
			e = pc_tags_add(l->tree, PC_TAG_SPAN, e);
			pc_tags_lang(l->tree, e, "en-US");
		}
		int mcid = pc_tags_mark(l->tree, e, l->page_now);
		pc_dev_mark_begin(l->dev, pc_tag_name(pc_tags_type(l->tree, e)), mcid, NULL);
		draw_runs(l, a, b, x0, base);
		pc_dev_mark_end(l->dev);
		a = b;
	}
	pc_dev_span_end(l->dev);
}

static bool has_pieces(const L *l, const op *o)
{
	for (size_t k = o->g0; k < o->g1; k++)
		if ((pdf_dglyph_at(l, k)->flags & PC_G_EN) || pdf_dglyph_at(l, k)->link >= 0)
			return true;
	return false;
}

static void draw_text_op(L *l, const op *o, float ytop, bool abs, float dx)
{
	float base = abs ? PC_DEV_PAGE_H - (ytop + o->y) : page_y(ytop + o->y);
	/* The line's text as it should be extracted: squeezed punctuation and
	 * stretched gaps make pdftotext insert spaces and breaks otherwise. */
	pc_buf *actual = &l->actual;
	/* inside a chart, the chart's words stand for all of its labels; the
	 * print edition is for the press, not for reading out */
	bool span = o->g1 - o->g0 > 1 && !l->in_alt && !l->edition;
	/* a line of an element: its own marked content, which says the text */
	int se = l->text_se;
	l->text_se = MC_NONE;
	l->nlink_pieces = 0;
	if (se >= 0 && has_pieces(l, o)) {
		draw_pieces(l, o, se, o->x + dx, base);
		return;
	}
	if (span || se >= 0) {
		glyph_text(l, o->g0, o->g1, actual);
		if (se >= 0) {
			mc_close(l);
			int mcid = pc_tags_mark(l->tree, se, l->page_now);
			/* tagged /Span whatever the element: readers take
			 * ActualText from spans only */
			pc_dev_mark_begin(l->dev,
			                  span ? "Span" : pc_tag_name(pc_tags_type(l->tree, se)),
			                  mcid, span ? pc_buf_cstr(actual) : NULL);
			l->mc = se;
			span = false;
		} else
			pc_dev_span_begin(l->dev, pc_buf_cstr(actual));
	}
	draw_runs(l, o->g0, o->g1, o->x + dx, base);
	if (span)
		pc_dev_span_end(l->dev);
}

/* Rules, leaders, bands and cell borders are decoration, except in a
 * figure (a chart's bars and grid); so is an image outside a figure (one
 * its author gave no text: as alt="" on the site). */
static bool decoration(const L *l, const op *o)
{
	return (o->kind == OP_RECT || o->kind == OP_LINE || o->kind == OP_DOTS ||
	        o->kind == OP_IMAGE) &&
	       pc_tags_type(l->tree, o->se) != PC_TAG_FIGURE;
}

/* Before an op is drawn: its marked content. A header row drawn again
 * after a page break (repeat) is an artifact: the table has it once. */
static void mark_op(L *l, const op *o, int page, bool repeat)
{
	if (!l->tree || l->in_alt) /* a chart's words stand for all of it */
		return;
	switch (o->kind) {
	case OP_DEST:
	case OP_LINK:
	case OP_ALT_END:
		return;
	default:
		break;
	}
	int want = repeat || decoration(l, o) ? MC_ARTIFACT : o->se;
	if (o->kind == OP_TEXT && want >= 0)
		l->text_se = want; /* draw_text_op opens it, with the line's text */
	else if (o->kind == OP_ALT_BEGIN && want >= 0) {
		/* a chart: one sequence of its figure that says it in words */
		mc_close(l);
		int mcid = pc_tags_mark(l->tree, want, page);
		pc_dev_mark_begin(l->dev, "Span", mcid, l->p.alts.v[o->id]);
		l->mc = want;
		l->alt_folded = true;
	} else
		mc_want(l, want, page);
}

/* A link annotation just made: a Link element in the element of its
 * text, described by the text (else by where it goes). */
static void tag_link(L *l, const op *o, const pdf_link *k)
{
	if (!l->tree)
		return;
	pc_buf *b = &l->actual;
	pc_buf_clear(b);
	for (size_t i = o->g0; i < o->g1; i++) {
		char u[4];
		if (!(pdf_dglyph_at(l, i)->flags & PC_G_HIDDEN))
			pc_buf_put(b, u, pc_utf8_encode(pdf_dglyph_at(l, i)->cp, u));
	}
	const char *where = k->uri ? k->uri : pdf_key_title(l, k->dest);
	if (where && (!b->len || k->uri)) {
		if (b->len)
			pc_buf_puts(b, " ");
		pc_buf_puts(b, where);
	}
	/* the Link element of the linked text, else one of its own */
	int e = -1;
	for (int i = 0; i < l->nlink_pieces && e < 0; i++)
		if (l->link_pieces[i].g0 <= o->g0 && o->g1 <= l->link_pieces[i].g1)
			e = l->link_pieces[i].elem;
	if (e < 0)
		e = pc_tags_add(l->tree, PC_TAG_LINK, o->se);
	pc_dev_tag_link(l->dev, e, pc_buf_cstr(b));
}

/* A rectangle that touches the trim's edge continues into the bleed, so
 * that trimming a little off leaves no white line (print edition). */
static void bleed_rect(const pdf_edition *e, float *x, float *y, float *w, float *h)
{
	const float eps = 0.01f;
	if (*x <= eps) {
		*w += *x + e->bleed;
		*x = -e->bleed;
	}
	if (*x + *w >= e->trim_w - eps)
		*w = e->trim_w + e->bleed - *x;
	if (*y <= eps) {
		*h += *y + e->bleed;
		*y = -e->bleed;
	}
	if (*y + *h >= e->trim_h - eps)
		*h = e->trim_h + e->bleed - *y;
}

static void draw_op(L *l, const op *o, float ytop, bool abs, const int *dest_handle, float dx)
{
	float x = o->x + dx;
	float top = abs ? PC_DEV_PAGE_H - (ytop + o->y) : page_y(ytop + o->y);
	switch (o->kind) {
	case OP_TEXT:
		draw_text_op(l, o, ytop, abs, dx);
		break;
	case OP_RECT: {
		float rx = x, ry = top - o->h, rw = o->w, rh = o->h;
		if (l->edition)
			bleed_rect(l->edition, &rx, &ry, &rw, &rh);
		pc_dev_rect(l->dev, rx, ry, rw, rh, o->fill, o->stroke, o->lw);
		break;
	}
	case OP_LINE:
		pc_dev_line(l->dev, x, top, x + o->w, top, o->stroke, o->lw, false);
		break;
	case OP_SEG: {
		float y2 = abs ? PC_DEV_PAGE_H - (ytop + o->y + o->h) : page_y(ytop + o->y + o->h);
		pc_dev_line(l->dev, x, top, x + o->w, y2, o->stroke, o->lw, o->id == 1);
		break;
	}
	case OP_DISC:
		pc_dev_circle(l->dev, x, top, o->w, o->fill, o->stroke, o->lw);
		break;
	case OP_ALT_BEGIN:
		if (!l->alt_folded)
			pc_dev_span_begin(l->dev, l->p.alts.v[o->id]);
		l->in_alt = true;
		break;
	case OP_ALT_END:
		if (!l->alt_folded)
			pc_dev_span_end(l->dev);
		else
			mc_close(l); /* the chart's sequence */
		l->in_alt = l->alt_folded = false;
		break;
	case OP_DOTS:
		if (o->w > 4)
			pc_dev_line(l->dev, x, top, x + o->w, top, o->stroke, o->lw, true);
		break;
	case OP_IMAGE:
		pc_dev_draw_image(l->dev, o->id, x, top - o->h, o->w, o->h);
		break;
	case OP_LINK: {
		const pdf_link *k = &l->p.links.v[o->id];
		if (!dest_handle)
			break; /* drawn without links */
		if (k->uri)
			pc_dev_uri(l->dev, x, top - o->h, o->w, o->h, k->uri);
		else if (pdf_key_ok(k->dest) && dest_handle[k->dest.v] >= 0)
			pc_dev_link(l->dev, x, top - o->h, o->w, o->h, dest_handle[k->dest.v]);
		else
			break;
		tag_link(l, o, k);
		break;
	}
	default:
		break;
	}
}

void pdf_draw_text(L *l, const char *s, int face, float size, uint32_t rgb, float x, float baseline,
                   int align, float w)
{
	size_t g0 = pdf_glyph_end(l);
	sty st = pdf_sty(face, size, rgb);
	pdf_add_str(l, s, &st);
	size_t n = pdf_glyph_end(l) - g0;
	if (!n)
		return;
	pc_text_prepare(pdf_glyph(l, g0), n);
	float tw = 0;
	for (size_t i = g0; i < pdf_glyph_end(l); i++) {
		pdf_glyph(l, i)->x = tw;
		tw += pdf_glyph(l, i)->fw;
	}
	if (tw > w) {
		/* too long for the header: cut it */
		while (pdf_glyph_end(l) > g0 + 1 && tw > w) {
			pdf_glyph_cut(l, pdf_glyph_end(l) - 1);
			tw -= pdf_glyph(l, pdf_glyph_end(l))->fw;
		}
	}
	float dx = align == AL_CENTER ? (w - tw) / 2 : align == AL_RIGHT ? w - tw : 0;
	/* drawn as the book's glyphs are, after them, then let go */
	pdf_commit_glyphs(l);
	op o;
	memset(&o, 0, sizeof o);
	o.kind = OP_TEXT;
	o.x = x + dx;
	o.g0 = g0;
	o.g1 = l->p.drawn.n;
	o.y = PC_DEV_PAGE_H - baseline;
	draw_text_op(l, &o, 0, true, 0);
	l->p.drawn.n = l->p.gbase = g0;
}

static void box_extents(L *l, size_t p0, size_t p1)
{
	/* for every box with items on this page: top and bottom */
	size_t nb = l->p.boxes.n;
	if (!nb)
		return;
	if (l->bcap < nb) {
		l->bcap = nb * 2;
		l->btop = pc_xrealloc(l->btop, l->bcap * sizeof *l->btop);
		l->bbot = pc_xrealloc(l->bbot, l->bcap * sizeof *l->bbot);
	}
	float *top = l->btop, *bot = l->bbot;
	bool any = false;
	for (size_t k = p0; k < p1; k++) {
		const place *p = &l->pg.places.v[k];
		const item *it = &l->p.items.v[p->item];
		for (int b = it->box; b >= 0; b = l->p.boxes.v[b].parent) {
			if (!any) {
				for (size_t i = 0; i < nb; i++) {
					top[i] = 1e9f;
					bot[i] = -1e9f;
				}
				any = true;
			}
			if (p->y < top[b])
				top[b] = p->y;
			if (p->y + it->h > bot[b])
				bot[b] = p->y + it->h;
		}
	}
	if (!any)
		return;
	for (size_t b = 0; b < nb; b++) {
		if (bot[b] < top[b])
			continue;
		const box *bx = &l->p.boxes.v[b];
		float yt = page_y(top[b]), yb = page_y(bot[b]);
		switch (bx->style) {
		case BOX_FRAME:
			pc_dev_rect(l->dev, bx->x, yb, bx->w, yt - yb, C_WHITE, C_ACCENT, 1.2f);
			break;
		case BOX_FILL:
			pc_dev_rect(l->dev, bx->x, yb, bx->w, yt - yb, C_BOX_FILL, C_RULE, 0.5f);
			break;
		case BOX_CODE:
			pc_dev_rect(l->dev, bx->x, yb, bx->w, yt - yb, C_CODE_FILL, PC_DEV_NONE, 0);
			break;
		case BOX_BAR:
			pc_dev_rect(l->dev, bx->x + 2, yb, 3, yt - yb, C_RULE, PC_DEV_NONE, 0);
			break;
		}
	}
}

static void watermark(L *l)
{
	/* 「案」: large and pale, hidden from text extraction (ActualText "") */
	pc_dev_multiply_begin(l->dev);
	pc_dev_span_begin(l->dev, "");
	pdf_draw_text(l, "案", l->f.head, WATERMARK_SIZE, C_WATERMARK, 0, PC_DEV_PAGE_H / 2 - 80,
	              AL_CENTER, PC_DEV_PAGE_W);
	pc_dev_span_end(l->dev);
	pc_dev_multiply_end(l->dev);
}

const char *pdf_key_title(const L *l, pdf_key key)
{
	size_t i;
	pc_appendix a;
	if (pdf_key_section(&l->keys, key, &i))
		return ((const pc_node *)l->doc->sections.items[i])->u.section->display;
	if (pdf_key_appendix(&l->keys, key, &a))
		return pc_appendix_title(a);
	return NULL;
}

/* A destination handle per key that something points to; -1 for others. */
static int *make_dests(L *l)
{
	size_t nk = l->keys.n;
	int *dest = pc_xcalloc(nk ? nk : 1, sizeof *dest);
	/* the outline points to sections and appendices */
	for (size_t k = 0; k < l->keys.nsec; k++)
		dest[k] = 1;
	for (int a = 0; a < PC_APPX_COUNT; a++)
		dest[pdf_key_of_appendix(&l->keys, a).v] = 1;
	for (size_t k = 0; k < l->p.links.n; k++)
		if (pdf_key_ok(l->p.links.v[k].dest))
			dest[l->p.links.v[k].dest.v] = 1;
	for (size_t k = 0; k < nk; k++) {
		float y = l->pg.found_y[k];
		dest[k] = dest[k] && l->pg.found[k] >= 0
		              ? pc_dev_dest(l->dev, l->pg.found[k], page_y(y > 6 ? y - 6 : 0) + 6)
		              : -1;
	}
	return dest;
}

/* The running head of a page: what the last item with a head on it or
 * before it names; NULL on front matter. */
static void running_heads(L *l, pdf_key *head, unsigned *pflags)
{
	pdf_key cur = PDF_NO_KEY;
	bool front = false;
	for (size_t k = 0; k < l->pg.places.n; k++) {
		const place *p = &l->pg.places.v[k];
		const item *it = &l->p.items.v[p->item];
		if (pdf_key_ok(it->head)) {
			cur = it->head;
			front = false;
		}
		if (it->flags & IT_FRONT)
			front = true;
		pflags[p->page] |= it->flags & (IT_CHAPTER | IT_FRONT | IT_ABS);
		head[p->page] = front ? PDF_NO_KEY : cur;
		if (front)
			pflags[p->page] |= IT_FRONT;
	}
}

/* A page has a folio (and may have a running head) when something is
 * placed on it and it is not the cover. */
static bool has_folio(unsigned pflags, bool placed)
{
	return placed && !(pflags & IT_ABS);
}

/* The left part of a page's running head; NULL when it has none (a
 * chapter opens on it, or nothing names it). */
static const char *head_text(const L *l, int page, const pdf_key *head, const unsigned *pflags)
{
	if (pflags[page] & IT_CHAPTER)
		return NULL; /* no running head above a chapter's title */
	return pflags[page] & IT_FRONT ? "目次" : pdf_key_title(l, head[page]);
}

/* Its right part, on every page with a left part. */
static const char *head_right_text(const L *l)
{
	return l->head_right ? l->head_right : l->doc->meta.title;
}

static void page_head(L *l, int page, const pdf_key *head, const unsigned *pflags)
{
	const char *text = head_text(l, page, head, pflags);
	if (!text)
		return;
	pdf_draw_text(l, text, l->f.table, HEAD_SIZE, C_GREY, BLOCK_X, HEAD_BASE, AL_LEFT,
	              BLOCK_W * 0.65f);
	const char *right = head_right_text(l);
	if (right)
		pdf_draw_text(l, right, l->f.table, HEAD_SIZE, C_GREY, BLOCK_X, HEAD_BASE, AL_RIGHT,
		              BLOCK_W);
	pc_dev_line(l->dev, BLOCK_X, HEAD_BASE - 5, BLOCK_X + BLOCK_W, HEAD_BASE - 5, C_RULE, 0.5f,
	            false);
}

/* The outline: the section tree, then the appendices at the top level. */
static void outline(L *l, const int *dest)
{
	size_t nsec = l->keys.nsec;
	int *handle = pc_xmalloc((nsec ? nsec : 1) * sizeof *handle);
	for (size_t i = 0; i < nsec; i++) {
		const pc_node *n = l->doc->sections.items[i];
		int parent = -1;
		const pc_node *up = pc_node_section(n);
		size_t pi;
		if (up && pdf_key_section(&l->keys, pdf_key_of_node(&l->keys, up), &pi) && pi < i)
			parent = handle[pi];
		/* A section printed nowhere (the glossary or the report alone)
		 * has no entry; its children hang under its nearest parent. */
		handle[i] = dest[i] < 0 ? parent
		                        : pc_dev_outline(l->dev, parent, n->u.section->display,
		                                         dest[i], n->u.section->level <= 1);
	}
	for (int a = 0; a < PC_APPX_COUNT; a++) {
		pdf_key k = pdf_key_of_appendix(&l->keys, a);
		if (dest[k.v] >= 0)
			pc_dev_outline(l->dev, -1, pc_appendix_title(a), dest[k.v], false);
	}
	free(handle);
}

/* The items of places [p0, p1), dx to the right; dest NULL: no links. */
static void draw_places(L *l, size_t p0, size_t p1, const int *dest, float dx)
{
	for (size_t q = p0; q < p1; q++) {
		const place *p = &l->pg.places.v[q];
		const item *it = &l->p.items.v[p->item];
		bool abs = it->flags & IT_ABS;
		for (size_t o = it->op0; o < it->op1; o++)
			draw_op(l, pdf_op_at(l, o), p->y, abs, dest, p->dx + dx);
	}
}

/* A page drawn again (the print edition's): untagged, without links. */
void pdf_draw_items(L *l, int page, float dx)
{
	size_t p0 = 0;
	while (p0 < l->pg.places.n && l->pg.places.v[p0].page < page)
		p0++;
	size_t p1 = p0;
	while (p1 < l->pg.places.n && l->pg.places.v[p1].page == page)
		p1++;
	pc_tags *tree = l->tree;
	l->tree = NULL;
	box_extents(l, p0, p1);
	draw_places(l, p0, p1, NULL, dx);
	l->tree = tree;
}

/* ---- giving back what is drawn ----------------------------------------- */

/* Gives back, a quarter of a megabyte at a time or more, the glyphs and ops below lo:
 * no page still to draw reads them. At 2,000 pages they are some 50 MB,
 * given back while libharu's pages and the structure tree grow. */
#define LET_GO_STEP ((size_t)256 << 10)

/* Gives back records [*low, to) of an array of records of size bytes
 * when they come to LET_GO_STEP or more. */
static void let_go_records(void *v, size_t size, size_t *low, size_t to)
{
	if (to > *low && (to - *low) * size >= LET_GO_STEP) {
		pc_heap_let_go(v, *low * size, to * size);
		*low = to;
	}
}

static void let_go_below(L *l, pdf_low lo)
{
	pdf_pool *p = &l->p;
	let_go_records(p->drawn.v, sizeof *p->drawn.v, &p->drawn_low, lo.g);
	let_go_records(p->ops.v, sizeof *p->ops.v, &p->ops_low, lo.op);
}

/* Measures s as pdf_draw_text sets it, which marks its glyphs as used. */
static void measure_text(L *l, const char *s, int face, float size)
{
	size_t g0 = pdf_glyph_end(l);
	sty st = pdf_sty(face, size, C_TEXT);
	pdf_add_str(l, s, &st);
	pdf_glyph_cut(l, g0);
}

/*
 * The glyphs that only drawing sets (running heads, folios, the
 * watermark), measured before the pages are made: the device has begun
 * building the faces' programs after the first layout pass, and builds
 * again, while the pages are drawn, those of faces given a glyph since; a
 * glyph first measured while drawing would have its face built again
 * after the last page, on the way to saving (the running heads' section
 * titles in the table face did so at every length of plan, some 6 ms at
 * 400 pages). Exactly what drawing sets, so that the faces embed the same
 * glyphs.
 */
static void measure_furniture_of(L *l, const pdf_key *head, const unsigned *pflags, int npages)
{
	bool *placed = pc_xcalloc(npages > 0 ? (size_t)npages : 1, sizeof *placed);
	for (size_t q = 0; q < l->pg.places.n; q++)
		if (l->pg.places.v[q].page >= 0 && l->pg.places.v[q].page < npages)
			placed[l->pg.places.v[q].page] = true;
	bool digit[10] = {false}, any_head = false;
	const char *last = NULL;
	for (int p = 0; p < npages; p++) {
		if (!has_folio(pflags[p], placed[p]))
			continue;
		for (int n = p + 1; n > 0; n /= 10)
			digit[n % 10] = true;
		const char *t = head_text(l, p, head, pflags);
		if (t && t != last) /* a head runs over many pages: measured once */
			measure_text(l, t, l->f.table, HEAD_SIZE);
		any_head = any_head || t;
		last = t ? t : last;
	}
	free(placed);
	const char *right = head_right_text(l);
	if (any_head && right)
		measure_text(l, right, l->f.table, HEAD_SIZE);
	char digits[11];
	size_t nd = 0;
	for (int i = 0; i < 10; i++)
		if (digit[i])
			digits[nd++] = (char)('0' + i);
	digits[nd] = '\0';
	measure_text(l, digits, l->f.table, FOLIO_SIZE);
	if (l->watermark)
		measure_text(l, "案", l->f.head, WATERMARK_SIZE);
}

void pdf_draw(L *l)
{
	int npages = l->pg.npages;
	size_t n = npages > 0 ? (size_t)npages : 1;
	unsigned *pflags = pc_xcalloc(n, sizeof *pflags);
	pdf_key *head = pc_xmalloc(n * sizeof *head);
	for (int p = 0; p < npages; p++)
		head[p] = PDF_NO_KEY;
	running_heads(l, head, pflags);
	measure_furniture_of(l, head, pflags, npages);
	pc_dev_pages(l->dev, npages);
	int *dest = make_dests(l);
	l->mc = l->text_se = MC_NONE;
	/* the print edition is untagged: it is for the press, and the screen
	 * booklet is the one read aloud */
	l->tree = NULL;
	if (l->tagged && !l->edition) {
		l->tree = pc_tags_new(l->p.tags.v, l->p.tags.n, npages);
		pc_dev_set_tags(l->dev, l->tree); /* written and freed by the device */
	}
	bool *drawn = pc_xcalloc(l->p.items.n ? l->p.items.n : 1, sizeof *drawn);
	pdf_low *lows = l->last_draw ? pdf_page_lows(l, npages) : NULL;
	size_t k = 0;
	for (int page = 0; page < npages; page++) {
		pc_dev_page(l->dev, page);
		l->page_now = page;
		size_t p0 = k;
		while (k < l->pg.places.n && l->pg.places.v[k].page == page)
			k++;
		mc_want(l, MC_ARTIFACT, page);
		box_extents(l, p0, k);
		for (size_t q = p0; q < k; q++) {
			const place *p = &l->pg.places.v[q];
			const item *it = &l->p.items.v[p->item];
			bool abs = it->flags & IT_ABS;
			bool repeat = drawn[p->item];
			drawn[p->item] = true;
			for (size_t o = it->op0; o < it->op1; o++) {
				mark_op(l, pdf_op_at(l, o), page, repeat);
				draw_op(l, pdf_op_at(l, o), p->y, abs, dest, p->dx);
			}
		}
		mc_want(l, MC_ARTIFACT, page);
		if (l->watermark)
			watermark(l); /* over everything, multiplied: the cover's band too */
		/* the cover and a blank left-hand page before a chapter have
		 * neither header nor folio */
		bool folio = has_folio(pflags[page], p0 != k);
		if (folio) {
			page_head(l, page, head, pflags);
			char buf[16];
			snprintf(buf, sizeof buf, "%d", page + 1);
			pdf_draw_text(l, buf, l->f.table, FOLIO_SIZE, C_GREY, BLOCK_X, FOOT_BASE,
			              AL_CENTER, BLOCK_W);
		}
		if (l->edition)
			l->edition->page_end(l, page, folio);
		mc_close(l);
		if (lows)
			let_go_below(l, lows[page + 1]);
	}
	free(lows);
	free(drawn);
	pc_dev_page(l->dev, -1);
	outline(l, dest);
	free(dest);
	free(pflags);
	free(head);
}
