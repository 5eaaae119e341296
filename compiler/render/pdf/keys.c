/*
 * PDF back end, keys: every place a link, the contents, the outline or the
 * index can point to gets a key, and pages are recorded per key. Keys are
 * numbered here and only here: sections, then tables, then the terms'
 * definitions, then the indexed places, then the appendices.
 */
#include <stdlib.h>

#include "layout.h"

static size_t ptr_hash(const void *p, size_t cap)
{
	uintptr_t x = (uintptr_t)p;
	x ^= x >> 17;
	x *= 0x9E3779B97F4A7C15ull;
	return (size_t)(x >> 7) & (cap - 1);
}

static void ptrmap_put(ptrmap *m, const void *k, int v)
{
	size_t i = ptr_hash(k, m->cap);
	while (m->keys[i] && m->keys[i] != k)
		i = (i + 1) & (m->cap - 1);
	m->keys[i] = k;
	m->vals[i] = v;
}

static int ptrmap_get(const ptrmap *m, const void *k)
{
	if (!k || !m->cap)
		return -1;
	size_t i = ptr_hash(k, m->cap);
	while (m->keys[i]) {
		if (m->keys[i] == k)
			return m->vals[i];
		i = (i + 1) & (m->cap - 1);
	}
	return -1;
}

void pdf_keys_init(pdf_keys *k, const pc_doc *doc)
{
	const pc_index *ix = doc->index;
	size_t nplaces = 0;
	for (size_t i = 0; ix && i < ix->nentries; i++)
		nplaces += ix->entries[i]->nplaces;
	k->nsec = doc->sections.len;
	k->ntab = doc->tables.len;
	k->nterm = doc->terms.len;
	size_t cap = 16;
	while (cap < 2 * (k->nsec + k->ntab + nplaces + 1))
		cap *= 2;
	k->map.cap = cap;
	k->map.keys = pc_xcalloc(cap, sizeof *k->map.keys);
	k->map.vals = pc_xcalloc(cap, sizeof *k->map.vals);
	for (size_t i = 0; i < k->nsec; i++)
		ptrmap_put(&k->map, doc->sections.items[i], (int)i);
	for (size_t i = 0; i < k->ntab; i++)
		ptrmap_put(&k->map, doc->tables.items[i], (int)(k->nsec + i));
	/* the places of the index that are uses (definitions are the terms') */
	size_t next = k->nsec + k->ntab + k->nterm;
	for (size_t i = 0; ix && i < ix->nentries; i++) {
		const pc_ix_entry *e = ix->entries[i];
		for (size_t p = 0; p < e->nplaces; p++) {
			const pc_node *n = e->places[p].node;
			if (!n || e->places[p].definition || ptrmap_get(&k->map, n) >= 0)
				continue;
			ptrmap_put(&k->map, n, (int)next++);
			k->nplace++;
		}
	}
	k->n = next + PC_APPX_COUNT;
}

void pdf_keys_free(pdf_keys *k)
{
	free(k->map.keys);
	free(k->map.vals);
}

pdf_key pdf_key_of_node(const pdf_keys *k, const void *node)
{
	return (pdf_key){ptrmap_get(&k->map, node)};
}

pdf_key pdf_key_of_section(const pdf_keys *k, size_t i)
{
	return i < k->nsec ? (pdf_key){(int)i} : PDF_NO_KEY;
}

pdf_key pdf_key_of_term(const pdf_keys *k, const pc_term *t)
{
	return t && t->index < k->nterm ? (pdf_key){(int)(k->nsec + k->ntab + t->index)}
	                                : PDF_NO_KEY;
}

pdf_key pdf_key_of_appendix(const pdf_keys *k, pc_appendix a)
{
	return (pdf_key){(int)(k->n - PC_APPX_COUNT + a)};
}

bool pdf_key_section(const pdf_keys *k, pdf_key key, size_t *section)
{
	if (key.v < 0 || (size_t)key.v >= k->nsec)
		return false;
	*section = (size_t)key.v;
	return true;
}

bool pdf_key_appendix(const pdf_keys *k, pdf_key key, pc_appendix *a)
{
	size_t first = k->n - PC_APPX_COUNT;
	if (key.v < 0 || (size_t)key.v < first || (size_t)key.v >= k->n)
		return false;
	*a = (pc_appendix)((size_t)key.v - first);
	return true;
}
