//! The dashboard pages: dyad picker, dyad timeline with an event table,
//! event and document views with highlighted evidence, a coding form and
//! an actor network. Server-rendered HTML; charts are inline SVG.

use std::collections::HashMap;
use std::fmt::Write as _;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, State as AxState};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use dyad_store::{EventFilter, StoredEvent};
use serde_json::Value;

use crate::api::{self, page_events, raw_pairs, side_code, side_label, Raw};
use crate::html::{esc, highlight, page, query_string, url_enc};
use crate::params::{self, EVENT_KEYS};
use crate::{with_store, ApiError, State};

/// An error shown as an HTML page.
pub struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl From<params::ParamError> for PageError {
    fn from(e: params::ParamError) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = self.0.status.canonical_reason().unwrap_or("Error");
        let body = format!("<p class=\"err\">{}</p>", esc(&self.0.message));
        (self.0.status, Html(page(title, &body))).into_response()
    }
}

type PageResult = Result<Html<String>, PageError>;

const QUAD_NAMES: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

/// `GET /`: counts, top dyads and top actors.
pub async fn index(AxState(st): AxState<State>) -> PageResult {
    let (counts, (actors, dyads)) =
        with_store(&st, |s| Ok((s.counts()?, api::tallies(s, 20, 30)?))).await?;
    let mut b = String::new();
    let _ = write!(
        b,
        "<p>{} documents, {} events, {} mentions.</p>\
         <form method=\"get\" action=\"/dyad\"><label>Dyad <input name=\"dyad\" placeholder=\"CHN-FRA\"></label> \
         <button>Show</button></form><h2>Top dyads</h2><table id=\"dyads\"><tr><th>dyad</th><th>events</th></tr>",
        counts.documents, counts.events, counts.mentions
    );
    for d in &dyads {
        let _ = write!(
            b,
            "<tr><td><a href=\"/dyad/{}\">{}</a></td><td>{}</td></tr>",
            url_enc(&d.dyad),
            esc(&d.dyad),
            d.events
        );
    }
    b.push_str("</table><h2>Top actors</h2><table id=\"actors\"><tr><th>actor</th><th>events</th><th>as actor</th><th>as recipient</th></tr>");
    for a in &actors {
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&a.actor),
            a.events,
            a.as_actor,
            a.as_recipient
        );
    }
    b.push_str("</table>");
    Ok(Html(page("Event dyads", &b)))
}

/// `GET /dyad?dyad=A-B`: the picker form's target.
pub async fn dyad_pick(q: Raw) -> Result<Redirect, PageError> {
    let raw = raw_pairs(q)?;
    let d = params::get(&raw, "dyad").ok_or_else(|| ApiError::bad_request("dyad is required"))?;
    let (a, b) = params::parse_dyad(d)?;
    Ok(Redirect::to(&format!(
        "/dyad/{}",
        url_enc(&format!("{a}-{b}"))
    )))
}

fn side_cell(country: &Option<String>, name: &Option<String>, key: &str) -> String {
    let label = side_label(country, name, key);
    match name {
        Some(n) if !n.is_empty() && *n != label => {
            format!("{} <span class=\"muted\">{}</span>", esc(&label), esc(n))
        }
        _ => esc(&label),
    }
}

/// The event table (one row per stored event, linking to its page).
fn event_table(evs: &[StoredEvent]) -> String {
    let mut b = String::from(
        "<table id=\"events\"><tr><th>id</th><th>date</th><th>type</th><th>CAMEO</th><th>quad</th>\
         <th>Goldstein</th><th>actor</th><th>recipient</th><th>place</th><th>mentions</th></tr>",
    );
    for e in evs {
        let _ = write!(
            b,
            "<tr class=\"event\"><td><a href=\"/event/{id}\">{id}</a></td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td>\
             <td>{:.1}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(e.event_date.as_deref().unwrap_or("")),
            if e.negated { "not " } else { "" },
            esc(&e.event_type),
            esc(&e.cameo_code),
            e.quad_class,
            e.goldstein,
            side_cell(&e.actor_country, &e.actor_name, &e.actor_key),
            side_cell(&e.recipient_country, &e.recipient_name, &e.recipient_key),
            esc(e.place_name.as_deref().unwrap_or("")),
            e.num_mentions,
            id = e.id
        );
    }
    b.push_str("</table>");
    b
}

