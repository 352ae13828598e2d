//! The HTML pages: server-rendered, readable without JavaScript, every control labelled.
//!
//! Every page carries one form (`method="get"`) holding the definitions (and, on the models page, the
//! explorer's filters), so that the URL is the view's whole state and a link reproduces it. Without
//! JavaScript the form submits every field; `app.js` submits on change and keeps only the values that
//! differ from the defaults, so shared links stay short (both parse to the same definitions).

use crate::explorer::ModelRow;
use crate::params::{encode_query, field_text, Filters, FILTER_KEYS, NAMED_CHOICES, RULES, TEXT_CHOICES};
use crate::state::{AppState, Computed};
use cd_domain::definitions::FIELD_DOCS;
use cd_domain::{Accessibility, Definitions, TeamKind};
use cd_report::palette::team_label;
use cd_report::table::Table;
use cd_report::{FigureBlock, Section};
use std::collections::BTreeMap;

/// Escape text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A panel of the dashboard: which report section (and which of its figures and tables) it shows.
pub struct PanelDef {
    pub id: &'static str,
    pub title: &'static str,
    pub section: &'static str,
    pub part: Part,
    /// A paper panel: drawn from the paper analyses (computed per definitions when first asked for, once
    /// the papers read at start are loaded).
    pub paper: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Part {
    All,
    /// The section's lineage figures and tables only.
    Lineage,
    /// The section without its lineage figures and tables.
    WithoutLineage,
}

const fn model(id: &'static str, title: &'static str, section: &'static str, part: Part) -> PanelDef {
    PanelDef { id, title, section, part, paper: false }
}

const fn paper(id: &'static str, title: &'static str) -> PanelDef {
    PanelDef { id, title, section: id, part: Part::All, paper: true }
}

/// The panels in report order: the model panels, then the paper panels (all recomputed per query).
pub const PANELS: &[PanelDef] = &[
    model("trends", "Trends", "compute-divide", Part::All),
    model("shares", "Shares", "shares", Part::All),
    model("gap", "Frontier gap", "gap", Part::All),
    model("openness", "Openness", "openness", Part::WithoutLineage),
    model("lineage", "Lineage", "openness", Part::Lineage),
    model("speccurve", "Specification curve", "speccurve", Part::All),
    paper(cd_report::sections::publications::ID, "Publications"),
    paper(cd_report::sections::topics::ID, "Topics"),
    paper(cd_report::sections::review::ID, "Review"),
    paper(cd_report::sections::adoption::ID, "Adoption"),
    paper(cd_report::sections::scrutiny::ID, "Scrutiny"),
];

pub fn panel(id: &str) -> Option<&'static PanelDef> {
    PANELS.iter().find(|p| p.id == id)
}

/// A panel's view of its section: title, paragraphs, figures and tables.
pub struct PanelView<'a> {
    pub def: &'static PanelDef,
    pub section: &'a Section,
    pub figures: Vec<&'a FigureBlock>,
    pub tables: Vec<&'a Table>,
}

impl<'a> PanelView<'a> {
    pub fn of(def: &'static PanelDef, sections: &'a [Section]) -> Option<PanelView<'a>> {
        let section = sections.iter().find(|s| s.id == def.section)?;
        let keep = |name: &str| match def.part {
            Part::All => true,
            Part::Lineage => name.starts_with("lineage"),
            Part::WithoutLineage => !name.starts_with("lineage"),
        };
        Some(PanelView {
            def,
            section,
            figures: section.figures.iter().filter(|f| keep(&f.figure.id)).collect(),
            tables: section.tables.iter().filter(|t| keep(&t.name)).collect(),
        })
    }
}

/// What a page needs besides its body.
pub struct Frame<'a> {
    pub state: &'a AppState,
    pub computed: &'a Computed,
    /// The request path (`/`, `/models`, `/panel/shares`, ...), the form's action.
    pub path: &'a str,
    pub title: &'a str,
    pub filters: Option<&'a Filters>,
    /// The canonical query of the view (definitions that differ from the defaults, then filters).
    pub query: &'a str,
}

fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

/// The query of the definitions alone (links to other pages drop the explorer's filters).
pub fn defs_query(defs: &Definitions, base: &Definitions) -> String {
    encode_query(&crate::params::canonical_pairs(defs, base, &Filters::default()))
}

/// The whole page around `body`.
pub fn page(f: &Frame, body: &str) -> String {
    let c = f.computed;
    let dq = defs_query(&c.defs, &f.state.base);
    let mut nav = String::new();
    let mut links: Vec<(String, &str)> =
        vec![("/".to_string(), "Overview"), ("/models".to_string(), "Models")];
    links.extend(PANELS.iter().map(|p| (format!("/panel/{}", p.id), p.title)));
    links.push(("/provenance".to_string(), "Provenance"));
    for (href, label) in &links {
        let current = if href == f.path { " aria-current=\"page\"" } else { "" };
        nav.push_str(&format!("<a href=\"{}\"{current}>{}</a>", esc(&with_query(href, &dq)), esc(label)));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · compute-divide</title>\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n\
         <script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#content\">Skip to the results</a>\n\
         <header class=\"masthead\"><div class=\"wrap\"><p class=\"kicker\">compute-divide dashboard</p>\
         <h1>{title}</h1><p class=\"subtitle\">The compute divide between academic and industry ML research, \
         recomputed from Epoch AI's data (vintage <code id=\"vintage\">{vintage}</code>) for the definitions below.</p>\
         <nav aria-label=\"Pages\">{nav}</nav></div></header>\n\
         <div class=\"layout\">\n{form}\n<main id=\"content\" tabindex=\"-1\">\n{body}\n</main>\n</div>\n\
         <footer class=\"wrap\"><p>{version}; results for these definitions computed in {ms} ms; \
         <a href=\"/openapi.json\">JSON API (OpenAPI)</a>; <a href=\"{prov}\">provenance</a>. \
         Link to this view: <a id=\"share\" href=\"{share}\">{share_text}</a></p></footer>\n</body>\n</html>\n",
        title = esc(f.title),
        vintage = esc(&c.vintage),
        form = form(f),
        version = esc(&f.state.version),
        ms = format_args!("{:.0}", c.compute_ms),
        prov = esc(&with_query("/provenance", &dq)),
        share = esc(&with_query(f.path, f.query)),
        share_text = esc(&with_query(f.path, f.query)),
    )
}

/// The fields shown first; every other field follows under "All other definitions".
const MAIN_FIELDS: &[&str] = &[
    "vintage",
    "large_scale_rule",
    "team_source",
    "notability_filter",
    "academic_only",
    "frontier_rule",
    "gap_from",
    "headline_year",
    "bootstrap_resamples",
];

