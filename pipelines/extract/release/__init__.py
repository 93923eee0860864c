"""The release: site chrome removed, header read (title, date, publisher, dateline), paragraphs rebuilt, kind decided."""
