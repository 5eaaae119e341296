/* Memory for libharu in blocks of transparent huge pages (see harumem.h). */
#include "harumem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "../../util/arena.h"

#define HUGE_PAGE  ((size_t)2 << 20)
#define BLOCK_SIZE (4 * HUGE_PAGE)
/* Larger requests are few and are freed early (libharu's growing
 * arrays, such as the cross-reference list, are copied into larger ones):
 * they come from malloc and go back to it. */
#define LARGE ((size_t)32 << 10)
/* libharu's types need at most the alignment of a double or a pointer */
#define ALIGN ((size_t)8)

typedef struct block {
	struct block *next;
	size_t size; /* of the mapping, this header included */
} block;

typedef struct pool {
	block *blocks;
	char *at, *end; /* the free part of the newest block */
	size_t used;
	int users;
	void **large; /* live large requests */
	size_t nlarge, caplarge;
} pool;

static _Thread_local pool *mine;

/* Pools kept to the end of the process, so that leak checkers still see
 * them referenced (volatile: the array is never read, and the compiler
 * would otherwise drop the stores). */
static pool *volatile kept[64];
static int nkept;

/* A mapping of at least size bytes starting on a huge-page boundary,
 * advised to use huge pages (where the kernel has them). */
static block *map_block(size_t size)
{
	size = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	size_t span = size + HUGE_PAGE;
	char *raw = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	char *start = (char *)(((uintptr_t)raw + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1));
	if (start > raw)
		munmap(raw, (size_t)(start - raw));
	if (start + size < raw + span)
		munmap(start + size, (size_t)(raw + span - (start + size)));
	madvise(start, size, MADV_HUGEPAGE); /* a hint: no huge pages is fine */
	block *b = (block *)start;
	b->size = size;
	return b;
}

void pc_harumem_acquire(void)
{
	if (!mine)
		mine = pc_xcalloc(1, sizeof *mine);
	mine->users++;
}

void pc_harumem_release(bool keep)
{
	pool *p = mine;
	if (!p || --p->users > 0)
		return;
	mine = NULL;
	if (keep && nkept < (int)(sizeof kept / sizeof kept[0])) {
		kept[nkept++] = p;
		return;
	}
	while (p->blocks) {
		block *b = p->blocks;
		p->blocks = b->next;
		munmap(b, b->size);
	}
	for (size_t i = 0; i < p->nlarge; i++)
		free(p->large[i]);
	free(p->large);
	free(p);
}

static void *alloc_large(pool *p, size_t n)
{
	void *r = malloc(n);
	if (!r)
		return NULL; /* libharu reports it */
	if (p->nlarge == p->caplarge) {
		p->caplarge = p->caplarge ? p->caplarge * 2 : 16;
		p->large = pc_xrealloc(p->large, p->caplarge * sizeof *p->large);
	}
	p->large[p->nlarge++] = r;
	p->used += n;
	return r;
}

void *pc_harumem_alloc(HPDF_UINT size)
{
	pool *p = mine;
	if (!p)
		abort(); /* libharu used outside acquire and release: a bug */
	size_t n = ((size_t)size + ALIGN - 1) & ~(ALIGN - 1);
	if (n >= LARGE)
		return alloc_large(p, n);
	if (n > (size_t)(p->end - p->at)) {
		block *b = map_block(BLOCK_SIZE);
		if (!b)
			return NULL;
		b->next = p->blocks;
		p->blocks = b;
		p->at = (char *)b + ((sizeof(block) + ALIGN - 1) & ~(ALIGN - 1));
		p->end = (char *)b + b->size;
	}
	void *r = p->at;
	p->at += n;
	p->used += n;
	return r;
}

/* Small requests stay until the blocks go; large ones are freed now. */
void pc_harumem_free(void *ptr)
{
	pool *p = mine;
	if (!ptr || !p)
		return;
	for (size_t i = p->nlarge; i-- > 0;)
		if (p->large[i] == ptr) {
			free(ptr);
			p->large[i] = p->large[--p->nlarge];
			return;
		}
}

size_t pc_harumem_used(void)
{
	return mine ? mine->used : 0;
}
