/*
 * The process's heap for a one-shot command. A build of a few hundred
 * pages makes hundreds of thousands of small allocations that live until
 * the process ends; served by malloc from 4 KB pages they cost some 13,000
 * page faults at 400 pages, a fifth of the build's CPU time. Reserving the
 * heap up front and asking the kernel for transparent huge pages over it
 * turns them into a few hundred 2 MB faults.
 */
#ifndef PC_HEAP_H
#define PC_HEAP_H

#include <stddef.h>

/* Bytes of heap a build of a plan folder of this many source bytes is
 * expected to need (a generous estimate: reserved address space only
 * becomes memory when it is used). */
size_t pc_heap_estimate(const char *plan_dir);

/* Reserves `bytes` of heap in transparent huge pages, for a process that
 * ends after its one command. Does nothing where the C library, the kernel
 * or a sanitizer's allocator would not honour it. */
void pc_heap_prefer_huge_pages(size_t bytes);

/* Gives back to the system the memory of bytes [from, to) of a block
 * still allocated at base, of which nothing below `to` is read again (a
 * large array consumed from its start): the whole pages of the range,
 * and the one holding `from`, whose part below it is past use too. The
 * block stays allocated; its size and its use beyond `to` are
 * unchanged. Does nothing where the system cannot. */
void pc_heap_let_go(void *base, size_t from, size_t to);

#endif
