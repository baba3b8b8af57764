//! The streaming pipeline shared by `dyad code`, `dyad ingest` and
//! `dyad bench`: a reader thread pulls documents from the inputs into a
//! bounded channel; the main thread takes them in bounded chunks, codes each
//! chunk in parallel (rayon) and hands the results, in input order, to a
//! [`Sink`] (an output writer or the store). Memory stays bounded however
//! long the input; per-document errors are reported and counted by reason,
//! and the run ends with a [`Summary`].

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use dyad_code::{DocOutput, InputDoc, StageTimes};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::formats::{self, DocMeta, Format};
use crate::input::{Doc, DocError};
use crate::CliError;

/// Most documents coded in one parallel chunk.
pub const CHUNK_DOCS: usize = 256;
/// Most text bytes held in one chunk (a chunk closes once it passes this).
const CHUNK_BYTES: usize = 32 << 20;
/// Documents read ahead of the coder.
const READ_AHEAD: usize = 64;

/// Where coded documents go.
pub trait Sink {
    /// Why `doc` need not be coded (e.g. already in the store), if so.
    fn skip(&mut self, _doc: &Doc) -> Result<Option<String>, CliError> {
        Ok(None)
    }
    /// Takes the coded documents of one chunk, in input order.
    fn write(&mut self, coded: Vec<(Doc, DocOutput)>) -> Result<(), CliError>;
}

/// What happened to a run.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    /// Items taken from the inputs (documents and read errors).
    pub read: usize,
    pub coded: usize,
    pub events: usize,
    /// Text bytes coded.
    pub bytes: u64,
    /// Documents not coded, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Documents that could not be read or coded, by kind of reason.
    pub failed: BTreeMap<String, usize>,
    pub elapsed: Duration,
    /// Time the reader thread spent reading, decompressing and extracting.
    pub read_time: Duration,
    /// Time the workers spent in each coding stage (summed over threads).
    pub stages: StageTimes,
    /// Time the sink spent writing (output or store).
    pub write_time: Duration,
}

impl Summary {
    pub fn failed_total(&self) -> usize {
        self.failed.values().sum()
    }
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
    fn fail(&mut self, reason: &str) {
        *self.failed.entry(reason_kind(reason)).or_default() += 1;
    }

    /// The end-of-run report (one line, plus one per kind of skip/failure).
    pub fn report(&self, out: &mut dyn Write) -> io::Result<()> {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        writeln!(
            out,
            "dyad: {} read, {} coded, {} skipped, {} failed; {} events in {:.2} s \
             ({:.1} articles/s, {:.1} events/s, {:.2} MB/s)",
            self.read,
            self.coded,
            self.skipped_total(),
            self.failed_total(),
            self.events,
            secs,
            self.coded as f64 / secs,
            self.events as f64 / secs,
            self.bytes as f64 / 1e6 / secs,
        )?;
        for (what, map) in [("skipped", &self.skipped), ("failed", &self.failed)] {
            if !map.is_empty() {
                let parts: Vec<String> = map.iter().map(|(r, n)| format!("{n} {r}")).collect();
                writeln!(out, "dyad: {what}: {}", parts.join("; "))?;
            }
        }
        Ok(())
    }
}

/// The kind of a failure reason, for counting: the reason up to its first
/// detail (`:`, `(` or a quote), with numbers replaced by `N`.
pub fn reason_kind(reason: &str) -> String {
    let cut = reason.find([':', '(', '"']).unwrap_or(reason.len());
    // Numbers standing alone ("200 bytes", not "UTF-8") become N.
    let mut out = String::new();
    let mut in_num = false;
    let mut prev = ' ';
    for c in reason[..cut].trim().chars() {
        if c.is_ascii_digit() && (in_num || prev.is_whitespace()) {
            if !in_num {
                out.push('N');
            }
            in_num = true;
        } else {
            in_num = false;
            out.push(c);
        }
        prev = c;
    }
    let out = out.trim_end_matches([',', ';', ' ']).to_string();
    if out.is_empty() {
        "error".to_string()
    } else {
        out
    }
}

