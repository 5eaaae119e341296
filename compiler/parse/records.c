/*
 * Records from tables: indicators (docs/format.md §5) and glossary terms (§6).
 * The table keeps its cells for display; the records hold what the cells
 * mean: values as numbers with units and years, terms with readings.
 */
#include <math.h>
#include <string.h>

#include "../util/unicode.h"
#include "../util/utf8.h"
#include "parse.h"

static pc_node *nth_cell(pc_node *row, size_t c)
{
	pc_node *n = row->first;
	while (n && c--)
		n = n->next;
	return n;
}

static bool is_value_field(pc_field f)
{
	return f == PC_FIELD_BASELINE || f == PC_FIELD_MIDTERM || f == PC_FIELD_TARGET ||
	       f == PC_FIELD_ACTUAL;
}

static pc_pos cell_pos_at(const pc_node *cell, const char *text, size_t off)
{
	pc_pos pos = cell->pos;
	pos.col += (unsigned)pc_utf8_count(text, off);
	return pos;
}

/* Reads one value cell: the value, and the year from @, the cell or the
 * header (in that order of precedence). */
static void read_value(pc_parser *p, pc_ivalue *v, const pc_raw_cell *rc, const pc_column *col,
                       const pc_node *cell)
{
	pc_arena *a = p->doc->arena;
	size_t vlen = rc->len, yoff = 0, ylen = 0;
	bool at = pc_cell_year_split(rc->text, rc->len, &vlen, &yoff, &ylen);
	pc_value_detail vd;
	pc_value_status st = pc_value_read(a, rc->text, vlen, &v->value, &vd);
	if (st == PC_VALUE_TOO_LONG)
		pc_diag(p->diags, PC_W_NUMBER_TOO_LONG, cell->pos.file, cell->pos.line,
		        cell->pos.col, v->value.text);
	v->year = col->year;
	if (v->value.year.year) {
		pc_parse_year_report(p, vd.year_status, &v->value.year, &vd.year_detail,
		                     cell_pos_at(cell, rc->text, vd.year_off));
		v->year = v->value.year;
	}
	if (at) {
		pc_year_detail det = {0};
		pc_year y = {0};
		size_t co = 0, ce = 0;
		pc_year_status ys = pc_year_read(rc->text + yoff, ylen, &y, &det, &co, &ce);
		y.text = pc_arena_strndup(a, rc->text + yoff, ylen);
		if (ys != PC_YEAR_INVALID)
			y.qualifier = pc_year_qualifier(a, rc->text + yoff, ylen, co, ce);
		pc_parse_year_report(p, ys, &y, &det, cell_pos_at(cell, rc->text, yoff));
		v->year = y;
	}
	v->field = col->field;
	v->cell = cell;
	v->pos = cell->pos;
}

static const pc_ivalue *find_value(const pc_indicator *ind, pc_field f)
{
	for (size_t i = 0; i < ind->nvalues; i++)
		if (ind->values[i].field == f && ind->values[i].value.has_number)
			return &ind->values[i];
	return NULL;
}

static const char *field_ja(pc_field f)
{
	return f == PC_FIELD_BASELINE  ? "基準値"
	       : f == PC_FIELD_MIDTERM ? "中間目標値"
	       : f == PC_FIELD_TARGET  ? "目標値"
	                               : "実績値";
}

static bool header_year(const pc_indicator *ind, const pc_ivalue *v)
{
	const pc_table *t = ind->table->u.table;
	for (size_t c = 0; c < t->ncols; c++)
		if (t->columns[c].year.text && t->columns[c].year.text == v->year.text)
			return true;
	return false;
}

/* Baseline, midterm and target years must increase in that order. Years
 * that both come from the header are checked once, at the header. */
