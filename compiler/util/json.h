/* A small streaming JSON writer: indentation, commas and escaping. */
#ifndef PC_JSON_H
#define PC_JSON_H

#include <stdbool.h>

#include "buf.h"

typedef struct pc_json {
	pc_buf *out;
	int depth;
	bool first[128]; /* no comma needed yet at this depth */
	bool after_key;
} pc_json;

void pc_json_init(pc_json *j, pc_buf *out);
void pc_json_object(pc_json *j);
void pc_json_array(pc_json *j);
void pc_json_end_object(pc_json *j);
void pc_json_end_array(pc_json *j);
void pc_json_key(pc_json *j, const char *key);
void pc_json_string(pc_json *j, const char *s); /* NULL writes null */
void pc_json_int(pc_json *j, long long v);
void pc_json_number(pc_json *j, double v); /* shortest form that reads back */
void pc_json_bool(pc_json *j, bool v);
void pc_json_null(pc_json *j);
/* Escapes s as the inside of a JSON string. */
void pc_json_escape(pc_buf *b, const char *s);

#endif
