/* Escaping text for HTML and XML: the one function every writer of
 * markup uses, so no text can open a tag or end an attribute. */
#ifndef PC_ESCAPE_H
#define PC_ESCAPE_H

#include "buf.h"

/* Appends s with & < > " ' as character references (NULL: nothing). */
void pc_escape_html(pc_buf *b, const char *s);
/* The same for the len bytes at s. */
void pc_escape_html_n(pc_buf *b, const char *s, size_t len);

#endif
