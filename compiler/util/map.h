/* A string-keyed hash map whose keys and table live in an arena. */
#ifndef PC_MAP_H
#define PC_MAP_H

#include <stddef.h>

#include "arena.h"

typedef struct pc_map_slot {
	const char *key; /* NULL when empty */
	void *value;
} pc_map_slot;

typedef struct pc_map {
	pc_arena *arena;
	pc_map_slot *slots;
	size_t cap, len; /* cap is a power of two */
} pc_map;

void pc_map_init(pc_map *m, pc_arena *a);
void *pc_map_get(const pc_map *m, const char *key);
/* Inserts key (copied) unless present; returns the existing value or NULL. */
void *pc_map_put(pc_map *m, const char *key, void *value);

#endif