/// `GET /dyad/{A-B}`: trend chart, filters, event table, paging.
pub async fn dyad(AxState(st): AxState<State>, Path(d): Path<String>, q: Raw) -> PageResult {
    let raw = raw_pairs(q)?;
    let (a, b) = params::parse_dyad(&d)?;
    let mut eq = params::event_query(&raw, &["by"])?;
    if eq.filter.dyad.is_some() {
        return Err(ApiError::bad_request("the dyad is in the path").into());
    }
    eq.filter.dyad = Some((a.clone(), b.clone()));
    let by_s = params::get(&raw, "by").unwrap_or("month").to_string();
    let by = params::parse_period(&by_s)?;
    let (a2, b2, q2) = (a.clone(), b.clone(), eq.clone());
    let (rows, (evs, total)) = with_store(&st, move |s| {
        Ok((s.trend(&a2, &b2, by, false)?, page_events(s, &q2)?))
    })
    .await?;
    let name = format!("{a}-{b}");
    let mut h = String::new();
    let _ = write!(
        h,
        "<p>{total} matching events between {} and {} (either direction).</p>",
        esc(&a),
        esc(&b)
    );
    if rows.is_empty() {
        h.push_str("<p class=\"muted\">No dated events for a timeline.</p>");
    } else {
        h.push_str("<div id=\"timeline\">");
        h.push_str(&dyad_store::chart::svg(&format!("{name} by {by_s}"), &rows));
        h.push_str("</div>");
    }
    // Filters (GET form back to this page).
    let val = |k: &str| params::get(&raw, k).unwrap_or("").to_string();
    let _ = write!(
        h,
        "<form class=\"filters\" method=\"get\" action=\"/dyad/{}\">\
         <label>type <input name=\"type\" value=\"{}\"></label>\
         <label>quad <select name=\"quad\"><option value=\"\">any</option>",
        url_enc(&name),
        esc(&val("type"))
    );
    for (i, q) in QUAD_NAMES.iter().enumerate() {
        let n = (i + 1).to_string();
        let sel = if val("quad") == n { " selected" } else { "" };
        let _ = write!(h, "<option value=\"{n}\"{sel}>{n} {q}</option>");
    }
    h.push_str("</select></label>");
    for k in ["from", "to", "place", "actor", "recipient"] {
        let _ = write!(
            h,
            "<label>{k} <input name=\"{k}\" value=\"{}\"></label>",
            esc(&val(k))
        );
    }
    h.push_str("<label>chart by <select name=\"by\">");
    for p in ["day", "week", "month"] {
        let sel = if by_s == p { " selected" } else { "" };
        let _ = write!(h, "<option{sel}>{p}</option>");
    }
    let _ = write!(
        h,
        "</select></label><input type=\"hidden\" name=\"per_page\" value=\"{}\"><button>Filter</button></form>",
        eq.per_page
    );
    h.push_str(&event_table(&evs));
    // Paging links keep every other parameter.
    let link = |p: u64| {
        let mut pairs: Vec<(&str, String)> = EVENT_KEYS
            .iter()
            .chain(["by"].iter())
            .filter(|k| **k != "page" && **k != "dyad")
            .map(|k| (*k, val(k)))
            .collect();
        pairs.push(("page", p.to_string()));
        format!("/dyad/{}?{}", url_enc(&name), esc(&query_string(&pairs)))
    };
    let pages = total.div_ceil(eq.per_page).max(1);
    h.push_str("<p class=\"paging\">");
    if eq.page > 1 {
        let _ = write!(
            h,
            "<a rel=\"prev\" href=\"{}\">&larr; previous</a> ",
            link(eq.page - 1)
        );
    }
    let _ = write!(h, "page {} of {pages}", eq.page);
    if eq.page < pages {
        let _ = write!(
            h,
            " <a rel=\"next\" href=\"{}\">next &rarr;</a>",
            link(eq.page + 1)
        );
    }
    h.push_str("</p>");
    Ok(Html(page(&format!("Dyad {name}"), &h)))
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut cur = v;
    for p in path {
        match cur.get(p) {
            Some(x) => cur = x,
            None => return "",
        }
    }
    cur.as_str().unwrap_or("")
}

fn party(v: &Value, key: &str) -> String {
    let p = &v[key];
    let code = [str_at(p, &["country"]), str_at(p, &["igo"])]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("");
    let text = str_at(p, &["text"]);
    match (code.is_empty(), text.is_empty()) {
        (true, true) => "—".into(),
        (false, true) => esc(code),
        (true, false) => esc(text),
        (false, false) => format!("{} <span class=\"muted\">{}</span>", esc(code), esc(text)),
    }
}

