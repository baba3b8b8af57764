//! Reading events back: filters turned into parameterised SQL, and the
//! stored event row as a Rust value.

use chrono::NaiveDate;
use rusqlite::types::Value;

use crate::{Result, Store, StoreError};

/// One deduplicated event as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoredEvent {
    pub id: i64,
    pub event_date: Option<String>,
    pub date_precision: String,
    pub event_type: String,
    pub event_mode: Option<String>,
    pub cameo_code: String,
    pub quad_class: i64,
    pub goldstein: f64,
    pub negated: bool,
    pub actor_key: String,
    pub actor_country: Option<String>,
    pub actor_name: Option<String>,
    pub recipient_key: String,
    pub recipient_country: Option<String>,
    pub recipient_name: Option<String>,
    pub place_name: Option<String>,
    pub place_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
}

/// One row as text cells (`None` = null), in [`EVENT_COLUMNS`] order.
pub type Cells = Vec<Option<String>>;

/// The export columns, in order (CSV header, Parquet schema).
pub const EVENT_COLUMNS: [&str; 22] = [
    "id",
    "event_date",
    "date_precision",
    "event_type",
    "event_mode",
    "cameo_code",
    "quad_class",
    "goldstein",
    "negated",
    "actor_key",
    "actor_country",
    "actor_name",
    "recipient_key",
    "recipient_country",
    "recipient_name",
    "place_name",
    "place_country",
    "lat",
    "lon",
    "num_mentions",
    "num_sources",
    "num_articles",
];

const SELECT: &str = "SELECT e.id, e.event_date, e.date_precision, e.event_type, e.event_mode,
    e.cameo_code, e.quad_class, e.goldstein, e.negated, e.actor_key, e.actor_country,
    e.actor_name, e.recipient_key, e.recipient_country, e.recipient_name, e.place_name,
    e.place_country, e.lat, e.lon, e.num_mentions, e.num_sources, e.num_articles";

impl StoredEvent {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<StoredEvent> {
        Ok(StoredEvent {
            id: r.get(0)?,
            event_date: r.get(1)?,
            date_precision: r.get(2)?,
            event_type: r.get(3)?,
            event_mode: r.get(4)?,
            cameo_code: r.get(5)?,
            quad_class: r.get(6)?,
            goldstein: r.get(7)?,
            negated: r.get(8)?,
            actor_key: r.get(9)?,
            actor_country: r.get(10)?,
            actor_name: r.get(11)?,
            recipient_key: r.get(12)?,
            recipient_country: r.get(13)?,
            recipient_name: r.get(14)?,
            place_name: r.get(15)?,
            place_country: r.get(16)?,
            lat: r.get(17)?,
            lon: r.get(18)?,
            num_mentions: r.get(19)?,
            num_sources: r.get(20)?,
            num_articles: r.get(21)?,
        })
    }

    /// The row as text cells in [`EVENT_COLUMNS`] order (`None` = null).
    pub fn cells(&self) -> Cells {
        let s = |x: &Option<String>| x.clone();
        let f = |x: Option<f64>| x.map(|v| v.to_string());
        vec![
            Some(self.id.to_string()),
            s(&self.event_date),
            Some(self.date_precision.clone()),
            Some(self.event_type.clone()),
            s(&self.event_mode),
            Some(self.cameo_code.clone()),
            Some(self.quad_class.to_string()),
            Some(self.goldstein.to_string()),
            Some(self.negated.to_string()),
            Some(self.actor_key.clone()),
            s(&self.actor_country),
            s(&self.actor_name),
            Some(self.recipient_key.clone()),
            s(&self.recipient_country),
            s(&self.recipient_name),
            s(&self.place_name),
            s(&self.place_country),
            f(self.lat),
            f(self.lon),
            Some(self.num_mentions.to_string()),
            Some(self.num_sources.to_string()),
            Some(self.num_articles.to_string()),
        ]
    }
}

/// Which events to read. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Actor: a country code (`CHN`), an IGO (`UN`), or part of a name.
    pub actor: Option<String>,
    pub recipient: Option<String>,
    /// Either side is the first, the other the second, in either direction.
    pub dyad: Option<(String, String)>,
    pub event_type: Option<String>,
    pub quad: Option<u8>,
    /// Events whose date may fall on or after this day.
    pub from: Option<NaiveDate>,
    /// Events whose date may fall on or before this day.
    pub to: Option<NaiveDate>,
    /// Part of the place name, or its country code.
    pub place: Option<String>,
    pub limit: Option<u64>,
}

