#!/usr/bin/env python3
"""DuckDB's read_json doing the OpenAlex reader's extraction on the same files (the peer of
tools/bench/openalex.sh).

The columns are declared (so DuckDB parses only those and skips the rest, as our reader does): id, doi,
title, display_name, publication_year, type, primary_location.source.display_name, authorships (author
name; institutions' id, display_name, ror, type, country_code; raw_affiliation_strings), primary_topic and
topics (id, display_name, score, subfield, field, domain), referenced_works, cited_by_count, concepts (id,
score). The query touches every extracted value (lengths and sums over the lists), so nothing is skipped by
projection. Prints seconds, works/s and MB/s of uncompressed JSON (given) for --threads.

Usage: python3 tools/bench/openalex_duckdb.py --threads N --mb UNCOMPRESSED_MB FILE.gz ...
"""
import argparse, time

import duckdb

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--mb", type=float, required=True)
ap.add_argument("files", nargs="+")
a = ap.parse_args()

named = "STRUCT(id VARCHAR, display_name VARCHAR)"
topic = f"STRUCT(id VARCHAR, display_name VARCHAR, score DOUBLE, subfield {named}, field {named}, domain {named})"
columns = {
    "id": "VARCHAR", "doi": "VARCHAR", "title": "VARCHAR", "display_name": "VARCHAR", "publication_year": "INTEGER",
    "type": "VARCHAR", "primary_location": "STRUCT(source STRUCT(display_name VARCHAR))",
    "authorships": "STRUCT(author STRUCT(display_name VARCHAR), institutions STRUCT(id VARCHAR, display_name VARCHAR, "
                   "ror VARCHAR, type VARCHAR, country_code VARCHAR)[], raw_affiliation_strings VARCHAR[])[]",
    "primary_topic": topic, "topics": f"{topic}[]", "referenced_works": "VARCHAR[]", "cited_by_count": "BIGINT",
    "concepts": "STRUCT(id VARCHAR, score DOUBLE)[]",
}
cols = "{" + ", ".join(f"'{k}': '{v}'" for k, v in columns.items()) + "}"
files = "[" + ", ".join(f"'{f}'" for f in a.files) + "]"
con = duckdb.connect()
con.execute(f"SET threads = {a.threads}")
q = f"""
WITH w AS (SELECT * FROM read_json({files}, format = 'newline_delimited', columns = {cols}, compression = 'gzip',
                                   maximum_object_size = 1073741824))
SELECT count(*) AS works,
       sum(length(coalesce(title, display_name, '')) + length(coalesce(id, '')) + length(coalesce(doi, '')) + length(coalesce(type, ''))
           + coalesce(publication_year, 0) * 0 + length(coalesce(primary_location.source.display_name, ''))),
       sum(len(authorships)),
       sum(list_sum(list_transform(authorships, lambda a: len(a.institutions) + len(a.raw_affiliation_strings)
           + length(coalesce(a.author.display_name, ''))
           + coalesce(list_sum(list_transform(a.institutions, lambda i: length(coalesce(i.id, '')) + length(coalesce(i.ror, ''))
               + length(coalesce(i.type, '')) + length(coalesce(i.country_code, '')) + length(coalesce(i.display_name, '')))), 0)))),
       sum(len(topics) + coalesce(list_sum(list_transform(topics, lambda t: length(t.subfield.display_name) + length(t.field.display_name) + t.score)), 0)),
       sum(len(referenced_works)), sum(cited_by_count), sum(len(concepts)),
       sum(length(coalesce(primary_topic.id, '')))
FROM w
"""
t = time.perf_counter()
row = con.execute(q).fetchall()[0]
s = time.perf_counter() - t
works = row[0]
print(f"duckdb read_json ({a.threads} thread{'s' if a.threads > 1 else ''}) {s:7.2f} s  {a.mb / s:6.0f} MB/s  {works / s:8.0f} works/s  ({works} works; duckdb {duckdb.__version__})")
