/*
 * Parse: each chapter file through cmark, then cmark's tree converted into
 * ours (positions kept, cmark's tree freed). Headings open sections on a
 * stack that runs across files, so a chapter may be split over files.
 * Fenced blocks of kind indicators/glossary/table become tables; links with
 * the schemes term:, index: and ref: become annotations.
 */
#include <string.h>
#include <strings.h>

#include "../util/utf8.h"
#include "parse.h"

pc_pos pc_parser_at(pc_parser *p, unsigned line, unsigned byte_col)
{
	return (pc_pos){p->src->name, line, pc_source_col(p->src, line, byte_col)};
}

pc_pos pc_parser_pos(pc_parser *p, cmark_node *n)
{
	return pc_parser_at(p, (unsigned)cmark_node_get_start_line(n),
	                    (unsigned)cmark_node_get_start_column(n));
}

/* Where converted nodes' positions come from: the file itself, or a table
 * cell whose text was parsed on its own. */
typedef struct frame {
	unsigned line_base, col_base; /* 0 for the file */
	const char *text;             /* the cell text, for character columns */
	unsigned block_line;          /* an indented block read again: its first line */
} frame;

/* Bytes of indentation cmark took off a line of an indented code block:
 * up to 4 columns of spaces and TABs (a TAB goes to the next stop). */
static unsigned indent_bytes(const pc_source *src, unsigned line)
{
	if (!line || line > src->nlines)
		return 0;
	const char *s = src->text + src->lines[line - 1];
	unsigned col = 0, b = 0;
	while (col < 4 && (s[b] == ' ' || s[b] == '\t')) {
		col = s[b] == '\t' ? (col / 4 + 1) * 4 : col + 1;
		b++;
	}
	return b;
}

static pc_pos frame_pos(pc_parser *p, const frame *f, cmark_node *n)
{
	if (f->block_line) {
		unsigned line = f->block_line + (unsigned)cmark_node_get_start_line(n) - 1;
		unsigned bc = (unsigned)cmark_node_get_start_column(n);
		return pc_parser_at(p, line, bc + indent_bytes(p->src, line));
	}
	if (!f->line_base)
		return pc_parser_pos(p, n);
	unsigned bc = (unsigned)cmark_node_get_start_column(n);
	size_t tl = strlen(f->text);
	size_t off = bc > 0 ? bc - 1 : 0;
	if (off > tl)
		off = tl;
	return (pc_pos){p->src->name, f->line_base,
	                f->col_base + (unsigned)pc_utf8_count(f->text, off)};
}

/* What follows scheme: in url ("ref:" or, typed with a Japanese IME,
 * "ref："), or NULL. */
static const char *scheme_rest(const char *url, const char *scheme)
{
	size_t n = strlen(scheme) - 1; /* without the ':' */
	if (strncmp(url, scheme, n))
		return NULL;
	if (url[n] == ':')
		return url + n + 1;
	return !strncmp(url + n, "：", 3) ? url + n + 3 : NULL;
}

/* A link becomes an annotation when its URL has one of our schemes. */
static pc_node *convert_link(pc_parser *p, cmark_node *n, pc_pos pos)
{
	pc_doc *doc = p->doc;
	const char *url = cmark_node_get_url(n);
	if (!url)
		url = "";
	const char *rest;
	pc_node *m;
	if ((rest = scheme_rest(url, "term:"))) {
		m = pc_node_new(doc, PC_TERM_REF, pos);
		m->u.term_ref.name = *rest ? pc_arena_strdup(doc->arena, rest) : NULL;
		pc_vec_push(doc->arena, &doc->term_refs, m);
	} else if ((rest = scheme_rest(url, "index:"))) {
		m = pc_node_new(doc, PC_INDEX_ENTRY, pos);
		pc_index_entry *e = pc_arena_alloc(doc->arena, sizeof *e);
		e->reading = *rest ? pc_arena_strdup(doc->arena, rest) : NULL;
		e->node = m;
		e->pos = pos;
		m->u.index.entry = e;
		pc_vec_push(doc->arena, &doc->index_entries, e);
	} else if ((rest = scheme_rest(url, "ref:"))) {
		m = pc_node_new(doc, PC_XREF, pos);
		/* ref:#medical, as an HTML anchor would be written: the same id */
		if (*rest == '#')
			rest++;
		m->u.xref.id = pc_arena_strdup(doc->arena, rest);
		pc_vec_push(doc->arena, &doc->xrefs, m);
	} else {
		m = pc_node_new(doc, PC_LINK, pos);
		m->u.link.url = pc_arena_strdup(doc->arena, url);
		const char *t = cmark_node_get_title(n);
		m->u.link.title = t && *t ? pc_arena_strdup(doc->arena, t) : NULL;
	}
	return m;
}

