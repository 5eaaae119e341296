/*
 * The presentation pass: decides, once, what every back end prints, and
 * writes it into the tree — how a section is labelled and named, which
 * measure and chapter each section belongs to, what an untitled table
 * is called, which term uses are
 * marked and with what mark, what an empty cross reference says,
 * whether a line break in the source becomes a space, and that an
 * indicators header written in English prints in Japanese. Back ends print
 * these fields; none of them decides again, so the booklet, the site and
 * the data cannot disagree.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../model/appendix.h"
#include "../model/indicators.h"
#include "../parse/readers.h"
#include "../plancc.h"
#include "../util/unicode.h"
#include "../util/utf8.h"

/* ---- sections ------------------------------------------------------ */

static void present_section(pc_doc *doc, pc_node *n)
{
	pc_arena *a = doc->arena;
	pc_section *s = n->u.section;
	const pc_node *up = pc_node_section(n);
	s->chapter = up ? up->u.section->chapter : n;
	s->measure = s->level <= 2 || !up ? n : up->u.section->measure;
	const char *title = s->title ? s->title : "";
	if (s->label && s->number)
		s->heading_label = pc_arena_printf(a, "%s %s", s->label, s->number);
	else
		s->heading_label = s->number ? s->number : s->label;
	/* The label is the heading's own word (施策, 政策の柱): the contents,
	 * references and running heads name a section by number and title,
	 * so that sibling entries line up. */
	s->display = s->number ? pc_arena_printf(a, "%s %s", s->number, title) : title;
	s->tag = s->number ? s->number : title;
}

/* ---- tables --------------------------------------------------------- */

/* A table's name: its caption; an untitled one is named after where it
 * stands: indicators after their measure (「1-1 地域医療の充実の成果指標」),
 * other tables after their section, with the measure first when the
 * section has no number of its own (「1-1 地域医療の充実「主な事業」の表」). */
static void present_table(pc_doc *doc, pc_node *n)
{
	pc_table *t = n->u.table;
	bool kpi = t->kind == PC_TABLE_INDICATORS;
	const char *what = kpi ? "成果指標" : "表";
	const pc_node *s = pc_node_section(n);
	if (t->caption) {
		t->display = t->caption;
	} else if (t->kind == PC_TABLE_GLOSSARY) { /* a box headed as the appendix is */
		t->display = pc_appendix_title(PC_APPX_GLOSSARY);
	} else if (!s) {
		t->display = what;
	} else {
		const pc_section *sec = s->u.section, *m = sec->measure->u.section;
		if (kpi)
			t->display = pc_arena_printf(doc->arena, "%sの%s", m->display, what);
		else if (sec->measure == s || sec->number)
			t->display = pc_arena_printf(doc->arena, "%sの%s", sec->display, what);
		else
			t->display = pc_arena_printf(doc->arena, "%s「%s」の%s", m->display,
			                             sec->display, what);
	}
}

/* ---- inlines: soft breaks, term marks, reference texts -------------- */

typedef struct presenter {
	pc_doc *doc;
	/* soft breaks: the last character printed before the pending break */
	pc_node *pending;
	uint32_t before;
	/* term marks, by term index */
	const pc_node **marked_in;   /* the section where the term was last marked */
	const pc_node **numbered_in; /* the measure where it got its ※n number */
	int *number;
} presenter;

/* A line break in the source is a space between two Latin words
 * ("end.⏎Next" → "end. Next") and nothing where either side is Japanese
 * ("である。⏎次に" → "である。次に"). */
static bool break_is_space(uint32_t before, uint32_t after)
{
	return before && after && !pc_is_space(before) && !pc_is_space(after) &&
	       !pc_is_wide(before) && !pc_is_wide(after);
}

static void settle_break(presenter *p, uint32_t after)
{
	if (p->pending)
		p->pending->literal = break_is_space(p->before, after) ? " " : "";
	p->pending = NULL;
}

