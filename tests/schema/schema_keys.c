/* SPDX-License-Identifier: ISC */
/* Prints every key the loader and the writer know, one dotted path a line
 * ("certificate.generated.at", "partners[].tls"), from the same table they
 * use, so tests/schema/schema.py can compare it with the JSON Schema. */
#include "config.h"

#include <stdio.h>

#include "depfile_schema.h"

static void walk(const struct dsection *sec, const char *prefix)
{
	char path[256];

	for (size_t i = 0; i < sec->n; i++) {
		const struct dfield *f = &sec->fields[i];

		snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", f->key);
		printf("%s\n", path);
		if (f->kind == DK_SECTION)
			walk(f->sub, path);
		else if (f->kind == DK_PARTNERS) {
			snprintf(path, sizeof path, "%s%s%s[]", prefix, *prefix ? "." : "", f->key);
			walk(&depfile_partner, path);
		}
	}
}

int main(void)
{
	walk(&depfile_top, "");
	return ferror(stdout) ? 1 : 0;
}
