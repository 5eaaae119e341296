/*
 * PDF back end, tables: a table block with its caption, column widths
 * from the cells' natural and minimal widths, rows as items (the header
 * row repeated after a page break, rows taller than a page cut into
 * pieces of whole lines).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

typedef struct cellinfo {
	size_t g0, g1;
	float nat, min;
} cellinfo;

/* In a header cell, a bracketed year goes on a line of its own:
 * 現在値 (H29年度) → 現在値 / (H29年度). Returns the new end. */
static size_t header_break(L *l, size_t g0, size_t g1)
{
	for (size_t i = g0 + 1; i < g1; i++) {
		uint32_t c = l->p.g.v[i].cp;
		if (c != '(' && c != 0xFF08 && c != 0x3014 && c != '[')
			continue;
		size_t at = i;
		if (l->p.g.v[at - 1].cp == ' ' || l->p.g.v[at - 1].cp == 0x3000)
			at--; /* the space becomes the break */
		else {
			PUSH(l->p.g, l->p.g.v[g1 - 1]);
			memmove(l->p.g.v + at + 1, l->p.g.v + at, (g1 - at) * sizeof *l->p.g.v);
			g1++;
		}
		l->p.g.v[at].cp = 0x2028;
		l->p.g.v[at].fw = 0;
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
	pdf_key key = pdf_key_of_node(&l->keys, n);
	/* caption */
	if (t->caption) {
		size_t g0 = l->p.g.n;
		sty s = pdf_sty(l->f.bold, TABLE_SIZE + 0.5f, C_TEXT);
		pdf_add_str(l, "■ ", &s);
		l->p.g.v[g0].rgb = C_ACCENT;
		pdf_add_str(l, t->caption, &s);
		pc_parshape sh = {f.w, 0, 0, true, true};
		size_t i0 = l->p.items.n;
		pdf_set_lines(l, g0, f.x, &sh, TABLE_PITCH + 2, BODY_PITCH * 0.5f, AL_LEFT,
		              IT_KEEP);
		pdf_attach_dest(l, i0, key); /* at the caption's first line */
	} else if (pdf_key_ok(key)) {
		pdf_new_item(l, 0, IT_KEEP);
		pdf_dest_op(l, key);
		pdf_end_item(l, 0);
	}
	cellinfo *cells = pc_xcalloc(nrows * ncols, sizeof *cells);
	size_t r = 0;
	for (const pc_node *row = n->first; row; row = row->next, r++) {
		size_t c = 0;
		for (const pc_node *cell = row->first; cell && c < ncols; cell = cell->next, c++) {
			cellinfo *ci = &cells[r * ncols + c];
			ci->g0 = l->p.g.n;
			sty s = pdf_sty(r == 0 ? l->f.bold : l->f.table, TABLE_SIZE, C_TEXT);
			pdf_inlines(l, cell->first, &s);
			ci->g1 = l->p.g.n;
			if (r == 0)
				ci->g1 = header_break(l, ci->g0, ci->g1);
			pc_text_prepare(l->p.g.v + ci->g0, ci->g1 - ci->g0);
			float w = 0, word = 0, maxword = 0, line = 0, first_line = 0;
			for (size_t i = ci->g0; i < ci->g1; i++) {
				const pc_glyph *q = &l->p.g.v[i];
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
			cells[r * ncols + c].g0 = cells[r * ncols + c].g1 = l->p.g.n;
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
		size_t op0 = l->p.ops.n;
		float rowh = 0;
		float x = f.x;
		/* lay out every cell, remember its ops */
		size_t *cop0 = pc_xcalloc(ncols + 1, sizeof *cop0);
		float *ch = pc_xcalloc(ncols, sizeof *ch);
		for (size_t c = 0; c < ncols; c++) {
			cellinfo *ci = &cells[r * ncols + c];
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
				l->lines.len = 0;
				size_t nl = pc_text_break(l->br, l->p.g.v + ci->g0, ci->g1 - ci->g0,
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
					pdf_line_links(l, &ln, x + CELL_PAD + dx, yy, TABLE_PITCH);
					yy += TABLE_PITCH;
				}
				h = yy + CELL_PAD;
			}
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
	}
	/* the last row need not keep the table's next block */
	free(cells);
	free(nat);
	free(mn);
	free(cw);
	/* space after the table */
	pdf_new_item(l, 0, 0);
	pdf_end_item(l, BODY_PITCH * 0.4f);
}

/* The glossary box: every term of a glossary table, with its reading. */
