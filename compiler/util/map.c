/* Open-addressing hash map (FNV-1a, linear probing). Old tables are left in
 * the arena when growing; the total stays under twice the final size. */
#include "map.h"

#include <stdint.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void pc_map_init(pc_map *m, pc_arena *a)
{
	memset(m, 0, sizeof *m);
	m->arena = a;
}

static pc_map_slot *find(pc_map_slot *slots, size_t cap, const char *key)
{
	size_t i = (size_t)hash(key) & (cap - 1);
	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

void *pc_map_get(const pc_map *m, const char *key)
{
	if (!m->cap)
		return NULL;
	pc_map_slot *s = find(m->slots, m->cap, key);
	return s->key ? s->value : NULL;
}

static void grow(pc_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	pc_map_slot *slots = pc_arena_alloc(m->arena, cap * sizeof *slots);
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			*find(slots, cap, m->slots[i].key) = m->slots[i];
	m->slots = slots;
	m->cap = cap;
}

void *pc_map_put(pc_map *m, const char *key, void *value)
{
	if ((m->len + 1) * 4 > m->cap * 3)
		grow(m);
	pc_map_slot *s = find(m->slots, m->cap, key);
	if (s->key)
		return s->value;
	s->key = pc_arena_strdup(m->arena, key);
	s->value = value;
	m->len++;
	return NULL;
}
