/*
 * Tables in fenced blocks (docs/format.md §4–§6): the header row and data rows
 * in TAB or pipe form, cells as inline Markdown, and for indicators and
 * glossaries the records the rest of the compiler works with.
 */
#include <string.h>

#include "../util/unicode.h"
#include "../util/utf8.h"
#include "parse.h"
#include "readers.h"

const char *pc_table_kind_of(const char *info, const char **rest)
{
	static const char *kinds[] = {"indicators", "glossary", "table"};
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(kinds[i]);
		if (!strncmp(info, kinds[i], n) &&
		    (info[n] == '\0' || info[n] == ' ' || info[n] == '\t')) {
			*rest = info + n;
			return kinds[i];
		}
	}
	return NULL;
}

/* Does the cell need cmark? Plain text (most cells) is taken as it is. */
static bool needs_markdown(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (strchr("*_[]<>`\\&!", s[i]))
			return true;
	return false;
}

static bool space_or_end(const char *s, size_t len, size_t i)
{
	return i >= len || s[i] == ' ' || s[i] == '\t';
}

/* True when the cell text would start a block construct in cmark (a list
 * item, heading, quote, fence or rule) instead of a paragraph. */
static bool starts_block(const char *s, size_t len)
{
	if (!len)
		return false;
	char c = s[0];
	if (c == '>')
		return true;
	if ((c == '-' || c == '+' || c == '*') && space_or_end(s, len, 1))
		return true;
	if (c == '#') {
		size_t i = 0;
		while (i < len && i < 7 && s[i] == '#')
			i++;
		return i <= 6 && space_or_end(s, len, i);
	}
	if ((c == '`' || c == '~') && len >= 3 && s[1] == c && s[2] == c)
		return true;
	if (c == '-' || c == '*' || c == '_') { /* a rule: --- or * * * */
		size_t n = 0, i = 0;
		for (; i < len && (s[i] == c || s[i] == ' ' || s[i] == '\t'); i++)
			n += s[i] == c;
		if (i == len && n >= 3)
			return true;
	}
	size_t i = 0;
	while (i < len && i < 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && i < len && (s[i] == '.' || s[i] == ')') && space_or_end(s, len, i + 1);
}

/* Builds a cell's inline children from its text. */
static pc_node *make_cell(pc_parser *p, const pc_raw_cell *rc, const tline *l, unsigned col0)
{
	pc_doc *doc = p->doc;
	unsigned col = col0 + (unsigned)pc_utf8_count(l->s, rc->off);
	pc_pos pos = {p->src->name, l->lineno, col};
	pc_node *cell = pc_node_new(doc, PC_CELL, pos);
	if (!rc->len)
		return cell;
	if (!needs_markdown(rc->text, rc->len) && !starts_block(rc->text, rc->len)) {
		pc_node *t = pc_node_new(doc, PC_TEXT, pos);
		t->literal = pc_arena_strndup(doc->arena, rc->text, rc->len);
		pc_node_append(cell, t);
		return cell;
	}
	/* A leading block character is escaped so cmark reads the cell as
	 * one paragraph ("- " would otherwise be a list). */
	char *text;
	if (starts_block(rc->text, rc->len)) {
		size_t k = 0;
		while (k < rc->len && rc->text[k] >= '0' && rc->text[k] <= '9')
			k++;
		text = pc_arena_printf(doc->arena, "%.*s\\%.*s", (int)k, rc->text,
		                       (int)(rc->len - k), rc->text + k);
	} else {
		text = pc_arena_strndup(doc->arena, rc->text, rc->len);
	}
	cmark_node *root = cmark_parse_document(text, strlen(text), CMARK_OPT_SOURCEPOS);
	cmark_node *para = cmark_node_first_child(root);
	if (para && !cmark_node_next(para) && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
		pc_convert_cell(p, para, cell, text, l->lineno, col);
	} else {
		/* Anything but one paragraph (an HTML block, say) is kept
		 * as the text it was written as. */
		pc_node *t = pc_node_new(doc, PC_TEXT, pos);
		t->literal = pc_arena_strndup(doc->arena, rc->text, rc->len);
		pc_node_append(cell, t);
	}
	cmark_node_free(root);
	return cell;
}

size_t pc_block_lines(pc_arena *a, const char *lit, unsigned first_line, tline **out)
{
	size_t n = 1;
	for (const char *c = lit; *c; c++)
		n += *c == '\n';
	tline *lines = pc_arena_alloc(a, n * sizeof *lines);
	size_t k = 0;
	const char *s = lit;
	for (unsigned ln = first_line; *s; ln++) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		lines[k++] = (tline){s, len, ln};
		if (!e)
			break;
		s = e + 1;
	}
	*out = lines;
	return k;
}

