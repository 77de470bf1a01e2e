"""The embedded database: Django's SQLite backend that creates the database's folder on first opening."""
