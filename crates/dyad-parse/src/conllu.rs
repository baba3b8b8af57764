//! Reading and writing CoNLL-U (plain or gzipped), keeping only the basic
//! word lines (multiword token ranges and empty nodes are skipped).

use anyhow::{bail, Context, Result};
use flate2::read::MultiGzDecoder;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// One word of a CoNLL-U sentence (columns FORM, LEMMA, UPOS, XPOS, HEAD, DEPREL).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Word form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Language-specific (Penn Treebank) POS tag.
    pub xpos: String,
    /// Head, 1-based; 0 is the root.
    pub head: usize,
    /// Universal dependency relation (with subtype, e.g. `nsubj:pass`).
    pub deprel: String,
}

/// A sentence: its comment lines and its words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines without the leading `#`-sign stripped (kept verbatim).
    pub comments: Vec<String>,
    /// The words, in order.
    pub tokens: Vec<Token>,
}

/// Reads a CoNLL-U file; `.gz` files are decompressed.
pub fn read_file(path: &Path) -> Result<Vec<Sentence>> {
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(MultiGzDecoder::new(f))
    } else {
        Box::new(f)
    };
    read(BufReader::new(reader)).with_context(|| format!("reading {}", path.display()))
}

/// Reads CoNLL-U text from any buffered reader.
pub fn read<R: BufRead>(r: R) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (ln, line) in r.lines().enumerate() {
        let line = line?;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            } else {
                cur.comments.clear();
            }
            continue;
        }
        if line.starts_with('#') {
            cur.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            bail!("line {}: expected 10 columns, found {}", ln + 1, cols.len());
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let id: usize = cols[0]
            .parse()
            .with_context(|| format!("line {}: bad id", ln + 1))?;
        if id != cur.tokens.len() + 1 {
            bail!("line {}: word id {id} out of sequence", ln + 1);
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6]
                .parse()
                .with_context(|| format!("line {}: bad head", ln + 1))?
        };
        cur.tokens.push(Token {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    for s in &out {
        let n = s.tokens.len();
        if s.tokens.iter().any(|t| t.head > n) {
            bail!("head index out of range in a sentence of {n} words");
        }
    }
    Ok(out)
}

/// Writes sentences as CoNLL-U text (FEATS, DEPS and MISC are `_`).
pub fn write(sents: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sents {
        for c in &sent.comments {
            s.push_str(c);
            s.push('\n');
        }
        write_tokens(&mut s, &sent.tokens);
        s.push('\n');
    }
    s
}

/// Appends the word lines of one sentence.
pub fn write_tokens(s: &mut String, toks: &[Token]) {
    use std::fmt::Write;
    for (i, t) in toks.iter().enumerate() {
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_",
            i + 1,
            field(&t.form),
            field(&t.lemma),
            field(&t.upos),
            field(&t.xpos),
            t.head,
            field(&t.deprel)
        );
    }
}

fn field(s: &str) -> String {
    if s.is_empty() {
        "_".to_string()
    } else {
        s.replace(['\t', '\n'], " ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_ranges_and_empty_nodes() {
        let text = "# sent_id = 1\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t_\t_\n\n";
        let s = read(text.as_bytes()).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].tokens.len(), 3);
        assert_eq!(s[0].tokens[1].form, "n't");
        assert_eq!(s[0].tokens[2].head, 0);
        let out = write(&s);
        assert_eq!(read(out.as_bytes()).unwrap(), s);
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(read("1\tx\n\n".as_bytes()).is_err());
        assert!(read("1\ta\ta\tX\tX\t_\t9\tdep\t_\t_\n\n".as_bytes()).is_err());
    }
}
