/* Which appendices a plan has (see appendix.h). */
#include "appendix.h"

#include "../ast.h"
#include "../index/index.h"

bool pc_appendix_present(const pc_doc *doc, pc_appendix a)
{
	switch (a) {
	case PC_APPX_KPI:
		return doc->indicators.len > 0;
	case PC_APPX_GLOSSARY:
		return doc->terms.len > 0;
	case PC_APPX_INDEX:
		return doc->index && doc->index->nentries > 0;
	default:
		return false;
	}
}
