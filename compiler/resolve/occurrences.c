/*
 * Terms found in body text (docs/format.md §7): every defined term and alias is
 * looked for in the text of paragraphs, lists, quotes and table cells —
 * longest match first, Latin terms only at word boundaries — and each
 * match becomes a PC_TERM_OCC node, so back ends know where terms are used.
 * Headings, glossary tables, links, annotations and code are not searched.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"
#include "resolve.h"

typedef struct pattern {
	const char *s;
	size_t len;
	pc_term *term;
	bool word_start, word_end; /* must not touch ASCII letters or digits */
} pattern;

typedef struct bucket {
	pattern *items;
	size_t len, cap;
} bucket;

/* First code points (BMP) that start some pattern: a bit test per character
 * of body text instead of a hash look-up (most characters start none). */
typedef struct starts {
	uint64_t bits[0x10000 / 64];
	bool astral; /* some pattern starts outside the BMP */
} starts;

static void mark_start(starts *st, uint32_t cp)
{
	if (cp < 0x10000)
		st->bits[cp / 64] |= (uint64_t)1 << (cp % 64);
	else
		st->astral = true;
}

static bool may_start(const starts *st, uint32_t cp)
{
	return cp < 0x10000 ? (st->bits[cp / 64] >> (cp % 64)) & 1 : st->astral;
}

static bool ascii_alnum_byte(char c)
{
	return pc_is_ascii_alnum((unsigned char)c);
}

static void add_pattern(pc_resolver *r, pc_map *first, starts *st, const char *s, pc_term *t)
{
	size_t len = strlen(s);
	if (!len)
		return;
	uint32_t cp;
	size_t n = pc_utf8_decode(s, len, &cp);
	if (!n)
		return;
	char key[8];
	memcpy(key, s, n);
	key[n] = '\0';
	mark_start(st, cp);
	bucket *b = pc_map_get(first, key);
	if (!b) {
		b = pc_arena_alloc(r->doc->arena, sizeof *b);
		pc_map_put(first, key, b);
	}
	for (size_t i = 0; i < b->len; i++)
		if (b->items[i].len == len && !memcmp(b->items[i].s, s, len))
			return;
	if (b->len == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4;
		pattern *p = pc_arena_alloc(r->doc->arena, cap * sizeof *p);
		if (b->len)
			memcpy(p, b->items, b->len * sizeof *p);
		b->items = p;
		b->cap = cap;
	}
	b->items[b->len++] =
	    (pattern){s, len, t, ascii_alnum_byte(s[0]), ascii_alnum_byte(s[len - 1])};
}

static int longer_first(const void *pa, const void *pb)
{
	const pattern *a = pa, *b = pb;
	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	return strcmp(a->s, b->s);
}

static void build_patterns(pc_resolver *r, pc_map *first, starts *st)
{
	pc_doc *doc = r->doc;
	for (size_t i = 0; i < doc->terms.len; i++) {
		pc_term *t = doc->terms.items[i];
		add_pattern(r, first, st, t->term, t);
		add_pattern(r, first, st, t->key, t);
		for (size_t k = 0; k < t->naliases; k++)
			add_pattern(r, first, st, t->aliases[k].text, t);
	}
	for (size_t i = 0; i < first->cap; i++)
		if (first->slots[i].key) {
			bucket *b = first->slots[i].value;
			qsort(b->items, b->len, sizeof *b->items, longer_first);
		}
}

/* The longest pattern matching at s[i]; NULL when none. */
static const pattern *match_at(const pc_map *first, const char *s, size_t len, size_t i, size_t cl)
{
	char key[8];
	memcpy(key, s + i, cl);
	key[cl] = '\0';
	const bucket *b = pc_map_get(first, key);
	if (!b)
		return NULL;
	for (size_t k = 0; k < b->len; k++) {
		const pattern *p = &b->items[k];
		if (p->len > len - i || memcmp(s + i, p->s, p->len) != 0)
			continue;
		if (p->word_start && i > 0 && ascii_alnum_byte(s[i - 1]))
			continue;
		if (p->word_end && i + p->len < len && ascii_alnum_byte(s[i + p->len]))
			continue;
		return p;
	}
	return NULL;
}

static pc_node *text_node(pc_doc *doc, const char *s, size_t len, pc_pos pos)
{
	pc_node *t = pc_node_new(doc, PC_TEXT, pos);
	t->literal = pc_arena_strndup(doc->arena, s, len);
	return t;
}

/* Splits a text node around the terms found in it. */
static void scan_text(pc_resolver *r, const pc_map *first, const starts *st, pc_node *text)
{
	pc_doc *doc = r->doc;
	const char *s = text->literal;
	size_t len = strlen(s), done = 0;
	unsigned col = text->pos.col;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t cl = pc_utf8_decode(s + i, len - i, &cp);
		if (!cl)
			cl = 1;
		const pattern *p = may_start(st, cp) ? match_at(first, s, len, i, cl) : NULL;
		if (!p) {
			i += cl;
			continue;
		}
		pc_pos pos = text->pos;
		pos.col = col + (unsigned)pc_utf8_count(s + done, i - done);
		if (i > done)
			pc_node_insert_before(text, text_node(doc, s + done, i - done, text->pos));
		pc_node *occ = pc_node_new(doc, PC_TERM_OCC, pos);
		occ->u.term_ref.name = pc_arena_strndup(doc->arena, s + i, p->len);
		occ->u.term_ref.term = p->term;
		pc_node_append(occ, text_node(doc, s + i, p->len, pos));
		pc_node_insert_before(text, occ);
		pc_term_add_use(doc, p->term, occ, false);
		col = pos.col + (unsigned)pc_utf8_count(s + i, p->len);
		i += p->len;
		done = i;
		text->pos.col = col;
	}
	if (done == 0)
		return;
	if (done < len)
		text->literal = pc_arena_strdup(doc->arena, s + done);
	else
		pc_node_unlink(text);
}

/* Subtrees whose text is not body text. */
static bool skipped(const pc_node *n)
{
	switch (n->kind) {
	case PC_LINK:
	case PC_IMAGE:
	case PC_TERM_REF:
	case PC_TERM_OCC:
	case PC_INDEX_ENTRY:
	case PC_XREF:
	case PC_HTML_BLOCK:
	case PC_HTML_INLINE:
		return true;
	case PC_TABLE:
		return n->u.table->kind == PC_TABLE_GLOSSARY;
	default:
		return false;
	}
}

void pc_find_occurrences(pc_resolver *r)
{
	pc_map first;
	pc_map_init(&first, r->doc->arena);
	starts *st = pc_xcalloc(1, sizeof *st);
	build_patterns(r, &first, st);
	if (!first.len) {
		free(st);
		return;
	}
	/* Iterative walk: trees may be deep. Text nodes are collected first,
	 * since splitting them changes the tree being walked. */
	pc_vec texts = {0};
	pc_node *top = r->doc->root, *n = top->first;
	while (n) {
		if (n->kind == PC_TEXT)
			pc_vec_push(r->doc->arena, &texts, n);
		n = pc_node_walk_next(n, top, !skipped(n));
	}
	for (size_t i = 0; i < texts.len; i++)
		scan_text(r, &first, st, texts.items[i]);
	free(st);
}