/* Text printed in order: settles a pending break, remembers the end. */
static void printed(presenter *p, const char *s)
{
	if (!s || !*s)
		return;
	uint32_t first, cp = 0;
	size_t len = strlen(s);
	pc_utf8_decode(s, len, &first);
	settle_break(p, first);
	for (size_t i = 0; i < len;) {
		size_t k = pc_utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
	}
	p->before = cp;
}

/* Where marks are not printed: headings, glossary definitions, the text
 * of links and references (a link cannot hold another). */
static bool markable(const pc_node *n)
{
	for (const pc_node *u = n->parent; u; u = u->parent)
		switch (u->kind) {
		case PC_HEADING:
		case PC_LINK:
		case PC_XREF:
		case PC_TERM_REF:
		case PC_TERM_OCC:
			return false;
		case PC_TABLE:
			return u->u.table->kind != PC_TABLE_GLOSSARY;
		case PC_SECTION:
		case PC_DOCUMENT:
			return true;
		default:
			break;
		}
	return true;
}

/* An explicit reference is always marked; an occurrence only when the
 * term has no mark yet in its section. ※n numbers count per measure. */
static void mark_term(presenter *p, pc_node *n)
{
	const pc_term *t = n->u.term_ref.term;
	if (!t || !markable(n))
		return;
	const pc_node *sec = pc_node_section(n);
	if (n->kind == PC_TERM_OCC && p->marked_in[t->index] == sec)
		return;
	p->marked_in[t->index] = sec;
	n->u.term_ref.marked = true;
	switch (p->doc->meta.term_mark) {
	case PC_MARK_ASTERISK:
		n->u.term_ref.mark = "※";
		break;
	case PC_MARK_NUMBERED: {
		pc_node *measure = sec ? (pc_node *)sec->u.section->measure : NULL;
		if (p->numbered_in[t->index] != measure || !p->number[t->index]) {
			p->numbered_in[t->index] = measure;
			p->number[t->index] = measure ? ++measure->u.section->marks : 1;
		}
		n->u.term_ref.mark = pc_arena_printf(p->doc->arena, "※%d", p->number[t->index]);
		/* the glossary box of the defining measure shows the same number */
		if (measure && measure == t->measure && !t->mark)
			n->u.term_ref.term->mark = n->u.term_ref.mark;
		break;
	}
	case PC_MARK_NONE:
		break;
	}
}

/* What an empty reference prints: the target's name. */
static const char *xref_text(pc_doc *doc, const pc_node *n)
{
	const pc_node *t = n->u.xref.target;
	if (!t)
		return n->u.xref.id ? n->u.xref.id : "";
	if (t->kind == PC_SECTION)
		return t->u.section->display;
	return pc_arena_printf(doc->arena, "表「%s」", t->u.table->display);
}

static bool is_inline(pc_kind k)
{
	return k >= PC_TEXT && k != PC_HEADING;
}

/* Walks a subtree in document order (no recursion: trees may be deep). */
static void present_inlines(presenter *p, pc_node *top)
{
	pc_node *n = top->first;
	while (n) {
		bool descend = true;
		if (!is_inline(n->kind)) { /* a new block: nothing carries over */
			settle_break(p, 0);
			p->before = 0;
		}
		switch (n->kind) {
		case PC_TEXT:
		case PC_CODE:
			printed(p, n->literal);
			break;
		case PC_HTML_INLINE:
			/* raw HTML is printed as the text it is, never
			 * interpreted; comments are the author's, not the reader's */
			if (!strncmp(n->literal, "<!--", 4))
				n->literal = "";
			printed(p, n->literal);
			break;
		case PC_SOFTBREAK:
			settle_break(p, 0);
			n->literal = "";
			p->pending = n;
			break;
		case PC_LINEBREAK:
		case PC_IMAGE:
			settle_break(p, 0);
			p->before = 0;
			descend = false;
			break;
		case PC_TERM_REF:
		case PC_TERM_OCC:
			mark_term(p, n);
			break;
		case PC_XREF:
			if (!n->first) {
				n->u.xref.text = xref_text(p->doc, n);
				printed(p, n->u.xref.text);
			}
			break;
		case PC_SECTION:
			/* the heading is not a child: present it here, in order */
			if (n->u.section->heading) {
				present_inlines(p, n->u.section->heading);
				settle_break(p, 0);
				p->before = 0;
			}
			break;
		default:
			break;
		}
		n = pc_node_walk_next(n, top, descend);
	}
	settle_break(p, 0);
}

