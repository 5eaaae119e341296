/* The 17 SDGs goals: official colours and Japanese names, for every back end. */
#ifndef PC_SDGS_H
#define PC_SDGS_H

#include <stdint.h>

/* Goal 1..17; 0 and out-of-range goals give black and "". */
uint32_t pc_sdg_colour(int goal);
const char *pc_sdg_name(int goal);
/* The colour of text on the goal's colour: white where it reads at 4.5:1
 * (WCAG contrast), else black. */
uint32_t pc_sdg_text_colour(int goal);

#endif
