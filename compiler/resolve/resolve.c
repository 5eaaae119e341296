/*
 * Resolve: meaning is decided here, once, so that every back end reads the
 * same answers. Ids are checked and derived, terms registered with their
 * readings, every reference looked up, and terms found in body text.
 */
#include <string.h>

#include "../plancc.h"
#include "../util/map.h"
#include "../util/unicode.h"
#include "../util/utf8.h"
#include "resolve.h"

/* What a key in the term table stands for: a term or one of its aliases. */
typedef struct term_key {
	pc_term *term;
	const char *text; /* as written */
	pc_pos pos;
} term_key;

void pc_term_add_use(pc_doc *doc, pc_term *t, const pc_node *node, bool explicit_ref)
{
	if (t->nuses == t->capuses) {
		size_t cap = t->capuses ? t->capuses * 2 : 4;
		pc_use *u = pc_arena_alloc(doc->arena, cap * sizeof *u);
		if (t->nuses)
			memcpy(u, t->uses, t->nuses * sizeof *u);
		t->uses = u;
		t->capuses = cap;
	}
	t->uses[t->nuses++] = (pc_use){node, pc_node_section(node), explicit_ref, node->pos};
}

/* ---- ids ---- */

static void register_id(pc_resolver *r, const char *id, const pc_node *node)
{
	const pc_node *prev = pc_map_put(&r->ids, id, (void *)node);
	if (prev)
		pc_diag(r->diags, PC_E_DUP_ID, node->pos.file, node->pos.line, node->pos.col, id,
		        prev->pos.file, prev->pos.line);
}

/* The number as an id part when it is digits and hyphens after NFKC
 * (７－１ → 7-1, ① → 1); NULL for numbers with other characters (経1-1),
 * which would lose their prefix. */
static const char *number_key(pc_arena *a, const char *number)
{
	if (!number)
		return NULL;
	const char *n = pc_nfkc(a, number, strlen(number));
	if (!(*n >= '0' && *n <= '9'))
		return NULL;
	for (const char *c = n; *c; c++)
		if (!(*c >= '0' && *c <= '9') && *c != '-')
			return NULL;
	return n;
}

/* A derived id (docs/format.md: "s" + number; below measures or without a
 * number, the parent's id + "_" + number or ordinal; "_2"… on a clash). */
static const char *derive_id(pc_resolver *r, const pc_node *node)
{
	pc_arena *a = r->doc->arena;
	const pc_section *s = node->u.section;
	const pc_node *parent = pc_node_section(node);
	const char *pid = parent ? parent->u.section->id : "s";
	const char *key = s->number_key ? s->number_key : number_key(a, s->number);
	const char *cand;
	if (key && s->level <= 2 && !pc_map_get(&r->ids, pc_arena_printf(a, "s%s", key)))
		cand = pc_arena_printf(a, "s%s", key);
	else if (key)
		cand = pc_arena_printf(a, "%s_%s", pid, key);
	else
		cand = pc_arena_printf(a, "%s_%d", pid, s->ordinal);
	const char *id = cand;
	for (int k = 2; pc_map_get(&r->ids, id); k++)
		id = pc_arena_printf(a, "%s_%d", cand, k);
	return id;
}

static void resolve_ids(pc_resolver *r)
{
	pc_doc *doc = r->doc;
	/* Explicit ids first, so that no derived id takes one. */
	for (size_t i = 0; i < doc->sections.len; i++) {
		pc_node *n = doc->sections.items[i];
		if (n->u.section->id)
			register_id(r, n->u.section->id, n);
	}
	for (size_t i = 0; i < doc->tables.len; i++) {
		pc_node *n = doc->tables.items[i];
		if (n->u.table->id)
			register_id(r, n->u.table->id, n);
	}
	for (size_t i = 0; i < doc->sections.len; i++) {
		pc_node *n = doc->sections.items[i];
		if (!n->u.section->id) {
			n->u.section->id = derive_id(r, n);
			pc_map_put(&r->ids, n->u.section->id, n);
		}
	}
}

/* ---- terms ---- */

static bool register_key(pc_resolver *r, pc_term *t, const char *text, pc_pos pos)
{
	pc_arena *a = r->doc->arena;
	const char *key = pc_nfkc(a, text, strlen(text));
	term_key *k = pc_arena_alloc(a, sizeof *k);
	*k = (term_key){t, text, pos};
	term_key *prev = pc_map_put(&r->terms, key, k);
	if (!prev)
		return true;
	if (prev->term == t)
		return true; /* an alias equal to its own term */
	if (!strcmp(prev->text, prev->term->term) && !strcmp(text, t->term))
		pc_diag(r->diags, PC_E_DUP_TERM, pos.file, pos.line, pos.col, text, prev->pos.file,
		        prev->pos.line);
	else
		pc_diag(r->diags, PC_E_ALIAS_CLASH, pos.file, pos.line, pos.col, text,
		        prev->pos.file, prev->pos.line, prev->term->term);
	return false;
}

static void register_terms(pc_resolver *r)
{
	pc_doc *doc = r->doc;
	for (size_t i = 0; i < doc->terms.len; i++) {
		pc_term *t = doc->terms.items[i];
		t->key = pc_nfkc(doc->arena, t->term, strlen(t->term));
		t->section = pc_node_section(t->table);
		register_key(r, t, t->term, t->pos);
	}
	/* Aliases after all terms, so a clash names the term, not the alias. */
	for (size_t i = 0; i < doc->terms.len; i++) {
		pc_term *t = doc->terms.items[i];
		for (size_t k = 0; k < t->naliases; k++)
			register_key(r, t, t->aliases[k].text, t->aliases[k].pos);
	}
}

