/*
 * PDF back end, tables: a table block with its caption, column widths
 * from the cells' natural and minimal widths, rows as items (the header
 * row repeated after a page break, rows taller than a page cut into
 * pieces of whole lines).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

typedef struct cellinfo {
	size_t g0, g1;
	float nat;  /* its longest line */
	float soft; /* narrower, it breaks a phrase or wraps a short cell */
	float hard; /* narrower, it splits a word, a number or a year */
} cellinfo;

/* In a header cell, a bracketed year goes on a line of its own:
 * 現在値 (H29年度) → 現在値 / (H29年度). Returns the new end. */
static size_t header_break(L *l, size_t g0, size_t g1)
{
	for (size_t i = g0 + 1; i < g1; i++) {
		uint32_t c = pdf_glyph(l, i)->cp;
		if (c != '(' && c != 0xFF08 && c != 0x3014 && c != '[')
			continue;
		size_t at = i;
		if (pdf_glyph(l, at - 1)->cp == ' ' || pdf_glyph(l, at - 1)->cp == 0x3000)
			at--; /* the space becomes the break */
		else {
			PUSH(l->p.g, *pdf_glyph(l, g1 - 1));
			memmove(pdf_glyph(l, at + 1), pdf_glyph(l, at),
			        (g1 - at) * sizeof *l->p.g.v);
			g1++;
		}
		pdf_glyph(l, at)->cp = 0x2028;
		pdf_glyph(l, at)->fw = 0;
		return g1;
	}
	return g1;
}

static bool numeric_field(pc_field f)
{
	return f == PC_FIELD_BASELINE || f == PC_FIELD_MIDTERM || f == PC_FIELD_TARGET ||
	       f == PC_FIELD_ACTUAL || f == PC_FIELD_UNIT || f == PC_FIELD_DIRECTION;
}

/* ---- years kept whole ------------------------------------------------- */

static bool digit_at(const pc_glyph *g, size_t i, size_t n)
{
	return i < n && g[i].cp >= '0' && g[i].cp <= '9';
}

static size_t digits_from(const pc_glyph *g, size_t i, size_t n)
{
	while (digit_at(g, i, n))
		i++;
	return i;
}

/* Length of an era name at i: 令和 平成 昭和 大正 明治, or R H S T M
 * standing alone before a number; 0 when none. */
static size_t era_at(const pc_glyph *g, size_t i, size_t n)
{
	static const uint32_t eras[][2] = {{0x4EE4, 0x548C},
	                                   {0x5E73, 0x6210},
	                                   {0x662D, 0x548C},
	                                   {0x5927, 0x6B63},
	                                   {0x660E, 0x6CBB}};
	if (i + 1 < n)
		for (size_t k = 0; k < sizeof eras / sizeof eras[0]; k++)
			if (g[i].cp == eras[k][0] && g[i + 1].cp == eras[k][1])
				return 2;
	uint32_t c = g[i].cp;
	bool letter_before = i > 0 && ((g[i - 1].cp | 0x20) >= 'a' && (g[i - 1].cp | 0x20) <= 'z');
	if ((c == 'R' || c == 'H' || c == 'S' || c == 'T' || c == 'M') && !letter_before &&
	    digit_at(g, i + 1, n))
		return 1;
	return 0;
}

/* Length of a year at i — 令和8(2026)年度, R5年度, 2024年3月, 令和元年 —
 * or 0: an era name or digits, a bracketed Gregorian year, 年 (年度),
 * a month and day. */
static size_t year_len(const pc_glyph *g, size_t i, size_t n)
{
	size_t k = i + era_at(g, i, n);
	bool era = k > i;
	size_t d = digits_from(g, k, n);
	if (d == k) {
		if (!era || k >= n || g[k].cp != 0x5143) /* 元 */
			return 0;
		d = k + 1;
	}
	k = d;
	if (k + 1 < n && (g[k].flags & PC_G_HIDDEN) &&
	    (g[k + 1].cp == '(' || g[k + 1].cp == 0xFF08))
		k++; /* a header's place to break before the Gregorian year */
	if (k < n && (g[k].cp == '(' || g[k].cp == 0xFF08)) {
		size_t e = digits_from(g, k + 1, n);
		if (e > k + 1 && e < n && (g[e].cp == ')' || g[e].cp == 0xFF09))
			k = e + 1;
	}
	if (k >= n || g[k].cp != 0x5E74) /* 年 */
		return 0;
	k++;
	if (k < n && g[k].cp == 0x5EA6) /* 度 */
		return k + 1 - i;
	static const uint32_t parts[] = {0x6708, 0x65E5}; /* 月 日 */
	for (size_t p = 0; p < 2; p++) {
		size_t e = digits_from(g, k, n);
		if (e == k || e >= n || g[e].cp != parts[p])
			break;
		k = e + 1;
	}
	return k - i;
}

