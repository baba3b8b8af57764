//! The event-store subcommands: `dyad ingest`, `events`, `trend` and
//! `export` (argument definitions and the work of each; `bench-store` is
//! in `store_bench`).

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::ValueEnum;
use dyad_code::{DocOutput, Event};
use dyad_store::dedup::{DateSpan, Precision};
use dyad_store::query::DocFacts;
use dyad_store::{DedupOptions, DocInfo, EventFilter, Period, Store, StoreError, StoredEvent};
use indicatif::ProgressBar;

use crate::formats::{self, DocMeta};
use crate::input::{self, Doc, DocError};
use crate::{pipeline, CliError};

/// Default database file, in the working directory.
pub const DEFAULT_DB: &str = "dyad.sqlite";
/// Most documents written in one transaction.
const BATCH_DOCS: usize = 64;

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Inputs, as for `dyad code`: files of any supported format,
    /// directories, URLs, or `-` (none = stdin).
    pub paths: Vec<String>,
    /// The database file.
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Largest distance in days between two day-precision dates of one event.
    #[arg(long, default_value_t = 1)]
    pub window_days: u32,
    /// Publication date for plain-text input (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_parser = crate::parse_published_arg)]
    pub published: Option<String>,
    /// Source (outlet) name for plain-text input.
    #[arg(long)]
    pub source: Option<String>,
    /// Document id for a single plain-text input.
    #[arg(long)]
    pub id: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Largest document text accepted, in bytes (suffixes K, M, G allowed).
    #[arg(long, default_value = "10M", value_parser = input::parse_size)]
    pub max_doc_bytes: usize,
    #[command(flatten)]
    pub input: input::ReadArgs,
}

/// Filters shared by `events` and `export`.
#[derive(clap::Args, Default)]
pub struct FilterArgs {
    /// Actor: country code (CHN), IGO (UN) or part of a name.
    #[arg(long)]
    pub actor: Option<String>,
    /// Recipient: country code, IGO or part of a name.
    #[arg(long)]
    pub recipient: Option<String>,
    /// Both sides, either direction: `CHN-FRA`.
    #[arg(long, value_parser = parse_dyad)]
    pub dyad: Option<(String, String)>,
    /// PLOVER event type (CONSULT, ACCUSE, …).
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// Events that may fall on or after this date (YYYY-MM-DD or YYYY-MM).
    #[arg(long, value_parser = parse_from)]
    pub from: Option<NaiveDate>,
    /// Events that may fall on or before this date (YYYY-MM-DD or YYYY-MM).
    #[arg(long, value_parser = parse_to)]
    pub to: Option<NaiveDate>,
    /// Place: part of its name, or its country code.
    #[arg(long)]
    pub place: Option<String>,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<u64>,
}

