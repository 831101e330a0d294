#!/bin/sh
# Installs the servers bench/peers compares Corvus with: Debian's Cyrus
# IMAP 3.6 and Dovecot 2.3, without running them as system services.
# bench/peers starts each itself on its own 127.0.0.1 ports with its own
# generated configuration and data folder. Run as root; safe to run again.
#
# Traps this works around:
#   - cyrus-imapd and dovecot-imapd conflict (both provide imap-server):
#     cyrus-common (master, lmtpd, ctl_cyrusdb, …) is installed, and
#     cyrus-imapd (imapd, idled) is only unpacked, with apt-get download
#     and dpkg -x, into $PEERS_HOME/cyrus-imapd.
#   - the packages start their system services when installed: a
#     policy-rc.d that answers 101 stops that during the install, and
#     whatever still runs (an earlier install) is stopped and disabled.
#   - Dovecot's IDLE and hibernation need an inotify instance per
#     session, all under one uid, and silently fall back to polling past
#     fs.inotify.max_user_instances (128 by default): it is raised.
#   - Dovecot will not store mail as root or its own users: a system
#     user "vmail" owns the benchmark's Dovecot mail.
set -eu

PEERS_HOME=${PEERS_HOME:-/var/tmp/corvus-peers}
INOTIFY_MIN=${INOTIFY_MIN:-16384}

say() { echo "setup.sh: $*"; }

if [ "$(id -u)" -ne 0 ]; then
	say "run as root (apt-get, useradd, sysctl)" >&2
	exit 1
fi

# Keep the packages' maintainer scripts from starting services.
policy=/usr/sbin/policy-rc.d
made_policy=
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' > "$policy"
	chmod 755 "$policy"
	made_policy=1
fi
cleanup() { if [ -n "$made_policy" ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
pkgs="cyrus-common cyrus-admin sasl2-bin libsasl2-modules dovecot-imapd dovecot-lmtpd"
missing=
for p in $pkgs; do
	dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	say "installing$missing"
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing
fi

# Stop and disable the system services, should anything have started them.
for svc in cyrus-imapd dovecot; do
	if [ -d /run/systemd/system ]; then
		systemctl disable --now "$svc" >/dev/null 2>&1 || true
	else
		service "$svc" stop >/dev/null 2>&1 || true
	fi
done
for pidfile in /run/cyrus-master.pid /var/run/cyrus-master.pid /run/dovecot/master.pid; do
	if [ -s "$pidfile" ]; then
		pid=$(cat "$pidfile")
		if kill -0 "$pid" 2>/dev/null; then
			say "stopping the system service's process $pid ($pidfile)"
			kill "$pid" || true
		fi
	fi
done

# cyrus-imapd's imapd and idled, unpacked beside, not installed.
if [ ! -x "$PEERS_HOME/cyrus-imapd/usr/lib/cyrus/bin/imapd" ]; then
	mkdir -p "$PEERS_HOME/deb"
	chmod 755 "$PEERS_HOME"
	if id _apt >/dev/null 2>&1; then chown _apt "$PEERS_HOME/deb"; fi # apt-get download fetches as _apt
	(cd "$PEERS_HOME/deb" && apt-get download cyrus-imapd)
	deb=$(ls -t "$PEERS_HOME"/deb/cyrus-imapd_*.deb | head -n 1)
	rm -rf "$PEERS_HOME/cyrus-imapd"
	dpkg -x "$deb" "$PEERS_HOME/cyrus-imapd"
	say "unpacked $(basename "$deb") into $PEERS_HOME/cyrus-imapd"
fi
chmod 755 "$PEERS_HOME"

# Users: cyrus-common makes "cyrus"; Dovecot's mail belongs to "vmail".
id cyrus >/dev/null
if ! id vmail >/dev/null 2>&1; then
	useradd --system --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin vmail
	say "made the system user vmail"
fi

cur=$(cat /proc/sys/fs/inotify/max_user_instances)
if [ "$cur" -lt "$INOTIFY_MIN" ]; then
	if sysctl -q -w fs.inotify.max_user_instances="$INOTIFY_MIN" 2>/dev/null; then
		say "raised fs.inotify.max_user_instances from $cur to $INOTIFY_MIN"
	else
		say "WARNING: fs.inotify.max_user_instances is $cur and cannot be raised here: Dovecot's IDLE falls back to polling past that many sessions" >&2
	fi
fi

say "Cyrus $(dpkg-query -W -f '${Version}' cyrus-common), Dovecot $(dovecot --version); cyrus-imapd in $PEERS_HOME/cyrus-imapd"
