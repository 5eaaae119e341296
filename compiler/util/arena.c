/* Arena allocator and the program's out-of-memory policy. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_MIN (64 * 1024)
#define ALIGN     16

struct block {
	struct block *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
};

struct pc_arena {
	struct block *head;
	size_t total;
};

static void oom(size_t size)
{
	fprintf(stderr, "plancc: out of memory (%zu bytes)\n", size);
	abort();
}

void *pc_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		oom(size);
	return p;
}

void *pc_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	if (!q)
		oom(size);
	return q;
}

void *pc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

char *pc_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(pc_xmalloc(n), s, n);
}

pc_arena *pc_arena_new(void)
{
	return pc_xcalloc(1, sizeof(pc_arena));
}

void pc_arena_free(pc_arena *a)
{
	if (!a)
		return;
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

static _Thread_local pc_arena *divert_from, *divert_to;

void pc_arena_divert(pc_arena *from, pc_arena *to)
{
	divert_from = from;
	divert_to = to;
}

void pc_arena_adopt(pc_arena *parent, pc_arena *child)
{
	if (!child)
		return;
	struct block **tail = &child->head;
	while (*tail)
		tail = &(*tail)->next;
	/* behind parent's head, whose free space stays in use */
	if (parent->head) {
		*tail = parent->head->next;
		parent->head->next = child->head;
	} else
		parent->head = child->head;
	parent->total += child->total;
	free(child);
}

void *pc_arena_alloc(pc_arena *a, size_t size)
{
	if (a == divert_from)
		a = divert_to;
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	struct block *b = a->head;
	if (!b || b->size - b->used < size) {
		/* Large requests get a block of their own behind the head so
		 * the head's free space is not wasted. */
		size_t bs = size > BLOCK_MIN ? size : BLOCK_MIN;
		if (size > SIZE_MAX - sizeof(struct block))
			oom(size);
		struct block *nb = pc_xmalloc(sizeof(struct block) + bs);
		nb->size = bs;
		nb->used = 0;
		if (b && size > BLOCK_MIN / 4) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	a->total += size;
	memset(p, 0, size);
	return p;
}

char *pc_arena_strndup(pc_arena *a, const char *s, size_t len)
{
	char *p = pc_arena_alloc(a, len + 1);
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *pc_arena_strdup(pc_arena *a, const char *s)
{
	return pc_arena_strndup(a, s, strlen(s));
}

char *pc_arena_printf(pc_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = pc_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t pc_arena_used(const pc_arena *a)
{
	return a->total;
}

void pc_vec_push(pc_arena *a, pc_vec *v, void *item)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void **items = pc_arena_alloc(a, cap * sizeof(void *));
		if (v->len)
			memcpy(items, v->items, v->len * sizeof(void *));
		v->items = items;
		v->cap = cap;
	}
	v->items[v->len++] = item;
}
