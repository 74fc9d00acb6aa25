"""Wagtail's database search backend, with a PostgreSQL match that can use its indexes.

On PostgreSQL, modelsearch matches `(title || body) @@ query`. No index covers that
concatenation, so every search reads every index entry: about 150 ms at 10,000 products, even
for a word nothing contains. Here a PlainText search (what the search box sends) is first
narrowed with `title @@ any_term OR body @@ any_term`, which the GIN indexes on both columns
answer, and then matched and ranked exactly as before: the prefilter only drops entries that
contain none of the words, which could never match.

On SQLite (FTS5), modelsearch quotes each word of a PlainText query but does not escape a
double quote inside it, so a search of three double quotes, or a pasted HTML attribute, was
an FTS5 syntax error (a 500).
Here such a query is reduced to its words first; a query with no words finds nothing.

Configured in settings as `"BACKEND": "store.wagtail.search_backend"`; on MySQL this is simply
Wagtail's database backend.
"""

import re
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

TERM_SEPARATOR = re.compile(r"[\s\-]+")  # as modelsearch splits a PlainText query
WORD = re.compile(r"\w+")


def SearchBackend(params):  # noqa: N802 - Wagtail looks a backend module's SearchBackend up
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        return _sqlite_backend_class()(params)
    return backend


def words_only(query):
    """A PlainText query reduced to its words (FTS5 gives quotes, parentheses, `*`, `:` and `^`
    meanings of their own), or None when no word is left."""
    from modelsearch.query import PlainText

    if not isinstance(query, PlainText):
        return query
    words = WORD.findall(query.query_string)
    if not words:
        return None
    return PlainText(" ".join(words), operator=query.operator, boost=query.boost)


def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class WordsOnly:
        def search(self, config, start, stop, score_field=None):
            query = words_only(self.query)
            if query is None:
                return self.queryset.none()
            self.query = query
            return super().search(config, start, stop, score_field=score_field)

    class SafeSQLiteSearchQueryCompiler(WordsOnly, SQLiteSearchQueryCompiler):
        pass

    class SafeSQLiteAutocompleteQueryCompiler(WordsOnly, SQLiteAutocompleteQueryCompiler):
        pass

    class SafeSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = SafeSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = SafeSQLiteAutocompleteQueryCompiler

    return SafeSQLiteSearchBackend


def _postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.query import Lexeme
    from modelsearch.query import PlainText

    class IndexedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
        def search(self, config, start, stop, score_field=None, backend=None):
            if self.fields is None and isinstance(self.query, PlainText):
                terms = [term for term in TERM_SEPARATOR.split(self.query.query_string) if term]
                if terms:
                    any_term = SearchQuery(
                        reduce(or_, (Lexeme(term) for term in terms)),
                        search_type="raw",
                        config=config,
                    )
                    self.queryset = self.queryset.filter(
                        Q(index_entries__title=any_term) | Q(index_entries__body=any_term)
                    )
            return super().search(config, start, stop, score_field=score_field, backend=backend)

    class IndexedPostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = IndexedPostgresSearchQueryCompiler

    return IndexedPostgresSearchBackend


def result_pks(results) -> list[int]:
    """Primary keys of search results in their order, without building model instances when
    the results come from a database queryset (the database backends)."""
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return list(get_queryset().values_list("pk", flat=True))
    return [obj.pk for obj in results]
