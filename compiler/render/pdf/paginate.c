/*
 * PDF back end, pagination: items onto pages of the text block, keeping
 * chains of kept items together (headings, first and last lines of
 * paragraphs, captions and header rows), repeating a table's header row
 * after a break, and recording the page and height where every key
 * (section, table, term, indexed place) lands.
 */
#include <math.h>

#include "layout.h"

/* ---- the last page of two columns ------------------------------------ */

/* Places the column items of places [p0, p1) (one page, from the columns'
 * top) into two columns of at most lim; false when they do not fit.
 * With set, writes the places. */
static bool fill_columns(L *l, size_t p0, size_t p1, float top, float lim, bool set)
{
	int col = 0;
	float y = top;
	for (size_t k = p0; k < p1; k++) {
		const item *it = &l->p.items.v[l->pg.places.v[k].item];
		float before = y == top ? 0 : it->before;
		float need = before + it->h;
		/* what is kept with it goes with it */
		for (size_t j = k;
		     j + 1 < p1 && (l->p.items.v[l->pg.places.v[j].item].flags & IT_KEEP); j++) {
			const item *nx = &l->p.items.v[l->pg.places.v[j + 1].item];
			need += nx->before + nx->h;
		}
		if (y > top && y + need > top + lim + 0.01f) {
			if (col == 1)
				return false;
			col = 1;
			y = top;
			before = 0;
		}
		if (set) {
			place *p = &l->pg.places.v[k];
			float dy = y + before - p->y;
			p->y = y + before;
			p->dx = col == 1 ? COL_W + COL_GAP : 0;
			for (size_t o = it->op0; o < it->op1; o++) {
				int key = pdf_op_at(l, o)->key.v;
				if (pdf_op_at(l, o)->kind == OP_DEST && key >= 0 &&
				    (size_t)key < l->keys.n && l->pg.found[key] == p->page)
					l->pg.found_y[key] += dy;
			}
		}
		y += before + it->h;
	}
	return true;
}

/* The last page of a run of two columns (the index) is shared evenly
 * between them: the shortest column height that holds its items, found
 * by halving. Returns the bottom of the longer column. */
static float balance_columns(L *l, size_t p0, float top, float bottom)
{
	size_t p1 = l->pg.places.n;
	if (p1 <= p0 + 1)
		return bottom;
	float lo = 0, hi = bottom - top;
	for (size_t k = p0; k < p1; k++)
		lo = fmaxf(lo, l->p.items.v[l->pg.places.v[k].item].h);
	if (!fill_columns(l, p0, p1, top, hi, false))
		return bottom; /* as placed: kept chains need the full height */
	for (int i = 0; i < 12 && hi - lo > 1; i++) {
		float mid = (lo + hi) / 2;
		if (fill_columns(l, p0, p1, top, mid, false))
			hi = mid;
		else
			lo = mid;
	}
	fill_columns(l, p0, p1, top, hi, true);
	float end = top;
	for (size_t k = p0; k < p1; k++) {
		const place *p = &l->pg.places.v[k];
		end = fmaxf(end, p->y + l->p.items.v[p->item].h);
	}
	return end;
}

/* ---- pagination ------------------------------------------------------ */

