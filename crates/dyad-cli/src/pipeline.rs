//! The `dyad code` pipeline: pulls documents in bounded chunks, codes each
//! chunk in parallel (rayon), and writes results and per-document errors in
//! input order, so memory stays bounded however long the input.

use std::io::{self, Write};

use dyad_code::{DocOutput, InputDoc};
use rayon::prelude::*;

use crate::formats::{self, DocMeta, Format};
use crate::input::{Doc, DocError};

/// Most documents held at once.
const CHUNK_DOCS: usize = 256;
/// Most text bytes held at once (a chunk closes once it passes this).
const CHUNK_BYTES: usize = 32 << 20;

/// What happened to the batch.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Stats {
    pub coded: usize,
    pub failed: usize,
    pub events: usize,
}

/// Codes every document from `docs`, writing to stdout and errors to stderr.
pub fn run(docs: impl Iterator<Item = Result<Doc, DocError>>, format: Format) -> io::Result<Stats> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let kb = dyad_kb::Kb::embedded();
    let stats = run_with(docs, format, &mut out, &mut err, |d| {
        dyad_code::code_document(d, kb).map_err(|e| e.to_string())
    })?;
    out.flush()?;
    Ok(stats)
}

/// The pipeline with its coder and sinks given (for tests).
pub fn run_with<C>(
    mut docs: impl Iterator<Item = Result<Doc, DocError>>,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
    coder: C,
) -> io::Result<Stats>
where
    C: Fn(&InputDoc) -> Result<DocOutput, String> + Sync,
{
    let mut stats = Stats::default();
    let mut chunk: Vec<Result<Doc, DocError>> = Vec::with_capacity(CHUNK_DOCS);
    let mut scratch = String::new();
    loop {
        chunk.clear();
        let mut bytes = 0usize;
        while chunk.len() < CHUNK_DOCS && bytes < CHUNK_BYTES {
            match docs.next() {
                Some(item) => {
                    if let Ok(d) = &item {
                        bytes += d.input.text.len();
                    }
                    chunk.push(item);
                }
                None => break,
            }
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<Result<DocOutput, String>> = chunk
            .par_iter()
            .map(|item| match item {
                Ok(d) => coder(&d.input).map(|mut o| {
                    fill_defaults(&mut o, &d.input);
                    o
                }),
                Err(_) => Err(String::new()),
            })
            .collect();
        for (item, res) in chunk.iter().zip(results) {
            match (item, res) {
                (Err(e), _) => {
                    stats.failed += 1;
                    writeln!(err, "dyad: {e}")?;
                }
                (Ok(d), Err(reason)) => {
                    stats.failed += 1;
                    writeln!(err, "dyad: {}: {reason}", d.label)?;
                }
                (Ok(d), Ok(o)) => {
                    stats.coded += 1;
                    stats.events += o.events.len();
                    let meta = DocMeta::from_input(&d.input);
                    formats::write_doc(format, &o, &meta, out, &mut scratch)?;
                }
            }
        }
    }
    Ok(stats)
}

/// Fills what the coder left empty from the input: doc id, story date, source.
pub(crate) fn fill_defaults(o: &mut DocOutput, input: &InputDoc) {
    if o.doc_id.is_empty() {
        o.doc_id = input.id.clone().unwrap_or_default();
    }
    if o.story_date.is_none() {
        o.story_date = input
            .published
            .as_deref()
            .and_then(|p| p.get(..10))
            .map(str::to_string);
    }
    if o.source.is_none() {
        o.source = input.source.clone();
    }
    for ev in &mut o.events {
        if ev.doc_id.is_empty() {
            ev.doc_id = o.doc_id.clone();
        }
        if ev.story_date.is_none() {
            ev.story_date = o.story_date.clone();
        }
        if ev.source.is_none() {
            ev.source = o.source.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_code::Event;

    fn doc(id: &str, text: &str) -> Result<Doc, DocError> {
        Ok(Doc {
            label: format!("{id}.txt"),
            input: InputDoc {
                id: Some(id.into()),
                text: text.into(),
                published: Some("2023-05-02T10:00:00Z".into()),
                ..InputDoc::default()
            },
        })
    }

    /// A fake coder: one CONSULT event per word "met".
    fn fake(d: &InputDoc) -> Result<DocOutput, String> {
        if d.text.contains("FAIL") {
            return Err("coder refused".into());
        }
        let events = d
            .text
            .match_indices("met")
            .map(|(i, _)| Event {
                event_id: format!("e{i}"),
                event_type: "CONSULT".into(),
                cameo_code: "043".into(),
                ..Event::default()
            })
            .collect();
        Ok(DocOutput {
            events,
            ..DocOutput::default()
        })
    }

    #[test]
    fn order_errors_and_defaults() {
        let items = vec![
            doc("a", "Ministers met. Leaders met."),
            Err(DocError {
                label: "b.txt".into(),
                reason: "empty text".into(),
            }),
            doc("c", "FAIL"),
            doc("d", "They met."),
        ];
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let st = run_with(items.into_iter(), Format::Jsonl, &mut out, &mut err, fake).unwrap();
        assert_eq!(
            st,
            Stats {
                coded: 2,
                failed: 2,
                events: 3
            }
        );
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["doc_id"], "a");
        assert_eq!(lines[0]["story_date"], "2023-05-02");
        assert_eq!(lines[2]["doc_id"], "d");
        let err = String::from_utf8(err).unwrap();
        assert_eq!(err, "dyad: b.txt: empty text\ndyad: c.txt: coder refused\n");
    }

    #[test]
    fn many_documents_cross_chunks_in_order() {
        let items: Vec<_> = (0..600)
            .map(|i| doc(&format!("d{i}"), "They met."))
            .collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        run_with(items.into_iter(), Format::Json, &mut out, &mut err, fake).unwrap();
        let out = String::from_utf8(out).unwrap();
        let ids: Vec<String> = out
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc_id"].to_string())
            .collect();
        assert_eq!(ids.len(), 600);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(id, &format!("\"d{i}\""));
        }
    }
}
