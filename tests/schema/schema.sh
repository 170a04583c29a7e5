#!/bin/sh
# SPDX-License-Identifier: ISC
# Runs tests/schema/schema.py (the JSON Schema against the loader) with
# the key dump built beside it.
exec python3 "$top_srcdir/tests/schema/schema.py" "$top_srcdir" "$XMPPGW" \
	"$top_builddir/tests/schema/schema_keys"
