//! Writing coded documents: one transaction per batch, each document with
//! its mentions and the event merges they cause, so an interrupted ingest
//! leaves whole documents only.

use dyad_code::{DocOutput, Event};
use rusqlite::{params, Transaction};
use sha2::{Digest, Sha256};

use crate::dedup::{self, DateSpan, DedupOptions, MatchKey, Precision};
use crate::{Result, Store};

/// The document key: SHA-256 of its text, in hex.
pub fn content_hash(text: &str) -> String {
    let d = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in d {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Facts about an input document the coder's output does not carry.
#[derive(Debug, Clone, Default)]
pub struct DocInfo {
    /// [`content_hash`] of the text.
    pub content_hash: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
}

/// What a batch changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchStats {
    /// Documents stored.
    pub documents: usize,
    /// Documents skipped because their content hash was already stored.
    pub duplicates: usize,
    /// Mentions stored (one per coded event).
    pub mentions: usize,
    /// Events created (the rest of the mentions merged into existing ones).
    pub new_events: usize,
}

impl BatchStats {
    pub fn add(&mut self, o: BatchStats) {
        self.documents += o.documents;
        self.duplicates += o.duplicates;
        self.mentions += o.mentions;
        self.new_events += o.new_events;
    }
}

impl Store {
    /// Stores a batch of coded documents in one transaction, merging each
    /// event into a stored one when the merge rule says they are the same.
    pub fn ingest_batch(
        &mut self,
        docs: &[(DocInfo, DocOutput)],
        opts: &DedupOptions,
    ) -> Result<BatchStats> {
        let tx = self.conn.transaction()?;
        let mut stats = BatchStats::default();
        for (info, out) in docs {
            ingest_doc(&tx, info, out, opts, &mut stats)?;
        }
        tx.commit()?;
        Ok(stats)
    }
}

fn ingest_doc(
    tx: &Transaction,
    info: &DocInfo,
    out: &DocOutput,
    opts: &DedupOptions,
    stats: &mut BatchStats,
) -> Result<()> {
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let added = tx
        .prepare_cached(
            "INSERT INTO documents (content_hash, doc_id, source, url, title, language,
                published, story_date, n_events, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (content_hash) DO NOTHING",
        )?
        .execute(params![
            info.content_hash,
            out.doc_id,
            out.source,
            info.url,
            info.title,
            info.language,
            info.published,
            out.story_date,
            out.events.len() as i64,
            now,
        ])?;
    if added == 0 {
        stats.duplicates += 1;
        return Ok(());
    }
    stats.documents += 1;
    let doc_row = tx.last_insert_rowid();
    for ev in &out.events {
        let key = dedup::match_key(ev);
        let event_row = match find_match(tx, &key, opts)? {
            Some(m) => {
                refine(tx, m, &key, ev)?;
                m.id
            }
            None => {
                stats.new_events += 1;
                insert_event(tx, &key, ev)?
            }
        };
        insert_mention(tx, event_row, doc_row, ev)?;
        stats.mentions += 1;
        tx.prepare_cached(
            "UPDATE events SET
                num_mentions = (SELECT COUNT(*) FROM mentions WHERE event_id = ?1),
                num_sources = (SELECT COUNT(DISTINCT COALESCE(source, '')) FROM mentions WHERE event_id = ?1),
                num_articles = (SELECT COUNT(DISTINCT document_id) FROM mentions WHERE event_id = ?1)
             WHERE id = ?1",
        )?
        .execute([event_row])?;
    }
    Ok(())
}

/// A stored event that a mention may merge into.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    id: i64,
    span: Option<DateSpan>,
    has_place: bool,
}

