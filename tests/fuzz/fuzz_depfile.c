/* SPDX-License-Identifier: ISC */
/* libFuzzer target over the deployment file: load from memory, validate,
 * write back and load again (what was written must read back without a
 * structural error and emit the same bytes), and every export. Built with
 * clang by `make fuzz`; the corpus starts from tests/fixtures. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "depfile.h"
#include "deployment.h"
#include "diag.h"
#include "export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exports(const struct deployment *d)
{
	char *(*const fns[])(const struct deployment *) = {
		export_frontend_ps1, export_edge_ps1, export_inf, export_zone,
	};

	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
		free(fns[i](d));
}

/* What the program writes must read back, whatever it was given. */
static void reload(const struct deployment *d)
{
	struct deployment *again = NULL;
	struct diags dg = {0};
	size_t len = 0, len2 = 0;
	char *bytes = depfile_emit(d, &len), *bytes2;

	if (!bytes)
		return;
	depfile_load_buffer("emitted", bytes, len, &again, &dg);
	if (!again)
		abort();
	bytes2 = depfile_emit(again, &len2);
	if (!bytes2 || len != len2 || memcmp(bytes, bytes2, len) != 0)
		abort();
	free(bytes2);
	deployment_free(again);
	diags_free(&dg);
	free(bytes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct deployment *d = NULL;
	struct diags dg = {0};

	depfile_load_buffer("fuzz.yaml", (const char *)data, size, &d, &dg);
	for (size_t i = 0; i < dg.n; i++)
		free(diag_format("fuzz.yaml", &dg.v[i]));
	diags_free(&dg);
	if (!d)
		return 0;
	deployment_validate(d, NULL, &dg);
	diags_free(&dg);
	reload(d);
	exports(d);
	deployment_free(d);
	return 0;
}
