"""Standard Webhooks signing, verification and the retry policy (no Flask, no database)."""