static void check_years(pc_parser *p, const pc_indicator *ind)
{
	static const pc_field order[] = {PC_FIELD_BASELINE, PC_FIELD_MIDTERM, PC_FIELD_TARGET};
	const pc_ivalue *prev = NULL;
	for (size_t k = 0; k < 3; k++) {
		const pc_ivalue *v = NULL;
		for (size_t i = 0; i < ind->nvalues && !v; i++)
			if (ind->values[i].field == order[k] && ind->values[i].year.year)
				v = &ind->values[i];
		if (!v)
			continue;
		if (prev && v->year.year <= prev->year.year &&
		    !(header_year(ind, v) && header_year(ind, prev)))
			pc_diag(p->diags, PC_W_YEARS_ORDER, v->pos.file, v->pos.line, v->pos.col,
			        field_ja(v->field), v->year.text, field_ja(prev->field),
			        prev->year.text);
		prev = v;
	}
}

/* Directions that keep a level instead of moving towards a target. */
static bool is_level(pc_direction d)
{
	return d == PC_DIR_KEEP || d == PC_DIR_FLOOR || d == PC_DIR_CEILING;
}

/* A target that is text saying "keep" (維持, 現状維持). */
static bool target_says_keep(const pc_indicator *ind)
{
	for (size_t i = 0; i < ind->nvalues; i++) {
		const pc_ivalue *v = &ind->values[i];
		if (v->field == PC_FIELD_TARGET && !v->value.has_number)
			return pc_direction_parse(v->value.text, strlen(v->value.text)) ==
			       PC_DIR_KEEP;
	}
	return false;
}

/*
 * The direction a target means when none is given. A bound says which
 * side of the target counts: 以上 above the baseline is a target to reach
 * (up), at or below it a floor to stay above; 以下 likewise down or a
 * ceiling. A range around the baseline is to be kept.
 */
static pc_direction inferred_direction(const pc_ivalue *b, const pc_ivalue *t)
{
	double bv = b->value.number, tv = t->value.number;
	if (t->value.has_range) {
		double lo = fmin(tv, t->value.upper), hi = fmax(tv, t->value.upper);
		return bv < lo ? PC_DIR_UP : bv > hi ? PC_DIR_DOWN : PC_DIR_KEEP;
	}
	switch (t->value.bound) {
	case PC_BOUND_GE:
	case PC_BOUND_GT:
		return tv > bv ? PC_DIR_UP : PC_DIR_FLOOR;
	case PC_BOUND_LE:
	case PC_BOUND_LT:
		return tv < bv ? PC_DIR_DOWN : PC_DIR_CEILING;
	default:
		return tv > bv ? PC_DIR_UP : tv < bv ? PC_DIR_DOWN : PC_DIR_KEEP;
	}
}

/* Direction inferred when not given; values that contradict each other
 * or the direction warn at the cell. */