bool pc_tline_blank(const tline *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t')
			return false;
	return true;
}

/* Reads the block's info-string attributes: id= and caption=. */
static void table_attrs(pc_parser *p, pc_table *t, const char *rest, pc_pos pos)
{
	pc_attrs at = {0};
	const char *err = NULL;
	size_t err_off = 0;
	if (!pc_attrs_parse(p->doc->arena, rest, strlen(rest), &at, &err, &err_off))
		pc_diag(p->diags, PC_E_INFO_ATTR, pos.file, pos.line, pos.col, err);
	if (at.id)
		t->id = at.id;
	for (size_t i = 0; i < at.nkv; i++) {
		if (!strcmp(at.kv[i].key, "id"))
			t->id = at.kv[i].value;
		else if (!strcmp(at.kv[i].key, "caption"))
			t->caption = at.kv[i].value;
		else
			pc_diag(p->diags, PC_W_ATTR_UNKNOWN, pos.file, pos.line, pos.col,
			        at.kv[i].key);
	}
	if (t->id) {
		bool ok = *t->id != '\0';
		for (const char *c = t->id; *c; c++)
			ok &= pc_is_ascii_alnum((unsigned char)*c) || *c == '-' || *c == '_';
		if (!ok) {
			pc_diag(p->diags, PC_E_BAD_ID, pos.file, pos.line, pos.col, t->id);
			t->id = NULL;
		}
	}
}

static bool is_value_field(pc_field f)
{
	return f == PC_FIELD_BASELINE || f == PC_FIELD_MIDTERM || f == PC_FIELD_TARGET ||
	       f == PC_FIELD_ACTUAL;
}

/* Length of a space (ASCII, TAB, U+3000) at s[i], 0 when none. */
static size_t space_len(const char *s, size_t len, size_t i)
{
	if (i < len && (s[i] == ' ' || s[i] == '\t'))
		return 1;
	if (i < len && len - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3))
		return 3;
	return 0;
}

/* The offset after the closing bracket of a group whose inside ends at
 * inner_end (spaces before the bracket skipped). */
static size_t after_group(const char *s, size_t len, size_t inner_end)
{
	size_t i = inner_end, n0;
	while ((n0 = space_len(s, len, i)))
		i += n0;
	uint32_t cp;
	size_t n = i < len ? pc_utf8_decode(s + i, len - i, &cp) : 0;
	return i + (n ? n : 1);
}

/* True when only spaces are left from i. */
static bool only_spaces(const char *s, size_t len, size_t i)
{
	size_t n;
	while (i < len && (n = space_len(s, len, i)))
		i += n;
	return i >= len;
}

/*
 * The year of a value column: from the text after the name (brackets and
 * all: "（R5年度）（決算）"), with the words around it as its qualifier.
 * Text without digits is a note, not an error ("目標値（最終）").
 */
