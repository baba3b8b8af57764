//! The `dyad` command line: argument definitions and dispatch only; the work
//! lives in the modules (`input`, `pipeline`, `formats`, `resolve`, `eval`).

mod bench;
mod eval;
mod evaldata;
mod formats;
mod input;
mod parse_cmd;
mod pipeline;
mod resolve;
// Event store (dyad-store): ingest, events, trend, export, bench-store.
mod store_bench;
mod store_cmd;
// ---- serve ----
mod serve_cmd;
// ---- end serve ----

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use formats::Format;

/// Exit status when some document (or gold line, or phrase) failed.
const EXIT_FAILED: u8 = 1;
/// Exit status for usage errors (clap uses the same).
const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Turns news articles into political event data (PLOVER/CAMEO records)"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Code documents into event records.
    Code(CodeArgs),
    /// Resolve short actor phrases to country/sector/name/IGO.
    ResolveActor(ResolveArgs),
    /// Score the coder against NGEC synthetic stories or gold JSONL files.
    Eval(EvalArgs),
    /// Measure pipeline throughput (articles/s, sentences/s, MB/s), peak
    /// memory and the time of each stage.
    Bench(bench::BenchArgs),

    // ---- event store (store_cmd.rs, store_bench.rs) ----
    /// Code documents into the SQLite event store, merging repeated reports.
    Ingest(store_cmd::IngestArgs),
    /// List stored (deduplicated) events.
    Events(store_cmd::EventsArgs),
    /// Per-period event counts and cooperation–conflict index for a dyad.
    Trend(store_cmd::TrendArgs),
    /// Export stored events as PLOVER, GDELT 2.0, CSV or Parquet.
    Export(store_cmd::ExportArgs),
    /// Measure ingest throughput and database size per 1,000 events.
    BenchStore(store_bench::BenchArgs),
    // ---- end event store ----

    // ---- tagger and parser (parse_cmd.rs) ----
    /// Tag and parse text; print CoNLL-U (to see why an event was or was not coded).
    Parse(parse_cmd::ParseArgs),
    /// Score the shipped tagger and parser on a CoNLL-U file (UPOS, XPOS, UAS, LAS).
    EvalParser(parse_cmd::EvalParserArgs),
    /// Retrain the tagger and/or parser from UD English-EWT.
    Train(parse_cmd::TrainArgs),
    // ---- end tagger and parser ----

    // ---- serve ----
    /// Serve the HTTP JSON API and the analyst dashboard over an event store.
    Serve(serve_cmd::ServeArgs),
    // ---- end serve ----
}

#[derive(clap::Args)]
struct CodeArgs {
    /// Files (.txt, .jsonl/.json, .html, .xml/.rss/.atom feeds, .warc, .csv,
    /// each optionally .gz; other names are sniffed), directories (searched
    /// recursively), http(s) URLs of feeds or pages, or `-` for stdin (JSON
    /// Lines unless --input-format says otherwise). No path reads stdin.
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: FormatArg,
    /// Publication date for plain-text input (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_parser = parse_published_arg)]
    published: Option<String>,
    /// Source (outlet) name for plain-text input.
    #[arg(long)]
    source: Option<String>,
    /// Document id for a single plain-text input.
    #[arg(long)]
    id: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Largest document text accepted, in bytes (suffixes K, M, G allowed).
    #[arg(long, default_value = "10M", value_parser = input::parse_size)]
    max_doc_bytes: usize,
    #[command(flatten)]
    input: input::ReadArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Json,
    Jsonl,
    Plover,
    Gdelt,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Plover => Format::Plover,
            FormatArg::Gdelt => Format::Gdelt,
        }
    }
}

#[derive(clap::Args)]
struct ResolveArgs {
    /// Actor phrases, or `-` (or nothing) to read one phrase a line from stdin.
    text: Vec<String>,
    /// Resolve office-holders as of this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date_arg)]
    date: Option<chrono::NaiveDate>,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Gold JSONL files; none scores the embedded NGEC synthetic stories.
    gold: Vec<PathBuf>,
    /// Which part of the deterministic 60/20/20 hash split to score
    /// (default: dev for NGEC, all for gold files).
    #[arg(long, value_enum)]
    split: Option<eval::Split>,
    /// Print the report as one JSON object.
    #[arg(long)]
    json: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

fn parse_published_arg(s: &str) -> Result<String, String> {
    if input::valid_published(s) {
        Ok(s.to_string())
    } else {
        Err("want YYYY-MM-DD or an RFC 3339 datetime".to_string())
    }
}

fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| "want YYYY-MM-DD".to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.cmd {
        Cmd::Code(a) => code(a),
        Cmd::ResolveActor(a) => resolve::run(&a.text, a.date),
        Cmd::Eval(a) => eval_cmd(a),
        Cmd::Bench(a) => bench::run(a),
        // ---- event store ----
        Cmd::Ingest(a) => store_cmd::ingest(a),
        Cmd::Events(a) => store_cmd::events(a),
        Cmd::Trend(a) => store_cmd::trend(a),
        Cmd::Export(a) => store_cmd::export(a),
        Cmd::BenchStore(a) => store_bench::run(a),
        // ---- end event store ----
        Cmd::Parse(a) => parse_cmd::parse(a),
        Cmd::EvalParser(a) => parse_cmd::eval_parser(a),
        Cmd::Train(a) => parse_cmd::train(a),
        // ---- serve ----
        Cmd::Serve(a) => serve_cmd::run(a),
        // ---- end serve ----
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(EXIT_FAILED),
        // A closed pipe (`dyad code … | head`) is not a failure.
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dyad: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// The documents named by `paths` (shared by `code` and `ingest`); `--id`
/// needs exactly one plain-text input.
pub(crate) fn open_documents(
    paths: &[String],
    opts: input::InputOptions,
) -> Result<input::Documents, CliError> {
    let entries = input::expand(paths);
    if opts.id.is_some()
        && !(entries.len() == 1
            && matches!(entries[0], input::Entry::Text(_) | input::Entry::File(_)))
    {
        return Err(CliError::Usage(
            "--id needs exactly one plain-text input file".to_string(),
        ));
    }
    Ok(input::Documents::new(entries, opts))
}

fn code(a: CodeArgs) -> Result<bool, CliError> {
    a.input.apply_coder_flags();
    let opts = a
        .input
        .options(a.published, a.source, a.id, a.max_doc_bytes);
    let docs = open_documents(&a.paths, opts)?;
    let pool = thread_pool(a.jobs)?;
    let sum = pool.install(|| pipeline::run(docs, a.format.into()))?;
    Ok(sum.failed_total() == 0)
}

fn eval_cmd(a: EvalArgs) -> Result<bool, CliError> {
    let pool = thread_pool(a.jobs)?;
    pool.install(|| evaldata::run(&a.gold, a.split, a.json))
}

fn thread_pool(jobs: Option<u16>) -> Result<rayon::ThreadPool, CliError> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        b = b.num_threads(n as usize);
    }
    b.build()
        .map_err(|e| CliError::Io(std::io::Error::other(e.to_string())))
}

/// A failure of the whole command (as opposed to one document).
#[derive(Debug)]
pub enum CliError {
    Usage(String),
    Io(std::io::Error),
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => EXIT_USAGE,
            CliError::Io(_) => EXIT_FAILED,
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Usage(m) => write!(f, "{m}"),
            CliError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Io(e)
    }
}
