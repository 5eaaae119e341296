/*
 * plancc serve: a local preview of a draft plan (docs/serve.md). Builds
 * the plan into a private temporary folder, serves the site and the PDF
 * on 127.0.0.1 with libmicrohttpd, rebuilds when a file of the plan
 * folder changes, and lets open pages reload themselves or show the
 * diagnostics of a failed build.
 */
#ifndef PC_SERVE_H
#define PC_SERVE_H

#include <stdbool.h>

typedef struct pc_serve_options {
	const char *dir;   /* the plan folder */
	const char *self;  /* this program, run for every build */
	const char *fonts; /* --fonts, or NULL */
	int port;          /* 0: any free port */
	bool open;         /* open the site in the desktop's browser */
} pc_serve_options;

/* Runs until SIGINT or SIGTERM; returns the exit status (0 after a clean
 * stop, 1 when it could not start). Prints the URL on stdout. */
int pc_serve(const pc_serve_options *opt);

#endif