/* In a cell, a place to break before the Gregorian year of an era year
 * (令和6｜(2024)年度): a zero-width space, hidden, which line breaking
 * takes as a break and drawing and extraction skip. A table of many value
 * columns has no room for the whole year; where there is room, the line
 * is not broken there. Returns the new end (the cell's glyphs are the last
 * of the pool). */
static size_t year_break(L *l, size_t g0, size_t g1)
{
	size_t n = g1 - g0;
	for (size_t i = 2; i < n; i++) {
		const pc_glyph *g = pdf_glyph(l, g0);
		if ((g[i].cp != '(' && g[i].cp != 0xFF08) || !digit_at(g, i - 1, n))
			continue;
		size_t d = i - 1;
		while (d > 0 && digit_at(g, d - 1, n))
			d--;
		bool era = false;
		for (size_t e = 0; e < d && !era; e++)
			era = era_at(g, e, n) && e + era_at(g, e, n) == d;
		if (!era)
			continue;
		pc_glyph sp = g[i];
		sp.cp = 0x200B; /* zero width space: a break after it */
		sp.fw = 0;
		sp.flags = PC_G_HIDDEN;
		PUSH(l->p.g, *pdf_glyph(l, g1 - 1));
		memmove(pdf_glyph(l, g0 + i + 1), pdf_glyph(l, g0 + i),
		        (n - 1 - i) * sizeof *l->p.g.v);
		*pdf_glyph(l, g0 + i) = sp;
		return g1 + 1;
	}
	return g1;
}

/* Years in a cell are kept whole: 「（令和｜2年度）」 never. The place
 * year_break made before the Gregorian year is glued too, and opened by
 * open_year_breaks only where the column has no room for the whole year. */
static void glue_years(L *l, size_t g0, size_t g1)
{
	pc_glyph *g = pdf_glyph(l, g0);
	size_t n = g1 - g0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (digit_at(g, i - 1, n) || era_at(g, i - 1, n)))
			continue; /* inside a number or after an era's first letter */
		size_t len = year_len(g, i, n);
		for (size_t k = i + 1; k < i + len; k++)
			g[k].flags |= PC_G_GLUE;
		if (len)
			i += len - 1;
	}
}

/* Opens the places year_break made in a cell narrower than its years;
 * closes them again. */
static void open_year_breaks(L *l, size_t g0, size_t g1)
{
	for (size_t i = g0; i + 1 < g1; i++)
		if (pdf_glyph(l, i)->flags & PC_G_HIDDEN && pdf_glyph(l, i)->cp == 0x200B)
			pdf_glyph(l, i + 1)->flags &= (uint8_t)~PC_G_GLUE;
}

static void close_year_breaks(L *l, size_t g0, size_t g1)
{
	for (size_t i = g0; i + 1 < g1; i++)
		if (pdf_glyph(l, i)->flags & PC_G_HIDDEN && pdf_glyph(l, i)->cp == 0x200B)
			pdf_glyph(l, i + 1)->flags |= PC_G_GLUE;
}

/* ---- column widths ---------------------------------------------------- */

/* What a cell needs: its longest line, and the widths below which it
 * breaks a phrase or splits a word. */
static void measure_cell(L *l, cellinfo *ci, bool numeric, float cap)
{
	float line = 0;
	ci->nat = 0;
	for (size_t i = ci->g0; i < ci->g1; i++) {
		const pc_glyph *q = pdf_glyph(l, i);
		if (q->cls == PC_CC_BREAK) {
			line = 0;
			continue;
		}
		line += q->adv + (i > ci->g0 ? q->gap : 0);
		if (line > ci->nat)
			ci->nat = line;
	}
	/* short cells and the values of indicators do not wrap */
	bool whole = ci->nat <= TABLE_SIZE * 6 || numeric;
	ci->soft = fminf(whole ? ci->nat : pdf_unbreakable_width(l, ci->g0, ci->g1, true), cap);
	ci->hard = -1; /* measured when needed */
}