/// A progress bar on stderr when it is a terminal (hidden otherwise).
pub fn progress_bar() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} articles  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Runs documents through the coder into `sink`, reporting per-document
/// errors on `err` (above the progress bar) as they happen.
pub fn drive<I, C>(
    docs: I,
    sink: &mut dyn Sink,
    bar: &ProgressBar,
    err: &mut dyn Write,
    coder: C,
) -> Result<Summary, CliError>
where
    I: Iterator<Item = Result<Doc, DocError>> + Send,
    C: Fn(&InputDoc, &mut StageTimes) -> Result<DocOutput, String> + Sync,
{
    let start = Instant::now();
    let mut sum = Summary::default();
    let (tx, rx) = mpsc::sync_channel::<(Result<Doc, DocError>, Duration)>(READ_AHEAD);
    std::thread::scope(|scope| -> Result<(), CliError> {
        scope.spawn(move || {
            let mut docs = docs;
            loop {
                let t = Instant::now();
                let Some(item) = docs.next() else { break };
                if tx.send((item, t.elapsed())).is_err() {
                    break; // the coder stopped (an error): stop reading
                }
            }
        });
        let mut chunk: Vec<Doc> = Vec::with_capacity(CHUNK_DOCS);
        let mut done = false;
        while !done {
            chunk.clear();
            let mut bytes = 0usize;
            while chunk.len() < CHUNK_DOCS && bytes < CHUNK_BYTES {
                // Wait for the first document of a chunk; take the rest
                // only while they are ready, so a slow reader never leaves
                // read documents waiting.
                let next = if chunk.is_empty() {
                    rx.recv().ok()
                } else {
                    match rx.try_recv() {
                        Ok(x) => Some(x),
                        Err(mpsc::TryRecvError::Empty) => break,
                        Err(mpsc::TryRecvError::Disconnected) => None,
                    }
                };
                let Some((item, took)) = next else {
                    done = true;
                    break;
                };
                sum.read += 1;
                sum.read_time += took;
                match item {
                    Err(e) => {
                        sum.fail(&e.reason);
                        bar.suspend(|| writeln!(err, "dyad: {e}"))?;
                    }
                    Ok(d) => {
                        if let Some(reason) = sink.skip(&d)? {
                            *sum.skipped.entry(reason).or_default() += 1;
                            continue;
                        }
                        bytes += d.input.text.len();
                        chunk.push(d);
                    }
                }
            }
            if chunk.is_empty() {
                continue;
            }
            let results: Vec<(Result<DocOutput, String>, StageTimes)> = chunk
                .par_iter()
                .map(|d| {
                    let mut times = StageTimes::default();
                    let r = coder(&d.input, &mut times).map(|mut o| {
                        fill_defaults(&mut o, &d.input);
                        o
                    });
                    (r, times)
                })
                .collect();
            let mut coded = Vec::with_capacity(chunk.len());
            for (d, (res, times)) in chunk.drain(..).zip(results) {
                sum.stages.add(&times);
                match res {
                    Err(reason) => {
                        sum.fail(&reason);
                        bar.suspend(|| writeln!(err, "dyad: {}: {reason}", d.label))?;
                    }
                    Ok(o) => {
                        sum.coded += 1;
                        sum.events += o.events.len();
                        sum.bytes += d.input.text.len() as u64;
                        coded.push((d, o));
                    }
                }
            }
            let t = Instant::now();
            sink.write(coded)?;
            sum.write_time += t.elapsed();
            bar.set_position(sum.coded as u64);
            let secs = start.elapsed().as_secs_f64().max(1e-9);
            bar.set_message(format!(
                "{:.1} articles/s  {:.1} events/s  ({} skipped, {} failed)",
                sum.coded as f64 / secs,
                sum.events as f64 / secs,
                sum.skipped_total(),
                sum.failed_total()
            ));
        }
        drop(rx);
        Ok(())
    })?;
    sum.elapsed = start.elapsed();
    Ok(sum)
}

/// The coder used by the commands: the embedded knowledge base, stage times kept.
pub fn embedded_coder() -> impl Fn(&InputDoc, &mut StageTimes) -> Result<DocOutput, String> + Sync {
    let kb = dyad_kb::Kb::embedded();
    move |d, t| dyad_code::code_document_timed(d, kb, t).map_err(|e| e.to_string())
}

/// A sink writing each coded document in an output format.
pub struct WriteSink<'a> {
    pub format: Format,
    pub out: &'a mut dyn Write,
    scratch: String,
}

impl<'a> WriteSink<'a> {
    pub fn new(format: Format, out: &'a mut dyn Write) -> Self {
        WriteSink {
            format,
            out,
            scratch: String::new(),
        }
    }
}

