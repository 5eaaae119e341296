/* The presented tree as text (see tree.h). */
#include "tree.h"

#include <string.h>

/* A string in double quotes, with \n and " escaped; NULL as null. */
static void quoted(pc_buf *b, const char *s)
{
	if (!s) {
		pc_buf_puts(b, "null");
		return;
	}
	pc_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			pc_buf_printf(b, "\\%c", *s);
		else if (*s == '\n')
			pc_buf_puts(b, "\\n");
		else
			pc_buf_putc(b, *s);
	}
	pc_buf_putc(b, '"');
}

static void field(pc_buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	pc_buf_printf(b, " %s=", name);
	quoted(b, value);
}

static const char *id_of(const pc_node *s)
{
	return s ? s->u.section->id : NULL;
}

static void section(pc_buf *b, const pc_section *s)
{
	pc_buf_printf(b, " level=%d", s->level);
	field(b, "id", s->id);
	field(b, "heading_label", s->heading_label);
	field(b, "display", s->display);
	field(b, "tag", s->tag);
	field(b, "chapter", id_of(s->chapter));
	field(b, "measure", id_of(s->measure));
	if (s->role)
		field(b, "role", pc_role_name(s->role));
}

static void node_line(pc_buf *b, const pc_node *n, int depth)
{
	for (int i = 0; i < depth; i++)
		pc_buf_puts(b, "  ");
	pc_buf_puts(b, pc_kind_name(n->kind));
	switch (n->kind) {
	case PC_SECTION:
		section(b, n->u.section);
		break;
	case PC_TEXT:
	case PC_CODE:
	case PC_SOFTBREAK:
	case PC_HTML_INLINE:
		pc_buf_putc(b, ' ');
		quoted(b, n->literal);
		break;
	case PC_TERM_REF:
	case PC_TERM_OCC:
		field(b, "term", n->u.term_ref.term ? n->u.term_ref.term->term : NULL);
		if (n->u.term_ref.marked)
			pc_buf_puts(b, " marked");
		field(b, "mark", n->u.term_ref.mark);
		break;
	case PC_XREF:
		field(b, "id", n->u.xref.id);
		field(b, "text", n->u.xref.text);
		break;
	case PC_TABLE:
		field(b, "id", n->u.table->id);
		field(b, "caption", n->u.table->caption);
		if (!n->u.table->caption)
			field(b, "name", n->u.table->display);
		break;
	default:
		break;
	}
	if (n->pos.line)
		pc_buf_printf(b, " @%s:%u:%u", n->pos.file, n->pos.line, n->pos.col);
	pc_buf_putc(b, '\n');
}

/* Depth of a node below the root (the walk has no recursion). */
static int depth_of(const pc_node *n, const pc_node *top)
{
	int d = 0;
	for (const pc_node *u = n; u && u != top; u = u->parent)
		d++;
	return d;
}

static void subtree(pc_buf *b, const pc_node *top, int base)
{
	node_line(b, top, base);
	for (const pc_node *n = top->first; n; n = pc_node_walk_next(n, top, true)) {
		int d = base + depth_of(n, top);
		node_line(b, n, d);
		if (n->kind == PC_SECTION && n->u.section->heading)
			subtree(b, n->u.section->heading, d + 1);
	}
}

static void indicators(pc_buf *b, const pc_doc *doc)
{
	for (size_t i = 0; i < doc->indicators.len; i++) {
		const pc_indicator *ind = doc->indicators.items[i];
		pc_buf_puts(b, "indicator");
		field(b, "name", ind->name);
		field(b, "measure", id_of(ind->measure));
		field(b, "latest", ind->latest ? ind->latest->value.text : NULL);
		if (ind->has_rate)
			pc_buf_printf(b, " rate=%.1f", ind->rate);
		pc_buf_printf(b, " @%s:%u:%u\n", ind->pos.file, ind->pos.line, ind->pos.col);
	}
	for (size_t i = 0; i < doc->terms.len; i++) {
		const pc_term *t = doc->terms.items[i];
		pc_buf_puts(b, "term");
		field(b, "term", t->term);
		field(b, "measure", id_of(t->measure));
		field(b, "mark", t->mark);
		pc_buf_printf(b, " @%s:%u:%u\n", t->pos.file, t->pos.line, t->pos.col);
	}
}

void pc_tree_render(const pc_doc *doc, pc_buf *out)
{
	if (doc->root)
		subtree(out, doc->root, 0);
	indicators(out, doc);
}