static float hard_width(L *l, cellinfo *ci, float cap)
{
	if (ci->hard < 0)
		ci->hard = fminf(pdf_unbreakable_width(l, ci->g0, ci->g1, false), cap);
	return ci->hard;
}

static void open_year_breaks(L *l, size_t g0, size_t g1);
static void close_year_breaks(L *l, size_t g0, size_t g1);

/* The hard width with the years allowed to break before their Gregorian
 * year (令和6｜(2024)年度). */
static float hard_open_width(L *l, const cellinfo *ci, float cap)
{
	open_year_breaks(l, ci->g0, ci->g1);
	float w = fminf(pdf_unbreakable_width(l, ci->g0, ci->g1, false), cap);
	close_year_breaks(l, ci->g0, ci->g1);
	return w;
}

/* When not even whole words, numbers and years fit: the columns of words
 * (an indicator's name and method) keep a readable width, up to five
 * characters, the others (values, whose years may break before their
 * Gregorian year) get what they need, and the words what is left; the
 * values shrink in proportion when there is not enough, all columns when
 * even the words' five characters do not fit. */
static void squeeze(const float *lo, const float *soft, const bool *text, size_t ncols, float W,
                    float slo, float *cw)
{
	float pad2 = 2 * CELL_PAD + 0.5f;
	float most = 5 * TABLE_SIZE + pad2, least = 3 * TABLE_SIZE + pad2;
	float other = 0, ntext = 0;
	for (size_t c = 0; c < ncols; c++)
		if (text[c])
			ntext++;
		else
			other += lo[c];
	/* the words' floor: five characters, down to three if the values
	 * need the room */
	float floor = ntext ? fmaxf(least, fminf(most, (W - other) / ntext)) : 0;
	float fsum = 0;
	for (size_t c = 0; c < ncols; c++)
		if (text[c])
			fsum += fminf(soft[c], floor);
	float rest = W - fsum;
	for (size_t c = 0; c < ncols; c++) {
		float fl = fminf(soft[c], floor);
		if (fsum == 0 || other == 0 || rest <= 0)
			cw[c] = lo[c] * W / slo;
		else if (other <= rest)
			cw[c] = text[c] ? fl + (rest - other) * fl / fsum : lo[c];
		else
			cw[c] = text[c] ? fl : lo[c] * rest / other;
	}
}

/* Shares the measure W out between the columns: every column its longest
 * line when all fit; else each at least its longest phrase and the rest
 * shared by how much more they would take; else at least what keeps words,
 * numbers and years whole; else in proportion. */
static void column_widths(L *l, cellinfo *cells, size_t nrows, size_t ncols, float W, float cap,
                          const bool *text, float *cw)
{
	float pad2 = 2 * CELL_PAD + 0.5f;
	float *nat = pc_xcalloc(ncols, sizeof *nat), *soft = pc_xcalloc(ncols, sizeof *soft),
	      *hard = pc_xcalloc(ncols, sizeof *hard);
	float snat = 0, ssoft = 0, shard = 0;
	for (size_t c = 0; c < ncols; c++) {
		for (size_t r = 0; r < nrows; r++) {
			const cellinfo *ci = &cells[r * ncols + c];
			nat[c] = fmaxf(nat[c], ci->nat + pad2);
			soft[c] = fmaxf(soft[c], ci->soft + pad2);
		}
		snat += nat[c];
		ssoft += soft[c];
	}
	const float *lo = soft, *hi = nat;
	float slo = ssoft, shi = snat;
	if (snat <= W) {
		for (size_t c = 0; c < ncols; c++)
			cw[c] = nat[c] + (W - snat) * nat[c] / snat;
		goto done;
	}
	if (ssoft > W) {
		for (size_t c = 0; c < ncols; c++) {
			for (size_t r = 0; r < nrows; r++)
				hard[c] = fmaxf(hard[c],
				                hard_width(l, &cells[r * ncols + c], cap) + pad2);
			shard += hard[c];
		}
		lo = hard;
		hi = soft;
		slo = shard;
		shi = ssoft;
	}
	if (slo > W) {
		/* years may break before their Gregorian year */
		float *open = pc_xcalloc(ncols, sizeof *open), sopen = 0;
		for (size_t c = 0; c < ncols; c++) {
			for (size_t r = 0; r < nrows; r++)
				open[c] = fmaxf(
				    open[c], hard_open_width(l, &cells[r * ncols + c], cap) + pad2);
			sopen += open[c];
		}
		squeeze(open, soft, text, ncols, W, sopen, cw);
		free(open);
		goto done;
	}
	{
		float room = W - slo, want = shi - slo;
		for (size_t c = 0; c < ncols; c++)
			cw[c] = lo[c] + (want > 0 ? room * (hi[c] - lo[c]) / want : 0);
	}
done:
	free(nat);
	free(soft);
	free(hard);
}

