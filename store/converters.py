"""URL converters shared by the apps' urls."""

from django.urls import register_converter

# The largest primary key a 64-bit signed column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_DATABASE_ID = 2**63 - 1


class DatabaseIdConverter:
    """`<dbid:pk>`: a positive whole number a database id column can hold. Django's `<int:>`
    takes any length of digits, and an id past 2^63 makes the database driver raise instead of
    finding nothing: a 500 where a 404 is the answer."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_DATABASE_ID:
            raise ValueError("Not a database id")  # the URL does not match: 404
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(DatabaseIdConverter, "dbid")
