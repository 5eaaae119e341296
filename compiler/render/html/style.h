/* The site's style sheet (style.c). */
#ifndef PC_HTML_STYLE_H
#define PC_HTML_STYLE_H

extern const char pc_html_style[];

#endif
