"""Renderers of the status report and the timeline: text, Markdown, HTML (with inline SVG charts), CSV.

Each renderer is a pure function of the dicts `Session.status()` and `Session.timeline()` return;
import the module you need (`tracker.reports.html` …): this package imports nothing on purpose.
"""
