//! `dyad resolve-actor`: resolves short actor phrases with the knowledge
//! base and prints one `{"text","name","country","sector","igo"}` object a
//! line, in input order.

use std::io::{self, BufRead, Write};

use chrono::NaiveDate;
use dyad_kb::Kb;
use dyad_text::{tokenize, Span};
use serde::Serialize;

use crate::CliError;

/// The printed resolution of one phrase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolution {
    pub text: String,
    pub name: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub igo: Option<String>,
}

/// Resolves one phrase: tokenises it and asks the actor dictionary.
pub fn resolve(kb: &Kb, text: &str, date: Option<NaiveDate>) -> Resolution {
    let toks = tokenize(text, Span::new(0, text.len()));
    let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
    let r = kb.actors.resolve_phrase(&norms, &kb.geo, date);
    Resolution {
        text: text.to_string(),
        name: r.name,
        country: r.country,
        sector: r.sector.or_else(|| r.sectors.first().cloned()),
        igo: r.igo,
    }
}

fn print(out: &mut dyn Write, r: &Resolution) -> io::Result<()> {
    serde_json::to_writer(&mut *out, r)?;
    out.write_all(b"\n")
}

/// Runs the subcommand. Phrases come from `args`; `-` or no argument reads
/// one phrase a line from stdin (blank lines skipped). Returns false when a
/// stdin line could not be read as UTF-8.
pub fn run(args: &[String], date: Option<NaiveDate>) -> Result<bool, CliError> {
    let kb = Kb::embedded();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut ok = true;
    let from_stdin = args.is_empty() || args.iter().any(|a| a == "-");
    if from_stdin && args.len() > 1 {
        return Err(CliError::Usage(
            "resolve-actor: give phrases or `-`, not both".to_string(),
        ));
    }
    if from_stdin {
        let stdin = io::stdin();
        let mut reader = stdin.lock();
        let mut buf = Vec::new();
        let mut line_no = 0;
        loop {
            buf.clear();
            if reader.read_until(b'\n', &mut buf)? == 0 {
                break;
            }
            line_no += 1;
            match std::str::from_utf8(&buf) {
                Ok(line) => {
                    let phrase = line.trim();
                    if !phrase.is_empty() {
                        print(&mut out, &resolve(kb, phrase, date))?;
                    }
                }
                Err(e) => {
                    ok = false;
                    out.flush()?;
                    eprintln!(
                        "dyad: <stdin>:{line_no}: invalid UTF-8 at byte {} of the line",
                        e.valid_up_to()
                    );
                }
            }
        }
    } else {
        for a in args {
            print(&mut out, &resolve(kb, a.trim(), date))?;
        }
    }
    out.flush()?;
    Ok(ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_has_the_five_fields_with_nulls() {
        let kb = Kb::default();
        let r = resolve(&kb, "a goat called Hamish", None);
        let v = serde_json::to_value(&r).unwrap();
        let obj = v.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["country", "igo", "name", "sector", "text"]);
        assert_eq!(v["text"], "a goat called Hamish");
        assert!(v["country"].is_null() && v["name"].is_null());
    }
}
