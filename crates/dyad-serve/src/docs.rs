//! Reading one stored document with its mentions (event records and their
//! evidence offsets). The store's public API has no document lookup, so
//! this runs two fixed, parameterised queries on a read-only connection.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use crate::ApiError;

/// A stored document and the event records coded from it.
#[derive(Debug, Clone, Serialize)]
pub struct StoredDocument {
    pub doc_id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    pub story_date: Option<String>,
    pub n_events: i64,
    pub mentions: Vec<DocMention>,
}

/// One event record of the document, with the stored event it merged into.
#[derive(Debug, Clone, Serialize)]
pub struct DocMention {
    pub event_id: i64,
    /// The full event record (contract format), evidence offsets included.
    pub record: serde_json::Value,
}

const DOC_SQL: &str =
    "SELECT id, doc_id, source, url, title, language, published, story_date, n_events
     FROM documents WHERE doc_id = ?1 ORDER BY id LIMIT 1";
const MENTIONS_SQL: &str =
    "SELECT event_id, record FROM mentions WHERE document_id = ?1 ORDER BY id";

fn sql(e: rusqlite::Error) -> ApiError {
    ApiError::internal(format!("database: {e}"))
}

/// The document whose id is `doc_id`, or `None`.
pub fn document(db: &Path, doc_id: &str) -> Result<Option<StoredDocument>, ApiError> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(sql)?;
    let row = conn
        .query_row(DOC_SQL, [doc_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                StoredDocument {
                    doc_id: r.get(1)?,
                    source: r.get(2)?,
                    url: r.get(3)?,
                    title: r.get(4)?,
                    language: r.get(5)?,
                    published: r.get(6)?,
                    story_date: r.get(7)?,
                    n_events: r.get(8)?,
                    mentions: Vec::new(),
                },
            ))
        })
        .optional()
        .map_err(sql)?;
    let Some((rowid, mut doc)) = row else {
        return Ok(None);
    };
    let mut st = conn.prepare(MENTIONS_SQL).map_err(sql)?;
    let rows = st
        .query_map([rowid], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .map_err(sql)?;
    for row in rows {
        let (event_id, rec) = row.map_err(sql)?;
        let record = serde_json::from_str(&rec)
            .map_err(|e| ApiError::internal(format!("stored record of event {event_id}: {e}")))?;
        doc.mentions.push(DocMention { event_id, record });
    }
    Ok(Some(doc))
}