static void read_column_year(pc_parser *p, pc_column *c, const char *s, size_t len, size_t rest,
                             size_t yoff, size_t ylen, pc_pos pos)
{
	pc_arena *a = p->doc->arena;
	const char *r = s + rest;
	size_t rlen = len - rest, co, ce;
	pc_year_detail det = {0};
	pc_year_status st = pc_year_read(r, rlen, &c->year, &det, &co, &ce);
	/* The year as written: the bracket's inside when it is the only group
	 * (as before), else all that follows the name. */
	bool one_group = only_spaces(s, len, after_group(s, len, yoff + ylen));
	c->year.text = one_group ? pc_arena_strndup(a, s + yoff, ylen) : pc_trimmed(a, r, rlen);
	pc_pos ypos = pos;
	ypos.col += (unsigned)pc_utf8_count(s, one_group ? yoff : rest);
	if (st == PC_YEAR_INVALID) {
		if (!pc_has_digit(r, rlen)) { /* a note such as 目標値（最終） */
			c->year.text = NULL;
			c->year.qualifier = pc_year_qualifier(a, r, rlen, 0, 0);
			return;
		}
		pc_diag(p->diags, pc_year_looks_like_date(r, rlen) ? PC_E_BAD_DATE : PC_E_BAD_YEAR,
		        ypos.file, ypos.line, ypos.col, c->year.text);
		c->year.year = 0;
		return;
	}
	c->year.qualifier = pc_year_qualifier(a, r, rlen, co, ce);
	pc_parse_year_report(p, st, &c->year, &det, ypos);
}

/*
 * A header without brackets whose name is not known may hold its year
 * in the text: "R13年度目標値", "目標値 R13年度末". The name is the text on
 * one side of the year; the other side is the year's qualifier.
 */
static pc_field field_around_year(pc_parser *p, pc_column *c, const char *s, size_t len, pc_pos pos)
{
	pc_arena *a = p->doc->arena;
	pc_year y = {0};
	pc_year_detail det = {0};
	size_t co, ce;
	pc_year_status st = pc_year_read(s, len, &y, &det, &co, &ce);
	if (st == PC_YEAR_INVALID)
		return PC_FIELD_NONE;
	pc_field before = pc_indicator_field(pc_nfkc_nospace(a, s, co));
	pc_field after = pc_indicator_field(pc_nfkc_nospace(a, s + ce, len - ce));
	pc_field f = is_value_field(before) ? before : after;
	if (!is_value_field(f))
		return PC_FIELD_NONE;
	y.text = pc_arena_strndup(a, s + co, ce - co);
	y.qualifier = f == before ? pc_year_qualifier(a, s + ce, len - ce, 0, 0)
	                          : pc_year_qualifier(a, s, co, 0, 0);
	c->year = y;
	pc_pos ypos = pos;
	ypos.col += (unsigned)pc_utf8_count(s, co);
	pc_parse_year_report(p, st, &c->year, &det, ypos);
	return f;
}

/* Reads a header cell: its field and its year. */
static void read_column(pc_parser *p, pc_table *t, pc_column *c, const pc_raw_cell *rc, pc_pos pos)
{
	pc_arena *a = p->doc->arena;
	c->text = pc_arena_strndup(a, rc->text, rc->len);
	if (t->kind == PC_TABLE_PLAIN)
		return;
	size_t name_len = rc->len, yoff = 0, ylen = 0;
	bool has_year = pc_header_split(rc->text, rc->len, &name_len, &yoff, &ylen);
	const char *name = pc_nfkc_nospace(a, rc->text, name_len);
	bool indicators = t->kind == PC_TABLE_INDICATORS;
	c->field = indicators ? pc_indicator_field(name) : pc_glossary_field(name);
	if (c->field == PC_FIELD_NONE && indicators && !has_year)
		c->field = field_around_year(p, c, rc->text, rc->len, pos);
	if (c->field == PC_FIELD_NONE) {
		/* An unknown header is only a warning: the column still prints. */
		pc_diag(p->diags, indicators ? PC_W_UNKNOWN_HEADER : PC_W_UNKNOWN_GLOSSARY_HEADER,
		        pos.file, pos.line, pos.col, c->text);
		return;
	}
	/* Brackets after other names are notes: 把握方法（出典）. */
	if (!has_year || !indicators || !is_value_field(c->field))
		return;
	size_t rest = name_len, n;
	while ((n = space_len(rc->text, rc->len, rest)))
		rest += n;
	read_column_year(p, c, rc->text, rc->len, rest, yoff, ylen, pos);
}