static void check_direction(pc_parser *p, pc_indicator *ind)
{
	const pc_ivalue *b = find_value(ind, PC_FIELD_BASELINE);
	const pc_ivalue *t = find_value(ind, PC_FIELD_TARGET);
	const pc_ivalue *m = find_value(ind, PC_FIELD_MIDTERM);
	check_years(p, ind);
	/* A unit on one side only ("10" and "15 件") is a slip too. Values in
	 * different units are not compared with each other. */
	bool same_unit = b && t && !strcmp(b->value.unit, t->value.unit);
	if (b && t && !same_unit)
		pc_diag(p->diags, PC_W_UNIT_MISMATCH, t->pos.file, t->pos.line, t->pos.col,
		        *t->value.unit ? t->value.unit : "（なし）",
		        *b->value.unit ? b->value.unit : "（なし）");
	/* A target that is a limit (以上, 以下, a range) may well equal the
	 * baseline: "stay at 68,000 or more". */
	bool limit = t && (t->value.bound || t->value.has_range);
	if (same_unit && t->value.number == b->value.number && !is_level(ind->direction) && !limit)
		pc_diag(p->diags, PC_W_TARGET_IS_BASELINE, t->pos.file, t->pos.line, t->pos.col,
		        t->value.text);
	if (same_unit && ind->direction_given && !t->value.has_range &&
	    ((ind->direction == PC_DIR_UP && t->value.number < b->value.number) ||
	     (ind->direction == PC_DIR_DOWN && t->value.number > b->value.number)))
		pc_diag(p->diags, PC_W_DIRECTION_CONTRADICTS, t->pos.file, t->pos.line, t->pos.col,
		        ind->direction == PC_DIR_UP ? "増" : "減", b->value.text, t->value.text,
		        ind->direction == PC_DIR_UP ? "減って" : "増えて");
	if (!ind->direction_given && b && t)
		ind->direction = inferred_direction(b, t);
	else if (!ind->direction_given && target_says_keep(ind))
		ind->direction = PC_DIR_KEEP;
	if (b && t && m) {
		double lo = fmin(b->value.number, t->value.number);
		double hi = fmax(b->value.number, t->value.number);
		if (t->value.has_range) {
			lo = fmin(lo, t->value.upper);
			hi = fmax(hi, t->value.upper);
		}
		if (!is_level(ind->direction) && (m->value.number < lo || m->value.number > hi))
			pc_diag(p->diags, PC_W_MIDTERM_RANGE, m->pos.file, m->pos.line, m->pos.col,
			        m->value.text, b->value.text, t->value.text);
	}
}

static long column_of(const pc_table *t, pc_field f)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (t->columns[c].field == f)
			return (long)c;
	return -1;
}

/* A field other than values may appear only once. */
static bool check_duplicate_columns(pc_parser *p, pc_node *table)
{
	pc_table *t = table->u.table;
	pc_node *header = table->first;
	bool ok = true;
	for (size_t c = 0; c < t->ncols; c++) {
		pc_field f = t->columns[c].field;
		if (f == PC_FIELD_NONE || f == PC_FIELD_ACTUAL)
			continue;
		if (column_of(t, f) != (long)c) {
			pc_pos pos = nth_cell(header, c)->pos;
			pc_diag(p->diags, PC_E_DUP_COLUMN, pos.file, pos.line, pos.col,
			        t->columns[c].text);
			ok = false;
		}
	}
	return ok;
}

/* True when a note starts like a number: "20%" left after "10%". */
static bool note_is_number(const char *note)
{
	if (!note)
		return false;
	uint32_t cp;
	size_t n = pc_utf8_decode(note, strlen(note), &cp);
	if (n && (cp == '-' || cp == 0x25B3 || cp == 0x25B2 || cp == 0x2212 || cp == 0xFF0D))
		n += pc_utf8_decode(note + n, strlen(note + n), &cp);
	return n && ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19));
}

/*
 * "10% 20%" in a row that lacks cells at its end: two values joined by a
 * space where a TAB was lost, the second read as a note of the first.
 * Reported at the row (table.c reports runs of spaces; this catches the
 * single space that may also stand between a number and its unit).
 */
static void joined_by_spaces(pc_parser *p, const pc_table *t, const pc_node *row,
                             const pc_raw_cell *cells, const pc_indicator *ind)
{
	if (t->piped || !t->ncols || cells[t->ncols - 1].len)
		return; /* every cell written: nothing was joined */
	for (size_t i = 0; i < ind->nvalues; i++)
		if (note_is_number(ind->values[i].value.note)) {
			size_t written = t->ncols;
			while (written > 0 && !cells[written - 1].len)
				written--;
			pc_diag(p->diags, PC_E_CELLS_BY_SPACES, row->pos.file, row->pos.line,
			        row->pos.col, t->ncols, written);
			return;
		}
}

