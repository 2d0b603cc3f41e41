"""The full-text index, per database: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both index only the folded columns (lowercase, no diacritics, 'đ' → 'd'), so the database
needs no unaccent dictionary and SQLite's remove_diacritics is not relied on.
Note for later migrations: on SQLite a table rebuild of search_searchentry drops the
triggers below; recreate them in that migration.
"""

from django.db import migrations


class VendorRunSQL(migrations.RunSQL):
    """RunSQL applied only on one database vendor."""

    def __init__(self, vendor, sql, reverse_sql):
        self.vendor = vendor
        super().__init__(sql, reverse_sql)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, kwargs.pop("sql"), kwargs.pop("reverse_sql", None)], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    " title_folded, body_folded, content='search_searchentry', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 0', prefix='2 3')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN"
    " INSERT INTO search_fts(rowid, title_folded, body_folded)"
    " VALUES (new.id, new.title_folded, new.body_folded); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title_folded, body_folded)"
    " VALUES ('delete', old.id, old.title_folded, old.body_folded); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title_folded, body_folded)"
    " VALUES ('delete', old.id, old.title_folded, old.body_folded);"
    " INSERT INTO search_fts(rowid, title_folded, body_folded)"
    " VALUES (new.id, new.title_folded, new.body_folded); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('simple'::regconfig, title_folded), 'A') ||"
    " setweight(to_tsvector('simple'::regconfig, body_folded), 'C')) STORED",
    "CREATE INDEX search_entry_document ON search_searchentry USING gin (document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        VendorRunSQL("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD),
        VendorRunSQL("postgresql", POSTGRES_FORWARD, POSTGRES_BACKWARD),
    ]
