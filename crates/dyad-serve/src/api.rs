//! The JSON API: events with filters and paging, dyad trends, top actors,
//! one document with its records, coding an article (optionally storing
//! it), and the OpenAPI description.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State as AxState};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dyad_code::{DocOutput, InputDoc};
use dyad_store::{DocInfo, EventFilter, Store, StoredEvent};
use serde::Serialize;
use serde_json::{json, Value};

use crate::params::{self, EventQuery};
use crate::{with_store, ApiError, State};

/// The hand-written OpenAPI 3 description.
pub const OPENAPI: &str = include_str!("openapi.json");
/// Default and largest number of rows of `/api/actors`.
const DEFAULT_TOP: u64 = 20;
const MAX_TOP: u64 = 500;

pub(crate) type Raw = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// The query pairs, or a 400 for an unreadable query string.
pub(crate) fn raw_pairs(q: Raw) -> Result<Vec<(String, String)>, ApiError> {
    q.map(|Query(v)| v)
        .map_err(|e| ApiError::bad_request(e.body_text()))
}

/// A side as a code usable in a `dyad=` filter: the country, else the IGO.
pub fn side_code(country: &Option<String>, key: &str) -> Option<String> {
    match country {
        Some(c) if !c.is_empty() => Some(c.clone()),
        _ => key.strip_prefix("IGO:").map(str::to_string),
    }
}

/// A side for display: its code, else its name, else its key.
pub fn side_label(country: &Option<String>, name: &Option<String>, key: &str) -> String {
    if let Some(c) = side_code(country, key) {
        return c;
    }
    match name {
        Some(n) if !n.is_empty() => n.clone(),
        _ => key.strip_prefix("NAME:").unwrap_or(key).to_string(),
    }
}

/// True when the filter selects every event (destructured in full, so a
/// field added to the filter must be considered here).
fn selects_all(f: &EventFilter) -> bool {
    let EventFilter {
        actor,
        recipient,
        dyad,
        event_type,
        quad,
        from,
        to,
        place,
        limit: _,
    } = f;
    actor.is_none()
        && recipient.is_none()
        && dyad.is_none()
        && event_type.is_none()
        && quad.is_none()
        && from.is_none()
        && to.is_none()
        && place.is_none()
}

/// One page of events matching the filter, and how many match in all.
/// Without filters the total is the store's event count and only the
/// rows up to the page are read.
pub fn page_events(store: &Store, q: &EventQuery) -> Result<(Vec<StoredEvent>, u64), ApiError> {
    let skip = (q.page - 1).saturating_mul(q.per_page);
    let mut f = q.filter.clone();
    let known_total = if selects_all(&f) {
        f.limit = Some(skip.saturating_add(q.per_page));
        Some(store.counts()?.events.max(0) as u64)
    } else {
        None
    };
    let mut n = 0u64;
    let mut page = Vec::with_capacity(q.per_page as usize);
    store.for_each_event(&f, |e| {
        if n >= skip && n < skip + q.per_page {
            page.push(e);
        }
        n += 1;
        Ok(())
    })?;
    Ok((page, known_total.unwrap_or(n)))
}

/// An actor and its number of events (as actor or recipient).
#[derive(Debug, Clone, Serialize)]
pub struct ActorCount {
    pub actor: String,
    pub events: u64,
    pub as_actor: u64,
    pub as_recipient: u64,
}

/// A dyad (two coded sides, unordered) and its number of events.
#[derive(Debug, Clone, Serialize)]
pub struct DyadCount {
    pub dyad: String,
    pub events: u64,
}

