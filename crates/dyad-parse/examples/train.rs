//! Trains the tagger and/or parser on UD English-EWT and writes models/.
//!
//! Usage: `cargo run --release -p dyad-parse --example train -- [tagger|parser|all] [DATA_DIR] [OUT_DIR] [SEED] [CONFIG]`
//!
//! CONFIG: `shipped` (default), `ensemble`, `guided` or `guided-lite`
//! (see `ParserConfig::named`).

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let what = args.get(1).map_or("all", |s| s.as_str()).to_string();
    let data = PathBuf::from(
        args.get(2)
            .map_or("/work/shared/data/ud-english-ewt", |s| s.as_str()),
    );
    let out = PathBuf::from(args.get(3).map_or("models", |s| s.as_str()));
    let seed: u64 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(1);
    let name = args.get(5).map_or("shipped", |s| s.as_str());
    let config = dyad_parse::ParserConfig::named(name)
        .ok_or_else(|| anyhow::anyhow!("unknown parser configuration {name:?}"))?;
    let train = data.join("en_ewt-ud-train.conllu.gz");
    let dev = data.join("en_ewt-ud-dev.conllu.gz");
    let tagger = out.join("tagger.bin.gz");
    let parser = out.join("parser.bin.gz");
    if what == "tagger" || what == "all" {
        let r = dyad_parse::train_tagger(&train, &dev, &tagger, seed)?;
        println!(
            "tagger: {:.1}s, {} bytes, dev {}",
            r.seconds, r.model_bytes, r.dev
        );
    }
    if what == "parser" || what == "all" {
        let r = dyad_parse::train_parser(&train, &dev, &tagger, &parser, seed, config)?;
        println!(
            "parser: {:.1}s, {} bytes, dev {}",
            r.seconds, r.model_bytes, r.dev
        );
    }
    Ok(())
}