static void read_indicator_row(pc_parser *p, pc_node *table, pc_node *row, pc_raw_cell *cells)
{
	pc_doc *doc = p->doc;
	pc_table *t = table->u.table;
	pc_indicator *ind = pc_arena_alloc(doc->arena, sizeof *ind);
	ind->table = table;
	ind->row = row;
	ind->pos = row->pos;
	ind->values = pc_arena_alloc(doc->arena, t->ncols * sizeof *ind->values);
	for (size_t c = 0; c < t->ncols; c++) {
		pc_node *cell = nth_cell(row, c);
		const pc_raw_cell *rc = &cells[c];
		pc_field f = t->columns[c].field;
		if (f == PC_FIELD_NAME) {
			ind->name_cell = cell;
			ind->name = pc_trimmed(doc->arena, pc_node_text(doc, cell),
			                       strlen(pc_node_text(doc, cell)));
			ind->pos = cell->pos;
		} else if (f == PC_FIELD_METHOD) {
			ind->method_cell = cell;
			ind->method = pc_node_text(doc, cell);
		} else if (f == PC_FIELD_UNIT) {
			ind->unit = rc->len ? pc_nfkc(doc->arena, rc->text, rc->len) : NULL;
		} else if (f == PC_FIELD_DIRECTION && rc->len) {
			ind->direction = pc_direction_parse(rc->text, rc->len);
			ind->direction_given = ind->direction != PC_DIR_NONE;
			if (!ind->direction_given)
				pc_diag(p->diags, PC_E_BAD_DIRECTION, cell->pos.file,
				        cell->pos.line, cell->pos.col,
				        pc_arena_strndup(doc->arena, rc->text, rc->len));
		} else if (is_value_field(f) && rc->len) {
			read_value(p, &ind->values[ind->nvalues++], rc, &t->columns[c], cell);
		}
	}
	joined_by_spaces(p, t, row, cells, ind);
	/* The 単位 column gives the unit of values written without one. */
	for (size_t i = 0; ind->unit && i < ind->nvalues; i++)
		if (ind->values[i].value.has_number && !*ind->values[i].value.unit)
			ind->values[i].value.unit = ind->unit;
	if (!ind->name || !*ind->name) {
		pc_diag(p->diags, PC_W_ROW_NO_NAME, row->pos.file, row->pos.line, row->pos.col,
		        "指標名", "指標名");
		ind->name = "";
	}
	check_direction(p, ind);
	ind->index = doc->indicators.len;
	pc_vec_push(doc->arena, &doc->indicators, ind);
	t->indicators[t->nindicators++] = ind;
}

/*
 * A second header row that gives the value columns their years:
 *
 *     指標名	現状値	目標値
 *     	R5年度	R11年度
 *
 * Its name cell is empty, the cells of other columns too, and every
 * filled cell of a value column reads as a year (with its words). The
 * years go to the columns that have none in the header; the row is no
 * indicator. Returns false, touching nothing, for any other row.
 */
static bool years_row(pc_parser *p, pc_node *table, pc_node *row, pc_raw_cell *cells)
{
	pc_table *t = table->u.table;
	pc_arena *a = p->doc->arena;
	size_t years = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		const pc_raw_cell *rc = &cells[c];
		if (!rc->len)
			continue;
		if (!is_value_field(t->columns[c].field))
			return false;
		pc_year y;
		pc_year_detail det;
		size_t co, ce;
		if (pc_year_read(rc->text, rc->len, &y, &det, &co, &ce) == PC_YEAR_INVALID)
			return false;
		years++;
	}
	if (!years)
		return false;
	for (size_t c = 0; c < t->ncols; c++) {
		const pc_raw_cell *rc = &cells[c];
		pc_column *col = &t->columns[c];
		if (!rc->len || col->year.year)
			continue;
		pc_year_detail det;
		size_t co, ce;
		pc_year_status st = pc_year_read(rc->text, rc->len, &col->year, &det, &co, &ce);
		col->year.text = pc_arena_strndup(a, rc->text, rc->len);
		col->year.qualifier = pc_year_qualifier(a, rc->text, rc->len, co, ce);
		pc_parse_year_report(p, st, &col->year, &det, nth_cell(row, c)->pos);
	}
	return true;
}

