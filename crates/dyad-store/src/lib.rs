//! The dyad event store: an embedded SQLite database of coded documents,
//! deduplicated events and the mentions that report them, with queries,
//! per-period trends, an SVG chart and CSV/Parquet exports.
//!
//! See `README.md` beside this crate for the schema and the merge rule.

pub mod chart;
pub mod dedup;
pub mod export;
mod ingest;
pub mod query;
mod schema;
pub mod trend;

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

pub use dedup::DedupOptions;
pub use ingest::{content_hash, BatchStats, DocInfo};
pub use query::{EventFilter, StoredEvent};
pub use schema::SCHEMA_VERSION;
pub use trend::{Period, TrendRow};

/// Anything that went wrong in the store.
#[derive(Debug)]
pub enum StoreError {
    Sql(rusqlite::Error),
    Io(std::io::Error),
    Parquet(String),
    Csv(String),
    /// Bad user input (a filter value, a date).
    Invalid(String),
    /// The database was written by a newer dyad.
    TooNew {
        found: i64,
        supported: i64,
    },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Sql(e) => write!(f, "database: {e}"),
            StoreError::Io(e) => write!(f, "{e}"),
            StoreError::Parquet(e) => write!(f, "parquet: {e}"),
            StoreError::Csv(e) => write!(f, "csv: {e}"),
            StoreError::Invalid(m) => write!(f, "{m}"),
            StoreError::TooNew { found, supported } => write!(
                f,
                "database schema version {found} is newer than this dyad supports ({supported})"
            ),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}

impl From<parquet::errors::ParquetError> for StoreError {
    fn from(e: parquet::errors::ParquetError) -> Self {
        StoreError::Parquet(e.to_string())
    }
}

impl From<csv::Error> for StoreError {
    fn from(e: csv::Error) -> Self {
        StoreError::Csv(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Document, event and mention counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub documents: i64,
    pub events: i64,
    pub mentions: i64,
}

/// An open event store.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the store at `path`, in WAL mode, and
    /// brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        Self::setup(conn, true)
    }

    /// Opens an existing store without writing to it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Invalid(format!(
                "no database at {} (run `dyad ingest` first)",
                path.display()
            )));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if v > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found: v,
                supported: SCHEMA_VERSION,
            });
        }
        if v < SCHEMA_VERSION {
            return Err(StoreError::Invalid(format!(
                "database schema version {v} is older than {SCHEMA_VERSION}: open it once for writing (`dyad ingest`) to migrate"
            )));
        }
        Ok(Store { conn })
    }

    /// A store in memory (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, false)
    }

    fn setup(conn: Connection, wal: bool) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        if wal {
            // journal_mode returns a row.
            let _: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        }
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")?;
        schema::migrate(&conn)?;
        Ok(Store { conn })
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// How many documents, events and mentions are stored.
    pub fn counts(&self) -> Result<Counts> {
        let one = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            documents: one("SELECT COUNT(*) FROM documents")?,
            events: one("SELECT COUNT(*) FROM events")?,
            mentions: one("SELECT COUNT(*) FROM mentions")?,
        })
    }

    /// True when a document with this content hash is already stored.
    pub fn has_document(&self, hash: &str) -> Result<bool> {
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")?;
        Ok(st.exists([hash])?)
    }

    /// Folds the write-ahead log into the main file (after a long ingest).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
