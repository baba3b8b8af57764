//! `dyad bench-store`: ingest throughput (documents/s, events/s) and
//! database size per 1,000 events, on generated articles or given inputs.

use std::path::PathBuf;
use std::time::Instant;

use dyad_code::InputDoc;
use dyad_store::{DedupOptions, Store};

use crate::input::{self, Doc, DocError};
use crate::store_cmd::{ingest_docs, store_err};
use crate::CliError;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Inputs to ingest (as for `dyad ingest`); none = generated articles.
    pub paths: Vec<String>,
    /// How many articles to generate when no inputs are given.
    #[arg(long, default_value_t = 2000)]
    pub docs: usize,
    /// Database file to create (default: a fresh file in the temp directory,
    /// removed afterwards).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

const COUNTRIES: [&str; 16] = [
    "France",
    "China",
    "Germany",
    "Japan",
    "India",
    "Brazil",
    "Kenya",
    "Egypt",
    "Canada",
    "Mexico",
    "Turkey",
    "Nigeria",
    "Indonesia",
    "Argentina",
    "Poland",
    "Vietnam",
];

const VERBS: [&str; 8] = [
    "met officials from",
    "accused",
    "criticized",
    "praised",
    "threatened",
    "signed a trade agreement with",
    "imposed sanctions on",
    "held talks with",
];

const DAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// `n` generated articles of three event sentences each, dated over a year
/// (deterministic; every text distinct).
pub fn generated_docs(n: usize) -> Vec<InputDoc> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    (0..n)
        .map(|i| {
            let published = base + chrono::Duration::days((rng.next() % 365) as i64);
            let mut text = String::new();
            for _ in 0..3 {
                let a = rng.pick(&COUNTRIES);
                let mut b = rng.pick(&COUNTRIES);
                while b == a {
                    b = rng.pick(&COUNTRIES);
                }
                text.push_str(&format!(
                    "{a} {} {b} on {}. ",
                    rng.pick(&VERBS),
                    rng.pick(&DAYS)
                ));
            }
            text.push_str(&format!("(Report {i}.)"));
            InputDoc {
                id: Some(format!("bench-{i}")),
                text,
                published: Some(published.format("%Y-%m-%d").to_string()),
                source: Some(["Wire A", "Wire B", "Daily C"][i % 3].to_string()),
                ..InputDoc::default()
            }
        })
        .collect()
}

/// `dyad bench-store`.
pub fn run(a: BenchArgs) -> Result<bool, CliError> {
    let (db, temp) = match &a.db {
        Some(p) => (p.clone(), false),
        None => (
            std::env::temp_dir().join(format!("dyad-bench-{}.sqlite", std::process::id())),
            true,
        ),
    };
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let docs: Box<dyn Iterator<Item = Result<Doc, DocError>> + Send> = if a.paths.is_empty() {
        Box::new(generated_docs(a.docs).into_iter().map(|d| {
            Ok(Doc {
                label: d.id.clone().unwrap_or_default(),
                input: d,
            })
        }))
    } else {
        let opts = input::InputOptions::with_limit(10_000_000);
        Box::new(input::Documents::new(input::expand(&a.paths), opts))
    };
    let mut store = Store::open(&db).map_err(store_err)?;
    let pool = crate::thread_pool(a.jobs)?;
    let t = Instant::now();
    let (sum, _) = pool.install(|| {
        ingest_docs(
            &mut store,
            docs,
            &DedupOptions::default(),
            &indicatif::ProgressBar::hidden(),
        )
    })?;
    store.checkpoint().map_err(store_err)?;
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    let c = store.counts().map_err(store_err)?;
    drop(store);
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    let per_k = |n: i64| {
        if n > 0 {
            size as f64 / n as f64 * 1000.0
        } else {
            0.0
        }
    };
    println!("documents stored    {}", sum.coded);
    println!("mentions            {}", c.mentions);
    println!("events (deduped)    {}", c.events);
    println!("seconds             {secs:.2}");
    println!("documents/s         {:.1}", sum.coded as f64 / secs);
    println!("mentions/s          {:.1}", c.mentions as f64 / secs);
    println!("database bytes      {size}");
    println!("bytes/1000 events   {:.0}", per_k(c.events));
    println!("bytes/1000 mentions {:.0}", per_k(c.mentions));
    if temp {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    Ok(sum.failed_total() == 0)
}
