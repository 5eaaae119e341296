/*
 * Index building. Sort keys come from ICU's "ja" collator applied to the
 * reading in hiragana; the group comes from a primary-strength comparison
 * of the reading's first character against the heads of the kana rows
 * (NOTES-pdf.md: the row is the last head that compares ≤ the character,
 * so ゔ goes under あ, ゐ and ん under わ).
 */
#include "index.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "../util/map.h"
#include "../util/unicode.h"
#include "../util/utf8.h"

static const char *kana_rows[] = {"あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ"};
#define NROWS 10

/* Collators and the key transliterator, opened once per build. */
typedef struct ctx {
	pc_doc *doc;
	UCollator *coll;    /* tertiary: the order */
	UCollator *primary; /* for kana rows */
} ctx;

static UChar *u16(const char *s, int32_t *len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	u_strFromUTF8(NULL, 0, &n, s, -1, &st);
	UChar *u = pc_xmalloc(((size_t)n * 2 + 16) * sizeof(UChar));
	st = U_ZERO_ERROR;
	u_strFromUTF8(u, n + 1, &n, s, -1, &st);
	*len = U_SUCCESS(st) ? n : 0;
	return u;
}

/* The key text: NFKC, katakana → hiragana with ー spelt as its vowel. The
 * kana step is the fixed code-point offset ICU's Katakana-Hiragana
 * applies to these letters; opening that transliterator would build
 * ICU's whole registry, a tenth of a small plan's build. */
static UChar *key_text(ctx *c, const char *reading, int32_t *len)
{
	const char *n = pc_nfkc(c->doc->arena, reading, strlen(reading));
	return u16(pc_to_hiragana(c->doc->arena, n, strlen(n)), len);
}

static void make_key(ctx *c, pc_ix_entry *e)
{
	/* Reading, then a separator below every letter, then the text: the
	 * tie on equal readings (協働/共同) is broken on the written form. */
	int32_t rl = 0, tl = 0;
	UChar *r = e->reading ? key_text(c, e->reading, &rl) : u16("", &rl);
	UChar *t = u16(e->text, &tl);
	UChar *both = pc_xmalloc(((size_t)rl + (size_t)tl + 2) * sizeof(UChar));
	memcpy(both, r, (size_t)rl * sizeof(UChar));
	both[rl] = 0x0001;
	memcpy(both + rl + 1, t, (size_t)tl * sizeof(UChar));
	int32_t n = rl + 1 + tl;
	int32_t klen = ucol_getSortKey(c->coll, both, n, NULL, 0);
	e->key = pc_arena_alloc(c->doc->arena, (size_t)klen + 1);
	e->keylen = (size_t)ucol_getSortKey(c->coll, both, n, e->key, klen + 1);
	free(r);
	free(t);
	free(both);
}

static int row_of(ctx *c, const char *reading)
{
	int32_t len;
	UChar *u = key_text(c, reading, &len);
	int row = -1;
	if (len > 0) {
		for (int i = 0; i < NROWS; i++) {
			int32_t hl;
			UChar *h = u16(kana_rows[i], &hl);
			if (ucol_strcoll(c->primary, h, hl, u, 1) != UCOL_GREATER)
				row = i;
			free(h);
		}
	}
	free(u);
	return row;
}

/* Group numbers: 0..9 kana rows, 10..35 A–Z, 36 digits, 37 other. */
enum { G_LATIN = NROWS, G_DIGITS = NROWS + 26, G_OTHER, G_COUNT };

static int group_of(ctx *c, const char *reading)
{
	if (!reading || !*reading)
		return G_OTHER;
	const char *n = pc_nfkc(c->doc->arena, reading, strlen(reading));
	unsigned char ch = (unsigned char)n[0];
	if (ch >= 'a' && ch <= 'z')
		ch = (unsigned char)(ch - 'a' + 'A');
	if (ch >= 'A' && ch <= 'Z')
		return G_LATIN + (ch - 'A');
	if (ch >= '0' && ch <= '9')
		return G_DIGITS;
	uint32_t cp;
	pc_utf8_decode(n, strlen(n), &cp);
	if (!pc_is_hiragana(cp) && !pc_is_katakana(cp))
		return G_OTHER;
	int row = row_of(c, n);
	return row < 0 ? G_OTHER : row;
}

static const char *group_name(pc_arena *a, int g)
{
	if (g < NROWS)
		return kana_rows[g];
	if (g < G_DIGITS)
		return pc_arena_printf(a, "%c", 'A' + (g - G_LATIN));
	return g == G_DIGITS ? "数字" : "その他";
}

/* Position of a group in the printed order. */
static int group_rank(int g, bool latin_first)
{
	if (g >= G_DIGITS)
		return g;
	if (latin_first)
		return g >= G_LATIN ? g - G_LATIN : g + 26;
	return g;
}

typedef struct sort_item {
	pc_ix_entry *e;
	int rank;
	size_t seq;
} sort_item;