/* The header's years of baseline, midterm and target must increase. */
static void check_header_years(pc_parser *p, pc_node *table)
{
	static const pc_field order[] = {PC_FIELD_BASELINE, PC_FIELD_MIDTERM, PC_FIELD_TARGET};
	const pc_table *t = table->u.table;
	const pc_column *prev = NULL;
	for (size_t k = 0; k < 3; k++) {
		long c = column_of(t, order[k]);
		if (c < 0 || !t->columns[c].year.year)
			continue;
		if (prev && t->columns[c].year.year <= prev->year.year) {
			pc_pos pos = nth_cell(table->first, (size_t)c)->pos;
			pc_diag(p->diags, PC_W_YEARS_ORDER, pos.file, pos.line, pos.col,
			        field_ja(order[k]), t->columns[c].year.text, field_ja(prev->field),
			        prev->year.text);
		}
		prev = &t->columns[c];
	}
}

void pc_indicators_read(pc_parser *p, pc_node *table, pc_raw_cell **rows, size_t nrows,
                        const tline *rl)
{
	pc_table *t = table->u.table;
	(void)rl;
	if (column_of(t, PC_FIELD_NAME) < 0) {
		pc_diag(p->diags, PC_E_NO_NAME_COLUMN, table->first->pos.file,
		        table->first->pos.line, table->first->pos.col);
		return;
	}
	if (!check_duplicate_columns(p, table))
		return;
	size_t first = 1;
	if (nrows > 1 && years_row(p, table, table->first->next, rows[1]))
		first = 2;
	check_header_years(p, table);
	t->indicators = pc_arena_alloc(p->doc->arena, nrows * sizeof *t->indicators);
	pc_node *row = table->first->next;
	for (size_t r = 1; r < nrows && row; r++, row = row->next)
		if (r >= first)
			read_indicator_row(p, table, row, rows[r]);
}

/* 別名: separated by 、 or , (or ，); each may carry :reading. */
static void read_aliases(pc_parser *p, pc_term *term, const pc_raw_cell *rc, const pc_node *cell)
{
	pc_arena *a = p->doc->arena;
	const char *s = rc->text;
	size_t len = rc->len;
	size_t cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += s[i] == ',' || !strncmp(s + i, "、", 3) || !strncmp(s + i, "，", 3);
	term->aliases = pc_arena_alloc(a, cap * sizeof *term->aliases);
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		size_t sep = i == len                                                 ? 1
		             : s[i] == ','                                            ? 1
		             : (!strncmp(s + i, "、", 3) || !strncmp(s + i, "，", 3)) ? 3
		                                                                      : 0;
		if (!sep)
			continue;
		const char *item = pc_trimmed(a, s + start, i - start);
		size_t off = start;
		start = i + sep;
		i += sep - 1;
		if (!*item)
			continue;
		pc_alias *al = &term->aliases[term->naliases++];
		const char *colon = strstr(item, ":");
		const char *fcolon = strstr(item, "：");
		if (!colon || (fcolon && fcolon < colon))
			colon = fcolon;
		if (colon) {
			size_t cl = !strncmp(colon, ":", 1) ? 1 : 3;
			al->text = pc_trimmed(a, item, (size_t)(colon - item));
			al->reading = pc_trimmed(a, colon + cl, strlen(colon + cl));
			if (!*al->reading)
				al->reading = NULL;
		} else {
			al->text = item;
		}
		al->pos = cell_pos_at(cell, s, off);
	}
}

/* True when s is nothing but kana (hiragana, katakana, ー, ・) and spaces. */
static bool all_kana(const char *s, size_t len)
{
	bool any = false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = pc_utf8_decode(s + i, len - i, &cp);
		if (!n)
			return false;
		if (pc_is_hiragana(cp) || pc_is_katakana(cp))
			any = true;
		else if (!pc_is_space(cp))
			return false;
		i += n;
	}
	return any;
}

