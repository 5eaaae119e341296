/*
 * Evaluation blocks (docs/format.md §5.5): a measure's yearly evaluation,
 * written under the measure as a fenced block ```evaluation whose rows
 * (TAB or pipe form, like every table) give the year, the next step
 * (方向性: 拡充・継続・改善・縮小・廃止), an optional grade given by hand
 * and the comment (要因・分析). The rows are records for the yearly
 * report; the block prints nothing in the booklet or the site.
 */
#include <string.h>
#include <strings.h>

#include "../util/buf.h"
#include "../util/unicode.h"
#include "../util/utf8.h"
#include "parse.h"
#include "readers.h"

enum { COL_NONE, COL_YEAR, COL_COURSE, COL_GRADE, COL_COMMENT };

static int column_of_header(pc_arena *a, const char *s, size_t len)
{
	static const struct {
		const char *name;
		int col;
	} names[] = {
	    {"年度", COL_YEAR},          {"評価年度", COL_YEAR},    {"年", COL_YEAR},
	    {"year", COL_YEAR},          {"方向性", COL_COURSE},    {"今後の方向性", COL_COURSE},
	    {"今後の方向", COL_COURSE},  {"方向", COL_COURSE},      {"course", COL_COURSE},
	    {"評価", COL_GRADE},         {"施策の評価", COL_GRADE}, {"grade", COL_GRADE},
	    {"要因・分析", COL_COMMENT}, {"要因分析", COL_COMMENT}, {"分析", COL_COMMENT},
	    {"評価の理由", COL_COMMENT}, {"理由", COL_COMMENT},     {"所見", COL_COMMENT},
	    {"コメント", COL_COMMENT},   {"comment", COL_COMMENT}};
	const char *n = pc_nfkc_nospace(a, s, len);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcasecmp(n, names[i].name))
			return names[i].col;
	return COL_NONE;
}

static pc_course course_of(const char *s)
{
	static const char *names[] = {NULL, "拡充", "継続", "改善", "縮小", "廃止"};
	for (int c = 1; c <= 5; c++)
		if (!strcmp(s, names[c]))
			return (pc_course)c;
	return PC_COURSE_NONE;
}

/* A comment cell: trimmed, <br> a line break (as in every table). */
static const char *comment_text(pc_arena *a, const char *s, size_t len)
{
	pc_buf b = {0};
	for (size_t i = 0; i < len;) {
		if (s[i] == '<' && (i + 4 <= len) && !strncasecmp(s + i, "<br", 3)) {
			size_t j = i + 3;
			while (j < len && (s[j] == ' ' || s[j] == '/'))
				j++;
			if (j < len && s[j] == '>') {
				pc_buf_putc(&b, '\n');
				i = j + 1;
				continue;
			}
		}
		pc_buf_putc(&b, s[i++]);
	}
	const char *t = pc_trimmed(a, b.data ? b.data : "", b.len);
	pc_buf_free(&b);
	return t;
}

typedef struct evrow {
	pc_parser *p;
	const tline *l;
	unsigned col0;
} evrow;

static pc_pos cell_pos(const evrow *r, const pc_raw_cell *c)
{
	return (pc_pos){r->p->src->name, r->l->lineno,
	                r->col0 + (unsigned)pc_utf8_count(r->l->s, c->off)};
}

static void read_year(const evrow *r, const pc_raw_cell *c, pc_evaluation *e)
{
	pc_pos pos = cell_pos(r, c);
	if (!c->len) {
		pc_diag(r->p->diags, PC_E_EVAL_NO_YEAR, pos.file, pos.line, pos.col);
		return;
	}
	pc_year y = {0};
	pc_year_detail det = {0};
	pc_year_status st = pc_year_parse(c->text, c->len, &y, &det);
	y.text = pc_arena_strndup(r->p->doc->arena, c->text, c->len);
	pc_parse_year_report(r->p, st, &y, &det, pos);
	e->year_text = y.text;
	/* a date in January to March belongs to the fiscal year before */
	e->year = !y.fiscal && y.month >= 1 && y.month <= 3 ? y.year - 1 : y.year;
}

