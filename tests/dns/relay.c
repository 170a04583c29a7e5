/* SPDX-License-Identifier: ISC */
/* A DNS relay on loopback for the tests and the benchmark: listens on UDP
 * 127.0.0.1, forwards every query to a server on 127.0.0.1 and returns each
 * answer DELAY ms after it came back, every answer on its own clock (a slow
 * network, not a slow server). With upstream port 0 it answers nothing.
 *
 *   relay -u UPSTREAM_PORT [-d DELAY_MS] [-l LISTEN_PORT] [-t LIFETIME_S]
 *
 * Prints the port it listens on, then serves until killed, or for
 * LIFETIME_S seconds (600 by default) so a failed test cannot leave it. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PKT_MAX 4096
#define BUF_BYTES (4 << 20)

struct origin {
	int used;
	unsigned char id[2];
	struct sockaddr_in from;
};

struct held {
	long due;
	size_t len;
	unsigned char *pkt;
	struct sockaddr_in to;
};

static struct origin origins[65536];
static struct held *queue;
static size_t qhead, qlen, qcap;

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static int udp_socket(unsigned port, int connect_to)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0), size = BUF_BYTES;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((unsigned short)port);
	if ((connect_to ? connect(fd, (struct sockaddr *)&a, sizeof a)
			: bind(fd, (struct sockaddr *)&a, sizeof a)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void hold(const unsigned char *pkt, size_t len, const struct sockaddr_in *to, long due)
{
	if (qlen == qcap) {
		qcap = qcap ? qcap * 2 : 1024;
		queue = realloc(queue, qcap * sizeof *queue);
		if (!queue) {
			perror("relay");
			exit(1);
		}
	}
	queue[qlen].due = due;
	queue[qlen].len = len;
	queue[qlen].pkt = malloc(len);
	if (!queue[qlen].pkt) {
		perror("relay");
		exit(1);
	}
	memcpy(queue[qlen].pkt, pkt, len);
	queue[qlen].to = *to;
	qlen++;
}

/* Queries get an id of ours, so answers find their way back. */
static void take_queries(int ls, int us)
{
	static unsigned next;
	unsigned char pkt[PKT_MAX];
	struct sockaddr_in from;
	socklen_t flen = sizeof from;
	ssize_t n;

	while ((n = recvfrom(ls, pkt, sizeof pkt, 0, (struct sockaddr *)&from, &flen)) > 0) {
		unsigned id = next++ & 0xffff;

		flen = sizeof from;
		if (n < 12 || us < 0)
			continue;
		origins[id].used = 1;
		memcpy(origins[id].id, pkt, 2);
		origins[id].from = from;
		pkt[0] = (unsigned char)(id >> 8);
		pkt[1] = (unsigned char)id;
		send(us, pkt, (size_t)n, 0);
	}
}

static void take_answers(int us, long delay)
{
	unsigned char pkt[PKT_MAX];
	ssize_t n;

	while ((n = recv(us, pkt, sizeof pkt, 0)) > 0) {
		unsigned id;

		if (n < 12)
			continue;
		id = (unsigned)pkt[0] << 8 | pkt[1];
		if (!origins[id].used)
			continue;
		origins[id].used = 0;
		memcpy(pkt, origins[id].id, 2);
		hold(pkt, (size_t)n, &origins[id].from, now_ms() + delay);
	}
}

/* The delay is the same for all, so the queue is in order of time. */
static long send_due(int ls)
{
	long now = now_ms();

	while (qhead < qlen && queue[qhead].due <= now) {
		struct held *h = &queue[qhead++];

		sendto(ls, h->pkt, h->len, 0, (struct sockaddr *)&h->to, sizeof h->to);
		free(h->pkt);
	}
	if (qhead == qlen)
		qhead = qlen = 0;
	return qhead < qlen ? queue[qhead].due - now : -1;
}

static int serve(int ls, int us, long delay, long lifetime_ms)
{
	long end = now_ms() + lifetime_ms;

	for (;;) {
		struct pollfd p[2] = {{.fd = ls, .events = POLLIN}, {.fd = us, .events = POLLIN}};
		long wait = send_due(ls), left = end - now_ms();

		if (left <= 0)
			return 0;
		if (wait < 0 || wait > left)
			wait = left;
		if (poll(p, us >= 0 ? 2 : 1, (int)wait) < 0 && errno != EINTR)
			return 1;
		if (p[0].revents)
			take_queries(ls, us);
		if (us >= 0 && p[1].revents)
			take_answers(us, delay);
	}
}

int main(int argc, char **argv)
{
	long upstream = -1, delay = 0, listen_port = 0, lifetime = 600;
	struct sockaddr_in a;
	socklen_t alen = sizeof a;
	int opt, ls, us = -1;

	while ((opt = getopt(argc, argv, "u:d:l:t:")) != -1) {
		long *dst = opt == 'u' ? &upstream : opt == 'd' ? &delay
			  : opt == 'l' ? &listen_port : opt == 't' ? &lifetime : NULL;

		if (!dst)
			goto usage;
		*dst = strtol(optarg, NULL, 10);
	}
	if (upstream < 0 || upstream > 65535 || delay < 0 || listen_port < 0 ||
	    listen_port > 65535 || optind != argc)
		goto usage;
	ls = udp_socket((unsigned)listen_port, 0);
	if (upstream > 0)
		us = udp_socket((unsigned)upstream, 1);
	if (ls < 0 || (upstream > 0 && us < 0) ||
	    getsockname(ls, (struct sockaddr *)&a, &alen) < 0) {
		perror("relay");
		return 1;
	}
	printf("%u\n", ntohs(a.sin_port));
	fflush(stdout);
	return serve(ls, us, delay, lifetime * 1000);
usage:
	fputs("usage: relay -u UPSTREAM_PORT [-d DELAY_MS] [-l LISTEN_PORT] [-t LIFETIME_S]\n",
	      stderr);
	return 2;
}