/// A record as a block: type, sides, date and the highlighted sentence.
fn record_block(rec: &Value, heading: &str) -> String {
    format!(
        "<div class=\"record\"><h3>{heading}</h3><p>{}{} ({}) · actor {} · recipient {} · date {} · confidence {}</p>\
         <p class=\"sentence\">{}</p></div>",
        if rec["negated"].as_bool() == Some(true) { "not " } else { "" },
        esc(str_at(rec, &["event_type"])),
        esc(str_at(rec, &["cameo_code"])),
        party(rec, "actor"),
        party(rec, "recipient"),
        esc(str_at(rec, &["event_date"])),
        rec["confidence"].as_f64().map(|c| format!("{c:.2}")).unwrap_or_default(),
        highlight(rec)
    )
}

const LEGEND: &str = "<p class=\"muted\">Marked: <mark class=\"trigger\">trigger</mark> \
    <mark class=\"actor\">actor</mark> <mark class=\"recipient\">recipient</mark> <mark class=\"date\">date</mark></p>";

/// `GET /event/{id}`: every report of one stored event, evidence marked.
pub async fn event(AxState(st): AxState<State>, Path(id): Path<String>) -> PageResult {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad_request(format!("event id {id:?}: want a number")))?;
    let ms = with_store(&st, move |s| Ok(s.mentions_of(id)?)).await?;
    if ms.is_empty() {
        return Err(ApiError::not_found(format!("no event {id}")).into());
    }
    let mut h = String::from(LEGEND);
    for (doc_id, source, rec) in &ms {
        let rec: Value = serde_json::from_str(rec)
            .map_err(|e| ApiError::internal(format!("stored record: {e}")))?;
        let heading = format!(
            "<a href=\"/doc/{}\">{}</a> <span class=\"muted\">{}</span>",
            url_enc(doc_id),
            esc(doc_id),
            esc(source.as_deref().unwrap_or(""))
        );
        h.push_str(&record_block(&rec, &heading));
    }
    Ok(Html(page(&format!("Event {id}"), &h)))
}

/// `GET /doc/{id}`: one document's records, evidence marked.
pub async fn document(AxState(st): AxState<State>, Path(id): Path<String>) -> PageResult {
    let _permit = st
        .work
        .acquire()
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let db = st.cfg.db.clone();
    let id2 = id.clone();
    let doc = tokio::task::spawn_blocking(move || crate::docs::document(&db, &id2))
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))??
        .ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))?;
    let mut h = String::new();
    let url = doc.url.as_deref().unwrap_or("");
    let url_html = if url.starts_with("https://") || url.starts_with("http://") {
        format!("<a href=\"{0}\" rel=\"noreferrer\">{0}</a>", esc(url))
    } else {
        esc(url)
    };
    let _ = write!(
        h,
        "<p><b>{}</b></p><p class=\"muted\">{} · published {} · {url_html}</p>{LEGEND}",
        esc(doc.title.as_deref().unwrap_or("")),
        esc(doc.source.as_deref().unwrap_or("")),
        esc(doc.published.as_deref().unwrap_or("")),
    );
    for m in &doc.mentions {
        let heading = format!("<a href=\"/event/{0}\">event {0}</a>", m.event_id);
        h.push_str(&record_block(&m.record, &heading));
    }
    Ok(Html(page(&format!("Document {}", doc.doc_id), &h)))
}

const CODE_FORM: &str = "<form method=\"post\" action=\"/code\"><p><textarea name=\"text\" placeholder=\"Paste an article\">{TEXT}</textarea></p>\
    <p><label>published <input name=\"published\" placeholder=\"YYYY-MM-DD\" value=\"{PUB}\"></label> <button>Code</button></p></form>";

fn code_form_html(text: &str, published: &str) -> String {
    CODE_FORM
        .replace("{PUB}", &esc(published))
        .replace("{TEXT}", &esc(text))
}

/// `GET /code`: the form.
pub async fn code_form() -> Html<String> {
    Html(page("Code an article", &code_form_html("", "")))
}

