/*
 * libmicrohttpd, loaded when the preview server starts. Every other
 * command (a build, which the server itself runs as a child for each save)
 * would otherwise pay for loading and relocating it and the TLS libraries
 * it pulls in, some 8 ms of CPU per run that serves nothing.
 */
#ifndef PC_SERVE_MHD_H
#define PC_SERVE_MHD_H

#include <microhttpd.h>
#include <stddef.h>

typedef struct pc_mhd {
	__typeof__(&MHD_start_daemon) start_daemon;
	__typeof__(&MHD_stop_daemon) stop_daemon;
	__typeof__(&MHD_get_daemon_info) get_daemon_info;
	__typeof__(&MHD_create_response_from_buffer) create_response_from_buffer;
	__typeof__(&MHD_create_response_from_fd) create_response_from_fd;
	__typeof__(&MHD_add_response_header) add_response_header;
	__typeof__(&MHD_queue_response) queue_response;
	__typeof__(&MHD_destroy_response) destroy_response;
} pc_mhd;

/* The library's functions, or NULL with the reason in why. */
const pc_mhd *pc_mhd_load(char *why, size_t size);

#endif
