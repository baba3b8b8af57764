//! Scores a model on a CoNLL-U file with gold tokenisation.
//!
//! Usage: `cargo run --release -p dyad-parse --example eval -- FILE.conllu[.gz] [MODEL_DIR]`
//! (without MODEL_DIR the embedded model is used).

use std::path::Path;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let Some(file) = args.get(1) else {
        anyhow::bail!("usage: eval FILE.conllu[.gz] [MODEL_DIR]");
    };
    let model = match args.get(2) {
        Some(d) => dyad_parse::Model::load_dir(Path::new(d))?,
        None => dyad_parse::Model::load_default()?,
    };
    let s = dyad_parse::evaluate(&model, Path::new(file))?;
    println!("{s}");
    Ok(())
}
