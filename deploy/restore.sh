#!/usr/bin/env bash
# Restore a Vantor backup made by deploy/backup.sh into the database DATABASE_URL names (which
# must exist and should be empty) and, given a media tarball, into MEDIA_ROOT.
#   deploy/restore.sh /var/backups/vantor/vantor-<stamp>.dump [/var/backups/vantor/media-<stamp>.tar.gz]
# Stop the web and worker services first; start them again after.
set -euo pipefail

dump=${1:?usage: restore.sh <dump> [media tarball]}
media=${2:-}
: "${DATABASE_URL:?DATABASE_URL must be set}"

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$dump"

if [[ -n "$media" ]]; then
    : "${MEDIA_ROOT:?MEDIA_ROOT must be set to restore media}"
    mkdir -p "$MEDIA_ROOT"
    tar --extract --gzip --file="$media" --directory="$MEDIA_ROOT"
fi
echo "restored $dump${media:+ and $media}"
