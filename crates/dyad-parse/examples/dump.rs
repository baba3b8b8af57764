//! Writes the embedded model's CoNLL-U output for a CoNLL-U file (gold tokenisation) to
//! stdout, so outputs of two builds can be compared byte for byte with `cmp`.
//!
//! Usage: `cargo run --release -p dyad-parse --example dump -- FILE.conllu[.gz] > out.conllu`

use std::io::Write;
use std::path::Path;

fn main() -> anyhow::Result<()> {
    let Some(file) = std::env::args().nth(1) else {
        anyhow::bail!("usage: dump FILE.conllu[.gz]");
    };
    let model = dyad_parse::Model::load_default()?;
    let text = dyad_parse::parse_conllu(&model, Path::new(&file))?;
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(())
}