static int cmp_items(const void *pa, const void *pb)
{
	const sort_item *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	size_t n = a->e->keylen < b->e->keylen ? a->e->keylen : b->e->keylen;
	int c = memcmp(a->e->key, b->e->key, n);
	if (c)
		return c;
	if (a->e->keylen != b->e->keylen)
		return a->e->keylen < b->e->keylen ? -1 : 1;
	if (a->e->kind != b->e->kind)
		return a->e->kind < b->e->kind ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static pc_ix_entry *new_entry(pc_vec *v, pc_arena *a, pc_ix_kind kind, const char *text,
                              const char *reading, const pc_term *t)
{
	pc_ix_entry *e = pc_arena_alloc(a, sizeof *e);
	e->kind = kind;
	e->text = text;
	e->reading = reading;
	e->term = t;
	pc_vec_push(a, v, e);
	return e;
}

static void term_entries(pc_doc *doc, pc_vec *v)
{
	pc_arena *a = doc->arena;
	for (size_t i = 0; i < doc->terms.len; i++) {
		const pc_term *t = doc->terms.items[i];
		pc_ix_entry *e = new_entry(v, a, PC_IX_TERM, t->term, t->reading, t);
		e->places = pc_arena_alloc(a, (t->nuses + 1) * sizeof *e->places);
		e->places[e->nplaces++] = (pc_ix_place){t->table, t->section, true};
		for (size_t u = 0; u < t->nuses; u++)
			e->places[e->nplaces++] =
			    (pc_ix_place){t->uses[u].node, t->uses[u].section, false};
		for (size_t k = 0; k < t->naliases; k++)
			new_entry(v, a, PC_IX_ALIAS, t->aliases[k].text, t->aliases[k].reading, t);
	}
}

/* index: entries with the same text and reading become one entry. */
static void index_entries(pc_doc *doc, pc_vec *v)
{
	pc_arena *a = doc->arena;
	pc_map seen;
	pc_map_init(&seen, a);
	for (size_t i = 0; i < doc->index_entries.len; i++) {
		const pc_index_entry *ie = doc->index_entries.items[i];
		if (!ie->text || !*ie->text)
			continue;
		const char *k =
		    pc_arena_printf(a, "%s\x1f%s", ie->text, ie->reading ? ie->reading : "");
		pc_vec *places = pc_map_get(&seen, k);
		if (!places) {
			places = pc_arena_alloc(a, sizeof *places);
			pc_map_put(&seen, k, places);
			pc_ix_entry *e = new_entry(v, a, PC_IX_ENTRY, ie->text, ie->reading, NULL);
			e->places = (pc_ix_place *)places; /* fixed up below */
		}
		pc_ix_place *p = pc_arena_alloc(a, sizeof *p);
		*p = (pc_ix_place){ie->node, ie->section, false};
		pc_vec_push(a, places, p);
	}
	for (size_t i = 0; i < v->len; i++) {
		pc_ix_entry *e = v->items[i];
		if (e->kind != PC_IX_ENTRY)
			continue;
		pc_vec *places = (pc_vec *)e->places;
		e->places = pc_arena_alloc(a, places->len * sizeof *e->places);
		for (size_t k = 0; k < places->len; k++)
			e->places[k] = *(pc_ix_place *)places->items[k];
		e->nplaces = places->len;
	}
}

static bool open_ctx(ctx *c, pc_doc *doc)
{
	UErrorCode st = U_ZERO_ERROR;
	c->doc = doc;
	c->coll = ucol_open("ja", &st);
	if (U_FAILURE(st))
		return false;
	st = U_ZERO_ERROR;
	c->primary = ucol_open("ja", &st);
	if (U_FAILURE(st))
		return false;
	ucol_setStrength(c->primary, UCOL_PRIMARY);
	return true;
}

static void close_ctx(ctx *c)
{
	if (c->coll)
		ucol_close(c->coll);
	if (c->primary)
		ucol_close(c->primary);
}

pc_index *pc_index_build(pc_doc *doc)
{
	pc_arena *a = doc->arena;
	pc_index *ix = pc_arena_alloc(a, sizeof *ix);
	pc_vec v = {0};
	term_entries(doc, &v);
	index_entries(doc, &v);
	ctx c = {0};
	if (!open_ctx(&c, doc)) {
		close_ctx(&c);
		return ix;
	}
	sort_item *items = pc_xmalloc((v.len + 1) * sizeof *items);
	for (size_t i = 0; i < v.len; i++) {
		pc_ix_entry *e = v.items[i];
		e->group = group_of(&c, e->reading);
		make_key(&c, e);
		items[i] = (sort_item){e, group_rank(e->group, doc->meta.latin_first), i};
	}
	close_ctx(&c);
	qsort(items, v.len, sizeof *items, cmp_items);
	ix->entries = pc_arena_alloc(a, (v.len + 1) * sizeof *ix->entries);
	ix->groups = pc_arena_alloc(a, G_COUNT * sizeof *ix->groups);
	for (size_t i = 0; i < v.len; i++) {
		pc_ix_entry *e = items[i].e;
		ix->entries[i] = e;
		/* Sorted by group first: a group is a run of entries. */
		if (i == 0 || items[i - 1].e->group != e->group)
			ix->groups[ix->ngroups++] = (pc_ix_group){group_name(a, e->group), i, 0};
		ix->groups[ix->ngroups - 1].count++;
	}
	ix->nentries = v.len;
	free(items);
	return ix;
}

const char *pc_index_group_of(const char *reading)
{
	static const char *latin[26] = {"A", "B", "C", "D", "E", "F", "G", "H", "I",
	                                "J", "K", "L", "M", "N", "O", "P", "Q", "R",
	                                "S", "T", "U", "V", "W", "X", "Y", "Z"};
	pc_doc tmp = {0};
	tmp.arena = pc_arena_new();
	ctx c = {0};
	const char *name = "その他";
	if (open_ctx(&c, &tmp)) {
		int g = group_of(&c, reading);
		name = g < NROWS       ? kana_rows[g]
		       : g < G_DIGITS  ? latin[g - G_LATIN]
		       : g == G_DIGITS ? "数字"
		                       : "その他";
	}
	close_ctx(&c);
	pc_arena_free(tmp.arena);
	return name;
}
