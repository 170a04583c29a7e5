/* SPDX-License-Identifier: ISC */
/* home: what the home screen says about a deployment (no curses): its
 * name, what is filled in and what is missing, the procedure's warnings. */
#ifndef XMPPGW_WIZARDS_HOME_H
#define XMPPGW_WIZARDS_HOME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "deployment.h"

/* The primary SIP domain, else the file's name. Caller frees. */
char *home_name(const struct deployment *d, const char *path);
/* One line per part (topology, Topology Builder step, certificate
 * settings, the certificate's state at time now, partners, access policy
 * and Access Edge, DNS), saying what is done and what is missing, after a
 * line with the count of problems when there are any. base_dir: the
 * deployment's folder, where the certificate's files are read (NULL: they
 * are not). Caller frees. */
char *home_summary(const struct deployment *d, const char *base_dir, size_t problems,
		   time_t now);
/* The Topology Builder step in short: what to do and how to verify
 * (translated, static). */
const char *home_builder_steps(void);
/* The two warnings of the procedure (translated, static). */
const char *home_warnings(void);
/* True when the topology the certificate needs is all there. */
bool home_topology_complete(const struct deployment *d);

#endif
