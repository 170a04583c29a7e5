/* SPDX-License-Identifier: ISC */
/* The subject's attributes and where each comes from (see subject.h). */
#include "config.h"

#include "subject.h"

/* The request's order since its first version: a recorded subject
 * (certificate.generated.subject) compares equal only in this order. */
static const struct {
	enum subject_field field;
	const char *name;
	const char *key;
	size_t off;
} attrs[] = {
	{SUBJ_CN, "CN", "topology.access_edge_fqdn",
	 offsetof(struct deployment, topo.access_edge_fqdn)},
	{SUBJ_O, "O", "certificate.organization", offsetof(struct deployment, cert.organization)},
	{SUBJ_OU, "OU", "certificate.organizational_unit",
	 offsetof(struct deployment, cert.organizational_unit)},
	{SUBJ_L, "L", "certificate.city", offsetof(struct deployment, cert.city)},
	{SUBJ_ST, "ST", "certificate.state", offsetof(struct deployment, cert.state)},
	{SUBJ_C, "C", "certificate.country", offsetof(struct deployment, cert.country)},
};

_Static_assert(sizeof attrs / sizeof *attrs == SUBJECT_MAX, "one entry per attribute");

size_t subject_attrs(const struct deployment *d, struct subject_attr out[SUBJECT_MAX])
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++) {
		const char *v = *(char *const *)((const char *)d + attrs[i].off);

		if (!v || !*v)
			continue;
		out[n].field = attrs[i].field;
		out[n].name = attrs[i].name;
		out[n].key = attrs[i].key;
		out[n].value = v;
		n++;
	}
	return n;
}