fn control(state: &AppState, defs: &Definitions, key: &str, doc: &str) -> String {
    let value = field_text(defs, key);
    let default = field_text(&state.base, key);
    let id = format!("def-{key}");
    // The rank orders the parameters of the link `app.js` builds as the server's canonical query does.
    let rank = FIELD_DOCS.iter().position(|(k, _)| *k == key).unwrap_or(0);
    let attrs = format!(
        "id=\"{id}\" name=\"{key}\" data-default=\"{}\" data-rank=\"{rank}\" aria-describedby=\"{id}-doc\"",
        esc(&default)
    );
    let select = |options: Vec<(String, String)>| {
        let mut s = format!("<select {attrs}>");
        for (v, label) in options {
            let sel = if v == value { " selected" } else { "" };
            s.push_str(&format!("<option value=\"{}\"{sel}>{}</option>", esc(&v), esc(&label)));
        }
        s.push_str("</select>");
        s
    };
    let choices = TEXT_CHOICES.iter().chain(NAMED_CHOICES).find(|(k, _)| *k == key).map(|(_, v)| *v);
    let is_bool = matches!(
        serde_json::to_value(defs).ok().and_then(|v| v.get(key).cloned()),
        Some(serde_json::Value::Bool(_))
    );
    let widget = if key == "vintage" {
        let mut options = vec![(String::new(), format!("newest ({})", state.default_vintage))];
        options.extend(state.vintage_stems().into_iter().map(|s| (s.clone(), s)));
        select(options)
    } else if let Some(list) = choices {
        select(list.iter().map(|v| (v.to_string(), v.to_string())).collect())
    } else if is_bool {
        select(vec![("true".into(), "true".into()), ("false".into(), "false".into())])
    } else if matches!(key, "periods" | "spec_curve" | "topic_scoring") {
        format!("<textarea {attrs} rows=\"3\" spellcheck=\"false\">{}</textarea>", esc(&value))
    } else {
        let hint = if RULES.contains(&key) { " placeholder=\"zscore:0.76 or threshold:1e23\"" } else { "" };
        let hint = if key.contains("frontier") {
            " placeholder=\"top-n:10, percentile:90, residual:0.5\""
        } else {
            hint
        };
        format!("<input type=\"text\" {attrs} value=\"{}\"{hint} spellcheck=\"false\">", esc(&value))
    };
    format!(
        "<div class=\"control\"><label for=\"{id}\">{key}</label>{widget}<small id=\"{id}-doc\">{}</small></div>\n",
        esc(doc)
    )
}

/// Filters follow the definitions in a link, in `FILTER_KEYS` order.
fn filter_rank(key: &str) -> usize {
    1000 + FILTER_KEYS.iter().position(|k| *k == key).unwrap_or(0)
}

fn filter_controls(state: &AppState, f: &Filters) -> String {
    let mut s = String::from("<fieldset class=\"filters\"><legend>Filter the models</legend>\n");
    let text = |key: &str, label: &str, value: Option<String>, kind: &str| {
        format!(
            "<div class=\"control\"><label for=\"f-{key}\">{label}</label><input type=\"{kind}\" id=\"f-{key}\" \
             name=\"{key}\" data-default=\"\" data-rank=\"{}\" value=\"{}\"></div>\n",
            filter_rank(key),
            esc(&value.unwrap_or_default())
        )
    };
    let mut team = String::from(
        "<div class=\"control\"><label for=\"f-team\">Team kind</label><select id=\"f-team\" name=\"team\" \
         data-default=\"\" data-rank=\"1000\"><option value=\"\">any</option>",
    );
    for k in TeamKind::ALL {
        let sel = if f.team == Some(k) { " selected" } else { "" };
        team.push_str(&format!("<option value=\"{}\"{sel}>{}</option>", k.as_str(), esc(team_label(k))));
    }
    team.push_str("</select></div>\n");
    s.push_str(&team);
    s.push_str(&text("org", "Organisation contains", f.org.clone(), "text"));
    s.push_str(&text("domain", "Domain contains (e.g. Language)", f.domain.clone(), "text"));
    let mut access = String::from(
        "<div class=\"control\"><label for=\"f-access\">Accessibility</label><select id=\"f-access\" \
         name=\"access\" data-default=\"\" data-rank=\"1003\"><option value=\"\">any</option>",
    );
    for a in Accessibility::ALL {
        let sel = if f.access == Some(a) { " selected" } else { "" };
        access.push_str(&format!(
            "<option value=\"{}\"{sel}>{}</option>",
            a.as_str(),
            a.as_str().replace('_', " ")
        ));
    }
    access.push_str("</select></div>\n");
    s.push_str(&access);
    s.push_str(&text("country", "Country contains", f.country.clone(), "text"));
    s.push_str(&text("from", "From year", f.from.map(|v| v.to_string()), "number"));
    s.push_str(&text("to", "To year", f.to.map(|v| v.to_string()), "number"));
    s.push_str(&text(
        "min_flop",
        "Minimum training compute (FLOP, e.g. 1e23)",
        f.min_flop.map(|v| format!("{v:e}")),
        "text",
    ));
    s.push_str("</fieldset>\n");
    let _ = state;
    s
}

