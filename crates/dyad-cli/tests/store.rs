//! `dyad ingest`, `events`, `trend` and `export` end to end: re-ingest,
//! the bundled corpus, GDELT and Parquet exports, and an ingest killed with
//! SIGKILL and resumed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use dyad_store::{EventFilter, Store};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus/articles.jsonl")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-cli-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(cmd: &mut Command) -> Output {
    let o = cmd.output().expect("runs");
    assert!(
        o.status.success(),
        "{:?} failed: {}",
        cmd,
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn counts(db: &Path) -> dyad_store::Counts {
    Store::open_read_only(db).unwrap().counts().unwrap()
}

#[test]
fn corpus_reingest_trend_and_exports() {
    let d = tmp("corpus");
    let db = d.join("c.sqlite");
    run(dyad().arg("ingest").arg(corpus()).arg("--db").arg(&db));
    let first = counts(&db);
    assert!(first.documents >= 8);
    assert!(first.mentions > first.events, "some reports merged");
    // Re-ingesting the same files adds nothing.
    let o = run(dyad().arg("ingest").arg(corpus()).arg("--db").arg(&db));
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 documents stored"));
    assert_eq!(counts(&db), first);

    // Events for the dyad, either direction, as JSON lines.
    let o = run(dyad()
        .args([
            "events", "--dyad", "FRA-CHN", "--type", "CONSULT", "--format", "jsonl", "--db",
        ])
        .arg(&db));
    let evs: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(evs.iter().any(|e| e["num_articles"] == 2));
    let o = run(dyad().args(["events", "--quad", "4", "--db"]).arg(&db));
    let table = String::from_utf8(o.stdout).unwrap();
    assert!(table.starts_with("id"));
    assert!(table.contains("SANCTION"));

    // The trend and its chart.
    let svg = d.join("cf.svg");
    let o = run(dyad()
        .args([
            "trend", "CHN", "FRA", "--by", "month", "--format", "csv", "--db",
        ])
        .arg(&db)
        .arg("--chart")
        .arg(&svg));
    let csv = String::from_utf8(o.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("period,events"));
    assert!(rows.len() >= 5, "{csv}");
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.contains("<svg") && chart.contains("<polyline") && chart.contains("2025-03"));

    // GDELT: 61 tab-separated columns, counts from the store.
    let o = run(dyad()
        .args(["export", "--format", "gdelt", "--db"])
        .arg(&db));
    let tsv = String::from_utf8(o.stdout).unwrap();
    assert_eq!(tsv.lines().count() as i64, first.events);
    for line in tsv.lines() {
        assert_eq!(line.split('\t').count(), 61, "{line}");
    }
    assert!(tsv.lines().any(|l| l.split('\t').nth(31) == Some("2")));

    // PLOVER carries the counts too.
    let o = run(dyad()
        .args(["export", "--format", "plover", "--db"])
        .arg(&db));
    let first_line = String::from_utf8(o.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(first_line.lines().next().unwrap()).unwrap();
    assert!(v["num_mentions"].as_i64().unwrap() >= 1 && v["event"].is_array());

    // Parquet read back has the same rows as the store.
    let pq = d.join("e.parquet");
    run(dyad()
        .args(["export", "--format", "parquet", "--db"])
        .arg(&db)
        .arg("-o")
        .arg(&pq));
    let (_, rows) = dyad_store::export::read_parquet_cells(&pq).unwrap();
    let store = Store::open_read_only(&db).unwrap();
    let want: Vec<_> = store
        .events(&EventFilter::default())
        .unwrap()
        .iter()
        .map(|e| e.cells())
        .collect();
    assert_eq!(rows, want);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn bad_arguments_are_usage_errors() {
    let d = tmp("bad");
    let db = d.join("none.sqlite");
    let o = dyad().args(["events", "--db"]).arg(&db).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = dyad().args(["events", "--dyad", "CHN"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = dyad().args(["events", "--from", "May 3"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&d);
}

/// Many small articles, one JSON document per file, dated over a year.
fn write_many(dir: &Path, n: usize) {
    let countries = [
        "Kenya",
        "Tanzania",
        "Peru",
        "Chile",
        "Poland",
        "Vietnam",
        "Egypt",
        "Canada",
        "Mexico",
        "Nigeria",
        "Indonesia",
        "Argentina",
    ];
    let verbs = [
        "met officials from",
        "accused",
        "praised",
        "criticized",
        "held talks with",
    ];
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..n {
        let mut text = String::new();
        for _ in 0..2 {
            let a = countries[(next() % 12) as usize];
            let b = countries[(next() % 12) as usize];
            let v = verbs[(next() % 5) as usize];
            if a != b {
                text.push_str(&format!("{a} {v} {b} on Tuesday. "));
            }
        }
        text.push_str(&format!("Report number {i}."));
        let day = 1 + next() % 28;
        let month = 1 + next() % 12;
        let source = ["A", "B", "C"][i % 3];
        let doc = serde_json::json!({
            "id": format!("m{i}"),
            "published": format!("2023-{month:02}-{day:02}"),
            "source": source,
            "text": text,
        });
        std::fs::write(dir.join(format!("doc-{i:05}.json")), doc.to_string()).unwrap();
    }
}

#[test]
fn killed_ingest_resumes_without_loss_or_duplicates() {
    let d = tmp("kill");
    let docs = d.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let n = 1500;
    write_many(&docs, n);

    // A clean run, for reference.
    let clean = d.join("clean.sqlite");
    run(dyad()
        .arg("ingest")
        .arg(&docs)
        .arg("--db")
        .arg(&clean)
        .args(["--jobs", "1"]));
    let want = counts(&clean);
    assert_eq!(want.documents, n as i64);

    // Start again, kill it with SIGKILL once some batches have committed.
    let db = d.join("killed.sqlite");
    let mut child = dyad()
        .arg("ingest")
        .arg(&docs)
        .arg("--db")
        .arg(&db)
        .args(["--jobs", "1"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t = Instant::now();
    let mut killed_at = None;
    while t.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if db.exists() {
            if let Ok(s) = Store::open_read_only(&db) {
                if let Ok(c) = s.counts() {
                    if c.documents >= 100 {
                        child.kill().unwrap(); // SIGKILL on Unix
                        killed_at = Some(c.documents);
                        break;
                    }
                }
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.wait();
    let at = killed_at.expect("the ingest was killed mid-way");
    let partial = counts(&db);
    assert!(
        partial.documents >= at && partial.documents < n as i64,
        "{partial:?}"
    );

    // Resume: everything is there exactly once, identical to the clean run.
    run(dyad()
        .arg("ingest")
        .arg(&docs)
        .arg("--db")
        .arg(&db)
        .args(["--jobs", "1"]));
    assert_eq!(counts(&db), want);
    let csv = |p: &Path| {
        let o = run(dyad().args(["export", "--format", "csv", "--db"]).arg(p));
        o.stdout
    };
    assert!(csv(&db) == csv(&clean), "event tables differ");
    let _ = std::fs::remove_dir_all(&d);
}
