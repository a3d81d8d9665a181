"""The shell every concern stands on: config, database, locks, migrations, mail, clock, errors."""
