/*
 * Giving back the memory of a large array consumed from its start
 * (util/heap.h, pc_heap_let_go): what drawing does with the drawn glyphs
 * and ops of the pages it has finished.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "util/heap.h"

#define SIZE ((size_t)1 << 20)

#if defined(__linux__)
/* How many of the whole pages of [p, p + n) are resident. */
static size_t resident_pages(const char *p, size_t n)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo = ((uintptr_t)p + page - 1) & ~(page - 1),
	          hi = ((uintptr_t)p + n) & ~(page - 1);
	if (hi <= lo)
		return 0;
	size_t count = (hi - lo) / page;
	unsigned char *vec = malloc(count);
	cr_assert(vec);
	cr_assert_eq(mincore((void *)lo, hi - lo, vec), 0);
	size_t in = 0;
	for (size_t i = 0; i < count; i++)
		in += vec[i] & 1;
	free(vec);
	return in;
}
#endif

Test(heap, what_is_let_go_leaves_the_memory_and_the_rest_intact)
{
	char *a = malloc(SIZE);
	cr_assert(a);
	memset(a, 0xAB, SIZE);
	size_t from = 1000, to = SIZE / 2 + 123;
	pc_heap_let_go(a, from, to);
	/* beyond `to` nothing changed: what drawing still reads */
	for (size_t i = to; i < SIZE; i++)
		if ((unsigned char)a[i] != 0xAB)
			cr_assert_fail("byte %zu beyond the range changed", i);
#if defined(__linux__)
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	/* the whole pages inside the range are no longer resident … */
	cr_expect_eq(resident_pages(a + from + page, to - from - 2 * page), 0,
	             "pages inside the range are still resident");
	/* … and the bytes before the block's first whole page are kept: the
	 * allocator's records are there */
	char *first = (char *)(((uintptr_t)a + page - 1) & ~(uintptr_t)(page - 1));
	for (char *q = a; q < first; q++)
		if ((unsigned char)*q != 0xAB)
			cr_assert_fail("byte %td before the block's first whole page changed",
			               q - a);
#endif
	/* still a block of the allocator: written again, grown and freed */
	memset(a, 1, SIZE);
	a = realloc(a, 2 * SIZE);
	cr_assert(a);
	cr_expect_eq(a[SIZE - 1], 1);
	free(a);
}

Test(heap, a_small_block_inside_the_heap_stays_usable)
{
	/* below the mmap threshold: the block lies between others of the
	 * heap, whose records must survive */
	char *before = malloc(64), *a = malloc(40000), *after = malloc(64);
	cr_assert(before && a && after);
	memset(before, 1, 64);
	memset(after, 2, 64);
	memset(a, 3, 40000);
	pc_heap_let_go(a, 0, 40000);
	for (int i = 0; i < 64; i++)
		cr_assert(before[i] == 1 && after[i] == 2, "a neighbouring block changed");
	free(a);
	char *b = malloc(30000);
	cr_assert(b);
	memset(b, 4, 30000);
	free(b);
	free(before);
	free(after);
}

Test(heap, an_empty_or_backward_range_does_nothing)
{
	char *a = malloc(SIZE);
	cr_assert(a);
	memset(a, 7, SIZE);
	pc_heap_let_go(a, 5000, 5000);
	pc_heap_let_go(a, 9000, 100);
	for (size_t i = 0; i < SIZE; i++)
		if (a[i] != 7)
			cr_assert_fail("byte %zu changed", i);
	free(a);
}