/// True for a code rather than a name: 2–4 ASCII capitals or digits.
fn looks_like_code(s: &str) -> bool {
    (2..=4).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Adds the SQL condition "side `p` is `who`" and its parameters.
fn party(p: &str, who: &str, params: &mut Vec<Value>) -> String {
    let who = who.trim();
    if looks_like_code(who) {
        params.push(Value::Text(who.to_string()));
        params.push(Value::Text(format!("IGO:{who}")));
        format!("(e.{p}_country = ? OR e.{p}_key = ?)")
    } else {
        params.push(Value::Text(who.to_lowercase()));
        format!("instr(lower(COALESCE(e.{p}_name, '')), ?) > 0")
    }
}

/// The WHERE clause (without the keyword; "1" when empty) and parameters.
pub(crate) fn where_clause(f: &EventFilter) -> Result<(String, Vec<Value>)> {
    let mut conds: Vec<String> = Vec::new();
    let mut ps: Vec<Value> = Vec::new();
    if let Some(a) = &f.actor {
        conds.push(party("actor", a, &mut ps));
    }
    if let Some(r) = &f.recipient {
        conds.push(party("recipient", r, &mut ps));
    }
    if let Some((a, b)) = &f.dyad {
        let ab1 = party("actor", a, &mut ps);
        let ab2 = party("recipient", b, &mut ps);
        let ba1 = party("actor", b, &mut ps);
        let ba2 = party("recipient", a, &mut ps);
        conds.push(format!("(({ab1} AND {ab2}) OR ({ba1} AND {ba2}))"));
    }
    if let Some(t) = &f.event_type {
        conds.push("e.event_type = ?".into());
        ps.push(Value::Text(t.to_uppercase()));
    }
    if let Some(q) = f.quad {
        if !(1..=4).contains(&q) {
            return Err(StoreError::Invalid(format!("quad class {q}: want 1 to 4")));
        }
        conds.push("e.quad_class = ?".into());
        ps.push(Value::Integer(q as i64));
    }
    if let Some(d) = f.from {
        conds.push("e.day_hi >= ?".into());
        ps.push(Value::Integer(day_number(d)));
    }
    if let Some(d) = f.to {
        conds.push("e.day_lo <= ?".into());
        ps.push(Value::Integer(day_number(d)));
    }
    if let Some(p) = &f.place {
        let p = p.trim();
        conds.push(
            "(e.place_country = ? OR instr(lower(COALESCE(e.place_name, '')), ?) > 0)".into(),
        );
        ps.push(Value::Text(p.to_uppercase()));
        ps.push(Value::Text(p.to_lowercase()));
    }
    let w = if conds.is_empty() {
        "1".to_string()
    } else {
        conds.join(" AND ")
    };
    Ok((w, ps))
}

fn day_number(d: NaiveDate) -> i64 {
    use chrono::Datelike;
    d.num_days_from_ce() as i64
}

impl Store {
    /// Events matching `f`, by date then id.
    pub fn events(&self, f: &EventFilter) -> Result<Vec<StoredEvent>> {
        let mut v = Vec::new();
        self.for_each_event(f, |e| {
            v.push(e);
            Ok(())
        })?;
        Ok(v)
    }

    /// Calls `each` on every event matching `f`, by date then id, without
    /// holding them all.
    pub fn for_each_event(
        &self,
        f: &EventFilter,
        mut each: impl FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        let (w, mut ps) = where_clause(f)?;
        let mut sql =
            format!("{SELECT} FROM events e WHERE {w} ORDER BY e.day_lo IS NULL, e.day_lo, e.id");
        if let Some(n) = f.limit {
            sql.push_str(" LIMIT ?");
            ps.push(Value::Integer(n.min(i64::MAX as u64) as i64));
        }
        let mut st = self.conn().prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(ps))?;
        while let Some(r) = rows.next()? {
            each(StoredEvent::from_row(r)?)?;
        }
        Ok(())
    }

    /// Calls `each` on every event with the record JSON of its first mention
    /// and that mention's document URL, title and language (for PLOVER and
    /// GDELT exports, which are built from a record).
    pub fn for_each_event_with_record(
        &self,
        f: &EventFilter,
        mut each: impl FnMut(StoredEvent, &str, &DocFacts) -> Result<()>,
    ) -> Result<()> {
        let (w, mut ps) = where_clause(f)?;
        let mut sql = format!(
            "{SELECT}, m.record, d.url, d.title, d.language FROM events e
             JOIN mentions m ON m.id = (SELECT MIN(id) FROM mentions WHERE event_id = e.id)
             JOIN documents d ON d.id = m.document_id
             WHERE {w} ORDER BY e.day_lo IS NULL, e.day_lo, e.id"
        );
        if let Some(n) = f.limit {
            sql.push_str(" LIMIT ?");
            ps.push(Value::Integer(n.min(i64::MAX as u64) as i64));
        }
        let mut st = self.conn().prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(ps))?;
        while let Some(r) = rows.next()? {
            let ev = StoredEvent::from_row(r)?;
            let record: String = r.get(22)?;
            let facts = DocFacts {
                url: r.get(23)?,
                title: r.get(24)?,
                language: r.get(25)?,
            };
            each(ev, &record, &facts)?;
        }
        Ok(())
    }

    /// The mentions of one event: (document id, source, record JSON).
    pub fn mentions_of(&self, event_id: i64) -> Result<Vec<(String, Option<String>, String)>> {
        let mut st = self.conn().prepare(
            "SELECT d.doc_id, m.source, m.record FROM mentions m
             JOIN documents d ON d.id = m.document_id WHERE m.event_id = ?1 ORDER BY m.id",
        )?;
        let rows = st.query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Document facts of an event's first mention.
#[derive(Debug, Clone, Default)]
pub struct DocFacts {
    pub url: Option<String>,
    pub title: Option<String>,
    pub language: Option<String>,
}