impl FilterArgs {
    pub fn filter(&self) -> EventFilter {
        EventFilter {
            actor: self.actor.clone(),
            recipient: self.recipient.clone(),
            dyad: self.dyad.clone(),
            event_type: self.event_type.clone(),
            quad: self.quad,
            from: self.from,
            to: self.to,
            place: self.place.clone(),
            limit: self.limit,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum EventsFormat {
    Table,
    Jsonl,
    Csv,
}

#[derive(clap::Args)]
pub struct EventsArgs {
    /// The database file.
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: EventsFormat,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ByArg {
    Day,
    Week,
    Month,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TrendFormat {
    Table,
    Csv,
}

#[derive(clap::Args)]
pub struct TrendArgs {
    /// First side: country code, IGO or name.
    pub a: String,
    /// Second side.
    pub b: String,
    /// Period length.
    #[arg(long, value_enum, default_value = "month")]
    pub by: ByArg,
    /// Only events from the first side to the second (default: both directions).
    #[arg(long)]
    pub directed: bool,
    /// The database file.
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TrendFormat,
    /// Also write an SVG line chart to this file.
    #[arg(long)]
    pub chart: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub enum ExportFormat {
    Plover,
    Gdelt,
    Csv,
    Parquet,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The database file.
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (default stdout; required for parquet).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

fn parse_dyad(s: &str) -> Result<(String, String), String> {
    match s.split_once('-') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err("want two sides joined by '-', e.g. CHN-FRA".to_string()),
    }
}

fn parse_bound(s: &str) -> Result<DateSpan, String> {
    let p = if s.trim().len() == 7 {
        Precision::Month
    } else {
        Precision::Day
    };
    DateSpan::parse(s, p)
        .filter(|_| matches!(s.trim().len(), 7 | 10))
        .ok_or_else(|| "want YYYY-MM-DD or YYYY-MM".to_string())
}

fn parse_from(s: &str) -> Result<NaiveDate, String> {
    let sp = parse_bound(s)?;
    NaiveDate::from_num_days_from_ce_opt(sp.lo).ok_or_else(|| "date out of range".into())
}

fn parse_to(s: &str) -> Result<NaiveDate, String> {
    let sp = parse_bound(s)?;
    NaiveDate::from_num_days_from_ce_opt(sp.hi).ok_or_else(|| "date out of range".into())
}

/// A store failure as a command failure.
pub fn store_err(e: StoreError) -> CliError {
    match e {
        StoreError::Invalid(m) => CliError::Usage(m),
        StoreError::Io(e) => CliError::Io(e),
        other => CliError::Io(io::Error::other(other.to_string())),
    }
}

// ------------------------------------------------------------------ ingest

/// What the store did with an ingest's documents.
#[derive(Debug, Default, Clone, Copy)]
pub struct IngestStats {
    pub stored: usize,
    pub already: usize,
    pub mentions: usize,
    pub new_events: usize,
}

/// `dyad ingest`.
pub fn ingest(a: IngestArgs) -> Result<bool, CliError> {
    a.input.apply_coder_flags();
    let opts = a
        .input
        .options(a.published, a.source, a.id, a.max_doc_bytes);
    let docs = crate::open_documents(&a.paths, opts)?;
    let mut store = Store::open(&a.db).map_err(store_err)?;
    let pool = crate::thread_pool(a.jobs)?;
    let dedup = DedupOptions {
        window_days: a.window_days,
    };
    let bar = pipeline::progress_bar();
    let (sum, st) = pool.install(|| ingest_docs(&mut store, docs, &dedup, &bar))?;
    bar.finish_and_clear();
    store.checkpoint().map_err(store_err)?;
    let c = store.counts().map_err(store_err)?;
    sum.report(&mut io::stderr())?;
    let secs = sum.elapsed.as_secs_f64().max(1e-9);
    eprintln!(
        "dyad: {} documents stored, {} already in the store, {} failed; {} mentions, {} new events ({:.1} documents/s, {:.1} events/s)",
        st.stored,
        st.already,
        sum.failed_total(),
        st.mentions,
        st.new_events,
        st.stored as f64 / secs,
        st.mentions as f64 / secs,
    );
    eprintln!(
        "dyad: {} now holds {} documents, {} events, {} mentions",
        a.db.display(),
        c.documents,
        c.events,
        c.mentions
    );
    Ok(sum.failed_total() == 0)
}

/// The store as a pipeline sink: documents already stored (by content hash)
/// are skipped before coding; each chunk is written in one transaction.
pub struct StoreSink<'a> {
    pub store: &'a mut Store,
    pub dedup: &'a DedupOptions,
    /// Content hashes of the documents waiting in the current chunk.
    pending: HashSet<String>,
    pub stats: IngestStats,
}

impl<'a> StoreSink<'a> {
    pub fn new(store: &'a mut Store, dedup: &'a DedupOptions) -> Self {
        StoreSink {
            store,
            dedup,
            pending: HashSet::new(),
            stats: IngestStats::default(),
        }
    }
}

impl pipeline::Sink for StoreSink<'_> {
    fn skip(&mut self, d: &Doc) -> Result<Option<String>, CliError> {
        let h = dyad_store::content_hash(&d.input.text);
        if self.pending.contains(&h) || self.store.has_document(&h).map_err(store_err)? {
            self.stats.already += 1;
            return Ok(Some("already in the store".to_string()));
        }
        self.pending.insert(h);
        Ok(None)
    }

    fn write(&mut self, coded: Vec<(Doc, DocOutput)>) -> Result<(), CliError> {
        self.pending.clear();
        let items: Vec<(DocInfo, DocOutput)> = coded
            .into_iter()
            .map(|(d, o)| {
                let info = DocInfo {
                    content_hash: dyad_store::content_hash(&d.input.text),
                    url: d.input.url,
                    title: d.input.title,
                    language: d.input.language,
                    published: d.input.published,
                };
                (info, o)
            })
            .collect();
        // Documents are written in chunks of at most BATCH_DOCS per transaction.
        for part in items.chunks(BATCH_DOCS) {
            let b = self
                .store
                .ingest_batch(part, self.dedup)
                .map_err(store_err)?;
            self.stats.stored += b.documents;
            self.stats.already += b.duplicates;
            self.stats.mentions += b.mentions;
            self.stats.new_events += b.new_events;
        }
        Ok(())
    }
}

/// Codes and stores documents through the shared pipeline.
pub fn ingest_docs(
    store: &mut Store,
    docs: impl Iterator<Item = Result<Doc, DocError>> + Send,
    dedup: &DedupOptions,
    bar: &ProgressBar,
) -> Result<(pipeline::Summary, IngestStats), CliError> {
    let mut sink = StoreSink::new(store, dedup);
    let mut err = io::stderr();
    let sum = pipeline::drive(docs, &mut sink, bar, &mut err, pipeline::embedded_coder())?;
    Ok((sum, sink.stats))
}

// ------------------------------------------------------------------ events

/// `dyad events`.
pub fn events(a: EventsArgs) -> Result<bool, CliError> {
    let store = Store::open_read_only(&a.db).map_err(store_err)?;
    let f = a.filter.filter();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match a.format {
        EventsFormat::Csv => {
            dyad_store::export::write_csv(&store, &f, &mut out).map_err(store_err)?;
        }
        EventsFormat::Jsonl => {
            store
                .for_each_event(&f, |e| {
                    serde_json::to_writer(&mut out, &e).map_err(io::Error::from)?;
                    out.write_all(b"\n")?;
                    Ok(())
                })
                .map_err(store_err)?;
        }
        EventsFormat::Table => {
            let evs = store.events(&f).map_err(store_err)?;
            write_table(&evs, &mut out)?;
        }
    }
    out.flush()?;
    Ok(true)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A side as shown: `CHN Wang Yi`, `CHN`, `Wang Yi`, or `-`.
fn side(country: &Option<String>, name: &Option<String>, key: &str) -> String {
    match (country, name) {
        (Some(c), Some(n)) if n != c => format!("{c} {n}"),
        (Some(c), _) => c.clone(),
        (None, Some(n)) => n.clone(),
        (None, None) if key.is_empty() => "-".into(),
        (None, None) => key.to_string(),
    }
}

/// An aligned text table of events.
pub fn write_table(evs: &[StoredEvent], out: &mut dyn Write) -> io::Result<()> {
    let head = [
        "id",
        "date",
        "type",
        "cameo",
        "actor",
        "recipient",
        "place",
        "quad",
        "goldstein",
        "mentions",
        "sources",
        "articles",
    ];
    let rows: Vec<[String; 12]> = evs
        .iter()
        .map(|e| {
            [
                e.id.to_string(),
                e.event_date.clone().unwrap_or_else(|| "-".into()),
                if e.negated {
                    format!("not {}", e.event_type)
                } else {
                    e.event_type.clone()
                },
                e.cameo_code.clone(),
                clip(&side(&e.actor_country, &e.actor_name, &e.actor_key), 28),
                clip(
                    &side(&e.recipient_country, &e.recipient_name, &e.recipient_key),
                    28,
                ),
                clip(e.place_name.as_deref().unwrap_or("-"), 18),
                e.quad_class.to_string(),
                format!("{:.1}", e.goldstein),
                e.num_mentions.to_string(),
                e.num_sources.to_string(),
                e.num_articles.to_string(),
            ]
        })
        .collect();
    let mut w = [0usize; 12];
    for (i, h) in head.iter().enumerate() {
        w[i] = h.chars().count();
    }
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let line = |cells: &[&str], out: &mut dyn Write| -> io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = w[i].saturating_sub(c.chars().count());
            // Numbers right-aligned.
            if i == 0 || i >= 7 {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                if i + 1 < cells.len() {
                    s.push_str(&" ".repeat(pad));
                }
            }
            if i + 1 < cells.len() {
                s.push_str("  ");
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(&head, out)?;
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        line(&cells, out)?;
    }
    writeln!(out, "({} events)", rows.len())
}

// ------------------------------------------------------------------- trend

/// `dyad trend`.
pub fn trend(a: TrendArgs) -> Result<bool, CliError> {
    let store = Store::open_read_only(&a.db).map_err(store_err)?;
    let by = match a.by {
        ByArg::Day => Period::Day,
        ByArg::Week => Period::Week,
        ByArg::Month => Period::Month,
    };
    let rows = store.trend(&a.a, &a.b, by, a.directed).map_err(store_err)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match a.format {
        TrendFormat::Csv => {
            writeln!(
                out,
                "period,events,verbal_coop,material_coop,verbal_conflict,material_conflict,goldstein_mean,cc_index,mentions"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{},{},{},{},{},{},{:.3},{:.3},{}",
                    r.period,
                    r.events,
                    r.quad[0],
                    r.quad[1],
                    r.quad[2],
                    r.quad[3],
                    r.goldstein_mean,
                    r.cc_index,
                    r.mentions
                )?;
            }
        }
        TrendFormat::Table => {
            writeln!(
                out,
                "{:<10}  {:>6}  {:>4}  {:>4}  {:>4}  {:>4}  {:>9}  {:>8}  {:>8}",
                "period", "events", "q1", "q2", "q3", "q4", "goldstein", "cc_index", "mentions"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{:<10}  {:>6}  {:>4}  {:>4}  {:>4}  {:>4}  {:>9.2}  {:>8.2}  {:>8}",
                    r.period,
                    r.events,
                    r.quad[0],
                    r.quad[1],
                    r.quad[2],
                    r.quad[3],
                    r.goldstein_mean,
                    r.cc_index,
                    r.mentions
                )?;
            }
            if rows.is_empty() {
                writeln!(out, "(no dated events between {} and {})", a.a, a.b)?;
            }
        }
    }
    out.flush()?;
    if let Some(path) = &a.chart {
        let arrow = if a.directed { "→" } else { "↔" };
        let by_name = match by {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        };
        let title = format!("{} {arrow} {}: events by {by_name}", a.a, a.b);
        std::fs::write(path, dyad_store::chart::svg(&title, &rows))?;
    }
    Ok(true)
}

// ------------------------------------------------------------------ export

/// The record of an event's first mention, with the store's id, date and
/// counts, for the PLOVER and GDELT writers.
fn representative(e: &StoredEvent, record: &str) -> Result<Event, StoreError> {
    let mut ev: Event = serde_json::from_str(record).map_err(|x| {
        StoreError::Invalid(format!("event {}: stored record unreadable: {x}", e.id))
    })?;
    ev.event_id = e.id.to_string();
    ev.event_date = e.event_date.clone();
    ev.date_precision = e.date_precision.clone();
    Ok(ev)
}

/// One GDELT 2.0 row for a stored event: the record's row with the store's
/// event id and its NumMentions/NumSources/NumArticles.
pub fn gdelt_store_row(e: &StoredEvent, ev: &Event, facts: &DocFacts, out: &mut String) {
    let meta = DocMeta {
        url: facts.url.as_deref(),
        title: facts.title.as_deref(),
        language: facts.language.as_deref(),
    };
    let mut row = String::new();
    formats::gdelt_row(ev, 0, &meta, &mut row);
    // gdelt_row never leaves a tab inside a field, so splitting is exact.
    let mut cells: Vec<String> = row.split('\t').map(str::to_string).collect();
    let col = |name: &str| formats::GDELT_COLUMNS.iter().position(|c| *c == name);
    let set = |cells: &mut Vec<String>, name: &str, v: i64| {
        if let Some(i) = col(name) {
            if let Some(c) = cells.get_mut(i) {
                *c = v.to_string();
            }
        }
    };
    set(&mut cells, "GlobalEventID", e.id);
    set(&mut cells, "NumMentions", e.num_mentions);
    set(&mut cells, "NumSources", e.num_sources);
    set(&mut cells, "NumArticles", e.num_articles);
    out.push_str(&cells.join("\t"));
}

/// A PLOVER event followed by the store's counts.
#[derive(serde::Serialize)]
struct PloverWithCounts<'a> {
    #[serde(flatten)]
    event: formats::PloverEvent<'a>,
    num_mentions: i64,
    num_sources: i64,
    num_articles: i64,
}

/// `dyad export`.
pub fn export(a: ExportArgs) -> Result<bool, CliError> {
    let store = Store::open_read_only(&a.db).map_err(store_err)?;
    let f = a.filter.filter();
    if a.format == ExportFormat::Parquet {
        let Some(path) = &a.output else {
            return Err(CliError::Usage("--format parquet needs -o FILE".into()));
        };
        let n = dyad_store::export::write_parquet(&store, &f, path).map_err(store_err)?;
        eprintln!("dyad: wrote {n} events to {}", path.display());
        return Ok(true);
    }
    let mut sink: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(io::BufWriter::new(create(p)?)),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let out = sink.as_mut();
    let mut n = 0usize;
    let res = match a.format {
        ExportFormat::Csv => dyad_store::export::write_csv(&store, &f, out).map(|k| n = k),
        ExportFormat::Plover | ExportFormat::Gdelt => {
            let gdelt = a.format == ExportFormat::Gdelt;
            let mut line = String::new();
            store.for_each_event_with_record(&f, |e, record, facts| {
                let ev = representative(&e, record)?;
                line.clear();
                if gdelt {
                    gdelt_store_row(&e, &ev, facts, &mut line);
                } else {
                    let meta = DocMeta {
                        url: facts.url.as_deref(),
                        title: facts.title.as_deref(),
                        language: facts.language.as_deref(),
                    };
                    let rec = PloverWithCounts {
                        event: formats::plover_event(&ev, &meta),
                        num_mentions: e.num_mentions,
                        num_sources: e.num_sources,
                        num_articles: e.num_articles,
                    };
                    let v = serde_json::to_string(&rec)
                        .map_err(|x| StoreError::Invalid(x.to_string()))?;
                    line.push_str(&v);
                }
                line.push('\n');
                out.write_all(line.as_bytes())?;
                n += 1;
                Ok(())
            })
        }
        ExportFormat::Parquet => Ok(()),
    };
    res.map_err(store_err)?;
    sink.flush()?;
    if let Some(p) = &a.output {
        eprintln!("dyad: wrote {n} events to {}", p.display());
    }
    Ok(true)
}

fn create(p: &Path) -> Result<std::fs::File, CliError> {
    std::fs::File::create(p)
        .map_err(|e| CliError::Io(io::Error::new(e.kind(), format!("{}: {e}", p.display()))))
}
