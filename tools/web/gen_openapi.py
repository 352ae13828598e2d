"""Write crates/cd-web/assets/openapi.json: the JSON API of `compute-divide serve`.

The definition parameters are generated from `FIELD_DOCS` in crates/cd-domain/src/definitions.rs (one
query parameter per field, documented with its text); a unit test of cd-web fails when the file lacks a
field, so re-run this script after adding one:  python3 tools/web/gen_openapi.py
"""
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parents[2]
src = (root / "crates/cd-domain/src/definitions.rs").read_text()
block = src.split("pub const FIELD_DOCS")[1].split("];")[0]
fields = re.findall(r'\("([a-z_0-9]+)", "((?:[^"\\]|\\.)*)"\)', block)
assert len(fields) > 30, fields

params = {}
def_refs = []
for key, doc in fields:
    doc = doc.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
    name = "def_" + key
    params[name] = {
        "name": key,
        "in": "query",
        "required": False,
        "description": doc + " Text as on the command line (rules: `zscore:0.76`, `threshold:1e23`, "
        "`top-n:10`; structured fields as JSON); empty keeps the default.",
        "schema": {"type": "string", "maxLength": 4096},
    }
    def_refs.append({"$ref": f"#/components/parameters/{name}"})

filters = {
    "team": "Team kind: academic_only, industry_only, collaboration, other, unknown.",
    "org": "Organisation contains this text (case-insensitive).",
    "domain": "A domain contains this text (case-insensitive), e.g. Language.",
    "access": "Accessibility: open_weights_unrestricted, open_weights_restricted, open_weights_non_commercial, api, hosted, unreleased, unknown.",
    "country": "A country contains this text (case-insensitive).",
    "from": "First publication year (1900-2200).",
    "to": "Last publication year (1900-2200).",
    "min_flop": "Least training compute in FLOP, e.g. 1e23.",
}
filter_refs = []
for key, doc in filters.items():
    params["filter_" + key] = {
        "name": key, "in": "query", "required": False, "description": doc,
        "schema": {"type": "string", "maxLength": 4096},
    }
    filter_refs.append({"$ref": f"#/components/parameters/filter_{key}"})
params["format"] = {
    "name": "format", "in": "query", "required": False,
    "description": "json (default) or csv.", "schema": {"type": "string", "enum": ["json", "csv"]},
}

error = {"$ref": "#/components/schemas/Error"}
def errors():
    return {
        "400": {"description": "A bad parameter, named in the body.",
                "content": {"application/json": {"schema": error}}},
        "404": {"description": "No such path, panel, figure or table.",
                "content": {"application/json": {"schema": error}}},
        "414": {"description": "The request line is longer than the server reads (64 KiB; the HTTP "
                "layer answers before any parameter is looked at)."},
    }

def json_ok(schema, description):
    r = {"200": {"description": description, "content": {"application/json": {"schema": schema}}}}
    r.update(errors())
    return r

context = {
    "type": "object",
    "required": ["version", "vintage", "definitions", "query", "compute_ms"],
    "properties": {
        "version": {"type": "string"},
        "vintage": {"type": "string"},
        "definitions": {"type": "object"},
        "query": {"type": "string", "description": "The canonical query of these definitions."},
        "compute_ms": {"type": "number"},
    },
}
def with_context(props, required):
    return {"allOf": [context, {"type": "object", "required": required, "properties": props}]}

headline = {"type": "object", "required": ["value", "label", "note"],
            "properties": {"value": {"type": "string"}, "label": {"type": "string"}, "note": {"type": "string"}}}
model = {"type": "object", "required": ["name", "organizations", "team", "team_source", "accessibility", "notable"],
         "properties": {
             "name": {"type": "string"}, "organizations": {"type": "array", "items": {"type": "string"}},
             "date": {"type": ["string", "null"]}, "decimal_year": {"type": ["number", "null"]},
             "training_compute_flop": {"type": ["number", "null"]}, "team": {"type": "string"},
             "team_source": {"type": "string"}, "team_epoch": {"type": ["string", "null"]},
             "team_derived": {"type": ["string", "null"]}, "accessibility": {"type": "string"},
             "domains": {"type": "array", "items": {"type": "string"}},
             "countries": {"type": "array", "items": {"type": "string"}},
             "notable": {"type": "boolean"}, "source_row": {"type": "integer"}}}

def panel_schema(props):
    return {"type": "object", "required": ["panel", "title", "figures", "tables", "status"], "properties": props}


panels = ["trends", "shares", "gap", "openness", "lineage", "speccurve",
          "publications", "topics", "review", "adoption", "scrutiny"]
