/* The process's heap in transparent huge pages for one-shot commands. */
#define _GNU_SOURCE
#include "heap.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__GLIBC__) || defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#define MB           ((size_t)1 << 20)
#define HUGE_PAGE    (2 * MB)
#define STEP         (16 * MB) /* below the mmap threshold set below */
#define RESERVE_MIN  (64 * MB)
#define RESERVE_MAX  (2048 * MB)
#define PER_SRC_BYTE 160 /* heap per source byte, measured: ~120 at 400 and 2,000 pages */

static bool sanitized(void)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
	return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
	return true;
#endif
#endif
	return false;
}

size_t pc_heap_estimate(const char *plan_dir)
{
	size_t bytes = 0;
	DIR *dir = opendir(plan_dir);
	if (dir) {
		struct dirent *e;
		char path[4096];
		struct stat st;
		while ((e = readdir(dir)))
			if (snprintf(path, sizeof path, "%s/%s", plan_dir, e->d_name) <
			        (int)sizeof path &&
			    stat(path, &st) == 0 && S_ISREG(st.st_mode))
				bytes += (size_t)st.st_size;
		closedir(dir);
	}
	size_t want = bytes * PER_SRC_BYTE;
	return want < RESERVE_MIN ? RESERVE_MIN : want > RESERVE_MAX ? RESERVE_MAX : want;
}

void pc_heap_prefer_huge_pages(size_t bytes)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
	if (sanitized())
		return;
	/* Large blocks from the heap too (not from mmap, outside the huge
	 * pages), and no trimming: the reserve stays until the process ends. */
	mallopt(M_MMAP_THRESHOLD, (int)(32 * MB));
	mallopt(M_TRIM_THRESHOLD, (int)(bytes > RESERVE_MAX / 2 ? RESERVE_MAX : 2 * bytes));
	mallopt(M_TOP_PAD, (int)STEP);
	/* Grow the heap by the reserve: blocks below the mmap threshold come
	 * from the heap's top; freed, they merge back into it. */
	void *blocks[RESERVE_MAX / STEP];
	size_t n = 0;
	for (size_t got = 0; got < bytes && n < sizeof blocks / sizeof *blocks; got += STEP)
		if (!(blocks[n] = malloc(STEP)))
			break;
		else
			n++;
	if (!n)
		return;
	uintptr_t lo = ((uintptr_t)blocks[0] + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	while (n)
		free(blocks[--n]);
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	uintptr_t hi = (uintptr_t)sbrk(0) & ~(uintptr_t)(HUGE_PAGE - 1);
	if (hi > lo)
		madvise((void *)lo, hi - lo, MADV_HUGEPAGE); /* a hint: failure is harmless */
#else
	(void)bytes;
#endif
}

void pc_heap_let_go(void *base, size_t from, size_t to)
{
#if defined(__linux__) && defined(MADV_DONTNEED)
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t b = (uintptr_t)base, lo = (b + from) & ~(page - 1), hi = (b + to) & ~(page - 1);
	/* never below the block: the allocator keeps its own records there */
	uintptr_t first = (b + page - 1) & ~(page - 1);
	if (lo < first)
		lo = first;
	if (hi > lo)
		madvise((void *)lo, hi - lo, MADV_DONTNEED); /* failure only keeps the memory */
#else
	(void)base;
	(void)from;
	(void)to;
#endif
}
