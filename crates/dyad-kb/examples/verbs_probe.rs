//! Prints the verb dictionary's load time and the triggers found in each
//! line of stdin (space-separated tokens, any case). With `--cased` the
//! capitalisation of each token is passed to `find_triggers_cased`.

use std::io::BufRead;
use std::time::Instant;

fn main() {
    let cased = std::env::args().any(|a| a == "--cased");
    let t = Instant::now();
    let d = match dyad_kb::VerbDict::load_embedded() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let (b, v, p, f) = d.stats();
    eprintln!(
        "loaded {b} blocks, {v} verbs, {p} patterns, {f} form keys in {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let lines: Vec<String> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .collect();
    let lowered: Vec<String> = lines.iter().map(|l| l.to_lowercase()).collect();
    let caps: Vec<Vec<bool>> = lines
        .iter()
        .map(|l| {
            l.split_whitespace()
                .map(|w| w.chars().next().is_some_and(char::is_uppercase))
                .collect()
        })
        .collect();
    let find = |toks: &[&str], i: usize| {
        if cased {
            d.find_triggers_cased(toks, &caps[i])
        } else {
            d.find_triggers(toks)
        }
    };
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..100 {
        for (i, l) in lowered.iter().enumerate() {
            let toks: Vec<&str> = l.split_whitespace().collect();
            n += find(&toks, i).len();
        }
    }
    if !lines.is_empty() {
        eprintln!(
            "find_triggers: {:.1} µs per sentence ({n} triggers over 100 passes)",
            t.elapsed().as_secs_f64() * 1e6 / (100 * lines.len()) as f64
        );
    }
    for (i, (line, lower)) in lines.iter().zip(&lowered).enumerate() {
        let toks: Vec<&str> = lower.split_whitespace().collect();
        println!("{line}");
        for m in find(&toks, i) {
            let words: Vec<&str> = m.tokens.iter().map(|&i| toks[i]).collect();
            println!(
                "   {:<5} rev={:<5} {:<14} [{}] {} tgt={:?}",
                m.code,
                m.reverse_code.as_deref().unwrap_or("-"),
                m.block,
                words.join(" "),
                m.pattern,
                m.target_tok.map(|i| toks[i])
            );
        }
    }
}