void pc_parse_year_report(pc_parser *p, pc_year_status st, pc_year *y, const pc_year_detail *det,
                          pc_pos pos)
{
	switch (st) {
	case PC_YEAR_OK:
		break;
	case PC_YEAR_INVALID: {
		/* A date is not told to become a fiscal year. */
		bool date = y->text && pc_year_looks_like_date(y->text, strlen(y->text));
		pc_diag(p->diags, date ? PC_E_BAD_DATE : PC_E_BAD_YEAR, pos.file, pos.line, pos.col,
		        y->text);
		y->year = 0;
		break;
	}
	case PC_YEAR_MISMATCH:
		pc_diag(p->diags, PC_E_YEAR_MISMATCH, pos.file, pos.line, pos.col, y->text,
		        det->era_gregorian, det->bracket_year);
		break;
	case PC_YEAR_PAST_ERA_END: {
		/* Suggest the same year in the era that follows. */
		static const struct {
			const char *era, *next;
			int base;
		} next[] = {{"明治", "大正", 1911},
		            {"大正", "昭和", 1925},
		            {"昭和", "平成", 1988},
		            {"平成", "令和", 2018}};
		const char *suggest = "";
		for (size_t i = 0; i < 4; i++)
			if (det->era && !strcmp(det->era, next[i].era))
				suggest =
				    pc_arena_printf(p->doc->arena, "%s%d年%s", next[i].next,
				                    y->year - next[i].base, y->fiscal ? "度" : "");
		pc_diag(p->diags, PC_W_ERA_PAST_END, pos.file, pos.line, pos.col,
		        det->era ? det->era : "", det->era_year, det->era ? det->era : "",
		        det->era_last, y->year, suggest);
		break;
	}
	}
}

/*
 * A TAB row with fewer cells than the header whose text splits into just
 * as many cells at runs of spaces: a TAB was lost on the way (a copy from
 * a PDF or an editor that turns TABs into spaces), and the row's values
 * would run together in one cell. An error for data tables, whose values
 * would be misread; a warning for plain ones, which only print.
 */
static void row_by_spaces(pc_parser *p, const pc_table *t, const tline *l, size_t n, size_t want,
                          unsigned col0)
{
	/* Single spaces are too common inside cells ("93 団体") to count;
	 * records.c catches a second number after one (pc_value.note). */
	bool data = t->kind != PC_TABLE_PLAIN;
	if (pc_row_count_space_cells(l->s, l->len, false) != want)
		return;
	pc_diag(p->diags, data ? PC_E_CELLS_BY_SPACES : PC_W_CELLS_BY_SPACES, p->src->name,
	        l->lineno, col0, want, n);
}

/* The header of an indicators or glossary table in TAB form that is one
 * cell but several at its spaces: the whole table was separated by
 * spaces. Reported at the header; the table is not read further. */
static bool header_by_spaces(pc_parser *p, const pc_table *t, const tline *l, size_t n,
                             unsigned col0)
{
	if (t->piped || t->kind == PC_TABLE_PLAIN || n != 1)
		return false;
	size_t split = pc_row_count_space_cells(l->s, l->len, true);
	if (split < 2)
		return false;
	pc_diag(p->diags, PC_E_CELLS_BY_SPACES, p->src->name, l->lineno, col0, split, n);
	return true;
}

/* Splits the rows of a block; returns the number of rows (header first),
 * 0 with *refused set when it reported the block unreadable. */
