"""Pure engines: data in, data out. Never import Django or any app (checked by import-linter)."""