/*
 * 用語（ようご）: a reading written in round brackets after the term, as
 * glossaries copied from Word often have it. The brackets leave the term;
 * the reading is used unless the reading column gives one. Brackets with
 * anything but kana (NPO（民間非営利団体）) stay part of the term.
 */
static void split_reading(pc_arena *a, pc_term *term)
{
	const char *t = term->term;
	size_t len = strlen(t), close_len;
	if (len >= 3 && !strcmp(t + len - 3, "）"))
		close_len = 3;
	else if (len >= 1 && t[len - 1] == ')')
		close_len = 1;
	else
		return;
	const char *open = NULL;
	for (const char *c = t; c < t + len - close_len; c++)
		if (*c == '(' || !strncmp(c, "（", 3))
			open = c;
	if (!open || open == t)
		return;
	size_t ol = *open == '(' ? 1 : 3;
	const char *r = open + ol;
	size_t rlen = (size_t)(t + len - close_len - r);
	if (!all_kana(r, rlen))
		return;
	if (!term->reading)
		term->reading = pc_trimmed(a, r, rlen);
	term->term = pc_trimmed(a, t, (size_t)(open - t));
}

static void read_glossary_row(pc_parser *p, pc_node *table, pc_node *row, pc_raw_cell *cells)
{
	pc_doc *doc = p->doc;
	pc_table *t = table->u.table;
	pc_term *term = pc_arena_alloc(doc->arena, sizeof *term);
	bool any = false;
	for (size_t c = 0; c < t->ncols; c++) {
		pc_node *cell = nth_cell(row, c);
		const pc_raw_cell *rc = &cells[c];
		any |= rc->len > 0;
		switch (t->columns[c].field) {
		case PC_FIELD_TERM: {
			const char *txt = pc_node_text(doc, cell);
			term->term = pc_trimmed(doc->arena, txt, strlen(txt));
			term->pos = cell->pos;
			break;
		}
		case PC_FIELD_READING:
			term->reading = rc->len ? pc_trimmed(doc->arena, rc->text, rc->len) : NULL;
			break;
		case PC_FIELD_DEFINITION:
			term->definition = cell;
			term->definition_text = pc_node_text(doc, cell);
			break;
		case PC_FIELD_ALIASES:
			read_aliases(p, term, rc, cell);
			break;
		default:
			break;
		}
	}
	if (term->term)
		split_reading(p->doc->arena, term);
	if (!term->term || !*term->term) {
		if (any)
			pc_diag(p->diags, PC_W_ROW_NO_NAME, row->pos.file, row->pos.line,
			        row->pos.col, "用語", "用語");
		return;
	}
	if (!term->definition_text || !*term->definition_text)
		pc_diag(p->diags, PC_W_NO_DEFINITION, term->pos.file, term->pos.line, term->pos.col,
		        term->term);
	term->table = table;
	term->index = doc->terms.len;
	pc_vec_push(doc->arena, &doc->terms, term);
	t->terms[t->nterms++] = term;
}

void pc_glossary_read(pc_parser *p, pc_node *table, pc_raw_cell **rows, size_t nrows,
                      const tline *rl)
{
	pc_table *t = table->u.table;
	(void)rl;
	if (column_of(t, PC_FIELD_TERM) < 0) {
		pc_diag(p->diags, PC_E_NO_TERM_COLUMN, table->first->pos.file,
		        table->first->pos.line, table->first->pos.col);
		return;
	}
	if (!check_duplicate_columns(p, table))
		return;
	t->terms = pc_arena_alloc(p->doc->arena, nrows * sizeof *t->terms);
	pc_node *row = table->first->next;
	for (size_t r = 1; r < nrows && row; r++, row = row->next)
		read_glossary_row(p, table, row, rows[r]);
}