static void read_row(const evrow *r, const pc_raw_cell *cells, const int *cols, size_t n)
{
	pc_parser *p = r->p;
	pc_arena *a = p->doc->arena;
	pc_evaluation *e = pc_arena_alloc(a, sizeof *e);
	e->pos = (pc_pos){p->src->name, r->l->lineno, r->col0};
	e->section = p->stack[p->depth];
	e->comment = "";
	bool year = false;
	for (size_t c = 0; c < n; c++) {
		year |= cols[c] == COL_YEAR;
		const pc_raw_cell *rc = &cells[c];
		switch (cols[c]) {
		case COL_YEAR:
			read_year(r, rc, e);
			break;
		case COL_COURSE: {
			const char *t = pc_nfkc_nospace(a, rc->text, rc->len);
			if (!*t)
				break;
			e->course = course_of(t);
			if (!e->course) {
				pc_pos pos = cell_pos(r, rc);
				pc_diag(p->diags, PC_E_EVAL_COURSE, pos.file, pos.line, pos.col,
				        pc_arena_strndup(a, rc->text, rc->len));
			}
			break;
		}
		case COL_GRADE:
			if (rc->len) {
				e->grade = pc_arena_strndup(a, rc->text, rc->len);
				e->grade_pos = cell_pos(r, rc);
			}
			break;
		case COL_COMMENT:
			e->comment = comment_text(a, rc->text, rc->len);
			break;
		default:
			break;
		}
	}
	if (!year)
		pc_diag(p->diags, PC_E_EVAL_NO_YEAR, e->pos.file, e->pos.line, e->pos.col);
	if (e->year)
		pc_vec_push(a, &p->doc->evaluations, e);
}

bool pc_evaluation_parse(pc_parser *p, cmark_node *code)
{
	const char *info = cmark_node_get_fence_info(code);
	if (!info || strncmp(info, "evaluation", 10) ||
	    (info[10] && info[10] != ' ' && info[10] != '\t'))
		return false;
	pc_arena *a = p->doc->arena;
	pc_pos pos = pc_parser_pos(p, code);
	const char *rest = pc_trimmed(a, info + 10, strlen(info + 10));
	if (*rest)
		pc_diag(p->diags, PC_W_ATTR_UNKNOWN, pos.file, pos.line, pos.col, rest);
	const char *lit = cmark_node_get_literal(code);
	tline *lines;
	size_t nlines = pc_block_lines(a, lit ? lit : "", pos.line + 1, &lines);
	size_t i = 0;
	while (i < nlines && pc_tline_blank(&lines[i]))
		i++;
	if (i == nlines) {
		pc_diag(p->diags, PC_E_TABLE_EMPTY, pos.file, pos.line, pos.col);
		return true;
	}
	bool piped = pc_row_is_piped(lines[i].s, lines[i].len);
	pc_raw_cell *head;
	size_t ncols = pc_row_split(a, lines[i].s, lines[i].len, piped, &head);
	int *cols = pc_arena_alloc(a, (ncols + 1) * sizeof *cols);
	bool year = false;
	evrow hr = {p, &lines[i], pos.col};
	for (size_t c = 0; c < ncols; c++) {
		cols[c] = column_of_header(a, head[c].text, head[c].len);
		year |= cols[c] == COL_YEAR;
		if (cols[c] == COL_NONE) {
			pc_pos hp = cell_pos(&hr, &head[c]);
			pc_diag(p->diags, PC_W_EVAL_UNKNOWN_HEADER, hp.file, hp.line, hp.col,
			        pc_arena_strndup(a, head[c].text, head[c].len));
		}
		for (size_t k = 0; k < c; k++)
			if (cols[k] == cols[c] && cols[c] != COL_NONE) {
				pc_pos hp = cell_pos(&hr, &head[c]);
				pc_diag(p->diags, PC_E_DUP_COLUMN, hp.file, hp.line, hp.col,
				        pc_arena_strndup(a, head[c].text, head[c].len));
				cols[c] = COL_NONE;
			}
	}
	if (!year) {
		pc_diag(p->diags, PC_E_EVAL_NO_YEAR_COLUMN, p->src->name, hr.l->lineno, pos.col);
		return true;
	}
	for (size_t k = i + 1; k < nlines; k++) {
		const tline *l = &lines[k];
		if (pc_tline_blank(l) || (piped && k == i + 1 && pc_row_is_separator(l->s, l->len)))
			continue;
		pc_raw_cell *cells;
		size_t n = pc_row_split(a, l->s, l->len, piped, &cells);
		while (n > ncols && cells[n - 1].len == 0)
			n--;
		if (n > ncols || (n < ncols && piped))
			pc_diag(p->diags, PC_E_ROW_CELLS, p->src->name, l->lineno, pos.col, n,
			        ncols);
		evrow r = {p, l, pos.col};
		read_row(&r, cells, cols, n < ncols ? n : ncols);
	}
	return true;
}
