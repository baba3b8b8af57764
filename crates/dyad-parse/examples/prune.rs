//! Prunes small weights from trained models and scores the result on dev.
//!
//! Usage: `cargo run --release -p dyad-parse --example prune -- MODEL_DIR OUT_DIR DEV.conllu.gz TAGGER_MIN PARSER_MIN [GUIDE_MIN]`

use std::path::Path;

fn main() -> anyhow::Result<()> {
    let a: Vec<String> = std::env::args().collect();
    if a.len() < 6 {
        anyhow::bail!("usage: prune MODEL_DIR OUT_DIR DEV TAGGER_MIN PARSER_MIN");
    }
    let (src, out) = (Path::new(&a[1]), Path::new(&a[2]));
    let (tm, pm): (i32, i32) = (a[4].parse()?, a[5].parse()?);
    let gm: i32 = a.get(6).map_or(Ok(pm), |g| g.parse())?;
    let (tb, pb) = dyad_parse::prune_models(
        &src.join("tagger.bin.gz"),
        &src.join("parser.bin.gz"),
        out,
        tm,
        pm,
        gm,
    )?;
    let model = dyad_parse::Model::load_dir(out)?;
    let s = dyad_parse::evaluate(&model, Path::new(&a[3]))?;
    println!("tagger {tb} B, parser {pb} B, total {} B; {s}", tb + pb);
    Ok(())
}
