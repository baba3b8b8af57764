//! Prints the word clusters of a tagger model: `node<TAB>word`, by node.
//!
//! Usage: `cargo run --release -p dyad-parse --example clusters -- models/tagger.bin.gz`

fn main() -> anyhow::Result<()> {
    let a: Vec<String> = std::env::args().collect();
    let path = a.get(1).map_or("models/tagger.bin.gz", |s| s.as_str());
    let c = dyad_parse::model_clusters(std::path::Path::new(path))?;
    let mut v: Vec<(u16, &str)> = c.entries().iter().map(|(w, n)| (*n, w.as_str())).collect();
    v.sort();
    for (n, w) in v {
        println!("{n:b}\t{w}");
    }
    Ok(())
}
