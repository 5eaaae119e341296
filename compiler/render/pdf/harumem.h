/*
 * Memory for libharu. A document of a few hundred pages is some 200,000
 * small libharu allocations (dictionary entries, numbers, arrays), almost
 * all kept until the document is freed. They are taken here from large
 * blocks in transparent huge pages instead of from malloc: a 2 MB page
 * fault instead of hundreds of 4 KB ones, no per-allocation header, and
 * freeing a document is releasing its blocks.
 *
 * libharu's allocation functions get no context, so the blocks belong to
 * the thread (libharu documents are used by the thread that made them):
 * every document made on a thread shares its blocks, which are released
 * when the last of them is. libharu's frees of small requests do
 * nothing; its few large ones (32 KB and more: growing arrays, copied into
 * larger ones as they grow) come from malloc and go back to it at once.
 */
#ifndef PC_PDF_HARUMEM_H
#define PC_PDF_HARUMEM_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

/* Starts using this thread's blocks (made on first use). */
void pc_harumem_acquire(void);
/* Stops using them; the last user releases them, unless keep is true:
 * then they stay to the end of the process (which frees them at once). */
void pc_harumem_release(bool keep);

/* The functions to give HPDF_NewEx, between acquire and release. */
void *pc_harumem_alloc(HPDF_UINT size);
void pc_harumem_free(void *p);

/* Bytes handed out on this thread since its blocks were made. */
size_t pc_harumem_used(void);

#endif
