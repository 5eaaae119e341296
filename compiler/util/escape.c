/* HTML and XML escaping (see escape.h). */
#include "escape.h"

#include <string.h>

void pc_escape_html(pc_buf *b, const char *s)
{
	if (s)
		pc_escape_html_n(b, s, strlen(s));
}

void pc_escape_html_n(pc_buf *b, const char *s, size_t len)
{
	for (const char *end = s + len; s < end; s++) {
		switch (*s) {
		case '&':
			pc_buf_puts(b, "&amp;");
			break;
		case '<':
			pc_buf_puts(b, "&lt;");
			break;
		case '>':
			pc_buf_puts(b, "&gt;");
			break;
		case '"':
			pc_buf_puts(b, "&quot;");
			break;
		case '\'':
			pc_buf_puts(b, "&#39;");
			break;
		default:
			pc_buf_putc(b, *s);
		}
	}
}
