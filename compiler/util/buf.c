/* Growable byte buffer. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

static void reserve(pc_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->data = pc_xrealloc(b->data, cap);
	b->cap = cap;
}

void pc_buf_put(pc_buf *b, const char *s, size_t len)
{
	reserve(b, len);
	if (len)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

char *pc_buf_room(pc_buf *b, size_t n)
{
	reserve(b, n);
	return b->data + b->len;
}

void pc_buf_puts(pc_buf *b, const char *s)
{
	pc_buf_put(b, s, strlen(s));
}

void pc_buf_putc(pc_buf *b, char c)
{
	reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void pc_buf_printf(pc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *pc_buf_cstr(pc_buf *b)
{
	reserve(b, 0);
	b->data[b->len] = '\0';
	return b->data;
}

void pc_buf_clear(pc_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void pc_buf_free(pc_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
