"""Counted things in a release body: strikes, engagements, targets, coalition size, amounts.

Every number is found once (digits, words, "83-member", "$1.6 billion") and kept only when a counted noun
follows it and it is not a date, year, duration, ordinal or identifier. Strike reports add their own shapes:
per-town lines ("Near Mosul, three strikes engaged two tactical units; destroyed 11 tunnels"), "a/an" targets
after strike verbs, explicit zeros ("There were no reported strikes in Syria on March 18") and flattened
monthly tables ("In Iraq In Syria" / "14 partnered operations 9 partnered operations").
Every row's text is body[char_start:char_end].

    segments  - units (paragraphs, list lines), sentences, the dateline's place, photo captions
    counts    - one number: value, qualifier, counted noun ("N of the X", a noun left out), refusals
    names     - counted noun phrase -> snake_case plural name (data/metric_names.tsv, metric_compounds.txt)
    periods   - activity periods against the publication date: days, ranges, months, spans, "since", anaphors
    context   - place and date of a count within its sentence; section headings; "Town, Country" -> town
    shapes    - strike-report shapes: town lines, zeros, tables
    definition - the paragraph that defines what a strike is, however worded (no data)
    lexicon   - the word lists (data/metric_*.t*)
    document  - the walk over the body: what each sentence inherits (the lead's or a section's period, a
                heading's or the previous sentence's place, a running total it continues), extract_metrics
"""

from pipelines.extract.metrics.document import extract_metrics

__all__ = ["extract_metrics"]