void pdf_paginate(L *l)
{
	l->pg.places.n = 0;
	for (size_t k = 0; k < l->keys.n; k++) {
		l->pg.found[k] = -1;
		l->pg.found_y[k] = 0;
	}
	int page = 0;
	float y = 0;
	bool empty = true;
	int last_table = -1; /* header item of the table the last row belongs to */
	int col = -1;        /* in columns: 0 left, 1 right; -1 not */
	float col_top = 0, left_bottom = 0;
	size_t col_place = 0; /* the first place in columns on this page */
	size_t n = l->p.items.n;
	for (size_t i = 0; i < n; i++) {
		const item *it = &l->p.items.v[i];
		if (col >= 0 && !(it->flags & IT_COL)) {
			/* out of the columns: below the longer one, both even */
			if (col == 1 && left_bottom > y)
				y = left_bottom;
			y = balance_columns(l, col_place, col_top, y);
			col = -1;
		} else if (col < 0 && (it->flags & IT_COL)) {
			col = 0;
			col_top = left_bottom = y;
			col_place = l->pg.places.n;
		}
		if (it->flags & IT_ABS) {
			place p = {(int)i, page, 0, 0};
			PUSH(l->pg.places, p);
			empty = false;
			y = BLOCK_H; /* the cover fills its page */
			continue;
		}
		if ((it->flags & IT_NEWPAGE) && !(empty && page > 0)) {
			page++;
			y = 0;
			empty = true;
		}
		/* page is 0-based: odd indices are left-hand pages, left blank */
		if ((it->flags & IT_RECTO) && empty && page % 2 == 1)
			page++;
		float before = empty || (col >= 0 && y == col_top) ? 0 : it->before;
		if (it->flags & IT_GRID) {
			/* the line's top goes down to the next line of the grid */
			float top = ceilf((y + before) / BODY_PITCH - 0.001f) * BODY_PITCH;
			before = top - y;
		}
		/* height of the chain of items kept with this one */
		float need = before + it->h;
		if (it->flags & IT_KEEP) {
			float chain = need;
			for (size_t j = i + 1; j < n && chain < BLOCK_H; j++) {
				const item *nx = &l->p.items.v[j];
				if (nx->flags & (IT_NEWPAGE | IT_ABS))
					break;
				chain += nx->before + nx->h;
				if (!(nx->flags & IT_KEEP))
					break;
			}
			need = chain;
		}
		if (it->op0 == it->op1 && it->box < 0 && before + it->h > BLOCK_H - y + 0.01f)
			continue; /* a plain space at a page break is dropped */
		if (col >= 0 && need > BLOCK_H - y + 0.01f && y > col_top) {
			/* the left column is full: the right one; then a new page */
			if (col == 0) {
				left_bottom = y;
				col = 1;
				y = col_top;
			} else {
				page++;
				y = col_top = left_bottom = 0;
				col = 0;
				empty = true;
				col_place = l->pg.places.n;
			}
			before = 0;
		} else if (need > BLOCK_H - y + 0.01f && !empty) {
			page++;
			y = 0;
			empty = true;
			before = 0;
			if (col >= 0) { /* columns go on from the left one */
				col = 0;
				col_top = left_bottom = 0;
				col_place = l->pg.places.n;
			}
		}
		/* a table row at a page top repeats the header row */
		if (empty && (it->flags & IT_ROW) && it->table >= 0 && it->table == last_table) {
			const item *hd = &l->p.items.v[it->table];
			place p = {it->table, page, 0, 0};
			PUSH(l->pg.places, p);
			y = hd->h;
			empty = false;
			before = 0;
		}
		place p = {(int)i, page, y + before, col == 1 ? COL_W + COL_GAP : 0};
		PUSH(l->pg.places, p);
		for (size_t k = it->op0; k < it->op1; k++) {
			const op *o = pdf_op_at(l, k);
			int key = o->key.v;
			if (o->kind == OP_DEST && key >= 0 && (size_t)key < l->keys.n &&
			    l->pg.found[key] < 0) {
				l->pg.found[key] = page;
				l->pg.found_y[key] = y + before + o->y;
			}
			if (o->kind == OP_TEXT && l->keys.nplace)
				for (size_t gi = o->g0; gi < o->g1; gi++) {
					uint32_t use = pdf_dglyph_at(l, gi)->src; /* key + 1 */
					if (use && use <= l->keys.n && l->pg.found[use - 1] < 0) {
						l->pg.found[use - 1] = page;
						l->pg.found_y[use - 1] = y + before + o->y - 12;
					}
				}
		}
		y += before + it->h;
		empty = false;
		if (it->flags & (IT_ROW | IT_HEADROW))
			last_table = it->table;
		else if (it->h > 0)
			last_table = -1;
	}
	if (col >= 0)
		balance_columns(l, col_place, col_top,
		                col == 1 && left_bottom > y ? left_bottom : y);
	l->pg.npages = page + 1;
}

pdf_low *pdf_page_lows(const L *l, int npages)
{
	pdf_low *lo = pc_xmalloc((size_t)(npages + 1) * sizeof *lo);
	for (int p = 0; p <= npages; p++)
		lo[p] = (pdf_low){l->p.ops.n, l->p.drawn.n};
	for (size_t q = 0; q < l->pg.places.n; q++) {
		const place *pl = &l->pg.places.v[q];
		if (pl->page < 0 || pl->page >= npages)
			continue;
		const item *it = &l->p.items.v[pl->item];
		pdf_low *m = &lo[pl->page];
		if (it->op0 < it->op1 && it->op0 < m->op)
			m->op = it->op0;
		for (size_t o = it->op0; o < it->op1; o++) {
			const op *x = pdf_op_at(l, o);
			if (x->g1 > x->g0 && x->g0 < m->g)
				m->g = x->g0;
		}
	}
	for (int p = npages; p-- > 0;) {
		if (lo[p + 1].op < lo[p].op)
			lo[p].op = lo[p + 1].op;
		if (lo[p + 1].g < lo[p].g)
			lo[p].g = lo[p + 1].g;
	}
	return lo;
}
