#!/usr/bin/env bash
# The LDAP directory's tests run against a real OpenLDAP: Debian's slapd and ldap-utils (the tests
# start their own slapd with a temporary configuration; the package's own server is not used).
# On Debian/Ubuntu as root this installs them non-interactively. Runs before `npm test`.
set -euo pipefail
if [ -x /usr/sbin/slapd ] && command -v ldapwhoami >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing OpenLDAP (slapd, ldap-utils) from the distribution's packages for the LDAP tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slapd ldap-utils >/dev/null
  # The package starts its own server on port 389; the tests need only the programs.
  if command -v service >/dev/null 2>&1; then service slapd stop >/dev/null 2>&1 || true; fi
  exit 0
fi
echo "The LDAP tests need OpenLDAP: install your distribution's slapd and ldap-utils packages." >&2
exit 1
