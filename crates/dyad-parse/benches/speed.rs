//! Throughput benchmark: tags and parses the EWT dev split (gold tokens, five rounds) with
//! the embedded model and prints tokens/s, load time and peak memory.

use std::path::Path;
use std::time::Instant;

fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

/// CPU time (user + system) of this process in seconds, from /proc (Linux;
/// clock ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ut: f64 = f.get(11)?.parse().ok()?;
    let st: f64 = f.get(12)?.parse().ok()?;
    Some((ut + st) / 100.0)
}

fn main() -> anyhow::Result<()> {
    let path = std::env::var("DYAD_BENCH_CONLLU")
        .unwrap_or_else(|_| "/work/shared/data/ud-english-ewt/en_ewt-ud-dev.conllu.gz".to_string());
    let t0 = Instant::now();
    // DYAD_MODEL_DIR: measure models in that folder instead of the embedded
    // ones (as everywhere `default_model` is used).
    let model = dyad_parse::default_model()?;
    let load = t0.elapsed().as_secs_f64();
    let sents = dyad_parse::conllu::read_file(Path::new(&path))?;
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.tokens.iter().map(|t| t.form.as_str()).collect())
        .collect();
    let mut tokens = 0usize;
    let mut heads = 0usize;
    let t1 = Instant::now();
    let c1 = cpu_seconds();
    let rounds = 5;
    let mut best_round = 0f64;
    for _ in 0..rounds {
        let r0 = Instant::now();
        let mut t = 0usize;
        for w in &words {
            let p = model.parse(w);
            t += p.len();
            heads += p.head.iter().filter(|&&h| h == 0).count();
        }
        tokens += t;
        best_round = best_round.max(t as f64 / r0.elapsed().as_secs_f64().max(1e-9));
    }
    let secs = t1.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(c1).map(|(b, a)| b - a);
    println!("model load: {:.3} s", load);
    println!(
        "tag+lemma+parse: {} tokens in {:.3} s = {:.0} tokens/s (one thread; {} roots)",
        tokens,
        secs,
        tokens as f64 / secs,
        heads
    );
    println!(
        "best of {rounds} rounds: {best_round:.0} tokens/s (least disturbed by other processes)"
    );
    if let Some(c) = cpu {
        println!(
            "CPU time {:.3} s = {:.0} tokens per CPU-second (unaffected by other processes' load, \
             apart from shared caches)",
            c,
            tokens as f64 / c.max(1e-9)
        );
    }
    if let Some(kb) = peak_rss_kb() {
        println!("peak memory (VmHWM): {:.1} MB", kb as f64 / 1024.0);
    }
    Ok(())
}