fn find_match(tx: &Transaction, key: &MatchKey, opts: &DedupOptions) -> Result<Option<Candidate>> {
    let w = opts.window_days as i32;
    let mut best: Option<(u32, Candidate)> = None;
    let mut consider = |c: Candidate, place: Option<String>| {
        if !dedup::places_compatible(place.as_deref(), key.place_country.as_deref()) {
            return;
        }
        let dist = match (&c.span, &key.span) {
            (Some(a), Some(b)) if a.matches(b, opts.window_days) => a.distance(b),
            (None, None) => 0,
            _ => return,
        };
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, c));
        }
    };
    let row = |r: &rusqlite::Row| -> rusqlite::Result<(Candidate, Option<String>)> {
        let lo: Option<i32> = r.get(1)?;
        let hi: Option<i32> = r.get(2)?;
        let p: String = r.get(3)?;
        let place: Option<String> = r.get(4)?;
        let span = match (lo, hi) {
            (Some(lo), Some(hi)) => Some(DateSpan {
                lo,
                hi,
                precision: Precision::parse(&p),
            }),
            _ => None,
        };
        Ok((
            Candidate {
                id: r.get(0)?,
                span,
                has_place: place.is_some(),
            },
            place,
        ))
    };
    match &key.span {
        Some(s) => {
            let mut st = tx.prepare_cached(
                "SELECT id, day_lo, day_hi, date_precision, place_country FROM events
                 WHERE event_type = ?1 AND negated = ?2 AND match_a = ?3 AND match_b = ?4
                   AND day_lo <= ?5 AND day_hi >= ?6
                 ORDER BY id",
            )?;
            let rows = st.query_map(
                params![
                    key.event_type,
                    key.negated,
                    key.match_a,
                    key.match_b,
                    s.hi + w,
                    s.lo - w
                ],
                row,
            )?;
            for r in rows {
                let (c, place) = r?;
                consider(c, place);
            }
        }
        None => {
            let mut st = tx.prepare_cached(
                "SELECT id, day_lo, day_hi, date_precision, place_country FROM events
                 WHERE event_type = ?1 AND negated = ?2 AND match_a = ?3 AND match_b = ?4
                   AND day_lo IS NULL
                 ORDER BY id",
            )?;
            let rows = st.query_map(
                params![key.event_type, key.negated, key.match_a, key.match_b],
                row,
            )?;
            for r in rows {
                let (c, place) = r?;
                consider(c, place);
            }
        }
    }
    Ok(best.map(|(_, c)| c))
}

/// Sharpens a stored event with a new mention: a finer date replaces a
/// coarser one, and a place fills a missing one.
fn refine(tx: &Transaction, c: Candidate, key: &MatchKey, ev: &Event) -> Result<()> {
    if let (Some(old), Some(new)) = (&c.span, &key.span) {
        if new.precision < old.precision {
            tx.prepare_cached(
                "UPDATE events SET event_date = ?2, date_precision = ?3, day_lo = ?4, day_hi = ?5
                 WHERE id = ?1",
            )?
            .execute(params![
                c.id,
                dedup::span_text(new),
                new.precision.as_str(),
                new.lo,
                new.hi
            ])?;
        }
    }
    if !c.has_place {
        if let Some(l) = &ev.location {
            tx.prepare_cached(
                "UPDATE events SET place_name = ?2, place_country = ?3, lat = ?4, lon = ?5
                 WHERE id = ?1",
            )?
            .execute(params![
                c.id,
                l.name.as_deref().unwrap_or(&l.text),
                l.country,
                l.lat,
                l.lon
            ])?;
        }
    }
    Ok(())
}

fn insert_event(tx: &Transaction, key: &MatchKey, ev: &Event) -> Result<i64> {
    let a = dedup::primary_actor(ev);
    let r = dedup::primary_recipient(ev);
    let name = |x: Option<&dyad_code::record::Actor>| {
        x.map(|x| x.name.clone().unwrap_or_else(|| x.text.clone()))
    };
    let (date, precision, lo, hi) = match &key.span {
        Some(s) => (
            dedup::span_text(s),
            s.precision.as_str(),
            Some(s.lo),
            Some(s.hi),
        ),
        None => (None, Precision::None.as_str(), None, None),
    };
    let loc = ev.location.as_ref();
    tx.prepare_cached(
        "INSERT INTO events (event_type, event_mode, cameo_code, quad_class, goldstein, negated,
            actor_key, actor_country, actor_name, recipient_key, recipient_country, recipient_name,
            match_a, match_b, event_date, date_precision, day_lo, day_hi,
            place_name, place_country, lat, lon)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19, ?20, ?21, ?22)",
    )?
    .execute(params![
        ev.event_type,
        ev.event_mode,
        ev.cameo_code,
        ev.quad_class,
        ev.goldstein,
        ev.negated,
        key.actor,
        a.and_then(|x| x.country.clone()),
        name(a),
        key.recipient,
        r.and_then(|x| x.country.clone()),
        name(r),
        key.match_a,
        key.match_b,
        date,
        precision,
        lo,
        hi,
        loc.map(|l| l.name.clone().unwrap_or_else(|| l.text.clone())),
        key.place_country,
        loc.and_then(|l| l.lat),
        loc.and_then(|l| l.lon),
    ])?;
    Ok(tx.last_insert_rowid())
}

fn insert_mention(tx: &Transaction, event_row: i64, doc_row: i64, ev: &Event) -> Result<()> {
    let record =
        serde_json::to_string(ev).map_err(|e| crate::StoreError::Invalid(e.to_string()))?;
    tx.prepare_cached(
        "INSERT INTO mentions (event_id, document_id, record_id, sentence, start, end,
            trigger_start, trigger_end, source, confidence, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        event_row,
        doc_row,
        ev.event_id,
        ev.evidence.sentence as i64,
        ev.evidence.start as i64,
        ev.evidence.end as i64,
        ev.evidence.trigger_start as i64,
        ev.evidence.trigger_end as i64,
        ev.source,
        ev.confidence,
        record,
    ])?;
    Ok(())
}