impl Sink for WriteSink<'_> {
    fn write(&mut self, coded: Vec<(Doc, DocOutput)>) -> Result<(), CliError> {
        for (d, o) in &coded {
            let meta = DocMeta::from_input(&d.input);
            formats::write_doc(self.format, o, &meta, self.out, &mut self.scratch)?;
        }
        Ok(())
    }
}

/// Codes every document from `docs` to stdout in `format`, with a progress
/// bar and the summary on stderr.
pub fn run(
    docs: impl Iterator<Item = Result<Doc, DocError>> + Send,
    format: Format,
) -> Result<Summary, CliError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut sink = WriteSink::new(format, &mut out);
    let bar = progress_bar();
    let mut err = io::stderr();
    let sum = drive(docs, &mut sink, &bar, &mut err, embedded_coder())?;
    bar.finish_and_clear();
    out.flush()?;
    sum.report(&mut err)?;
    Ok(sum)
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

    fn run_with(
        items: Vec<Result<Doc, DocError>>,
        format: Format,
        out: &mut Vec<u8>,
        err: &mut Vec<u8>,
    ) -> Summary {
        let mut sink = WriteSink::new(format, out);
        drive(
            items.into_iter(),
            &mut sink,
            &ProgressBar::hidden(),
            err,
            fake,
        )
        .unwrap()
    }

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
    fn fake(d: &InputDoc, _: &mut StageTimes) -> Result<DocOutput, String> {
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
        let st = run_with(items, Format::Jsonl, &mut out, &mut err);
        assert_eq!(
            (st.read, st.coded, st.failed_total(), st.events),
            (4, 2, 2, 3)
        );
        assert_eq!(st.failed.get("empty text"), Some(&1));
        assert_eq!(st.failed.get("coder refused"), Some(&1));
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
        run_with(items, Format::Json, &mut out, &mut err);
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

#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn reason_kinds_group_details_away() {
        assert_eq!(
            reason_kind("malformed JSON: expected value at line 1"),
            "malformed JSON"
        );
        assert_eq!(
            reason_kind("document is 200 bytes, over --max-doc-bytes (100 bytes)"),
            "document is N bytes, over --max-doc-bytes"
        );
        assert_eq!(
            reason_kind("invalid UTF-8 at byte 17 (line 2, column 3)"),
            "invalid UTF-8 at byte N"
        );
        assert_eq!(reason_kind(""), "error");
    }

    /// A sink that skips documents whose id was seen and records the rest.
    struct Seen(Vec<String>);
    impl Sink for Seen {
        fn skip(&mut self, d: &Doc) -> Result<Option<String>, CliError> {
            let id = d.input.id.clone().unwrap_or_default();
            Ok(self.0.contains(&id).then(|| "already seen".to_string()))
        }
        fn write(&mut self, coded: Vec<(Doc, DocOutput)>) -> Result<(), CliError> {
            self.0.extend(
                coded
                    .into_iter()
                    .map(|(d, _)| d.input.id.unwrap_or_default()),
            );
            Ok(())
        }
    }

    #[test]
    fn skips_are_counted_by_reason_and_summary_reports_them() {
        let mk = |id: &str| {
            Ok(Doc {
                label: id.to_string(),
                input: InputDoc {
                    id: Some(id.into()),
                    text: "Leaders met.".into(),
                    ..InputDoc::default()
                },
            })
        };
        let mut sink = Seen(vec!["b".into()]);
        let items = vec![mk("a"), mk("b"), mk("c")];
        let mut err = Vec::new();
        let ok = |_: &InputDoc, t: &mut StageTimes| {
            t.docs += 1;
            Ok(DocOutput::default())
        };
        let sum = drive(
            items.into_iter(),
            &mut sink,
            &ProgressBar::hidden(),
            &mut err,
            ok,
        )
        .unwrap();
        assert_eq!(sink.0, vec!["b", "a", "c"]);
        assert_eq!((sum.read, sum.coded, sum.skipped_total()), (3, 2, 1));
        assert_eq!(sum.stages.docs, 2);
        let mut rep = Vec::new();
        sum.report(&mut rep).unwrap();
        let rep = String::from_utf8(rep).unwrap();
        assert!(
            rep.starts_with("dyad: 3 read, 2 coded, 1 skipped, 0 failed; 0 events"),
            "{rep}"
        );
        assert!(rep.contains("dyad: skipped: 1 already seen"), "{rep}");
    }
}
