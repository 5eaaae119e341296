/* CSV writer (RFC 4180). */
#include "csv.h"

#include <string.h>

void pc_csv_bom(pc_buf *b)
{
	pc_buf_puts(b, "\xEF\xBB\xBF");
}

void pc_csv_field(pc_buf *b, const char *s, bool first)
{
	if (!first)
		pc_buf_putc(b, ',');
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		pc_buf_puts(b, s);
		return;
	}
	pc_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			pc_buf_putc(b, '"');
		pc_buf_putc(b, *s);
	}
	pc_buf_putc(b, '"');
}

void pc_csv_end_row(pc_buf *b)
{
	pc_buf_puts(b, "\r\n");
}
