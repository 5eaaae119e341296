/* Spoken texts for signs that say little to the ear (see spoken.h). */
#include "spoken.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../util/utf8.h"

static bool is_dash(uint32_t cp)
{
	static const uint32_t dashes[] = {'-',    0x2010, 0x2011, 0x2012, 0x2013, 0x2014,
	                                  0x2015, 0x2212, 0x2500, 0x30FC, 0xFF0D};
	for (size_t i = 0; i < sizeof dashes / sizeof *dashes; i++)
		if (cp == dashes[i])
			return true;
	return false;
}

const char *pc_spoken_cell(const char *text)
{
	if (!text)
		return NULL;
	size_t len = strlen(text), dashes = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = pc_utf8_decode(text + i, len - i, &cp);
		if (!n)
			return NULL;
		if (is_dash(cp))
			dashes++;
		else if (!pc_is_space(cp))
			return NULL;
		i += n;
	}
	return dashes ? "該当なし" : NULL;
}