fn form(f: &Frame) -> String {
    let defs = &f.computed.defs;
    let mut main = String::new();
    let mut rest = String::new();
    for key in MAIN_FIELDS {
        let doc = FIELD_DOCS.iter().find(|(k, _)| k == key).map(|(_, d)| *d).unwrap_or("");
        main.push_str(&control(f.state, defs, key, doc));
    }
    for (key, doc) in FIELD_DOCS.iter().filter(|(k, _)| !MAIN_FIELDS.contains(k)) {
        rest.push_str(&control(f.state, defs, key, doc));
    }
    let filters = f.filters.map(|fl| filter_controls(f.state, fl)).unwrap_or_default();
    format!(
        "<form id=\"view\" class=\"definitions\" method=\"get\" action=\"{action}\" aria-label=\"Definitions\">\n\
         {filters}<fieldset><legend>Definitions</legend>\n<p class=\"hint\">Every disputed definition of the study. \
         Change one and apply: every figure, table and headline is recomputed.</p>\n{main}\
         <details><summary>All other definitions</summary>\n{rest}</details>\n</fieldset>\n\
         <p class=\"actions\"><button type=\"submit\">Apply</button> <a href=\"{action}\">Reset to the study's \
         definitions</a></p>\n</form>",
        action = esc(f.path),
    )
}

/// The headline cards.
pub fn headline_cards(c: &Computed) -> String {
    let mut s =
        String::from("<section class=\"headlines\" aria-label=\"Headline numbers\"><div class=\"cards\">\n");
    for (i, h) in c.headlines.iter().enumerate() {
        s.push_str(&format!(
            "<div class=\"card\" data-headline=\"{i}\"><div class=\"value\">{}</div><div class=\"label\">{}</div>\
             <div class=\"note\">{}</div></div>\n",
            esc(&h.value),
            esc(&h.label),
            esc(&h.note)
        ));
    }
    s.push_str("</div></section>\n");
    s
}

fn figure_block(f: &FigureBlock, svg: &str, dq: &str) -> String {
    let id = &f.figure.id;
    format!(
        "<figure class=\"fig\" id=\"figure-{id}\">{svg}<figcaption>{caption}{claim} <span class=\"files\">Download: \
         <a href=\"{svg_url}\">SVG</a>, <a href=\"{csv}\">data CSV</a>, <a href=\"{json}\">data JSON</a>.</span>\
         </figcaption></figure>\n",
        caption = esc(&f.caption),
        claim = if f.claim.is_empty() {
            String::new()
        } else {
            format!(" <span class=\"claim\"><em>Study claim:</em> {}</span>", esc(&f.claim))
        },
        svg_url = esc(&with_query(&format!("/api/figures/{id}"), dq)),
        csv = esc(&with_query(&format!("/api/tables/{id}"), &join(dq, "format=csv"))),
        json = esc(&with_query(&format!("/api/tables/{id}"), &join(dq, "format=json"))),
    )
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}&{b}")
    }
}

/// A table as HTML (the report's row and column limits), with its downloads.
pub fn table_block(t: &Table, dq: &str) -> String {
    let mut s = format!(
        "<div class=\"table-block\" id=\"table-{}\"><h3>{}</h3><div class=\"table-scroll\"><table><thead><tr>",
        esc(&t.name),
        esc(&t.title)
    );
    for c in t.html_column_names() {
        s.push_str(&format!("<th scope=\"col\">{}</th>", esc(&c)));
    }
    s.push_str("</tr></thead><tbody>");
    let rows = t.html_rows();
    for r in &rows {
        s.push_str("<tr>");
        for v in r {
            s.push_str(&format!("<td>{}</td>", esc(v)));
        }
        s.push_str("</tr>");
    }
    s.push_str(&format!(
        "</tbody></table></div><p class=\"table-files\">{} of {} rows shown. Download: <a href=\"{}\">CSV</a>, \
         <a href=\"{}\">JSON</a>.</p></div>\n",
        rows.len(),
        t.rows.len(),
        esc(&with_query(&format!("/api/tables/{}", t.name), &join(dq, "format=csv"))),
        esc(&with_query(&format!("/api/tables/{}", t.name), &join(dq, "format=json"))),
    ));
    s
}