static pc_term *find_term(pc_resolver *r, const char *name)
{
	const char *key = pc_nfkc(r->doc->arena, name, strlen(name));
	term_key *k = pc_map_get(&r->terms, key);
	return k ? k->term : NULL;
}

static void resolve_readings(pc_resolver *r)
{
	pc_doc *doc = r->doc;
	for (size_t i = 0; i < doc->terms.len; i++) {
		pc_term *t = doc->terms.items[i];
		pc_reading rd = pc_reading_of(doc->arena, t->term, t->reading);
		if (rd.bad_given)
			pc_diag(r->diags, PC_W_BAD_READING, t->pos.file, t->pos.line, t->pos.col,
			        t->reading);
		t->reading = rd.reading;
		t->reading_derived = rd.derived;
		if (!rd.reading)
			pc_diag(r->diags, PC_W_TERM_NO_READING, t->pos.file, t->pos.line,
			        t->pos.col, t->term);
		for (size_t k = 0; k < t->naliases; k++) {
			pc_alias *al = &t->aliases[k];
			pc_reading ar = pc_reading_of(doc->arena, al->text, al->reading);
			if (ar.bad_given)
				pc_diag(r->diags, PC_W_BAD_READING, al->pos.file, al->pos.line,
				        al->pos.col, al->reading);
			al->reading = ar.reading;
		}
	}
}

/* ---- references ---- */

static void resolve_term_refs(pc_resolver *r)
{
	pc_doc *doc = r->doc;
	for (size_t i = 0; i < doc->term_refs.len; i++) {
		pc_node *n = doc->term_refs.items[i];
		const char *name = n->u.term_ref.name;
		if (!name)
			name = n->u.term_ref.name = pc_node_text(doc, n);
		if (!*name) {
			pc_diag(r->diags, PC_W_EMPTY_ANNOTATION, n->pos.file, n->pos.line,
			        n->pos.col, "用語の参照（term:）");
			continue;
		}
		pc_term *t = find_term(r, name);
		if (!t) {
			pc_diag(r->diags, PC_E_UNDEFINED_TERM, n->pos.file, n->pos.line, n->pos.col,
			        name);
			continue;
		}
		n->u.term_ref.term = t;
		pc_term_add_use(doc, t, n, true);
	}
}

static void resolve_xrefs(pc_resolver *r)
{
	pc_doc *doc = r->doc;
	for (size_t i = 0; i < doc->xrefs.len; i++) {
		pc_node *n = doc->xrefs.items[i];
		const char *id = n->u.xref.id;
		if (!*id) {
			pc_diag(r->diags, PC_E_EMPTY_REF, n->pos.file, n->pos.line, n->pos.col);
			continue;
		}
		const pc_node *target = pc_map_get(&r->ids, id);
		if (!target)
			pc_diag(r->diags, PC_E_UNKNOWN_REF, n->pos.file, n->pos.line, n->pos.col,
			        id);
		n->u.xref.target = target;
	}
}

static void resolve_index_entries(pc_resolver *r)
{
	pc_doc *doc = r->doc;
	for (size_t i = 0; i < doc->index_entries.len; i++) {
		pc_index_entry *e = doc->index_entries.items[i];
		e->text = pc_node_text(doc, e->node);
		e->section = pc_node_section(e->node);
		if (!*e->text) {
			pc_diag(r->diags, PC_W_EMPTY_ANNOTATION, e->pos.file, e->pos.line,
			        e->pos.col, "索引語（index:）");
			continue;
		}
		pc_reading rd = pc_reading_of(doc->arena, e->text, e->reading);
		if (rd.bad_given)
			pc_diag(r->diags, PC_W_BAD_READING, e->pos.file, e->pos.line, e->pos.col,
			        e->reading);
		e->reading = rd.reading;
		e->reading_derived = rd.derived;
		if (!rd.reading)
			pc_diag(r->diags, PC_W_INDEX_NO_READING, e->pos.file, e->pos.line,
			        e->pos.col, e->text, e->text);
	}
}

static void resolve_indicators(pc_resolver *r)
{
	for (size_t i = 0; i < r->doc->indicators.len; i++) {
		pc_indicator *ind = r->doc->indicators.items[i];
		ind->section = pc_node_section(ind->table);
	}
}

/* A chapter with nothing under its title opens a page with a title and
 * nothing else: the author has most likely forgotten its text. */
static void check_empty_chapters(pc_resolver *r)
{
	/* a file that could not be read leaves its chapter empty: that is
	 * said already */
	for (size_t i = 0; i < r->doc->nsources; i++)
		if (!r->doc->sources[i].ok)
			return;
	for (size_t i = 0; i < r->doc->sections.len; i++) {
		const pc_node *n = r->doc->sections.items[i];
		if (n->u.section->level != 1)
			continue;
		const pc_node *c = n->first;
		while (c && c->kind == PC_HTML_BLOCK) /* not printed */
			c = c->next;
		if (!c)
			pc_diag(r->diags, PC_W_CHAPTER_EMPTY, n->pos.file, n->pos.line, n->pos.col,
			        n->u.section->title ? n->u.section->title : "");
	}
}

void pc_resolve(pc_doc *doc, pc_diags *diags)
{
	if (!doc->root)
		return;
	pc_resolver r = {.doc = doc, .diags = diags};
	pc_map_init(&r.ids, doc->arena);
	pc_map_init(&r.terms, doc->arena);
	resolve_ids(&r);
	register_terms(&r);
	resolve_readings(&r);
	resolve_term_refs(&r);
	resolve_xrefs(&r);
	resolve_index_entries(&r);
	resolve_indicators(&r);
	check_empty_chapters(&r);
	pc_find_occurrences(&r);
	pc_resolve_report(&r);
}