/* ---- indicator cells ------------------------------------------------ */

static pc_node *text_node(pc_doc *doc, const char *s, pc_pos pos)
{
	pc_node *t = pc_node_new(doc, PC_TEXT, pos);
	t->literal = s;
	return t;
}

/* Where the @ of a cell's year notation starts in s, or NULL. */
static const char *at_sign(const char *s)
{
	const char *a = strchr(s, '@'), *w = strstr(s, "＠");
	return !a ? w : !w ? a : a < w ? a : w;
}

/* s up to the @, without the spaces before it, in the arena. */
static const char *before_at(pc_doc *doc, const char *s)
{
	return pc_trimmed(doc->arena, s, (size_t)(at_sign(s) - s));
}

/* A value cell written with its own year ("12 件 @ H24年度") prints the
 * value as written (emphasis kept), and the year on a line of its own as
 * the appendix prints it: the @ is notation for the author, not for the
 * reader. */
static void present_value_cell(pc_doc *doc, const pc_ivalue *v)
{
	pc_node *cell = (pc_node *)v->cell;
	if (!cell || !cell->first || !v->year.text || !at_sign(pc_node_text(doc, cell)))
		return;
	pc_pos pos = cell->first->pos;
	/* the text node that holds the @ among the cell's own inlines: cut
	 * there, what follows goes */
	pc_node *c = cell->first;
	while (c && !(c->kind == PC_TEXT && c->literal && at_sign(c->literal)))
		c = c->next;
	if (c) {
		while (c->next)
			pc_node_unlink(c->next);
		c->literal = before_at(doc, c->literal);
		if (!*c->literal)
			pc_node_unlink(c);
	} else { /* the @ inside emphasis: the cell's plain text */
		const char *plain = before_at(doc, pc_node_text(doc, cell));
		while (cell->first)
			pc_node_unlink(cell->first);
		pc_node_append(cell, text_node(doc, plain, pos));
	}
	pc_node_append(cell, pc_node_new(doc, PC_LINEBREAK, pos));
	pc_node_append(cell,
	               text_node(doc, pc_arena_printf(doc->arena, "（%s）", v->year.text), pos));
}

/* Under a header with an era year (現在値 (H29年度)), the Gregorian year
 * on a line of its own, unless the header already says it (2020,
 * 平成29(2017)年度). */
static void present_header_years(pc_doc *doc, pc_node *table)
{
	const pc_table *t = table->u.table;
	pc_node *cell = table->first ? table->first->first : NULL;
	for (size_t c = 0; cell && c < t->ncols; c++, cell = cell->next) {
		const pc_year *y = &t->columns[c].year;
		char g[16];
		snprintf(g, sizeof g, "%d", y->year);
		if (!y->year || !y->text || strstr(y->text, g))
			continue;
		const char *label = y->fiscal ? pc_arena_printf(doc->arena, "%d年度", y->year)
		                    : y->month
		                        ? pc_arena_printf(doc->arena, "%d年%d月", y->year, y->month)
		                        : pc_arena_printf(doc->arena, "%d年", y->year);
		pc_node_append(cell, pc_node_new(doc, PC_LINEBREAK, cell->pos));
		pc_node_append(cell, text_node(doc, label, cell->pos));
	}
}

/* ---- indicator headers written in English --------------------------- */