/// The overview: headline cards, the main figure, and the panels.
pub fn overview(c: &Computed, base: &Definitions) -> String {
    let dq = defs_query(&c.defs, base);
    let mut s = headline_cards(c);
    if let Some(f) = c.sections.iter().flat_map(|s| &s.figures).find(|f| f.figure.id == "compute_divide") {
        s.push_str(&figure_block(f, c.svgs.get("compute_divide").map(String::as_str).unwrap_or(""), &dq));
    }
    s.push_str("<h2>Panels</h2><ul class=\"panels\">");
    for p in PANELS {
        s.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>",
            esc(&with_query(&format!("/panel/{}", p.id), &dq)),
            esc(p.title)
        ));
    }
    s.push_str(&format!(
        "<li><a href=\"{}\">Models explorer</a></li></ul>\n",
        esc(&with_query("/models", &dq))
    ));
    s
}

/// A panel page's body: `svgs` are the rendered figures by id, `dq` the definitions' query (for the
/// downloads), `note` a paragraph shown first (the paper panels say for which definitions they stand).
pub fn panel_body(v: &PanelView, svgs: &BTreeMap<String, String>, dq: &str, note: Option<&str>) -> String {
    let dq = dq.to_string();
    let mut s = format!("<h2>{}</h2>\n", esc(&v.section.title));
    if let Some(n) = note {
        s.push_str(&format!("<p class=\"note\" id=\"panel-note\">{}</p>\n", esc(n)));
    }
    if let Some(n) = &v.section.not_computed {
        s.push_str(&format!("<p class=\"empty\">{}</p>\n", esc(n)));
    }
    for p in &v.section.paragraphs {
        s.push_str(&format!("<p>{}</p>\n", esc(p)));
    }
    for f in &v.figures {
        s.push_str(&figure_block(f, svgs.get(&f.figure.id).map(String::as_str).unwrap_or(""), &dq));
    }
    for t in v.tables.iter().filter(|t| t.in_html) {
        s.push_str(&table_block(t, &dq));
    }
    let files: Vec<&&Table> = v.tables.iter().filter(|t| !t.in_html).collect();
    if !files.is_empty() {
        s.push_str("<h3>More tables</h3><ul class=\"files\">");
        for t in files {
            s.push_str(&format!(
                "<li>{}: <a href=\"{}\">CSV</a>, <a href=\"{}\">JSON</a></li>",
                esc(&t.title),
                esc(&with_query(&format!("/api/tables/{}", t.name), &join(&dq, "format=csv"))),
                esc(&with_query(&format!("/api/tables/{}", t.name), &join(&dq, "format=json")))
            ));
        }
        s.push_str("</ul>\n");
    }
    s
}

/// Rows shown in the explorer's HTML table (the downloads hold every row).
pub const EXPLORER_ROW_LIMIT: usize = 300;