/* <br>, <br/>, <br /> in any case: a line break (table cells above all);
 * other inline HTML is kept as text. */
static bool is_br(const char *html)
{
	if (!html || strncasecmp(html, "<br", 3))
		return false;
	const char *s = html + 3;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '/')
		s++;
	return s[0] == '>' && !s[1];
}

/* Makes our node for a cmark node (children are added by the walk). */
static pc_node *convert_node(pc_parser *p, cmark_node *n, pc_pos pos)
{
	pc_doc *doc = p->doc;
	pc_arena *a = doc->arena;
	const char *lit = cmark_node_get_literal(n);
	pc_node *m = NULL;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		return pc_node_new(doc, PC_PARAGRAPH, pos);
	case CMARK_NODE_BLOCK_QUOTE:
		return pc_node_new(doc, PC_BLOCKQUOTE, pos);
	case CMARK_NODE_LIST:
		m = pc_node_new(doc, PC_LIST, pos);
		m->u.list.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		m->u.list.tight = cmark_node_get_list_tight(n);
		m->u.list.start = cmark_node_get_list_start(n);
		m->u.list.delim = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? ')' : '.';
		return m;
	case CMARK_NODE_ITEM:
		return pc_node_new(doc, PC_ITEM, pos);
	case CMARK_NODE_HTML_BLOCK:
		m = pc_node_new(doc, PC_HTML_BLOCK, pos);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		return pc_node_new(doc, PC_THEMATIC_BREAK, pos);
	case CMARK_NODE_HEADING:
		/* A heading inside a list or quote opens no section: keep its
		 * text as a paragraph in bold. */
		m = pc_node_new(doc, PC_PARAGRAPH, pos);
		pc_node_append(m, pc_node_new(doc, PC_STRONG, pos));
		return m;
	case CMARK_NODE_TEXT:
		m = pc_node_new(doc, PC_TEXT, pos);
		break;
	case CMARK_NODE_SOFTBREAK:
		return pc_node_new(doc, PC_SOFTBREAK, pos);
	case CMARK_NODE_LINEBREAK:
		return pc_node_new(doc, PC_LINEBREAK, pos);
	case CMARK_NODE_CODE:
		m = pc_node_new(doc, PC_CODE, pos);
		break;
	case CMARK_NODE_HTML_INLINE:
		if (is_br(lit))
			return pc_node_new(doc, PC_LINEBREAK, pos);
		m = pc_node_new(doc, PC_HTML_INLINE, pos);
		break;
	case CMARK_NODE_EMPH:
		return pc_node_new(doc, PC_EMPH, pos);
	case CMARK_NODE_STRONG:
		return pc_node_new(doc, PC_STRONG, pos);
	case CMARK_NODE_LINK:
		return convert_link(p, n, pos);
	case CMARK_NODE_IMAGE: {
		m = pc_node_new(doc, PC_IMAGE, pos);
		const char *url = cmark_node_get_url(n);
		const char *t = cmark_node_get_title(n);
		m->u.link.url = pc_arena_strdup(a, url ? url : "");
		m->u.link.title = t && *t ? pc_arena_strdup(a, t) : NULL;
		pc_image_check(p, m);
		pc_vec_push(a, &doc->images, m);
		return m;
	}
	default: /* custom blocks and inlines are not produced by cmark's parser */
		return NULL;
	}
	m->literal = pc_arena_strdup(a, lit ? lit : "");
	return m;
}

