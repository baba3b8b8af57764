//! Throughput benchmark: tags and parses the EWT dev split (gold tokens) with
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

fn main() -> anyhow::Result<()> {
    let path = std::env::var("DYAD_BENCH_CONLLU")
        .unwrap_or_else(|_| "/work/shared/data/ud-english-ewt/en_ewt-ud-dev.conllu.gz".to_string());
    let t0 = Instant::now();
    let model = dyad_parse::Model::load_default()?;
    let load = t0.elapsed().as_secs_f64();
    let sents = dyad_parse::conllu::read_file(Path::new(&path))?;
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.tokens.iter().map(|t| t.form.as_str()).collect())
        .collect();
    let mut tokens = 0usize;
    let mut heads = 0usize;
    let t1 = Instant::now();
    let rounds = 3;
    for _ in 0..rounds {
        for w in &words {
            let p = model.parse(w);
            tokens += p.len();
            heads += p.head.iter().filter(|&&h| h == 0).count();
        }
    }
    let secs = t1.elapsed().as_secs_f64();
    println!("model load: {:.3} s", load);
    println!(
        "tag+lemma+parse: {} tokens in {:.3} s = {:.0} tokens/s (one thread; {} roots)",
        tokens,
        secs,
        tokens as f64 / secs,
        heads
    );
    if let Some(kb) = peak_rss_kb() {
        println!("peak memory (VmHWM): {:.1} MB", kb as f64 / 1024.0);
    }
    Ok(())
}