/// `POST /code`: codes the posted article (never stores it).
pub async fn code_post(
    AxState(st): AxState<State>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Result<Html<String>, PageError> {
    let Form(f) = form.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let text = f.get("text").cloned().unwrap_or_default();
    let published = f
        .get("published")
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    let doc = dyad_code::InputDoc {
        text: text.clone(),
        published: (!published.is_empty()).then(|| published.clone()),
        ..Default::default()
    };
    let mut h = code_form_html(&text, &published);
    match api::code_doc(&st, doc).await {
        Err(e) if e.status == StatusCode::BAD_REQUEST => {
            let _ = write!(h, "<p class=\"err\">{}</p>", esc(&e.message));
        }
        Err(e) => return Err(e.into()),
        Ok((_, out)) => {
            let _ = write!(h, "<h2>{} events</h2>{LEGEND}", out.events.len());
            for (i, ev) in out.events.iter().enumerate() {
                let rec =
                    serde_json::to_value(ev).map_err(|e| ApiError::internal(e.to_string()))?;
                h.push_str(&record_block(&rec, &format!("{}", i + 1)));
            }
            for w in &out.warnings {
                let _ = write!(h, "<p class=\"muted\">warning: {}</p>", esc(w));
            }
        }
    }
    Ok(Html(page("Code an article", &h)))
}

/// `GET /network?from=&to=`: the actors with the most events on a circle,
/// joined by lines as thick as their number of events.
pub async fn network(AxState(st): AxState<State>, q: Raw) -> PageResult {
    let raw = raw_pairs(q)?;
    params::only(&raw, &["from", "to"])?;
    let mut f = EventFilter::default();
    if let Some(v) = params::get(&raw, "from") {
        f.from = Some(params::parse_date("from", v, false)?);
    }
    if let Some(v) = params::get(&raw, "to") {
        f.to = Some(params::parse_date("to", v, true)?);
    }
    let edges = with_store(&st, move |s| {
        let mut m: HashMap<(String, String), u64> = HashMap::new();
        s.for_each_event(&f, |e| {
            let a = side_code(&e.actor_country, &e.actor_key);
            let b = side_code(&e.recipient_country, &e.recipient_key);
            if let (Some(a), Some(b)) = (a, b) {
                if a != b {
                    let k = if a <= b { (a, b) } else { (b, a) };
                    *m.entry(k).or_default() += 1;
                }
            }
            Ok(())
        })?;
        Ok(m)
    })
    .await?;
    let svg = network_svg(&edges, 30);
    let body = format!(
        "<form method=\"get\" action=\"/network\"><label>from <input name=\"from\" value=\"{}\"></label> \
         <label>to <input name=\"to\" value=\"{}\"></label> <button>Show</button></form><div id=\"network\">{svg}</div>",
        esc(params::get(&raw, "from").unwrap_or("")),
        esc(params::get(&raw, "to").unwrap_or(""))
    );
    Ok(Html(page("Actor network", &body)))
}

/// The circle-layout SVG of the `max_nodes` busiest sides.
fn network_svg(edges: &HashMap<(String, String), u64>, max_nodes: usize) -> String {
    let mut deg: HashMap<&str, u64> = HashMap::new();
    for ((a, b), n) in edges {
        *deg.entry(a).or_default() += n;
        *deg.entry(b).or_default() += n;
    }
    let mut nodes: Vec<(&str, u64)> = deg.into_iter().collect();
    nodes.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
    nodes.truncate(max_nodes);
    let (w, h, r) = (700.0f64, 700.0f64, 280.0f64);
    let pos: HashMap<&str, (f64, f64)> = nodes
        .iter()
        .enumerate()
        .map(|(i, (n, _))| {
            let t = i as f64 / nodes.len().max(1) as f64 * std::f64::consts::TAU;
            (*n, (w / 2.0 + r * t.cos(), h / 2.0 + r * t.sin()))
        })
        .collect();
    let max_e = edges.values().copied().max().unwrap_or(1) as f64;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">"
    );
    let mut es: Vec<(&(String, String), &u64)> = edges.iter().collect();
    es.sort();
    for ((a, b), n) in es {
        if let (Some(p), Some(q)) = (pos.get(a.as_str()), pos.get(b.as_str())) {
            let _ = write!(
                s,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1f5fa8\" stroke-opacity=\"0.5\" stroke-width=\"{:.1}\"><title>{}-{}: {n}</title></line>",
                p.0, p.1, q.0, q.1, 1.0 + 7.0 * (*n as f64) / max_e, esc(a), esc(b)
            );
        }
    }
    for (n, d) in &nodes {
        let (x, y) = pos[n];
        let _ = write!(
            s,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"#d7191c\"><title>{}: {d}</title></circle>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\">{}</text>",
            esc(n),
            x,
            y - 10.0,
            esc(n)
        );
    }
    s.push_str("</svg>");
    s
}
