# SPDX-License-Identifier: ISC
# A test certification authority, made with the openssl command, for the
# cert tests and benchmark. Sourced after tests/lib.sh.
#
# ca_make DIR CSR: in DIR, a root, an intermediate under it, the same
# intermediate re-made with another key, and leaf certificates issued from
# CSR (the request `xmppgw csr` wrote for share/examples/contoso.yaml), one
# per case: DIR/leaf-NAME.pem. The good one is leaf-good.pem; the others
# differ from it in one way each (see ca_leaves). Also DIR/weak.key (RSA
# 1024) and DIR/other.key, with leaves of their own.

CA_SANS="sip.contoso.com webcon.contoso.com sip.fabrikam.com contoso.com"

ca_config() {
	d=$1
	cat <<CNF
[ ca ]
default_ca = testca
[ testca ]
database = $d/index.txt
new_certs_dir = $d/new
serial = $d/serial
certificate = $d/int.pem
private_key = $d/int.key
default_md = sha256
default_days = 365
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ policy_any ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
[ req ]
distinguished_name = dn
[ dn ]
[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_int ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ sans ]
DNS.1 = sip.contoso.com
DNS.2 = webcon.contoso.com
DNS.3 = sip.fabrikam.com
DNS.4 = contoso.com
[ sans_short ]
DNS.1 = sip.contoso.com
DNS.2 = webcon.contoso.com
DNS.3 = contoso.com
[ sans_wild ]
DNS.1 = sip.contoso.com
DNS.2 = webcon.contoso.com
DNS.3 = sip.fabrikam.com
DNS.4 = contoso.com
DNS.5 = *.contoso.com
CNF
	# One section per leaf: the good one, then each variant.
	ca_section good "digitalSignature, keyEncipherment" serverAuth sans yes
	ca_section client "digitalSignature, keyEncipherment" "serverAuth, clientAuth" sans yes
	ca_section nosan "digitalSignature, keyEncipherment" serverAuth sans_short yes
	ca_section wildcard "digitalSignature, keyEncipherment" serverAuth sans_wild yes
	ca_section noserver "digitalSignature, keyEncipherment" clientAuth sans yes
	ca_section ku keyAgreement serverAuth sans yes
	ca_section nocdp "digitalSignature, keyEncipherment" serverAuth sans no
}

# ca_section NAME KEYUSAGE EKU SANSECTION CDP(yes|no)
ca_section() {
	printf '[ %s ]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, %s\n' "$1" "$2"
	printf 'extendedKeyUsage = %s\nsubjectAltName = @%s\n' "$3" "$4"
	printf 'subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n'
	if [ "$5" = yes ]; then
		printf 'crlDistributionPoints = URI:http://crl.test.invalid/int.crl\n'
		printf 'authorityInfoAccess = caIssuers;URI:http://aia.test.invalid/int.cer\n'
	fi
}

# ca_leaf DIR NAME SECTION CSR [openssl ca options...]
ca_leaf() {
	d=$1 name=$2 section=$3 csr=$4
	shift 4
	openssl ca -config "$d/ca.cnf" -batch -notext -preserveDN -extensions "$section" \
		-in "$csr" -out "$d/leaf-$name.pem" "$@" 2>"$d/leaf-$name.err" ||
		{ echo "# ca_leaf $name failed:"; sed 's/^/#   /' "$d/leaf-$name.err"; return 1; }
}

ca_make() {
	d=$1 csr=$2
	mkdir -p "$d/new" || return 1
	: >"$d/index.txt"
	echo 1000 >"$d/serial"
	ca_config "$d" >"$d/ca.cnf"
	for k in root int int-rekeyed other; do
		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/$k.key" \
			2>/dev/null || return 1
	done
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$d/weak.key" \
		2>/dev/null || return 1
	openssl req -new -x509 -config "$d/ca.cnf" -extensions v3_root -key "$d/root.key" \
		-subj "/O=xmppgw tests/CN=xmppgw Test Root" -days 3650 -out "$d/root.pem" || return 1
	for k in int int-rekeyed; do
		openssl req -new -config "$d/ca.cnf" -key "$d/$k.key" \
			-subj "/O=xmppgw tests/CN=xmppgw Test Intermediate" -out "$d/$k.csr" &&
			openssl x509 -req -in "$d/$k.csr" -CA "$d/root.pem" -CAkey "$d/root.key" \
				-CAcreateserial -days 1825 -extfile "$d/ca.cnf" -extensions v3_int \
				-out "$d/$k.pem" 2>/dev/null || return 1
	done
	for k in weak other; do
		openssl req -new -config "$d/ca.cnf" -key "$d/$k.key" -subj "/CN=sip.contoso.com" \
			-out "$d/$k.csr" || return 1
	done
	ca_leaves "$d" "$csr"
}

ca_leaves() {
	d=$1 csr=$2
	ca_leaf "$d" good good "$csr" &&
		ca_leaf "$d" client client "$csr" &&
		ca_leaf "$d" expired good "$csr" -startdate 20200101000000Z -enddate 20210101000000Z &&
		ca_leaf "$d" future good "$csr" -startdate 20990101000000Z -enddate 21000101000000Z &&
		ca_leaf "$d" short good "$csr" -days 10 &&
		ca_leaf "$d" nosan nosan "$csr" &&
		ca_leaf "$d" wildcard wildcard "$csr" &&
		ca_leaf "$d" noserver noserver "$csr" &&
		ca_leaf "$d" ku ku "$csr" &&
		ca_leaf "$d" nocdp nocdp "$csr" &&
		ca_leaf "$d" cn good "$csr" -subj "/CN=edge.contoso.com/O=Contoso Ltd" &&
		ca_leaf "$d" pss good "$csr" -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 &&
		ca_leaf "$d" weak good "$d/weak.csr" &&
		ca_leaf "$d" wrongkey good "$d/other.csr"
}
