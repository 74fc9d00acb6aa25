#!/usr/bin/env bash
# Back up Vantor: the database (pg_dump custom format) and local-disk media (a tarball).
#   deploy/backup.sh /var/backups/vantor        (reads DATABASE_URL and MEDIA_ROOT)
# With S3 media (AWS_STORAGE_BUCKET_NAME set), the bucket is backed up by the storage service
# (turn on versioning) or copied with `aws s3 sync s3://$AWS_STORAGE_BUCKET_NAME <dir>`.
# Restore with deploy/restore.sh. Keeps the last $BACKUP_KEEP (14) of each.
set -euo pipefail

target=${1:?usage: backup.sh <directory>}
: "${DATABASE_URL:?DATABASE_URL must be set}"
keep=${BACKUP_KEEP:-14}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$target"

pg_dump --format=custom --no-owner --no-privileges --file="$target/vantor-$stamp.dump.partial" \
    "$DATABASE_URL"
mv "$target/vantor-$stamp.dump.partial" "$target/vantor-$stamp.dump"

if [[ -z "${AWS_STORAGE_BUCKET_NAME:-}" && -n "${MEDIA_ROOT:-}" && -d "$MEDIA_ROOT" ]]; then
    tar --create --gzip --file="$target/media-$stamp.tar.gz.partial" --directory="$MEDIA_ROOT" .
    mv "$target/media-$stamp.tar.gz.partial" "$target/media-$stamp.tar.gz"
fi

# Oldest first; drop all but the newest $keep of each kind.
for pattern in 'vantor-*.dump' 'media-*.tar.gz'; do
    find "$target" -maxdepth 1 -name "$pattern" | sort | head -n -"$keep" | xargs -r rm --
done
echo "$target/vantor-$stamp.dump"
