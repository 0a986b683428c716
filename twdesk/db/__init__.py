"""Persistence: models, the database file (open/validate/lock/backup/copy), migrations, seed data. No use cases: those live in twdesk.services."""