/* ---- kept from pass to pass ----------------------------------------- */

/* What laying out a table found: its column widths and the flags of its
 * glyphs (years and balanced lines glued). The next pass reuses them while
 * the table's cells print the same glyphs (one holding a page reference
 * may not), instead of measuring and balancing again. */
typedef struct table_memo {
	const pc_node *table; /* NULL: a free slot */
	uint64_t hash;
	float *cw;
	uint8_t *flags;
	size_t nflags;
} table_memo;

struct pdf_table_memos {
	table_memo *v; /* open addressing on the table's address */
	size_t cap, n;
};

static size_t memo_slot(const struct pdf_table_memos *m, const pc_node *t)
{
	size_t h = (size_t)(((uint64_t)(uintptr_t)t >> 4) * 0x9E3779B97F4A7C15ull) & (m->cap - 1);
	while (m->v[h].table && m->v[h].table != t)
		h = (h + 1) & (m->cap - 1);
	return h;
}

static table_memo *memo_find(L *l, const pc_node *t)
{
	struct pdf_table_memos *m = l->tables;
	if (!m || !m->cap)
		return NULL;
	table_memo *e = &m->v[memo_slot(m, t)];
	return e->table ? e : NULL;
}

static table_memo *memo_add(L *l, const pc_node *t)
{
	if (!l->tables)
		l->tables = pc_xcalloc(1, sizeof *l->tables);
	struct pdf_table_memos *m = l->tables;
	if (2 * (m->n + 1) > m->cap) {
		struct pdf_table_memos grown = {pc_xcalloc(m->cap ? 2 * m->cap : 64, sizeof *m->v),
		                                m->cap ? 2 * m->cap : 64, m->n};
		for (size_t i = 0; i < m->cap; i++)
			if (m->v[i].table)
				grown.v[memo_slot(&grown, m->v[i].table)] = m->v[i];
		free(m->v);
		*m = grown;
	}
	table_memo *e = &m->v[memo_slot(m, t)];
	if (!e->table) {
		e->table = t;
		m->n++;
	}
	return e;
}

void pdf_table_memos_free(L *l)
{
	struct pdf_table_memos *m = l->tables;
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++) {
		free(m->v[i].cw);
		free(m->v[i].flags);
	}
	free(m->v);
	free(m);
	l->tables = NULL;
}

/* FNV-1a over what decides the layout: each cell's glyphs, their faces
 * and sizes. */
static uint64_t cells_hash(const L *l, const cellinfo *cells, size_t ncells)
{
	uint64_t h = 1469598103934665603ull;
#define MIX(v) (h = (h ^ (uint64_t)(v)) * 1099511628211ull)
	for (size_t c = 0; c < ncells; c++) {
		MIX(cells[c].g1 - cells[c].g0);
		for (size_t i = cells[c].g0; i < cells[c].g1; i++) {
			const pc_glyph *q = pdf_glyph(l, i);
			uint32_t size;
			memcpy(&size, &q->size, sizeof size);
			MIX(q->cp);
			MIX((uint32_t)q->face << 16 ^ size);
		}
	}
#undef MIX
	return h;
}