q = def_refs
spec = {
    "openapi": "3.0.3",
    "info": {
        "title": "compute-divide serve",
        "version": "0.1.0",
        "description": "The JSON API behind the compute-divide dashboard. Every endpoint takes every field of "
        "the study's definitions as a query parameter; results are recomputed for them (and cached). "
        "Read-only; no parameter names a file. A bad parameter is answered with 400 and "
        "{\"error\": ..., \"parameter\": ...}.",
    },
    "paths": {
        "/api/headlines": {"get": {"summary": "The report's headline numbers for these definitions.",
            "operationId": "headlines", "parameters": q,
            "responses": json_ok(with_context({"headlines": {"type": "array", "items": headline}}, ["headlines"]),
                                 "The headline cards.")}},
        "/api/models": {"get": {"summary": "The models explorer's selection (JSON or CSV).",
            "operationId": "models", "parameters": q + filter_refs + [{"$ref": "#/components/parameters/format"}],
            "responses": {**json_ok(with_context({"count": {"type": "integer"}, "filters": {"type": "object"},
                                                  "models": {"type": "array", "items": model}},
                                                 ["count", "filters", "models"]), "The selected models."),
                          }}},
        "/api/panels/{id}": {"get": {"summary": "A panel: paragraphs, figures (ids, captions, mark counts) and tables.",
            "operationId": "panel",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string", "enum": panels}}] + q,
            "responses": json_ok(panel_schema({
                "panel": {"type": "string"}, "title": {"type": "string"},
                "status": {"type": "string", "enum": ["ready", "computing", "failed"],
                           "description": "A paper panel is `computing` (no figures or tables) while the papers are read at start; then it is computed for these definitions and `ready`."},
                "note": {"type": "string"},
                "paragraphs": {"type": "array", "items": {"type": "string"}},
                "figures": {"type": "array", "items": {"type": "object", "required": ["id", "title", "marks"],
                    "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "caption": {"type": "string"},
                                   "claim": {"type": "string"}, "marks": {"type": "integer"}}}},
                "tables": {"type": "array", "items": {"type": "object", "required": ["name", "columns", "rows"],
                    "properties": {"name": {"type": "string"}, "title": {"type": "string"},
                                   "columns": {"type": "array", "items": {"type": "string"}},
                                   "rows": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}}}},
            }), "The panel, with the version, vintage, definitions, query and compute_ms of its results.")}},
        "/api/figures/{id}": {"get": {"summary": "A figure as SVG (the report's engine); `models_explorer` takes the filters.",
            "operationId": "figure",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[a-z0-9_]+$"}}] + q + filter_refs,
            "responses": {"200": {"description": "The SVG.", "content": {"image/svg+xml": {"schema": {"type": "string"}}}},
                          **errors()}}},
        "/api/tables/{name}": {"get": {"summary": "A table of a panel, as JSON (default) or CSV.",
            "operationId": "table",
            "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[a-z0-9_]+$"}}] + q + [{"$ref": "#/components/parameters/format"}],
            "responses": {"200": {"description": "The table.", "content": {
                "application/json": {"schema": {}}, "text/csv": {"schema": {"type": "string"}}}}, **errors()}}},
        "/api/definitions": {"get": {"summary": "The definitions in force with each field's documentation, value and default.",
            "operationId": "definitions", "parameters": q,
            "responses": json_ok({"type": "object", "required": ["definitions", "vintage", "vintages", "fields", "query"],
                "properties": {"definitions": {"type": "object"}, "vintage": {"type": "string"},
                               "vintages": {"type": "array", "items": {"type": "string"}},
                               "default_vintage": {"type": "string"}, "query": {"type": "string"},
                               "fields": {"type": "array", "items": {"type": "object", "required": ["name", "doc", "value", "default"],
                                   "properties": {"name": {"type": "string"}, "doc": {"type": "string"},
                                                  "value": {"type": "string"}, "default": {"type": "string"}}}}}},
                "The definitions.")}},
        "/api/provenance": {"get": {"summary": "The inputs with sha256 and row accounting, the definitions in force, the version.",
            "operationId": "provenance", "parameters": q,
            "responses": json_ok({"type": "object", "required": ["version", "inputs", "vintage", "definitions"],
                "properties": {"version": {"type": "string"}, "vintage": {"type": "string"}, "definitions": {"type": "object"},
                               "inputs": {"type": "array", "items": {"type": "object", "required": ["path", "sha256"],
                                   "properties": {"name": {"type": "string"}, "path": {"type": "string"},
                                                  "vintage": {"type": "string"}, "sha256": {"type": "string"},
                                                  "rows_read": {"type": "integer"}, "rows_loaded": {"type": "integer"},
                                                  "rows_rejected": {"type": "integer"}, "credit": {"type": "string"}}}}}},
                "Provenance.")}},
    },
    "components": {
        "parameters": params,
        "schemas": {"Error": {"type": "object", "required": ["error", "parameter"],
            "properties": {"error": {"type": "string"}, "parameter": {"type": "string",
                "description": "The query or path parameter at fault."}}}},
    },
}
out = root / "crates/cd-web/assets/openapi.json"
out.write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {out.relative_to(root)}: {len(fields)} definition parameters")
