"""communique: official press releases in, a DuckDB warehouse of releases, quotes, metrics and entities out."""
