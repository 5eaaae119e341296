/* Streaming JSON writer. */
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void pc_json_init(pc_json *j, pc_buf *out)
{
	j->out = out;
	j->depth = 0;
	j->first[0] = true;
	j->after_key = false;
}

static void indent(pc_json *j)
{
	pc_buf_putc(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		pc_buf_put(j->out, "  ", 2);
}

/* Comma and line break before a value, unless it follows a key. */
static void before_value(pc_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		pc_buf_putc(j->out, ',');
	j->first[j->depth] = false;
	if (j->depth > 0)
		indent(j);
}

static void open(pc_json *j, char c)
{
	before_value(j);
	pc_buf_putc(j->out, c);
	if (j->depth < 127)
		j->depth++;
	j->first[j->depth] = true;
}

static void close_(pc_json *j, char c)
{
	bool empty = j->first[j->depth];
	j->depth--;
	if (!empty)
		indent(j);
	pc_buf_putc(j->out, c);
	if (j->depth == 0)
		pc_buf_putc(j->out, '\n');
}

void pc_json_object(pc_json *j)
{
	open(j, '{');
}

void pc_json_array(pc_json *j)
{
	open(j, '[');
}

void pc_json_end_object(pc_json *j)
{
	close_(j, '}');
}

void pc_json_end_array(pc_json *j)
{
	close_(j, ']');
}

void pc_json_escape(pc_buf *b, const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		switch (*c) {
		case '"':
			pc_buf_put(b, "\\\"", 2);
			break;
		case '\\':
			pc_buf_put(b, "\\\\", 2);
			break;
		case '\n':
			pc_buf_put(b, "\\n", 2);
			break;
		case '\t':
			pc_buf_put(b, "\\t", 2);
			break;
		case '\r':
			pc_buf_put(b, "\\r", 2);
			break;
		default:
			if (*c < 0x20)
				pc_buf_printf(b, "\\u%04x", *c);
			else
				pc_buf_putc(b, (char)*c);
		}
	}
}

void pc_json_key(pc_json *j, const char *key)
{
	before_value(j);
	pc_buf_putc(j->out, '"');
	pc_json_escape(j->out, key);
	pc_buf_put(j->out, "\": ", 3);
	j->after_key = true;
}

void pc_json_string(pc_json *j, const char *s)
{
	if (!s) {
		pc_json_null(j);
		return;
	}
	before_value(j);
	pc_buf_putc(j->out, '"');
	pc_json_escape(j->out, s);
	pc_buf_putc(j->out, '"');
}

void pc_json_int(pc_json *j, long long v)
{
	before_value(j);
	pc_buf_printf(j->out, "%lld", v);
}

void pc_json_number(pc_json *j, double v)
{
	if (!isfinite(v)) {
		pc_json_null(j);
		return;
	}
	before_value(j);
	char tmp[64];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	pc_buf_puts(j->out, tmp);
}

void pc_json_bool(pc_json *j, bool v)
{
	before_value(j);
	pc_buf_puts(j->out, v ? "true" : "false");
}

void pc_json_null(pc_json *j)
{
	before_value(j);
	pc_buf_puts(j->out, "null");
}
