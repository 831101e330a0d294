#!/usr/bin/env bash
# Starts the Corvus suite in the foreground on the development
# configuration (conf/dev), with all data under ./var. Used by `make run`.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 027 # nothing under var/ is for other users
VAR="$PWD/var"
mkdir -p "$VAR/etc" "$VAR/lib/socket" "$VAR/lib/log" "$VAR/spool" "$VAR/run"
for f in imapd.conf cyrus.conf; do
  sed "s|@VAR@|$VAR|g" "conf/dev/$f" > "$VAR/etc/$f"
done
if [ "$(id -u)" = 0 ]; then
  # As root, master drops to cyrus_user like Cyrus; make sure it exists
  # and owns the data.
  id cyrus >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin --user-group cyrus
  chown -R cyrus: "$VAR"
fi
chmod 0750 "$VAR"
# The demo user, once: corvus_passwd reads the password from stdin.
if ! grep -qs '^demo:' "$VAR/lib/corvus.passwd"; then
  echo demo | bin/corvus_passwd -C "$VAR/etc/imapd.conf" demo
fi
[ "$(id -u)" = 0 ] && chown cyrus: "$VAR/lib/corvus.passwd"
cat <<MSG
Corvus master starting (foreground; Ctrl-C stops it).
  config:  $VAR/etc/imapd.conf, $VAR/etc/cyrus.conf
  data:    $VAR
  IMAP:    127.0.0.1:11143, user demo, password demo
  LMTP:    127.0.0.1:11024 and $VAR/lib/socket/lmtp (deliver to demo)
  try:     python3 -c "import imaplib; m=imaplib.IMAP4('127.0.0.1',11143); print(m.login('demo','demo')); print(m.list())"
           python3 -c "import smtplib; print(smtplib.LMTP('127.0.0.1',11024).sendmail('me@localhost',['demo'],'Subject: hi\r\n\r\nhello\r\n'))"
  check:   bin/master -t -C $VAR/etc/imapd.conf -M $VAR/etc/cyrus.conf
MSG
exec bin/master -D -C "$VAR/etc/imapd.conf" -M "$VAR/etc/cyrus.conf"
