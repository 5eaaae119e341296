/* A growable byte buffer on the heap, for building output text. */
#ifndef PC_BUF_H
#define PC_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pc_buf {
	char *data; /* NUL-terminated when len > 0 or after pc_buf_cstr */
	size_t len, cap;
} pc_buf;

void pc_buf_put(pc_buf *b, const char *s, size_t len);
void pc_buf_puts(pc_buf *b, const char *s);
void pc_buf_putc(pc_buf *b, char c);
void pc_buf_printf(pc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Room for n more bytes, at data + len, for a writer that cannot go
 * through pc_buf_put: it adds what it wrote to len. */
char *pc_buf_room(pc_buf *b, size_t n);
const char *pc_buf_cstr(pc_buf *b);
void pc_buf_clear(pc_buf *b);
void pc_buf_free(pc_buf *b);

#endif
