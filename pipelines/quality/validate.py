"""Run a check's suites with Great Expectations 1.x and summarise what failed.

GX is imported here and only here, on first use (~9 s), so loading the Dagster definitions stays fast. A
`QualityContext` is one ephemeral GX context with one pandas data source; each suite becomes a dataframe asset, an
expectation suite and a validation definition the first time it runs. Build one per check run (cheap once GX is
imported); `make quality` builds one for all checks and renders their results as Data Docs.

What GX validates is a batch DuckDB selects (scope.py): in a run, the rows the run wrote plus the first offending
rows of the table-wide rules, never a copy of a whole table; `make quality` selects every row through the same SQL.
The batch reaches GX as a pandas frame, not through a GX SQL data source: GX 1.x's SQLAlchemy engine on DuckDB
(duckdb-engine 0.17) fails every metric it computes, even `table.row_count` on a plain table (IndexError in
`resolve_metric_bundle`, GX issues #10738 and #11579); a native DuckDB engine for GX is not released yet.
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from pipelines.quality.scope import FULL, Scope
from pipelines.quality.spec import Check, Expect, Suite

SAMPLE_ROWS = 5
DOCS_SITE = "warehouse_quality"


@dataclass
class Failure:
    suite: str
    expectation: str
    reason: str
    unexpected_count: int | None = None
    element_count: int | None = None
    observed: Any = None
    error: str | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)  # a few offending rows of the suite's frame


@dataclass
class SuiteOutcome:
    suite: str
    rows: int
    evaluated: int
    failures: list[Failure]


@dataclass
class CheckOutcome:
    check: Check
    suites: list[SuiteOutcome]
    scope: Scope = FULL

    @property
    def failures(self) -> list[Failure]:
        return [f for s in self.suites for f in s.failures]

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def status(self) -> str:
        """What `communique status` shows: passed, warn (a warning check failed) or failed (a blocking one did)."""
        if self.passed:
            return "passed"
        return "failed" if self.check.blocking else "warn"


class QualityContext:
    """An ephemeral GX context; with `docs_dir`, validation results can be rendered as Data Docs there."""

    def __init__(self, docs_dir: Path | None = None):
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        # jsonschema, which GX imports through altair, compiles an RFC 3987 grammar at import when the optional
        # rfc3987-syntax package is installed (Jupyter brings it): ~1.6 s CPU for an IRI format check GX never
        # makes. Marked absent before the first import, jsonschema skips that format (it treats it as optional).
        if "jsonschema" not in sys.modules:
            sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
        import great_expectations as gx
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        self._gx = gx
        self.docs_dir = docs_dir
        sites = {}
        if docs_dir is not None:
            sites[DOCS_SITE] = {
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            }
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            data_docs_sites=sites,
            progress_bars=ProgressBarsConfig(globally=False),
            analytics_enabled=False,
        )
        self.context = gx.get_context(project_config=config, mode="ephemeral")
        self._source = self.context.data_sources.add_pandas("warehouse")
        self._definitions: dict[str, Any] = {}

    def run_check(self, check: Check, conn: duckdb.DuckDBPyConnection, scope: Scope = FULL) -> CheckOutcome:
        """Validate the check's suites on the rows of `scope` (by default every row: a full validation)."""
        scope.apply(conn)
        return CheckOutcome(check, [self.run_suite(suite, conn) for suite in check.suites], scope)

    def run_suite(self, suite: Suite, conn: duckdb.DuckDBPyConnection) -> SuiteOutcome:
        frame = suite.frame(conn)
        result = self._definition(suite).run(
            batch_parameters={"dataframe": frame},
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_ROWS},
        )
        # GX does not promise to return results in suite order: each result names its expectation by number.
        failures = [
            _failure(suite, suite.expectations[item.expectation_config.meta["number"]], item, frame)
            for item in result.results
            if not item.success
        ]
        return SuiteOutcome(suite.name, len(frame), len(result.results), failures)

    def build_docs(self) -> Path:
        """Render every validation run so far; returns the site's index.html."""
        assert self.docs_dir is not None, "this context was built without a docs_dir"
        self.context.build_data_docs(site_names=[DOCS_SITE])
        from pipelines.quality.offline_docs import make_offline

        make_offline(self.docs_dir)  # GX's pages load their scripts and styles from CDNs: point them at our copies
        return self.docs_dir / "index.html"

    def _definition(self, suite: Suite):
        if suite.name not in self._definitions:
            gx = self._gx
            batch = self._source.add_dataframe_asset(suite.name).add_batch_definition_whole_dataframe("whole frame")
            gx_suite = self.context.suites.add(
                gx.ExpectationSuite(
                    name=suite.name, expectations=[_expectation(e, n) for n, e in enumerate(suite.expectations)]
                )
            )
            self._definitions[suite.name] = self.context.validation_definitions.add(
                gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
            )
        return self._definitions[suite.name]


def _expectation(spec: Expect, number: int):
    import great_expectations.expectations as gxe

    cls = getattr(gxe, "".join(part.capitalize() for part in spec.type.split("_")))
    kwargs = {key: value() if callable(value) else value for key, value in spec.kwargs.items()}
    return cls(**kwargs, notes=spec.reason, meta={"reason": spec.reason, "number": number})


def _failure(suite: Suite, spec: Expect, item, frame) -> Failure:
    result = dict(item.result or {})
    failure = Failure(
        suite=suite.name,
        expectation=spec.label,
        reason=spec.reason,
        unexpected_count=result.get("unexpected_count"),
        element_count=result.get("element_count"),
        observed=_plain(result.get("observed_value")),
        error=_exception_message(item.exception_info),
    )
    columns = [c for c in suite.key_columns if c in frame.columns] or list(frame.columns)
    index = result.get("partial_unexpected_index_list")
    if index:
        sample = frame.loc[list(index)[:SAMPLE_ROWS], columns]
    elif "unexpected_count" not in result:  # table-level expectation: its frame is the list of violations
        sample = frame.head(SAMPLE_ROWS)[columns]
    else:
        sample = frame.iloc[0:0]
    failure.rows = [{k: _plain(v) for k, v in row.items()} for row in sample.to_dict(orient="records")]
    return failure


def _exception_message(info: Any) -> str | None:
    if not isinstance(info, dict):
        return None
    if info.get("raised_exception"):
        return str(info.get("exception_message"))
    for value in info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message"))
    return None


def _plain(value: Any) -> Any:
    """JSON- and markdown-friendly scalars: dates as ISO strings, NA/NaN/NaT as None, numpy types as Python ones."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (dict, str)):
        value = value.item()
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return int(value)
    return value
