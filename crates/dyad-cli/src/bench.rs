//! `dyad bench`: throughput and memory of the whole pipeline (read → split
//! → tag/parse → code → store) on the bundled synthetic stories or any
//! input, with the time of each stage, so the slowest one is plain to see.
//!
//! Two passes over the input: a read-only pass (how fast the readers
//! deliver documents) and the full pipeline into a fresh SQLite store in the
//! temp directory (or into nothing, with `--no-store`). `--repeat N` streams
//! the input N times; copies differ only by trailing newlines (which change
//! no event), so the store keeps every copy and the figures show whether
//! throughput and memory stay flat as the corpus grows.

use std::io::{self, BufReader, Cursor, Write};
use std::time::{Duration, Instant};

use dyad_code::DocOutput;
use dyad_read::Format;
use dyad_store::{DedupOptions, Store};

use crate::input::{self, Doc, DocError};
use crate::pipeline::{self, Sink, Summary};
use crate::store_cmd::{store_err, StoreSink};
use crate::CliError;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Inputs (any format `dyad code` reads); none = the bundled NGEC
    /// synthetic stories (4,500 articles).
    pub paths: Vec<String>,
    /// Stream the input this many times.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
    /// Code only; skip the store stage.
    #[arg(long)]
    pub no_store: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    #[command(flatten)]
    pub input: input::ReadArgs,
}

type DocIter = Box<dyn Iterator<Item = Result<Doc, DocError>> + Send>;

/// The documents of the input, `copy` marking the repeat.
fn open(a: &BenchArgs, copy: u32) -> Result<DocIter, CliError> {
    let opts = a.input.options(None, None, None, 10_000_000);
    let docs: DocIter = if a.paths.is_empty() {
        let gz = flate2::read::GzDecoder::new(Cursor::new(crate::evaldata::NGEC_GZ));
        let recs = dyad_read::open_reader(
            "ngec-synthetic-events.csv",
            Box::new(BufReader::new(gz)),
            Format::Csv,
            &dyad_read::ReadOptions {
                max_doc_bytes: opts.max_doc_bytes,
                csv: opts.csv.clone(),
            },
        );
        let max = opts.max_doc_bytes;
        Box::new(recs.map(move |r| match r {
            Err(e) => Err(DocError {
                label: e.label,
                reason: e.reason,
            }),
            Ok(r) => input::finish(
                dyad_code::InputDoc {
                    id: r.id,
                    text: r.text,
                    title: r.title,
                    published: r.published,
                    source: r.source,
                    url: r.url,
                    language: r.language,
                },
                r.label,
                max,
            ),
        }))
    } else {
        Box::new(crate::open_documents(&a.paths, opts)?)
    };
    if copy == 0 {
        return Ok(docs);
    }
    Ok(Box::new(docs.map(move |d| {
        d.map(|mut d| {
            for _ in 0..copy {
                d.input.text.push('\n');
            }
            if let Some(id) = &mut d.input.id {
                id.push_str(&format!("~{copy}"));
            }
            d
        })
    })))
}

fn all_copies(a: &BenchArgs) -> Result<DocIter, CliError> {
    let mut it: DocIter = Box::new(std::iter::empty());
    for c in 0..a.repeat {
        it = Box::new(it.chain(open(a, c)?));
    }
    Ok(it)
}

/// A sink that drops what it is given.
struct Discard;
impl Sink for Discard {
    fn write(&mut self, _coded: Vec<(Doc, DocOutput)>) -> Result<(), CliError> {
        Ok(())
    }
}