void pdf_table_block(L *l, const pc_node *n, frame f)
{
	const pc_table *t = n->u.table;
	size_t ncols = t->ncols;
	size_t nrows = 0;
	for (const pc_node *r = n->first; r; r = r->next)
		nrows++;
	if (!ncols || !nrows)
		return;
	pdf_key key = pdf_key_of_node(&l->keys, n);
	int table = pdf_tag_open(l, PC_TAG_TABLE);
	/* caption */
	if (t->caption) {
		int cap = pdf_tag_open(l, PC_TAG_CAPTION);
		size_t g0 = pdf_glyph_end(l);
		sty s = pdf_sty(l->f.bold, TABLE_SIZE + 0.5f, C_TEXT);
		pdf_add_str(l, "■ ", &s);
		pdf_glyph(l, g0)->rgb = C_ACCENT;
		pdf_add_str(l, t->caption, &s);
		pc_parshape sh = {f.w, 0, 0, true, true};
		size_t i0 = l->p.items.n;
		pdf_set_lines(l, g0, f.x, &sh, TABLE_PITCH + 2, BODY_PITCH * 0.5f, AL_LEFT,
		              IT_KEEP);
		pdf_attach_dest(l, i0, key); /* at the caption's first line */
		pdf_tag_close(l, cap);
	} else if (pdf_key_ok(key)) {
		pdf_new_item(l, 0, IT_KEEP);
		pdf_dest_op(l, key);
		pdf_end_item(l, 0);
	}
	/* no phrase is given more than this before it must break */
	float cap = f.w * 0.45f;
	cellinfo *cells = pc_xcalloc(nrows * ncols, sizeof *cells);
	size_t r = 0;
	for (const pc_node *row = n->first; row; row = row->next, r++) {
		size_t c = 0;
		for (const pc_node *cell = row->first; cell && c < ncols; cell = cell->next, c++) {
			cellinfo *ci = &cells[r * ncols + c];
			ci->g0 = pdf_glyph_end(l);
			sty s = pdf_sty(r == 0 ? l->f.bold : l->f.table, TABLE_SIZE, C_TEXT);
			pdf_inlines(l, cell->first, &s);
			ci->g1 = pdf_glyph_end(l);
			if (r == 0)
				ci->g1 = header_break(l, ci->g0, ci->g1);
			ci->g1 = year_break(l, ci->g0, ci->g1);
		}
		for (; c < ncols; c++)
			cells[r * ncols + c].g0 = cells[r * ncols + c].g1 = pdf_glyph_end(l);
	}
	size_t gstart = cells[0].g0, gend = pdf_glyph_end(l);
	uint64_t hash = cells_hash(l, cells, nrows * ncols);
	table_memo *memo = memo_find(l, n);
	bool remembered = memo && memo->hash == hash && memo->nflags == gend - gstart;
	float *cw = pc_xcalloc(ncols, sizeof *cw);
	if (remembered) {
		memcpy(cw, memo->cw, ncols * sizeof *cw);
		for (size_t i = gstart; i < gend; i++)
			pdf_glyph(l, i)->flags = memo->flags[i - gstart];
		for (size_t k = 0; k < nrows * ncols; k++)
			pdf_prepare(l, cells[k].g0, cells[k].g1);
	} else {
		for (r = 0; r < nrows; r++)
			for (size_t c = 0; c < ncols; c++) {
				cellinfo *ci = &cells[r * ncols + c];
				glue_years(l, ci->g0, ci->g1);
				pdf_prepare(l, ci->g0, ci->g1);
				bool numeric = r > 0 && t->kind == PC_TABLE_INDICATORS &&
				               numeric_field(t->columns[c].field);
				measure_cell(l, ci, numeric, cap);
			}
		bool *text = pc_xcalloc(ncols, sizeof *text);
		for (size_t c = 0; c < ncols; c++)
			text[c] =
			    t->kind == PC_TABLE_INDICATORS && !numeric_field(t->columns[c].field);
		column_widths(l, cells, nrows, ncols, f.w, cap, text, cw);
		free(text);
		for (size_t k = 0; k < nrows * ncols; k++) {
			if (hard_width(l, &cells[k], cap) > cw[k % ncols] - 2 * CELL_PAD + 0.01f)
				open_year_breaks(l, cells[k].g0, cells[k].g1);
		}
	}
	/* rows: the first is the header row */
	int header_item = -1;
	int group = -1;
	for (r = 0; r < nrows; r++) {
		if (r <= 1) {
			pdf_tag_close(l, group);
			group = pdf_tag_open(l, r == 0 ? PC_TAG_THEAD : PC_TAG_TBODY);
		}
		int tr = pdf_tag_open(l, PC_TAG_TR);
		size_t op0 = l->p.ops.n;
		float rowh = 0;
		float x = f.x;
		/* lay out every cell, remember its ops */
		size_t *cop0 = pc_xcalloc(ncols + 1, sizeof *cop0);
		float *ch = pc_xcalloc(ncols, sizeof *ch);
		for (size_t c = 0; c < ncols; c++) {
			cellinfo *ci = &cells[r * ncols + c];
			int cell = pdf_tag_open(l, r == 0 ? PC_TAG_TH : PC_TAG_TD);
			if (r == 0)
				pdf_tag_scope(l, cell, PC_SCOPE_COLUMN);
			cop0[c] = l->p.ops.n;
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
				/* lines of even length: no lone character at the end
				 * (a cell whose every line fits has nothing to choose) */
				if (!remembered && ci->nat > inner - 0.01f)
					pdf_balance_lines(l, ci->g0, ci->g1, &sh);
				l->lines.len = 0;
				size_t nl = pdf_break(l, ci->g0, ci->g1, &sh, &l->lines);
				float yy = CELL_PAD;
				for (size_t k = 0; k < nl; k++) {
					pc_line ln = l->lines.items[k];
					ln.start += ci->g0;
					ln.end += ci->g0;
					float dx = align == AL_CENTER ? (inner - ln.width) / 2 : 0;
					op *o = pdf_new_op(l, OP_TEXT);
					o->x = x + CELL_PAD + dx;
					o->y = yy + (TABLE_PITCH - TABLE_SIZE) / 2 +
					       TABLE_SIZE * 0.88f;
					o->g0 = ln.start;
					o->g1 = ln.end;
					pdf_line_links(l, &ln, x + CELL_PAD + dx, yy, TABLE_PITCH);
					yy += TABLE_PITCH;
				}
				h = yy + CELL_PAD;
			}
			pdf_tag_close(l, cell);
			ch[c] = h;
			if (h > rowh)
				rowh = h;
			x += cw[c];
		}
		cop0[ncols] = l->p.ops.n;
		if (rowh < TABLE_PITCH + 2 * CELL_PAD)
			rowh = TABLE_PITCH + 2 * CELL_PAD;
		/* backgrounds and borders go first: copy the text ops after them */
		size_t ntext = l->p.ops.n - op0;
		op *saved = pc_xmalloc((ntext ? ntext : 1) * sizeof *saved);
		memcpy(saved, l->p.ops.v + op0, ntext * sizeof *saved);
		l->p.ops.n = op0;
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
			item *it = &l->p.items.v[l->p.items.n - 1];
			it->table = r == 0 ? (int)l->p.items.n - 1 : header_item;
			/* the last row never goes alone to the next page (under a
			 * repeated header), nor does the first leave the header */
			if (pieces == 1 && nrows > 3 && r + 2 == nrows)
				it->flags |= IT_KEEP;
			if (r == 0 && piece == 0)
				header_item = (int)l->p.items.n - 1;
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
					PUSH(l->p.ops, o);
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
		pdf_tag_close(l, tr);
	}
	pdf_tag_close(l, group);
	pdf_tag_close(l, table);
	if (!remembered) {
		memo = memo_add(l, n);
		memo->hash = hash;
		memo->cw = pc_xrealloc(memo->cw, ncols * sizeof *cw);
		memcpy(memo->cw, cw, ncols * sizeof *cw);
		memo->nflags = gend - gstart;
		memo->flags = pc_xrealloc(memo->flags, memo->nflags ? memo->nflags : 1);
		for (size_t i = gstart; i < gend; i++)
			memo->flags[i - gstart] = pdf_glyph(l, i)->flags;
	}
	free(cells);
	free(cw);
	/* space after the table */
	pdf_new_item(l, 0, 0);
	pdf_end_item(l, BODY_PITCH * 0.4f);
}

/* The glossary box: every term of a glossary table, with its reading. */