static bool is_leaf(cmark_node_type t)
{
	switch (t) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return true;
	default:
		return false;
	}
}

/* Adjacent text nodes (cmark splits text at brackets and entities) are
 * merged so that term search sees whole runs. */
static void append_merging(pc_doc *doc, pc_node *parent, pc_node *m)
{
	pc_node *last = parent->last;
	if (m->kind == PC_TEXT && last && last->kind == PC_TEXT && last->pos.line == m->pos.line) {
		last->literal = pc_arena_printf(doc->arena, "%s%s", last->literal, m->literal);
		return;
	}
	pc_node_append(parent, m);
}

static void convert_walk(pc_parser *p, cmark_node *top, bool include_top, pc_node *parent,
                         const frame *f);

/* Whether a code block was fenced (``` or ~~~ on its first line) rather
 * than indented; cmark 0.30 does not say. */
static bool is_fenced(pc_parser *p, cmark_node *n)
{
	unsigned line = (unsigned)cmark_node_get_start_line(n);
	if (!line || line > p->src->nlines)
		return true;
	size_t b = p->src->lines[line - 1];
	size_t e = line < p->src->nlines ? p->src->lines[line] : p->src->len;
	for (size_t i = b; i + 3 <= e; i++)
		if (!memcmp(p->src->text + i, "```", 3) || !memcmp(p->src->text + i, "~~~", 3))
			return true;
	return false;
}

/*
 * An indented code block in a plan is text indented with a TAB or spaces
 * (Word's first-line indent, 字下げ), never code: its text is read again as
 * Markdown and converted in its place, positions pointing into the file.
 * Only once: a block indented again inside it stays a code block, so that
 * a line of thousands of spaces cannot recurse.
 */
static bool indented_text(pc_parser *p, cmark_node *n, pc_node *parent, const frame *f)
{
	if (is_fenced(p, n) || f->line_base || f->block_line)
		return false;
	const char *lit = cmark_node_get_literal(n);
	if (!lit)
		return false;
	cmark_node *root = cmark_parse_document(lit, strlen(lit), CMARK_OPT_SOURCEPOS);
	frame inner = {0, 0, NULL, (unsigned)cmark_node_get_start_line(n)};
	for (cmark_node *b = cmark_node_first_child(root); b; b = cmark_node_next(b))
		convert_walk(p, b, true, parent, &inner);
	cmark_node_free(root);
	return true;
}

static pc_node *code_block(pc_parser *p, cmark_node *n, pc_pos pos, pc_node *parent, const frame *f)
{
	const char *info = cmark_node_get_fence_info(n);
	const char *rest;
	const char *kind = pc_table_kind_of(info ? info : "", &rest);
	if (kind)
		return pc_table_parse(p, n, kind, rest);
	if (pc_evaluation_parse(p, n))
		return NULL; /* recorded for the yearly report, not printed */
	if (indented_text(p, n, parent, f))
		return NULL;
	pc_node *m = pc_node_new(p->doc, PC_CODE_BLOCK, pos);
	const char *lit = cmark_node_get_literal(n);
	m->literal = pc_arena_strdup(p->doc->arena, lit ? lit : "");
	m->u.code.info = info && *info ? pc_arena_strdup(p->doc->arena, info) : NULL;
	return m;
}

/*
 * Walks the cmark subtree under (and, with include_top, including) top
 * without recursion, appending converted nodes under parent. Containers
 * nested deeper than PC_MAX_DEPTH are flattened into the deepest one kept.
 */