/// Peak resident memory of this process so far, in MB (Linux).
pub fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// `dyad bench`.
pub fn run(a: BenchArgs) -> Result<bool, CliError> {
    let pool = crate::thread_pool(a.jobs)?;
    let threads = pool.current_num_threads();
    let mut out = io::stdout().lock();

    // Start-up: knowledge base and parser model, loaded before timing.
    let t = Instant::now();
    let _ = dyad_kb::Kb::embedded();
    let kb_load = t.elapsed();
    a.input.apply_coder_flags();
    let t = Instant::now();
    let model_ok = !dyad_code::syntax::parsing_enabled() || dyad_parse::default_model().is_ok();
    let model_load = t.elapsed();

    // Pass 1: read only.
    let t = Instant::now();
    let (mut n_read, mut n_bad, mut bytes) = (0usize, 0usize, 0u64);
    for d in all_copies(&a)? {
        match d {
            Ok(d) => {
                n_read += 1;
                bytes += d.input.text.len() as u64;
            }
            Err(_) => n_bad += 1,
        }
    }
    let read_secs = t.elapsed().as_secs_f64().max(1e-9);

    // Pass 2: the whole pipeline.
    let tmp = std::env::temp_dir().join(format!("dyad-bench-{}.sqlite", std::process::id()));
    let remove = |p: &std::path::Path| {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
        }
    };
    remove(&tmp);
    let docs = all_copies(&a)?;
    let bar = indicatif::ProgressBar::hidden();
    let mut err = io::sink();
    let coder = pipeline::embedded_coder();
    let (sum, checkpoint) = if a.no_store {
        let sum = pool.install(|| pipeline::drive(docs, &mut Discard, &bar, &mut err, coder))?;
        (sum, Duration::ZERO)
    } else {
        let mut store = Store::open(&tmp).map_err(store_err)?;
        let dedup = DedupOptions::default();
        let mut sink = StoreSink::new(&mut store, &dedup);
        let mut sum = pool.install(|| pipeline::drive(docs, &mut sink, &bar, &mut err, coder))?;
        let t = Instant::now();
        store.checkpoint().map_err(store_err)?;
        let c = t.elapsed();
        sum.elapsed += c;
        (sum, c)
    };
    remove(&tmp);

    writeln!(
        out,
        "input        {}{}",
        if a.paths.is_empty() {
            "bundled NGEC synthetic stories".to_string()
        } else {
            a.paths.join(" ")
        },
        if a.repeat > 1 {
            format!(" × {}", a.repeat)
        } else {
            String::new()
        }
    )?;
    writeln!(
        out,
        "threads      {threads}   parser {}",
        if model_ok && dyad_code::syntax::parsing_enabled() {
            "on"
        } else {
            "off"
        }
    )?;
    writeln!(
        out,
        "start-up     {:.3} s (knowledge base {:.3} s, parser model {:.3} s; not in the figures below)",
        (kb_load + model_load).as_secs_f64(),
        kb_load.as_secs_f64(),
        model_load.as_secs_f64()
    )?;
    writeln!(
        out,
        "read only    {n_read} articles ({n_bad} unreadable), {:.1} MB in {:.2} s: {:.0} articles/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        read_secs,
        n_read as f64 / read_secs,
        bytes as f64 / 1e6 / read_secs
    )?;
    report(&mut out, &sum, checkpoint, a.no_store)?;
    Ok(sum.failed_total() == 0)
}

fn report(
    out: &mut dyn Write,
    sum: &Summary,
    checkpoint: Duration,
    no_store: bool,
) -> io::Result<()> {
    let secs = sum.elapsed.as_secs_f64().max(1e-9);
    let st = &sum.stages;
    writeln!(
        out,
        "pipeline     {} articles, {} sentences, {:.1} MB, {} events in {:.2} s",
        sum.coded,
        st.sentences,
        sum.bytes as f64 / 1e6,
        sum.events,
        secs
    )?;
    writeln!(
        out,
        "throughput   {:.1} articles/s, {:.0} sentences/s, {:.2} MB/s, {:.0} events/s",
        sum.coded as f64 / secs,
        st.sentences as f64 / secs,
        sum.bytes as f64 / 1e6 / secs,
        sum.events as f64 / secs
    )?;
    match peak_rss_mb() {
        Some(m) => writeln!(out, "peak RSS     {m:.0} MB")?,
        None => writeln!(out, "peak RSS     unknown (no /proc)")?,
    }
    writeln!(
        out,
        "parsed       {} of {} sentences, {} parser words of {} tokens",
        st.parsed_sentences, st.sentences, st.parsed_words, st.tokens
    )?;
    let store = sum.write_time + checkpoint;
    let stages: Vec<(&str, Duration)> = vec![
        ("read", sum.read_time),
        ("split", st.split),
        ("dates", st.dates),
        ("mentions", st.mentions),
        ("tag+parse", st.parse),
        ("code", st.events),
        (if no_store { "store (off)" } else { "store" }, store),
    ];
    let total: f64 = stages
        .iter()
        .map(|s| s.1.as_secs_f64())
        .sum::<f64>()
        .max(1e-9);
    writeln!(
        out,
        "stage        seconds   share   articles/s alone (one thread)"
    )?;
    for (name, d) in &stages {
        let s = d.as_secs_f64();
        writeln!(
            out,
            "  {name:<11} {s:>7.3}  {:>5.1} %  {}",
            100.0 * s / total,
            if s > 0.0 {
                format!("{:.0}", sum.coded as f64 / s)
            } else {
                "-".to_string()
            }
        )?;
    }
    if let Some((name, _)) = stages.iter().max_by(|a, b| a.1.cmp(&b.1)) {
        writeln!(out, "slowest      {name}")?;
    }
    writeln!(
        out,
        "(read and store run on their own threads beside the coding workers; \
         coding stages are summed over worker threads)"
    )
}
