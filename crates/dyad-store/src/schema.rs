//! The database schema and its migrations, versioned by `PRAGMA user_version`.

use rusqlite::Connection;

use crate::{Result, StoreError};

/// Migration `i` (0-based) takes the schema from version `i` to `i + 1`.
/// Append new migrations; never edit one that has shipped.
const MIGRATIONS: &[&str] = &[
    // 1: documents, events, mentions.
    r#"
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    doc_id       TEXT NOT NULL,
    source       TEXT,
    url          TEXT,
    title        TEXT,
    language     TEXT,
    published    TEXT,
    story_date   TEXT,
    n_events     INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL
);
CREATE TABLE events (
    id                INTEGER PRIMARY KEY,
    event_type        TEXT NOT NULL,
    event_mode        TEXT,
    cameo_code        TEXT NOT NULL,
    quad_class        INTEGER NOT NULL,
    goldstein         REAL NOT NULL,
    negated           INTEGER NOT NULL,
    actor_key         TEXT NOT NULL,
    actor_country     TEXT,
    actor_name        TEXT,
    recipient_key     TEXT NOT NULL,
    recipient_country TEXT,
    recipient_name    TEXT,
    match_a           TEXT NOT NULL,
    match_b           TEXT NOT NULL,
    event_date        TEXT,
    date_precision    TEXT NOT NULL,
    day_lo            INTEGER,
    day_hi            INTEGER,
    place_name        TEXT,
    place_country     TEXT,
    lat               REAL,
    lon               REAL,
    num_mentions      INTEGER NOT NULL DEFAULT 0,
    num_sources       INTEGER NOT NULL DEFAULT 0,
    num_articles      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_match ON events (event_type, negated, match_a, match_b, day_lo);
CREATE INDEX events_day ON events (day_lo);
CREATE INDEX events_actor ON events (actor_country, recipient_country);
CREATE TABLE mentions (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events (id),
    document_id   INTEGER NOT NULL REFERENCES documents (id),
    record_id     TEXT NOT NULL,
    sentence      INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    source        TEXT,
    confidence    REAL NOT NULL,
    record        TEXT NOT NULL
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_document ON mentions (document_id);
"#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every migration the database lacks, each in its own transaction.
pub fn migrate(conn: &Connection) -> Result<()> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if v > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: v,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(v as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        // PRAGMA takes no parameters; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(())
}
