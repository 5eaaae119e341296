/*
 * Section headings (docs/format.md §3): the trailing {…} attributes, the leading
 * number token, and the role a block plays in a measure.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/unicode.h"
#include "../util/utf8.h"
#include "parse.h"
#include "readers.h"

static const struct {
	const char *cls;
	pc_role role;
} role_classes[] = {
    {"vision", PC_ROLE_VISION}, {"issues", PC_ROLE_ISSUES}, {"direction", PC_ROLE_DIRECTION},
    {"roles", PC_ROLE_ROLES},   {"plans", PC_ROLE_PLANS},   {"glossary", PC_ROLE_GLOSSARY},
};

/* Usual titles that give a role without a class (compared after NFKC with
 * spaces removed). */
static const struct {
	const char *title;
	pc_role role;
} role_titles[] = {
    {"目指す姿", PC_ROLE_VISION},
    {"目指すまちのすがた", PC_ROLE_VISION},
    {"目指すまちの姿", PC_ROLE_VISION},
    {"現状と課題", PC_ROLE_ISSUES},
    {"施策展開の方向", PC_ROLE_DIRECTION},
    {"主要施策", PC_ROLE_DIRECTION},
    {"施策の展開", PC_ROLE_DIRECTION},
    {"市民の役割", PC_ROLE_ROLES},
    {"関連する計画・指針等", PC_ROLE_PLANS},
    {"関連する個別計画", PC_ROLE_PLANS},
    {"関連する計画", PC_ROLE_PLANS},
    {"用語解説", PC_ROLE_GLOSSARY},
    {"用語説明", PC_ROLE_GLOSSARY},
    {"注釈", PC_ROLE_GLOSSARY},
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static pc_role role_of_title(pc_arena *a, const char *title)
{
	const char *t = pc_nfkc_nospace(a, title, strlen(title));
	for (size_t i = 0; i < sizeof role_titles / sizeof role_titles[0]; i++)
		if (!strcmp(t, role_titles[i].title))
			return role_titles[i].role;
	/* 10年後の目指す姿, 2031年の目指す姿 … */
	if (ends_with(t, "の目指す姿") || ends_with(t, "目指すまちのすがた"))
		return PC_ROLE_VISION;
	return PC_ROLE_NONE;
}

static bool valid_id(const char *id)
{
	if (!*id)
		return false;
	for (const char *c = id; *c; c++)
		if (!pc_is_ascii_alnum((unsigned char)*c) && *c != '-' && *c != '_')
			return false;
	return true;
}

/* sdgs=15,16,17 (also 、 and full-width digits). */
static void read_sdgs(pc_parser *p, pc_section *s, const pc_attr *at)
{
	const char *v = pc_nfkc(p->doc->arena, at->value, strlen(at->value));
	const char *c = v;
	while (*c) {
		while (*c == ',' || *c == ' ' || !strncmp(c, "、", 3))
			c += *c == ',' || *c == ' ' ? 1 : 3;
		if (!*c)
			break;
		char *end;
		long g = strtol(c, &end, 10);
		if (end == c || g < 1 || g > 17 ||
		    (*end && *end != ',' && *end != ' ' && strncmp(end, "、", 3))) {
			pc_diag(p->diags, PC_E_BAD_SDGS, at->pos.file, at->pos.line, at->pos.col,
			        at->value);
			return;
		}
		bool dup = false;
		for (int i = 0; i < s->nsdgs; i++)
			dup |= s->sdgs[i] == g;
		if (!dup && s->nsdgs < 17)
			s->sdgs[s->nsdgs++] = (int)g;
		c = end;
	}
}

/* Position of byte offset off inside a text node (same line). */
static pc_pos pos_in_text(const pc_node *text, size_t off)
{
	pc_pos pos = text->pos;
	pos.col += (unsigned)pc_utf8_count(text->literal, off);
	return pos;
}

static void apply_attrs(pc_parser *p, pc_section *s, const pc_attrs *at, const pc_node *text,
                        size_t base)
{
	pc_arena *a = p->doc->arena;
	if (at->id) {
		pc_pos pos = pos_in_text(text, base + at->id_off);
		if (!valid_id(at->id))
			pc_diag(p->diags, PC_E_BAD_ID, pos.file, pos.line, pos.col, at->id);
		else {
			s->id = at->id;
			s->id_explicit = true;
		}
	}
	const char **classes = pc_arena_alloc(a, (at->nclasses + 1) * sizeof *classes);
	for (size_t i = 0; i < at->nclasses; i++) {
		classes[i] = at->classes[i];
		for (size_t r = 0; r < sizeof role_classes / sizeof role_classes[0]; r++)
			if (!strcmp(at->classes[i], role_classes[r].cls))
				s->role = role_classes[r].role;
	}
	s->classes = classes;
	s->attrs = pc_arena_alloc(a, (at->nkv + 1) * sizeof *s->attrs);
	for (size_t i = 0; i < at->nkv; i++) {
		pc_attr kv = at->kv[i];
		kv.pos = pos_in_text(text, base + (size_t)at->kv[i].pos.col);
		s->attrs[s->nattrs++] = kv;
		if (!strcmp(kv.key, "no"))
			s->number = kv.value;
		else if (!strcmp(kv.key, "label"))
			s->label = kv.value;
		else if (!strcmp(kv.key, "sdgs"))
			read_sdgs(p, s, &kv);
		else
			pc_diag(p->diags, PC_W_ATTR_UNKNOWN, kv.pos.file, kv.pos.line, kv.pos.col,
			        kv.key);
	}
}

/*
 * `## Title {#a<b>}` or `{#a *b*}`: cmark reads the markup inside the
 * braces as inline HTML or emphasis, so the block is no longer one text
 * node and its attributes would vanish without a word. Reports the `{`.
 */
static bool attrs_split_by_markup(pc_parser *p, const pc_node *h)
{
	const pc_node *last = h->last;
	if (!last || last->kind != PC_TEXT)
		return false;
	const char *lit = last->literal;
	size_t len = strlen(lit);
	while (len && (lit[len - 1] == ' ' || lit[len - 1] == '\t'))
		len--;
	if (!len || lit[len - 1] != '}' || memchr(lit, '{', len))
		return false;
	for (const pc_node *n = last->prev; n; n = n->prev) {
		if (n->kind != PC_TEXT)
			continue;
		const char *open = strrchr(n->literal, '{');
		if (!open)
			continue;
		if (strchr(open, '}'))
			return false;
		pc_pos pos = pos_in_text(n, (size_t)(open - n->literal));
		pc_diag(p->diags, PC_E_HEADING_ATTR_MARKUP, pos.file, pos.line, pos.col);
		return true;
	}
	return false;
}

/* Takes a trailing {…} off the heading's last text node. */
static void take_attrs(pc_parser *p, pc_section *s, pc_node *h)
{
	if (attrs_split_by_markup(p, h))
		return;
	pc_node *last = h->last;
	if (!last || last->kind != PC_TEXT)
		return;
	const char *lit = last->literal;
	size_t len = strlen(lit), open, close;
	if (!pc_heading_attr_block(lit, len, &open, &close))
		return;
	pc_attrs at = {0};
	const char *err = NULL;
	size_t err_off = 0;
	if (!pc_attrs_parse(p->doc->arena, lit + open + 1, close - open - 1, &at, &err, &err_off)) {
		pc_pos pos = pos_in_text(last, open + 1 + err_off);
		pc_diag(p->diags, PC_E_ATTR_SYNTAX, pos.file, pos.line, pos.col, err);
	}
	apply_attrs(p, s, &at, last, open + 1);
	size_t keep = open;
	while (keep && (lit[keep - 1] == ' ' || lit[keep - 1] == '\t'))
		keep--;
	if (keep == 0 && last != h->first) {
		pc_node_unlink(last);
		return;
	}
	last->literal = pc_arena_strndup(p->doc->arena, lit, keep);
}

/* Normalises a number token for printing: full-width digits and dashes
 * to ASCII (７－１ → 7-1); the rest as the author wrote it, so that （２）
 * keeps its full-width brackets and ① stays circled. */
static const char *normalize_number(pc_arena *a, const char *tok, size_t len)
{
	char *n = pc_arena_alloc(a, len + 1), *w = n;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = pc_utf8_decode(tok + i, len - i, &cp);
		if (!k) {
			*w++ = tok[i++];
			continue;
		}
		if (cp >= 0xFF10 && cp <= 0xFF19) /* full-width digits */
			*w++ = (char)('0' + (cp - 0xFF10));
		else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2212 || cp == 0x2013 ||
		         cp == 0xFF0D || ((cp == 0x30FC || cp == 0x2014 || cp == 0x2015) && i > 0))
			*w++ = '-'; /* hyphens; ー ― — only inside the number (1ー1) */
		else if (cp == 0xFF0E && i > 0)
			*w++ = '.';
		else
			for (size_t c = 0; c < k; c++)
				*w++ = tok[i + c];
		i += k;
	}
	*w = '\0';
	return n;
}

