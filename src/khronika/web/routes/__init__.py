"""Routes by audience: ``login`` (open), ``pages`` (review UI), ``api`` (JSON for scripts)."""
