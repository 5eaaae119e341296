/* libmicrohttpd loaded on demand (see mhd.h). */
#include "mhd.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>

/* The soname of the library the project is built against (Debian 12:
 * libmicrohttpd12); MHD_VERSION's major part does not name it. */
#define MHD_SONAME "libmicrohttpd.so.12"

static pc_mhd api;

static bool find(void *lib, const char *name, void **fn, char *why, size_t size)
{
	*fn = dlsym(lib, name);
	if (!*fn)
		snprintf(why, size, "%s: %s がありません", MHD_SONAME, name);
	return *fn != NULL;
}

const pc_mhd *pc_mhd_load(char *why, size_t size)
{
	if (api.start_daemon)
		return &api;
	void *lib = dlopen(MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(why, size, "%s", dlerror());
		return NULL;
	}
	pc_mhd a;
	/* dlsym gives an object pointer; copying it into the function
	 * pointer's bytes is what POSIX specifies for this */
	struct {
		const char *name;
		void *at;
	} table[] = {
	    {"MHD_start_daemon", &a.start_daemon},
	    {"MHD_stop_daemon", &a.stop_daemon},
	    {"MHD_get_daemon_info", &a.get_daemon_info},
	    {"MHD_create_response_from_buffer", &a.create_response_from_buffer},
	    {"MHD_create_response_from_fd", &a.create_response_from_fd},
	    {"MHD_add_response_header", &a.add_response_header},
	    {"MHD_queue_response", &a.queue_response},
	    {"MHD_destroy_response", &a.destroy_response},
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (!find(lib, table[i].name, (void **)table[i].at, why, size)) {
			dlclose(lib);
			return NULL;
		}
	api = a;
	return &api;
}
