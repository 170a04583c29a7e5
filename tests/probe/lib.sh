# SPDX-License-Identifier: ISC
# Shared by the probe tests and the benchmark: certificates made with
# openssl, Prosody (Debian's package) started on loopback ports with its
# own configuration, data folder and pid file, and dnsmasq for the SRV
# records. Source it after tests/lib.sh and tests/dns/lib.sh.

PROSODY=${PROSODY:-/usr/bin/prosody}
PR_PIDS=""

pr_stop_all() {
	for p in $PR_PIDS; do kill "$p" 2>/dev/null; done
	for p in $PR_PIDS; do wait "$p" 2>/dev/null; done
	PR_PIDS=""
}
at_exit pr_stop_all

pr_have_prosody() { [ -x "$PROSODY" ]; }

# pr_free_port: a loopback TCP port nobody listens on now.
pr_free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# pr_ca DIR: a test CA, DIR/ca.pem and DIR/ca.key.
pr_ca() {
	mkdir -p "$1"
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=xmppgw test CA" \
		-keyout "$1/ca.key" -out "$1/ca.pem" \
		-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign \
		2>/dev/null
}

# pr_leaf DIR NAME ca|self DOMAIN...: DIR/NAME.pem and .key for the
# DOMAINs (a dNSName each, and the XMPP SRV-ID of the first), issued by
# the test CA or self-signed.
pr_leaf() {
	dir=$1 name=$2 by=$3
	shift 3
	sans=""
	for d in "$@"; do sans="${sans}${sans:+,}DNS:$d"; done
	sans="$sans,otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.$1"
	openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$dir/$name.key" \
		-out "$dir/$name.csr" 2>/dev/null || return 1
	printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$sans" >"$dir/$name.ext"
	if [ "$by" = ca ]; then
		openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
			-CAcreateserial -days 2 -extfile "$dir/$name.ext" -out "$dir/$name.pem" 2>/dev/null
	else
		openssl x509 -req -in "$dir/$name.csr" -signkey "$dir/$name.key" -days 2 \
			-extfile "$dir/$name.ext" -out "$dir/$name.pem" 2>/dev/null
	fi
}

# pr_thumbprint PEM: SHA-1 of the DER, upper-case hex, as Windows shows it.
pr_thumbprint() {
	openssl x509 -in "$1" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g'
}

# pr_start NAME CERT OPTIONS DOMAIN...: Prosody serving the DOMAINs with
# CERT (DIR/NAME.pem and .key), OPTIONS appended to the global section
# (Lua), s2s on a free loopback port, set in PR_PORT. Waits until it
# listens; its pid is kept and killed at exit.
pr_start() {
	name=$1 cert=$2 opts=$3
	shift 3
	dir="$T_TMP/prosody-$name"
	mkdir -p "$dir/data"
	PR_PORT=$(pr_free_port)
	c2s=$(pr_free_port)
	root=false
	[ "$(id -u)" -eq 0 ] && root=true
	{
		cat <<EOF
run_as_root = $root
daemonize = false
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { $c2s }
c2s_direct_tls_ports = { }
s2s_ports = { $PR_PORT }
s2s_direct_tls_ports = { }
component_ports = { }
http_ports = { }
https_ports = { }
log = { debug = "$dir/prosody.log" }
modules_enabled = { "tls", "dialback", "saslauth", "disco" }
ssl = { certificate = "$cert.pem", key = "$cert.key" }
$opts
EOF
		for d in "$@"; do printf 'VirtualHost "%s"\n' "$d"; done
	} >"$dir/prosody.cfg.lua"
	"$PROSODY" --config "$dir/prosody.cfg.lua" -F >"$dir/stdout" 2>&1 &
	pid=$!
	PR_PIDS="$PR_PIDS $pid"
	i=0
	while [ "$i" -lt 200 ]; do
		if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$PR_PORT),0.2)" 2>/dev/null; then
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
		i=$((i + 1))
	done
	echo "# prosody did not start:"
	sed 's/^/#   /' "$dir/stdout" "$dir/prosody.log" 2>/dev/null | tail -20
	return 1
}

# pr_zone FILE DOMAIN PORT [TARGET]: appends SRV and address records
# pointing DOMAIN's federation at 127.0.0.1:PORT.
pr_zone() {
	target=${4:-xmpp.$2}
	printf 'host-record=%s,127.0.0.1\nsrv-host=_xmpp-server._tcp.%s,%s,%s,0,0\n' \
		"$target" "$2" "$target" "$3" >>"$1"
}