static void convert_walk(pc_parser *p, cmark_node *top, bool include_top, pc_node *parent,
                         const frame *f)
{
	cmark_iter *it = cmark_iter_new(top);
	cmark_event_type ev;
	pc_node *cur = parent;
	int depth = 0, flat = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == top && !include_top)
			continue;
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			if (flat)
				flat--;
			else if (cur != parent) {
				if (cur->kind == PC_STRONG && cur->parent &&
				    cur->parent->kind == PC_PARAGRAPH && t == CMARK_NODE_HEADING)
					cur = cur->parent; /* nested heading: leave strong */
				cur = cur->parent;
				depth--;
			}
			continue;
		}
		pc_pos pos = frame_pos(p, f, n);
		pc_node *m = t == CMARK_NODE_CODE_BLOCK ? code_block(p, n, pos, cur, f)
		                                        : convert_node(p, n, pos);
		if (is_leaf(t)) {
			if (m)
				append_merging(p->doc, cur, m);
			continue;
		}
		if (!m || depth >= PC_MAX_DEPTH) {
			if (m && !p->depth_reported) {
				pc_diag(p->diags, PC_E_TOO_DEEP, pos.file, pos.line, pos.col,
				        PC_MAX_DEPTH);
				p->depth_reported = true;
			}
			flat++;
			continue;
		}
		pc_node_append(cur, m);
		cur = m;
		if (t == CMARK_NODE_HEADING)
			cur = m->first; /* the strong inside */
		depth++;
	}
	cmark_iter_free(it);
}

void pc_convert_cell(pc_parser *p, cmark_node *para, pc_node *cell, const char *text, unsigned line,
                     unsigned col)
{
	frame f = {line, col, text, 0};
	convert_walk(p, para, false, cell, &f);
}

/* Opens a section for a heading at the given level; closes deeper ones. */
static pc_node *open_section(pc_parser *p, int level, pc_pos pos)
{
	while (p->depth > 0 && p->stack[p->depth]->u.section->level >= level)
		p->depth--;
	pc_node *s = pc_node_new(p->doc, PC_SECTION, pos);
	s->u.section->level = level;
	pc_node *parent = p->stack[p->depth];
	pc_node_append(parent, s);
	/* The previous sibling section is near the end: no quadratic scan. */
	int ordinal = 1;
	for (pc_node *c = s->prev; c; c = c->prev)
		if (c->kind == PC_SECTION) {
			ordinal = c->u.section->ordinal + 1;
			break;
		}
	s->u.section->ordinal = ordinal;
	if (p->depth + 1 < (int)(sizeof p->stack / sizeof p->stack[0]))
		p->stack[++p->depth] = s;
	pc_vec_push(p->doc->arena, &p->doc->sections, s);
	return s;
}

static void parse_file(pc_parser *p, const pc_source *src)
{
	p->src = src;
	cmark_node *root = cmark_parse_document(src->text, src->len, CMARK_OPT_SOURCEPOS);
	frame f = {0, 0, NULL, 0};
	for (cmark_node *b = cmark_node_first_child(root); b; b = cmark_node_next(b)) {
		if (cmark_node_get_type(b) == CMARK_NODE_HEADING) {
			pc_pos pos = pc_parser_pos(p, b);
			pc_node *s = open_section(p, cmark_node_get_heading_level(b), pos);
			pc_node *h = pc_node_new(p->doc, PC_HEADING, pos);
			h->parent = s;
			s->u.section->heading = h;
			convert_walk(p, b, false, h, &f);
			pc_heading_finish(p, s, b);
			continue;
		}
		convert_walk(p, b, true, p->stack[p->depth], &f);
	}
	cmark_node_free(root);
}

void pc_parse(pc_doc *doc, pc_diags *d)
{
	pc_pos nowhere = {"", 0, 0};
	doc->root = pc_node_new(doc, PC_DOCUMENT, nowhere);
	pc_parser p = {.doc = doc, .diags = d};
	p.stack[0] = doc->root;
	bool broken = false;
	for (size_t i = 0; i < doc->nsources; i++)
		if (doc->sources[i].ok)
			broken |= pc_front_parse(doc, &doc->sources[i], i == 0, d);
	if (doc->nsources && doc->sources[0].ok && !doc->meta.title && !broken)
		pc_diag(d, PC_E_FRONT_NO_TITLE, doc->sources[0].name, 1, 1);
	for (size_t i = 0; i < doc->nsources; i++)
		if (doc->sources[i].ok)
			parse_file(&p, &doc->sources[i]);
	pc_lint_text(doc, d);
}