static size_t read_rows(pc_parser *p, pc_node *table, tline *lines, size_t nlines, unsigned col0,
                        pc_raw_cell ***rows_out, size_t **ncells_out, tline **rowlines_out,
                        bool *refused)
{
	*refused = true;
	pc_arena *a = p->doc->arena;
	pc_table *t = table->u.table;
	pc_raw_cell **rows = pc_arena_alloc(a, (nlines + 1) * sizeof *rows);
	size_t *ncells = pc_arena_alloc(a, (nlines + 1) * sizeof *ncells);
	tline *rl = pc_arena_alloc(a, (nlines + 1) * sizeof *rl);
	size_t nrows = 0;
	for (size_t i = 0; i < nlines; i++) {
		tline *l = &lines[i];
		if (pc_tline_blank(l))
			continue;
		if (nrows == 0)
			t->piped = pc_row_is_piped(l->s, l->len);
		else if (nrows == 1 && t->piped && pc_row_is_separator(l->s, l->len))
			continue;
		if (nrows > PC_MAX_TABLE_ROWS) { /* the header row is not counted */
			pc_diag(p->diags, PC_E_TABLE_TOO_BIG, p->src->name, l->lineno, col0,
			        "行の数", (size_t)PC_MAX_TABLE_ROWS);
			return 0;
		}
		pc_raw_cell *cells;
		size_t n = pc_row_split(a, l->s, l->len, t->piped, &cells);
		if (nrows == 0 && header_by_spaces(p, t, l, n, col0))
			return 0;
		if (nrows > 0) {
			size_t want = ncells[0];
			/* Trailing empty cells (a spreadsheet's stray TABs) and,
			 * in TAB form, omitted trailing cells are fine. */
			while (n > want && cells[n - 1].len == 0)
				n--;
			if (n > want || (n < want && t->piped))
				pc_diag(p->diags, PC_E_ROW_CELLS, p->src->name, l->lineno, col0, n,
				        want);
			else if (n < want)
				row_by_spaces(p, t, l, n, want, col0);
			if (n < want) {
				pc_raw_cell *full = pc_arena_alloc(a, want * sizeof *full);
				memcpy(full, cells, n * sizeof *full);
				for (size_t k = n; k < want; k++)
					full[k] = (pc_raw_cell){"", 0, l->len};
				cells = full;
			}
			n = want;
		} else if (n > PC_MAX_TABLE_COLS) {
			pc_diag(p->diags, PC_E_TABLE_TOO_BIG, p->src->name, l->lineno, col0,
			        "列の数", (size_t)PC_MAX_TABLE_COLS);
			return 0;
		}
		rows[nrows] = cells;
		ncells[nrows] = n;
		rl[nrows] = *l;
		nrows++;
	}
	*rows_out = rows;
	*ncells_out = ncells;
	*rowlines_out = rl;
	*refused = false;
	return nrows;
}

pc_node *pc_table_parse(pc_parser *p, cmark_node *code, const char *kind, const char *rest)
{
	pc_doc *doc = p->doc;
	pc_pos pos = pc_parser_pos(p, code);
	pc_node *table = pc_node_new(doc, PC_TABLE, pos);
	pc_table *t = table->u.table;
	t->kind = !strcmp(kind, "indicators") ? PC_TABLE_INDICATORS
	          : !strcmp(kind, "glossary") ? PC_TABLE_GLOSSARY
	                                      : PC_TABLE_PLAIN;
	table_attrs(p, t, rest, pos);
	pc_vec_push(doc->arena, &doc->tables, table);

	const char *lit = cmark_node_get_literal(code);
	tline *lines;
	size_t nlines = pc_block_lines(doc->arena, lit ? lit : "", pos.line + 1, &lines);
	pc_raw_cell **rows;
	size_t *ncells;
	tline *rl;
	bool refused;
	size_t nrows = read_rows(p, table, lines, nlines, pos.col, &rows, &ncells, &rl, &refused);
	if (nrows == 0) {
		if (!refused) /* else the reason is reported already */
			pc_diag(p->diags, PC_E_TABLE_EMPTY, pos.file, pos.line, pos.col);
		return table;
	}
	t->ncols = ncells[0];
	t->columns = pc_arena_alloc(doc->arena, t->ncols * sizeof *t->columns);
	for (size_t r = 0; r < nrows; r++) {
		pc_node *row =
		    pc_node_new(doc, PC_ROW, (pc_pos){p->src->name, rl[r].lineno, pos.col});
		pc_node_append(table, row);
		for (size_t c = 0; c < t->ncols; c++) {
			pc_node *cell = make_cell(p, &rows[r][c], &rl[r], pos.col);
			pc_node_append(row, cell);
			if (r == 0)
				read_column(p, t, &t->columns[c], &rows[0][c], cell->pos);
			cell->u.cell.field = t->columns[c].field;
		}
	}
	if (t->kind == PC_TABLE_INDICATORS)
		pc_indicators_read(p, table, rows, nrows, rl);
	else if (t->kind == PC_TABLE_GLOSSARY)
		pc_glossary_read(p, table, rows, nrows, rl);
	return table;
}
