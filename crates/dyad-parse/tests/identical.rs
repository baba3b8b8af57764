//! Guards the inference fast paths: the shipped model's output on a dev slice
//! must stay byte-identical to the recorded fixture (first produced before
//! the tagger and parser were optimised; re-recorded when a new model ships,
//! last in session 13 with the stacked parser, by the ignored
//! `dump_parse` test below).

use dyad_parse::{conllu, default_model, to_conllu};
use flate2::read::GzDecoder;
use std::io::Read;
use std::path::Path;

fn render(path: &Path) -> String {
    let m = default_model().expect("embedded model loads");
    let sents = conllu::read_file(path).expect("reads CoNLL-U");
    let mut out = String::new();
    for s in &sents {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        out.push_str(&to_conllu(&m.parse(&words)));
    }
    out
}

#[test]
fn dev_slice_output_is_unchanged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let got = render(&dir.join("en_ewt-dev-first300.conllu.gz"));
    let mut want = String::new();
    GzDecoder::new(
        std::fs::File::open(dir.join("en_ewt-dev-first300.parsed.conllu.gz")).expect("fixture"),
    )
    .read_to_string(&mut want)
    .expect("fixture decompresses");
    assert_eq!(got.lines().count(), want.lines().count());
    for (i, (a, b)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(a, b, "line {}", i + 1);
    }
}

/// Writes the parse of a whole CoNLL-U file (`DYAD_DUMP_IN`) to
/// `DYAD_DUMP_OUT`, for full-file comparisons: `cargo test --release -p
/// dyad-parse --test identical -- --ignored`.
#[test]
#[ignore]
fn dump_parse() {
    let (Ok(input), Ok(output)) = (
        std::env::var("DYAD_DUMP_IN"),
        std::env::var("DYAD_DUMP_OUT"),
    ) else {
        return;
    };
    std::fs::write(output, render(Path::new(&input))).expect("writes output");
}
