/*
 * Arena allocation: every node and string of a document lives in one arena
 * and is freed with it, so the tree needs no per-node ownership rules.
 */
#ifndef PC_ARENA_H
#define PC_ARENA_H

#include <stddef.h>

typedef struct pc_arena pc_arena;

pc_arena *pc_arena_new(void);
void pc_arena_free(pc_arena *a);

/* Zeroed memory aligned for any type; never returns NULL (aborts on OOM). */
void *pc_arena_alloc(pc_arena *a, size_t size);
/* Copy of the first len bytes of s, NUL-terminated. */
char *pc_arena_strndup(pc_arena *a, const char *s, size_t len);
char *pc_arena_strdup(pc_arena *a, const char *s);
/* printf into the arena. */
char *pc_arena_printf(pc_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far (for benchmarks and limits). */
size_t pc_arena_used(const pc_arena *a);

/*
 * An arena belongs to one thread at a time. A second thread that works on
 * a document (writing some of its outputs) diverts its allocations from
 * the document's arena to one of its own, and the document adopts that
 * arena when the thread is done, so what it made lives as long as the
 * document. pc_arena_divert(NULL, NULL) ends the diversion.
 */
void pc_arena_divert(pc_arena *from, pc_arena *to);
/* Moves every block of child into parent (freed with it) and frees child. */
void pc_arena_adopt(pc_arena *parent, pc_arena *child);

/* Out-of-memory policy of the whole program: report and abort. */
void *pc_xmalloc(size_t size);
void *pc_xrealloc(void *p, size_t size);
void *pc_xcalloc(size_t n, size_t size);
char *pc_xstrdup(const char *s);

/*
 * A growable array of pointers in the arena. Growth copies into a fresh
 * block (the old one stays in the arena): at most twice the final size.
 */
typedef struct pc_vec {
	void **items;
	size_t len, cap;
} pc_vec;

void pc_vec_push(pc_arena *a, pc_vec *v, void *item);

#endif