/* The Japanese name of a column, as docs/format.md §5.1 lists them. */
static const char *field_ja(pc_field f)
{
	switch (f) {
	case PC_FIELD_NAME:
		return "指標名";
	case PC_FIELD_METHOD:
		return "把握方法";
	case PC_FIELD_BASELINE:
		return "基準値";
	case PC_FIELD_MIDTERM:
		return "中間目標値";
	case PC_FIELD_TARGET:
		return "目標値";
	case PC_FIELD_ACTUAL:
		return "実績値";
	case PC_FIELD_UNIT:
		return "単位";
	case PC_FIELD_DIRECTION:
		return "方向";
	default:
		return NULL;
	}
}

static bool ascii_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* A header the author wrote with the English field name (baseline
 * (2024年度)) prints the Japanese one (基準値 (2024年度)): the format
 * lets authors type the English names, the plan is read in Japanese. */
static void present_english_headers(pc_doc *doc, pc_node *table)
{
	const pc_table *t = table->u.table;
	pc_node *cell = table->first ? table->first->first : NULL;
	for (size_t c = 0; cell && c < t->ncols; c++, cell = cell->next) {
		const char *ja = field_ja(t->columns[c].field), *col = t->columns[c].text;
		size_t name_len, yoff, ylen;
		pc_header_split(col, strlen(col), &name_len, &yoff, &ylen);
		pc_node *first = cell->first;
		if (!ja || !name_len || !ascii_only(col, name_len) || !first ||
		    first->kind != PC_TEXT || strncmp(first->literal, col, name_len))
			continue;
		first->literal = pc_arena_printf(doc->arena, "%s%s", ja, first->literal + name_len);
	}
}

/* A direction written as up, down or keep prints as 増加, 減少, 維持:
 * the words of the Japanese header it now stands under. */
static void present_english_directions(pc_doc *doc, pc_indicator *ind)
{
	static const char *const ja[] = {
	    [PC_DIR_UP] = "増加", [PC_DIR_DOWN] = "減少", [PC_DIR_KEEP] = "維持"};
	const pc_table *t = ind->table->u.table;
	pc_node *cell = ind->row->first;
	for (size_t c = 0; cell && c < t->ncols; c++, cell = cell->next) {
		if (t->columns[c].field != PC_FIELD_DIRECTION || !ind->direction_given)
			continue;
		pc_node *first = cell->first;
		if (!first || first != cell->last || first->kind != PC_TEXT)
			continue;
		const char *word = pc_trimmed(doc->arena, first->literal, strlen(first->literal));
		if (!strcasecmp(word, pc_direction_name(ind->direction)))
			first->literal = ja[ind->direction];
	}
}

void pc_present(pc_doc *doc)
{
	for (size_t i = 0; i < doc->tables.len; i++) {
		pc_node *t = doc->tables.items[i];
		if (t->u.table->kind == PC_TABLE_INDICATORS) {
			present_english_headers(doc, t);
			present_header_years(doc, t);
		}
	}
	for (size_t i = 0; i < doc->indicators.len; i++) {
		pc_indicator *ind = doc->indicators.items[i];
		present_english_directions(doc, ind);
		for (size_t v = 0; v < ind->nvalues; v++)
			present_value_cell(doc, &ind->values[v]);
	}
	for (size_t i = 0; i < doc->sections.len; i++)
		present_section(doc, doc->sections.items[i]);
	for (size_t i = 0; i < doc->tables.len; i++)
		present_table(doc, doc->tables.items[i]);
	for (size_t i = 0; i < doc->terms.len; i++) {
		pc_term *t = doc->terms.items[i];
		t->measure = t->section ? t->section->u.section->measure : NULL;
	}
	size_t nt = doc->terms.len + 1;
	presenter p = {.doc = doc};
	p.marked_in = pc_arena_alloc(doc->arena, nt * sizeof *p.marked_in);
	p.numbered_in = pc_arena_alloc(doc->arena, nt * sizeof *p.numbered_in);
	p.number = pc_arena_alloc(doc->arena, nt * sizeof *p.number);
	present_inlines(&p, doc->root);
	pc_indicators_present(doc);
}
