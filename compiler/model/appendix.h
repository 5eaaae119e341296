/* The appendices at the back of the plan, in the order they are printed,
 * with the one title each bears in the contents, its own heading, running
 * heads, the outline and the site. */
#ifndef PC_MODEL_APPENDIX_H
#define PC_MODEL_APPENDIX_H

#include <stdbool.h>

struct pc_doc;

typedef enum pc_appendix {
	PC_APPX_KPI,      /* 成果指標一覧 */
	PC_APPX_GLOSSARY, /* 用語解説 */
	PC_APPX_INDEX,    /* 索引 */
	PC_APPX_COUNT
} pc_appendix;

static inline const char *pc_appendix_title(pc_appendix a)
{
	static const char *titles[PC_APPX_COUNT] = {"成果指標一覧", "用語解説", "索引"};
	return titles[a];
}

/* Whether the plan has the appendix: indicators, terms, index entries. */
bool pc_appendix_present(const struct pc_doc *doc, pc_appendix a);

#endif
