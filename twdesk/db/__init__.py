"""Persistence: models, the database file (open/validate/lock/backup/copy), migrations, services."""