/* Takes the leading number token off the heading's first text node. */
static void take_number(pc_parser *p, pc_section *s, pc_node *h)
{
	pc_node *first = h->first;
	if (!first || first->kind != PC_TEXT)
		return;
	size_t title_off;
	const char *lit = first->literal;
	size_t tok = pc_heading_number(lit, strlen(lit), &title_off);
	if (!tok)
		return;
	const char *number = normalize_number(p->doc->arena, lit, tok);
	if (!s->number) /* no= overrides */
		s->number = number;
	first->pos = pos_in_text(first, title_off);
	first->literal = lit + title_off;
	if (!*first->literal && first->next)
		pc_node_unlink(first);
}

void pc_heading_finish(pc_parser *p, pc_node *node, cmark_node *heading)
{
	(void)heading;
	pc_section *s = node->u.section;
	pc_node *h = s->heading;
	take_attrs(p, s, h);
	take_number(p, s, h);
	s->number_key = pc_number_key(p->doc->arena, s->number);
	if (!s->classes)
		s->classes = pc_arena_alloc(p->doc->arena, sizeof *s->classes);
	const char *title = pc_node_text(p->doc, h);
	s->title = pc_trimmed(p->doc->arena, title, strlen(title));
	if (!*s->title && !s->number)
		pc_diag(p->diags, PC_W_HEADING_EMPTY, node->pos.file, node->pos.line,
		        node->pos.col);
	if (s->role == PC_ROLE_NONE)
		s->role = role_of_title(p->doc->arena, s->title);
}
