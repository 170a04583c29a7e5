#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""A small XMPP server for the probe's tests, on a loopback port it prints.

hostile.py MODE [CERT KEY]: every connection gets the behaviour of MODE:
  slowloris  accepts, then trickles the stream header a byte at a time
  close      sends half a stream header, then closes
  malformed  sends a stream whose features are not well-formed XML
  bomb       sends a DTD with an entity-expansion bomb before the stream
  big        sends the header, then one 10 MB stanza
  bigtag     sends the header, then a 10 MB attribute that never ends
  junk       STARTTLS works, then junk instead of a stream after TLS
  tls10      STARTTLS required, TLS 1.0 only; dialback after TLS
  sasl       STARTTLS required; after TLS EXTERNAL and no dialback
  error      a stream error whose text holds C1 control characters
  spoof      a stream error whose text holds bidi controls and an ESC
  hdrclose   sends the whole stream header, then closes
  featwait   sends the header and features (dialback, no STARTTLS), waits
  noproceed  offers STARTTLS, then never answers it
  tlsstall   answers STARTTLS, then never answers the TLS handshake
  slowtls    TLS works, then the stream after it trickles a byte at a time
hostile.py MODE [CERT KEY] with HOSTILE_FAMILY=6 listens on ::1; MODEv6 is MODE.
Runs until it is killed (the tests kill it by its pid).
"""
import os
import socket
import ssl
import sys
import threading
import time
import warnings

# TLS 1.0 is what the tls10 mode is for.
warnings.filterwarnings("ignore", category=DeprecationWarning)

HEADER = (b"<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
          b"xmlns:stream='http://etherx.jabber.org/streams' "
          b"xmlns:db='jabber:server:dialback' from='hostile.test' id='x' version='1.0'>")
STARTTLS = (b"<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
            b"<required/></starttls></stream:features>")
PROCEED = b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"


def read_until(conn, marker, limit=65536):
    data = b""
    while marker not in data and len(data) < limit:
        chunk = conn.recv(4096)
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def wait_close(conn):
    """Waits until the probe closes (or 30 s), reading what it sends."""
    conn.settimeout(30)
    while conn.recv(4096):
        pass


def bomb():
    ents = b'<!ENTITY a0 "lol">'
    for i in range(1, 12):
        ents += b'<!ENTITY a%d "%s">' % (i, (b"&a%d;" % (i - 1)) * 10)
    return (b"<?xml version='1.0'?><!DOCTYPE stream:stream [" + ents + b"]>" +
            HEADER[len(b"<?xml version='1.0'?>"):] + b"<stream:features>&a11;</stream:features>")


def tls_context(mode, cert, key):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    if mode == "tls10":
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
        ctx.minimum_version = ssl.TLSVersion.TLSv1
        ctx.maximum_version = ssl.TLSVersion.TLSv1
    return ctx


def after_tls(mode, tconn):
    if mode == "junk":
        tconn.sendall(b"\x00\x01HTTP/1.1 400 Bad Request\r\n\r\n\x1b[31m<<<junk")
        time.sleep(0.5)
        return
    read_until(tconn, b">")
    if mode == "slowtls":
        for b in HEADER:
            tconn.sendall(bytes([b]))
            time.sleep(0.3)
        return
    if mode == "tls10":
        feats = b"<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>"
    else:
        feats = (b"<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                 b"<mechanism>EXTERNAL</mechanism></mechanisms></stream:features>")
    header = HEADER if mode == "tls10" else HEADER.replace(b"xmlns:db='jabber:server:dialback' ", b"")
    tconn.sendall(header + feats)
    time.sleep(0.5)


def serve(conn, mode, cert, key):
    try:
        read_until(conn, b">")
        if mode == "slowloris":
            for b in HEADER:
                conn.sendall(bytes([b]))
                time.sleep(0.3)
        elif mode == "error":
            conn.sendall(HEADER + "<stream:error><policy-violation "
                         "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text "
                         "xmlns='urn:ietf:params:xml:ns:xmpp-streams'>go \u009b31m away"
                         "\u0085</text></stream:error>".encode())
            time.sleep(0.5)
        elif mode == "spoof":
            conn.sendall(HEADER + "<stream:error><policy-violation "
                         "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text "
                         "xmlns='urn:ietf:params:xml:ns:xmpp-streams'>ok\u202egnp.exe"
                         "\u2066x\u2069 \u202a\u202b\u202c\u202d\u2067\u2068"
                         "</text></stream:error>".encode() + b"\x1b[2J")
            time.sleep(0.5)
        elif mode == "hdrclose":
            conn.sendall(HEADER)
        elif mode == "featwait":
            conn.sendall(HEADER + b"<stream:features><dialback "
                         b"xmlns='urn:xmpp:features:dialback'/></stream:features>")
            wait_close(conn)
        elif mode == "noproceed":
            conn.sendall(HEADER + STARTTLS)
            wait_close(conn)
        elif mode == "tlsstall":
            conn.sendall(HEADER + STARTTLS)
            read_until(conn, b"starttls")
            conn.sendall(PROCEED)
            wait_close(conn)
        elif mode == "close":
            conn.sendall(HEADER[:60])
        elif mode == "malformed":
            conn.sendall(HEADER + b"<stream:features><starttls></stream:features>")
            time.sleep(1)
        elif mode == "bomb":
            conn.sendall(bomb())
            time.sleep(1)
        elif mode == "bigtag":
            conn.sendall(HEADER + b"<stream:features><x a='")
            chunk = b"A" * 65536
            for _ in range(160):
                conn.sendall(chunk)
        elif mode == "big":
            conn.sendall(HEADER + b"<message><body>")
            chunk = b"A" * 65536
            for _ in range(160):
                conn.sendall(chunk)
            conn.sendall(b"</body></message>")
        elif mode in ("junk", "tls10", "sasl", "slowtls"):
            conn.sendall(HEADER + STARTTLS)
            read_until(conn, b"starttls")
            conn.sendall(PROCEED)
            tconn = tls_context(mode, cert, key).wrap_socket(conn, server_side=True)
            after_tls(mode, tconn)
    except (OSError, ConnectionError, ssl.SSLError):
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def main():
    mode = sys.argv[1].replace("v6", "")
    cert = sys.argv[2] if len(sys.argv) > 2 else None
    key = sys.argv[3] if len(sys.argv) > 3 else None
    six = os.environ.get("HOSTILE_FAMILY") == "6"
    srv = socket.socket(socket.AF_INET6 if six else socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("::1" if six else "127.0.0.1", 0))
    srv.listen(1024)
    print(srv.getsockname()[1], flush=True)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(conn, mode, cert, key), daemon=True).start()


if __name__ == "__main__":
    main()
