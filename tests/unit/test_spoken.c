/* Unit tests of the spoken texts (model/spoken.h): which cells read as
 * 「該当なし」 and which are left as they are. */
#include <criterion/criterion.h>

#include "model/spoken.h"

Test(spoken, a_cell_of_dashes_reads_as_nothing_to_show)
{
	const char *dashes[] = {"－", "-",  "―",    "—",      "–",    "−",
	                        "‐",  "ー", " － ", "　－　", "－－", "---"};
	for (size_t i = 0; i < sizeof dashes / sizeof *dashes; i++)
		cr_assert_str_eq(pc_spoken_cell(dashes[i]), "該当なし", "%s", dashes[i]);
}

Test(spoken, other_cells_are_read_as_written)
{
	const char *cells[] = {"",     " ",    "0",    "－1",    "△152 人", "-5%",
	                       "なし", "増加", "ー部", "\xff－", NULL};
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
		cr_assert_null(pc_spoken_cell(cells[i]), "%s", cells[i] ? cells[i] : "(null)");
}
