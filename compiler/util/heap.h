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

#endif