/// The models explorer's body.
pub fn models_body(rows: &[ModelRow], svg: &str, query: &str) -> String {
    let plotted = rows
        .iter()
        .filter(|r| r.decimal_year.is_some() && r.training_compute_flop.is_some_and(|c| c > 0.0))
        .count();
    let mut s = format!(
        "<h2>Models</h2>\n<p><span id=\"n-selected\">{}</span> models selected, {plotted} of them with a date and a \
         training-compute estimate (plotted). Hover or focus a point (Tab) for the model. Download the selection: \
         <a href=\"{}\">CSV</a>, <a href=\"{}\">JSON</a>.</p>\n\
         <figure class=\"fig explorer\" id=\"figure-models_explorer\">{svg}\
         <figcaption>Every model of the analysed vintage that passes the filters (the notability filter does not \
         apply here; the column <em>notable</em> says which models the analyses use). Colours: team kind under \
         the definitions in force.</figcaption></figure>\n\
         <div id=\"point-detail\" class=\"point-detail\" role=\"status\" aria-live=\"polite\"></div>\n",
        rows.len(),
        esc(&with_query("/api/models", &join(query, "format=csv"))),
        esc(&with_query("/api/models", &join(query, "format=json"))),
    );
    s.push_str(
        "<div class=\"table-scroll\"><table class=\"models\"><thead><tr><th scope=\"col\">Model</th>\
         <th scope=\"col\">Organisations</th><th scope=\"col\">Date</th><th scope=\"col\">Training compute (FLOP)</th>\
         <th scope=\"col\">Team</th><th scope=\"col\">Team from</th><th scope=\"col\">Accessibility</th>\
         <th scope=\"col\">Notable</th></tr></thead><tbody>",
    );
    for r in rows.iter().take(EXPLORER_ROW_LIMIT) {
        s.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.name),
            esc(&r.organizations.join(", ")),
            esc(r.date.as_deref().unwrap_or("")),
            esc(&r.training_compute_flop.map(cd_report::table::fmt_flop).unwrap_or_default()),
            esc(team_label(TeamKind::parse(r.team).unwrap_or(TeamKind::Unknown))),
            esc(&r.team_source.replace('_', " ")),
            esc(&r.accessibility.replace('_', " ")),
            if r.notable { "yes" } else { "no" }
        ));
    }
    s.push_str(&format!(
        "</tbody></table></div><p class=\"table-files\">{} of {} rows shown; the downloads hold all.</p>\n",
        rows.len().min(EXPLORER_ROW_LIMIT),
        rows.len()
    ));
    s
}

/// The provenance page's body.
pub fn provenance_body(state: &AppState, c: &Computed) -> String {
    let mut s = String::from(
        "<h2>Inputs</h2><div class=\"table-scroll\"><table class=\"sources\"><thead><tr><th scope=\"col\">Input</th>\
         <th scope=\"col\">Path</th><th scope=\"col\">Vintage</th><th scope=\"col\">sha256</th>\
         <th scope=\"col\">Rows read</th><th scope=\"col\">Loaded</th><th scope=\"col\">Rejected</th></tr></thead><tbody>",
    );
    for src in &state.sources {
        s.push_str(&format!(
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td><code class=\"hash\">{}</code></td><td>{}</td>\
             <td>{}</td><td>{}</td></tr>",
            esc(&src.name),
            esc(&src.path),
            esc(&src.vintage),
            esc(&src.sha256),
            src.rows_read,
            src.rows_loaded,
            src.rows_rejected
        ));
    }
    s.push_str(&format!(
        "</tbody></table></div>\n<p>Analysed vintage: <code>{}</code>. Version: {}.</p>\n\
         <h2>Definitions in force</h2><pre class=\"defs\">{}</pre>\n",
        esc(&c.vintage),
        esc(&state.version),
        esc(&serde_json::to_string_pretty(&c.defs).unwrap_or_default())
    ));
    s
}

/// A page for a bad parameter (400).
pub fn bad_parameter_page(parameter: &str, error: &str, path: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bad parameter · compute-divide</title><link rel=\"icon\" href=\"data:,\">\
         <link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main class=\"wrap\"><h1>Bad parameter \
         <code>{}</code></h1><p id=\"error\">{}</p><p><a href=\"{}\">Back to the study's definitions</a></p></main>\
         </body></html>\n",
        esc(parameter),
        esc(error),
        esc(path)
    )
}