/// The `n_actors` actors with the most events and the `n_dyads` dyads
/// (both sides countries or IGOs) with the most events, most first, from
/// one pass over the events.
pub fn tallies(
    store: &Store,
    n_actors: usize,
    n_dyads: usize,
) -> Result<(Vec<ActorCount>, Vec<DyadCount>), ApiError> {
    let mut actors: HashMap<String, (u64, u64)> = HashMap::new();
    let mut dyads: HashMap<(String, String), u64> = HashMap::new();
    store.for_each_event(&EventFilter::default(), |e| {
        if n_actors > 0 {
            if !e.actor_key.is_empty() {
                actors
                    .entry(side_label(&e.actor_country, &e.actor_name, &e.actor_key))
                    .or_default()
                    .0 += 1;
            }
            if !e.recipient_key.is_empty() {
                actors
                    .entry(side_label(
                        &e.recipient_country,
                        &e.recipient_name,
                        &e.recipient_key,
                    ))
                    .or_default()
                    .1 += 1;
            }
        }
        if n_dyads > 0 {
            let a = side_code(&e.actor_country, &e.actor_key);
            let b = side_code(&e.recipient_country, &e.recipient_key);
            if let (Some(a), Some(b)) = (a, b) {
                if a != b && !a.contains('-') && !b.contains('-') {
                    let k = if a <= b { (a, b) } else { (b, a) };
                    *dyads.entry(k).or_default() += 1;
                }
            }
        }
        Ok(())
    })?;
    let mut av: Vec<ActorCount> = actors
        .into_iter()
        .map(|(actor, (a, r))| ActorCount {
            actor,
            events: a + r,
            as_actor: a,
            as_recipient: r,
        })
        .collect();
    av.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.actor.cmp(&b.actor)));
    av.truncate(n_actors);
    let mut dv: Vec<DyadCount> = dyads
        .into_iter()
        .map(|((a, b), events)| DyadCount {
            dyad: format!("{a}-{b}"),
            events,
        })
        .collect();
    dv.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.dyad.cmp(&b.dyad)));
    dv.truncate(n_dyads);
    Ok((av, dv))
}

/// `GET /api/events`.
pub async fn events(AxState(st): AxState<State>, q: Raw) -> Result<Json<Value>, ApiError> {
    let q = params::event_query(&raw_pairs(q)?, &[])?;
    let (page, per_page) = (q.page, q.per_page);
    let (evs, total) = with_store(&st, move |s| page_events(s, &q)).await?;
    Ok(Json(json!({
        "events": evs,
        "page": page,
        "per_page": per_page,
        "total": total,
    })))
}

/// `GET /api/trend?dyad=A-B&by=day|week|month`.
pub async fn trend(AxState(st): AxState<State>, q: Raw) -> Result<Json<Value>, ApiError> {
    let raw = raw_pairs(q)?;
    params::only(&raw, &["dyad", "by", "directed"])?;
    let dyad = params::get(&raw, "dyad")
        .ok_or_else(|| ApiError::bad_request("dyad is required, e.g. dyad=CHN-FRA"))?;
    let (a, b) = params::parse_dyad(dyad)?;
    let by_s = params::get(&raw, "by").unwrap_or("month").to_string();
    let by = params::parse_period(&by_s)?;
    let directed = match params::get(&raw, "directed") {
        None | Some("false") => false,
        Some("true") => true,
        Some(o) => {
            return Err(ApiError::bad_request(format!(
                "directed {o:?}: want true or false"
            )))
        }
    };
    let (a2, b2) = (a.clone(), b.clone());
    let rows = with_store(&st, move |s| Ok(s.trend(&a2, &b2, by, directed)?)).await?;
    Ok(Json(json!({
        "dyad": format!("{a}-{b}"),
        "by": by_s,
        "directed": directed,
        "rows": rows,
    })))
}

/// `GET /api/actors?limit=N`.
pub async fn actors(AxState(st): AxState<State>, q: Raw) -> Result<Json<Value>, ApiError> {
    let raw = raw_pairs(q)?;
    params::only(&raw, &["limit"])?;
    let n = match params::get(&raw, "limit") {
        None => DEFAULT_TOP,
        Some(v) => match v.parse::<u64>() {
            Ok(n) if (1..=MAX_TOP).contains(&n) => n,
            _ => {
                return Err(ApiError::bad_request(format!(
                    "limit {v:?}: want a whole number from 1 to {MAX_TOP}"
                )))
            }
        },
    };
    let (v, _) = with_store(&st, move |s| tallies(s, n as usize, 0)).await?;
    Ok(Json(json!({ "actors": v })))
}

