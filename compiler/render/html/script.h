/* The site's script (script.c): a small progressive enhancement. */
#ifndef PC_HTML_SCRIPT_H
#define PC_HTML_SCRIPT_H

extern const char pc_html_script[];

#endif
