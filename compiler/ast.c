/* Tree helpers and names of the tree's enums. */
#include "ast.h"

#include <string.h>

#include "util/buf.h"

pc_node *pc_node_new(pc_doc *doc, pc_kind kind, pc_pos pos)
{
	pc_node *n = pc_arena_alloc(doc->arena, sizeof *n);
	n->kind = kind;
	n->pos = pos;
	if (kind == PC_SECTION)
		n->u.section = pc_arena_alloc(doc->arena, sizeof *n->u.section);
	else if (kind == PC_TABLE)
		n->u.table = pc_arena_alloc(doc->arena, sizeof *n->u.table);
	return n;
}

void pc_node_append(pc_node *parent, pc_node *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void pc_node_insert_before(pc_node *sibling, pc_node *node)
{
	node->parent = sibling->parent;
	node->next = sibling;
	node->prev = sibling->prev;
	if (sibling->prev)
		sibling->prev->next = node;
	else if (sibling->parent)
		sibling->parent->first = node;
	sibling->prev = node;
}

void pc_node_unlink(pc_node *node)
{
	if (node->prev)
		node->prev->next = node->next;
	else if (node->parent)
		node->parent->first = node->next;
	if (node->next)
		node->next->prev = node->prev;
	else if (node->parent)
		node->parent->last = node->prev;
	node->parent = node->prev = node->next = NULL;
}

pc_node *pc_node_walk_next(const pc_node *n, const pc_node *top, bool descend)
{
	if (descend && n->first)
		return n->first;
	while (n && n != top && !n->next)
		n = n->parent;
	return !n || n == top ? NULL : n->next;
}

const char *pc_trimmed(pc_arena *a, const char *s, size_t len)
{
	for (;;) {
		if (len && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		} else if (len >= 3 && !memcmp(s, "\u3000", 3)) {
			s += 3;
			len -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		if (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		else if (len >= 3 && !memcmp(s + len - 3, "\u3000", 3))
			len -= 3;
		else
			break;
	}
	return pc_arena_strndup(a, s, len);
}

/* Appends the text of a subtree without recursion (depth is unbounded). */
static void collect_text(pc_buf *b, const pc_node *top)
{
	const pc_node *n = top->first;
	while (n) {
		switch (n->kind) {
		case PC_TEXT:
		case PC_CODE:
			if (n->literal)
				pc_buf_puts(b, n->literal);
			break;
		case PC_SOFTBREAK:
			if (n->literal) /* " " between Latin words, once presented */
				pc_buf_puts(b, n->literal);
			break;
		case PC_LINEBREAK:
			pc_buf_putc(b, ' ');
			break;
		case PC_XREF:
			if (!n->first && n->u.xref.text) /* an empty ref prints its target */
				pc_buf_puts(b, n->u.xref.text);
			break;
		default:
			break;
		}
		n = pc_node_walk_next(n, top, true);
	}
}

const char *pc_node_text(pc_doc *doc, const pc_node *node)
{
	if (!node)
		return "";
	if (node->literal && !node->first)
		return node->literal;
	pc_buf b = {0};
	collect_text(&b, node);
	const char *r = pc_arena_strndup(doc->arena, b.data ? b.data : "", b.len);
	pc_buf_free(&b);
	return r;
}

const char *pc_kind_name(pc_kind kind)
{
	static const char *names[] = {
	    [PC_DOCUMENT] = "document",
	    [PC_SECTION] = "section",
	    [PC_PARAGRAPH] = "paragraph",
	    [PC_LIST] = "list",
	    [PC_ITEM] = "item",
	    [PC_BLOCKQUOTE] = "blockquote",
	    [PC_CODE_BLOCK] = "code_block",
	    [PC_HTML_BLOCK] = "html_block",
	    [PC_THEMATIC_BREAK] = "thematic_break",
	    [PC_TABLE] = "table",
	    [PC_ROW] = "row",
	    [PC_CELL] = "cell",
	    [PC_TEXT] = "text",
	    [PC_SOFTBREAK] = "softbreak",
	    [PC_LINEBREAK] = "linebreak",
	    [PC_CODE] = "code",
	    [PC_HTML_INLINE] = "html_inline",
	    [PC_EMPH] = "emph",
	    [PC_STRONG] = "strong",
	    [PC_LINK] = "link",
	    [PC_IMAGE] = "image",
	    [PC_TERM_REF] = "term_ref",
	    [PC_TERM_OCC] = "term_occurrence",
	    [PC_INDEX_ENTRY] = "index_entry",
	    [PC_XREF] = "ref",
	    [PC_HEADING] = "heading",
	};
	return names[kind];
}

const char *pc_role_name(pc_role role)
{
	static const char *names[] = {
	    [PC_ROLE_NONE] = NULL,           [PC_ROLE_VISION] = "vision",
	    [PC_ROLE_ISSUES] = "issues",     [PC_ROLE_DIRECTION] = "direction",
	    [PC_ROLE_ROLES] = "roles",       [PC_ROLE_PLANS] = "plans",
	    [PC_ROLE_GLOSSARY] = "glossary",
	};
	return names[role];
}

const char *pc_field_name(pc_field field)
{
	static const char *names[] = {
	    [PC_FIELD_NONE] = NULL,
	    [PC_FIELD_NAME] = "name",
	    [PC_FIELD_METHOD] = "method",
	    [PC_FIELD_BASELINE] = "baseline",
	    [PC_FIELD_MIDTERM] = "midterm",
	    [PC_FIELD_TARGET] = "target",
	    [PC_FIELD_ACTUAL] = "actual",
	    [PC_FIELD_UNIT] = "unit",
	    [PC_FIELD_DIRECTION] = "direction",
	    [PC_FIELD_TERM] = "term",
	    [PC_FIELD_READING] = "reading",
	    [PC_FIELD_DEFINITION] = "definition",
	    [PC_FIELD_ALIASES] = "aliases",
	    [PC_FIELD_ID] = "id",
	};
	return names[field];
}

const char *pc_direction_name(pc_direction dir)
{
	static const char *names[] = {
	    [PC_DIR_NONE] = NULL,   [PC_DIR_UP] = "up",       [PC_DIR_DOWN] = "down",
	    [PC_DIR_KEEP] = "keep", [PC_DIR_FLOOR] = "floor", [PC_DIR_CEILING] = "ceiling"};
	return names[dir];
}

const char *pc_bound_name(pc_bound bound)
{
	static const char *names[] = {[PC_BOUND_NONE] = NULL,
	                              [PC_BOUND_GE] = "ge",
	                              [PC_BOUND_GT] = "gt",
	                              [PC_BOUND_LE] = "le",
	                              [PC_BOUND_LT] = "lt"};
	return names[bound];
}

const pc_node *pc_node_section(const pc_node *node)
{
	for (const pc_node *n = node ? node->parent : NULL; n; n = n->parent)
		if (n->kind == PC_SECTION)
			return n;
	return NULL;
}

const pc_node *pc_node_chapter(const pc_node *node)
{
	const pc_node *chapter = NULL;
	for (const pc_node *n = node; n; n = n->parent)
		if (n->kind == PC_SECTION)
			chapter = n;
	return chapter;
}