/// `GET /api/documents/{id}`.
pub async fn document(
    AxState(st): AxState<State>,
    Path(id): Path<String>,
) -> Result<Json<crate::docs::StoredDocument>, ApiError> {
    let _permit = st
        .work
        .acquire()
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let db = st.cfg.db.clone();
    let id2 = id.clone();
    let doc = tokio::task::spawn_blocking(move || crate::docs::document(&db, &id2))
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))??;
    doc.map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))
}

/// The request body as an input document: JSON when it says so (by
/// content type or a leading `{`), plain text otherwise.
pub fn input_doc(headers: &HeaderMap, body: &[u8]) -> Result<InputDoc, ApiError> {
    let text =
        std::str::from_utf8(body).map_err(|_| ApiError::bad_request("body is not valid UTF-8"))?;
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
        || text.trim_start().starts_with('{');
    if is_json {
        serde_json::from_str::<InputDoc>(text)
            .map_err(|e| ApiError::bad_request(format!("input document: {e}")))
    } else {
        Ok(InputDoc {
            text: text.to_string(),
            ..InputDoc::default()
        })
    }
}

/// Codes one document off the async workers.
pub async fn code_doc(st: &State, doc: InputDoc) -> Result<(InputDoc, DocOutput), ApiError> {
    let _permit = st
        .work
        .acquire()
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?;
    tokio::task::spawn_blocking(move || {
        let out = dyad_code::code_document(&doc, dyad_kb::Kb::embedded())
            .map_err(|e| ApiError::bad_request(e.to_string()))?;
        Ok((doc, out))
    })
    .await
    .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
}

/// True when the request carries `Authorization: Bearer TOKEN` matching
/// the configured token (compared in constant time).
fn authorised(headers: &HeaderMap, token: Option<&str>) -> bool {
    let Some(token) = token else { return false };
    let Some(got) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (a, b) = (got.trim().as_bytes(), token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `POST /api/code[?store=true]`.
pub async fn code(
    AxState(st): AxState<State>,
    q: Raw,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = raw_pairs(q)?;
    params::only(&raw, &["store"])?;
    let store = match params::get(&raw, "store") {
        None | Some("false") => false,
        Some("true") => true,
        Some(o) => {
            return Err(ApiError::bad_request(format!(
                "store {o:?}: want true or false"
            )))
        }
    };
    if store && !authorised(&headers, st.cfg.write_token.as_deref()) {
        let msg = if st.cfg.write_token.is_none() {
            "storing is disabled: the server has no write token"
        } else {
            "storing needs Authorization: Bearer <write token>"
        };
        return Err(ApiError::new(StatusCode::FORBIDDEN, msg));
    }
    let body = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let doc = input_doc(&headers, &body)?;
    let (doc, out) = code_doc(&st, doc).await?;
    if !store {
        return Ok(Json(out).into_response());
    }
    let _permit = st
        .work
        .acquire()
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let db = st.cfg.db.clone();
    let (out, stats) = tokio::task::spawn_blocking(move || {
        let info = DocInfo {
            content_hash: dyad_store::content_hash(&doc.text),
            url: doc.url.clone(),
            title: doc.title.clone(),
            language: doc.language.clone(),
            published: doc.published.clone(),
        };
        let mut s = Store::open(&db)?;
        let pair = [(info, out)];
        let stats = s.ingest_batch(&pair, &dyad_store::DedupOptions::default())?;
        let [(_, out)] = pair;
        Ok::<_, ApiError>((out, stats))
    })
    .await
    .map_err(|e| ApiError::internal(format!("worker failed: {e}")))??;
    let mut v = serde_json::to_value(&out).map_err(|e| ApiError::internal(e.to_string()))?;
    if let Value::Object(m) = &mut v {
        m.insert(
            "stored".into(),
            json!({
                "documents": stats.documents,
                "duplicates": stats.duplicates,
                "mentions": stats.mentions,
                "new_events": stats.new_events,
            }),
        );
    }
    Ok((StatusCode::OK, Json(v)).into_response())
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
