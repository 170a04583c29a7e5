/* SPDX-License-Identifier: ISC */
/* Benchmark baseline (tests/bench/loader.sh): libyaml's own event parse of
 * a file and nothing else, the floor under `xmppgw check`. Parses until
 * the stream ends, deleting each event, and prints the number of events.
 * Usage: yaml_events FILE */
#include "config.h"

#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	unsigned long events = 0;
	int done = 0, rc = 0;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: yaml_events FILE\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	if (!yaml_parser_initialize(&parser)) {
		fclose(f);
		return 2;
	}
	yaml_parser_set_input_file(&parser, f);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "%s: line %lu: %s\n", argv[1],
				(unsigned long)parser.problem_mark.line + 1,
				parser.problem ? parser.problem : "parse error");
			rc = 1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		events++;
	}
	yaml_parser_delete(&parser);
	fclose(f);
	if (rc == 0)
		printf("%lu\n", events);
	return rc;
}
