#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""A hostile DNS server on loopback for tests/dns/hostile.sh.

Over UDP every answer is truncated (TC), so the resolver moves to TCP. Over
TCP the queries of one connection are gathered for a moment; if one asks
for a name with a label "close", the connection is closed with none of
them answered, as a server that dies on one query does. Otherwise:

  _xmpp-server._tcp.<x>.xg.test SRV  0 0 5269 xmpp.<x>.xg.test
    except ctl:   a target with a control byte (BEL)
           nul:   a target with a NUL byte
           space: a target with a space
           client: 0 0 5222 xmpp.client.xg.test, whose A and AAAA fail
           edge:  0 0 5269 edge.xg.test (the deployment's Access Edge)
  edge.xg.test A: 127.0.0.2; any other A: 127.0.0.1; AAAA: no data.

Prints its port on stdout once listening; runs until killed.
"""
import select
import socket
import struct
import sys
import threading

GATHER_S = 0.15


def qname(msg, off=12):
    labels = []
    while msg[off]:
        n = msg[off]
        labels.append(msg[off + 1:off + 1 + n])
        off += n + 1
    return labels, off + 1


def encode(labels):
    return b"".join(bytes([len(x)]) + x for x in labels) + b"\0"


def header(qid, flags, an):
    return struct.pack(">HHHHHH", qid, flags, 1, an, 0, 0)


def answer(msg):
    qid, qflags = struct.unpack(">HH", msg[:4])
    labels, end = qname(msg)
    qtype, _ = struct.unpack(">HH", msg[end:end + 4])
    question = msg[12:end + 4]
    rd = qflags & 0x0100
    names = [x.lower() for x in labels]
    rrs = []
    rcode = 0
    if qtype == 33 and names[:2] == [b"_xmpp-server", b"_tcp"]:
        who = names[2]
        port = 5269
        target = [b"xmpp"] + labels[2:]
        if who == b"ctl":
            target = [b"xm\x07pp"] + labels[2:]
        elif who == b"nul":
            target = [b"xm\x00pp"] + labels[2:]
        elif who == b"space":
            target = [b"xmpp server"] + labels[2:]
        elif who == b"client":
            port = 5222
        elif who == b"edge":
            target = [b"edge", b"xg", b"test"]
        rdata = struct.pack(">HHH", 0, 0, port) + encode(target)
        rrs.append(encode(labels) + struct.pack(">HHIH", 33, 1, 60, len(rdata)) + rdata)
    elif names[:2] == [b"xmpp", b"client"]:
        rcode = 2
    elif qtype == 1:
        last = 2 if names == [b"edge", b"xg", b"test"] else 1
        rrs.append(encode(labels) + struct.pack(">HHIH", 1, 1, 60, 4) + bytes([127, 0, 0, last]))
    flags = 0x8400 | rd | rcode
    return header(qid, flags, len(rrs)) + question + b"".join(rrs)


def udp_loop(s):
    while True:
        msg, peer = s.recvfrom(4096)
        qid, qflags = struct.unpack(">HH", msg[:4])
        _, end = qname(msg)
        s.sendto(header(qid, 0x8200 | (qflags & 0x0100), 0) + msg[12:end + 4], peer)


def read_messages(buf):
    out = []
    while len(buf) >= 2:
        n = struct.unpack(">H", buf[:2])[0]
        if len(buf) < 2 + n:
            break
        out.append(buf[2:2 + n])
        buf = buf[2 + n:]
    return out, buf


def tcp_conn(c):
    buf = b""
    try:
        while True:
            data = c.recv(65536)
            if not data:
                return
            buf += data
            while select.select([c], [], [], GATHER_S)[0]:
                data = c.recv(65536)
                if not data:
                    return
                buf += data
            msgs, buf = read_messages(buf)
            if any(b"close" in [x.lower() for x in qname(m)[0]] for m in msgs):
                return
            for m in msgs:
                a = answer(m)
                c.sendall(struct.pack(">H", len(a)) + a)
    finally:
        c.close()


def main():
    for _ in range(50):
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        t.bind(("127.0.0.1", 0))
        port = t.getsockname()[1]
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            u.bind(("127.0.0.1", port))
            break
        except OSError:
            t.close()
            u.close()
    else:
        sys.exit("no free port")
    t.listen(16)
    threading.Thread(target=udp_loop, args=(u,), daemon=True).start()
    print(port, flush=True)
    while True:
        c, _ = t.accept()
        threading.Thread(target=tcp_conn, args=(c,), daemon=True).start()


if __name__ == "__main__":
    main()
