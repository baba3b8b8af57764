//! `dyad eval`: loads the evaluation data (the embedded NGEC synthetic
//! stories, or gold JSONL files), codes it in parallel and prints the
//! scores from `eval` as text or JSON.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;

use dyad_code::{Event, InputDoc};
use rayon::prelude::*;
use serde_json::json;

use crate::eval::{in_split, split_of, DocScorer, GoldDoc, GoldScorer, Split, TypeTable};
use crate::CliError;

/// NGEC-2025 synthetic stories (MIT), gzip CSV with `text` and `label` columns.
pub(crate) const NGEC_GZ: &[u8] = include_bytes!("../../../data/eval/ngec-synthetic-events.csv.gz");

/// A labelled story.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub text: String,
    pub label: String,
}

/// Reads the labelled stories from a gzip CSV (columns `text`, `label`).
pub fn read_stories(gz: impl Read) -> Result<Vec<Story>, String> {
    let mut rdr = csv::Reader::from_reader(flate2::read::GzDecoder::new(gz));
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("no {name:?} column"))
    };
    let (ti, li) = (col("text")?, col("label")?);
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| format!("record {}: {e}", i + 1))?;
        let text = rec.get(ti).unwrap_or("").trim();
        let label = rec.get(li).unwrap_or("").trim();
        if !text.is_empty() && !label.is_empty() {
            out.push(Story {
                text: text.to_string(),
                label: label.to_string(),
            });
        }
    }
    Ok(out)
}

/// Codes a unit and keeps the events PLOVER counts: negated ("did not meet")
/// and hypothetical ("could attack") records are coded and flagged by dyad,
/// but they are not events that happened, so they are not scored.
fn code(input: &InputDoc) -> Result<Vec<Event>, String> {
    dyad_code::code_document(input, dyad_kb::Kb::embedded())
        .map(|o| {
            o.events
                .into_iter()
                .filter(|e| !e.negated && e.modality != "hypothetical")
                .collect()
        })
        .map_err(|e| e.to_string())
}

/// Runs the subcommand; false when some item could not be scored.
pub fn run(gold: &[PathBuf], split: Option<Split>, as_json: bool) -> Result<bool, CliError> {
    if gold.is_empty() {
        run_ngec(split.unwrap_or(Split::Dev), as_json)
    } else {
        run_gold(gold, split.unwrap_or(Split::All), as_json)
    }
}

fn run_ngec(split: Split, as_json: bool) -> Result<bool, CliError> {
    let stories = read_stories(NGEC_GZ)
        .map_err(|e| CliError::Io(io::Error::other(format!("embedded NGEC data: {e}"))))?;
    let mut counts = [0usize; 3];
    for s in &stories {
        match split_of(&s.text) {
            Split::Train => counts[0] += 1,
            Split::Dev => counts[1] += 1,
            _ => counts[2] += 1,
        }
    }
    let chosen: Vec<&Story> = stories
        .iter()
        .filter(|s| in_split(&s.text, split))
        .collect();
    let results: Vec<Result<Vec<Event>, String>> = chosen
        .par_iter()
        .map(|s| {
            code(&InputDoc {
                id: Some(crate::input::content_id(&s.text)),
                text: s.text.clone(),
                ..InputDoc::default()
            })
        })
        .collect();
    let mut scorer = DocScorer::default();
    let mut failed = 0;
    for (s, r) in chosen.iter().zip(&results) {
        match r {
            Ok(evs) => scorer.add(&s.label, evs),
            Err(e) => {
                failed += 1;
                eprintln!(
                    "dyad: NGEC story {}: {e}",
                    crate::input::content_id(&s.text)
                );
            }
        }
    }
    let rep = scorer.report();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if as_json {
        let v = json!({
            "data": "ngec-synthetic-events",
            "split": split,
            "split_counts": {"train": counts[0], "dev": counts[1], "test": counts[2]},
            "failed": failed,
            "report": rep,
        });
        writeln!(out, "{v}")?;
    } else {
        writeln!(
            out,
            "NGEC synthetic stories: {} (train {}, dev {}, test {}); scoring {}: {} stories{}",
            stories.len(),
            counts[0],
            counts[1],
            counts[2],
            split_name(split),
            rep.documents,
            if failed > 0 {
                format!(", {failed} failed")
            } else {
                String::new()
            }
        )?;
        writeln!(out, "top-1 accuracy       {:.3}", rep.top1_accuracy)?;
        writeln!(out, "label among coded    {:.3}", rep.label_in_predicted)?;
        writeln!(out, "stories with no event {:.3}", rep.no_event_share)?;
        writeln!(out, "events per story     {:.2}", rep.events_per_document)?;
        write_table(&mut out, &rep.types)?;
    }
    Ok(failed == 0)
}

fn split_name(s: Split) -> &'static str {
    match s {
        Split::Train => "train",
        Split::Dev => "dev",
        Split::Test => "test",
        Split::All => "all",
    }
}

fn write_table(out: &mut dyn Write, t: &TypeTable) -> io::Result<()> {
    writeln!(
        out,
        "{:<12} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "type", "support", "tp", "fp", "fn", "P", "R", "F1"
    )?;
    for r in t.per_type.iter().chain(std::iter::once(&t.micro)) {
        writeln!(
            out,
            "{:<12} {:>7} {:>6} {:>6} {:>6} {:>6.3} {:>6.3} {:>6.3}",
            r.event_type, r.support, r.tp, r.fp, r.fn_, r.precision, r.recall, r.f1
        )?;
    }
    writeln!(
        out,
        "macro        P {:.3}  R {:.3}  F1 {:.3}",
        t.macro_precision, t.macro_recall, t.macro_f1
    )
}

/// A gold unit ready to code, with its label for messages.
struct Unit {
    label: String,
    gold: GoldDoc,
}

fn read_gold(path: &PathBuf, split: Split, units: &mut Vec<Unit>) -> Result<usize, CliError> {
    let name = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| {
        CliError::Io(io::Error::new(
            e.kind(),
            format!("{name}: cannot open: {e}"),
        ))
    })?;
    let mut failed = 0;
    for (i, line) in BufReader::new(f).split(b'\n').enumerate() {
        let label = format!("{name}:{}", i + 1);
        let line =
            line.map_err(|e| CliError::Io(io::Error::new(e.kind(), format!("{label}: {e}"))))?;
        let line = match std::str::from_utf8(&line) {
            Ok(l) => l.trim(),
            Err(e) => {
                failed += 1;
                eprintln!(
                    "dyad: {label}: invalid UTF-8 at byte {} of the line",
                    e.valid_up_to()
                );
                continue;
            }
        };
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<GoldDoc>(line) {
            Ok(g) if g.text.trim().is_empty() => {
                failed += 1;
                eprintln!("dyad: {label}: empty text");
            }
            Ok(g) => {
                if in_split(&g.text, split) {
                    units.push(Unit { label, gold: g });
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("dyad: {label}: malformed gold record: {e}");
            }
        }
    }
    Ok(failed)
}

fn run_gold(paths: &[PathBuf], split: Split, as_json: bool) -> Result<bool, CliError> {
    let mut units = Vec::new();
    let mut failed = 0;
    for p in paths {
        failed += read_gold(p, split, &mut units)?;
    }
    let results: Vec<Result<Vec<Event>, String>> = units
        .par_iter()
        .map(|u| {
            code(&InputDoc {
                id: u
                    .gold
                    .id
                    .clone()
                    .or_else(|| Some(crate::input::content_id(&u.gold.text))),
                text: u.gold.text.clone(),
                published: u.gold.published.clone(),
                ..InputDoc::default()
            })
        })
        .collect();
    let mut scorer = GoldScorer::default();
    for (u, r) in units.iter().zip(&results) {
        match r {
            Ok(evs) => scorer.add(&u.gold.events, evs),
            Err(e) => {
                failed += 1;
                eprintln!("dyad: {}: {e}", u.label);
            }
        }
    }
    let rep = scorer.report();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if as_json {
        let v = json!({"data": paths, "split": split, "failed": failed, "report": rep});
        writeln!(out, "{v}")?;
    } else {
        writeln!(
            out,
            "gold units: {} ({} with events, {} gold events, {} predicted); split {}{}",
            rep.units,
            rep.units_with_gold,
            rep.gold_events,
            rep.predicted_events,
            split_name(split),
            if failed > 0 {
                format!("; {failed} failed")
            } else {
                String::new()
            }
        )?;
        writeln!(out, "event-type top-1      {:.3}", rep.top1_accuracy)?;
        for (name, a) in [
            ("actor country", &rep.actor_country),
            ("actor sector", &rep.actor_sector),
            ("recipient country", &rep.recipient_country),
            ("recipient sector", &rep.recipient_sector),
            ("event date", &rep.date),
            ("location country", &rep.location),
        ] {
            writeln!(
                out,
                "{name:<21} {:.3} ({}/{})",
                a.accuracy, a.correct, a.total
            )?;
        }
        writeln!(out, "type+actor+recipient  {:.3}", rep.dyad_record_accuracy)?;
        writeln!(
            out,
            "full-record accuracy  {:.3} (also date and location)",
            rep.full_record_accuracy
        )?;
        writeln!(out, "spurious per unit     {:.3}", rep.spurious_per_unit)?;
        write_table(&mut out, &rep.types)?;
    }
    Ok(failed == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_stories_load_with_labels() {
        let s = read_stories(NGEC_GZ).unwrap();
        assert_eq!(s.len(), 4500);
        assert!(s
            .iter()
            .all(|x| x.label.chars().all(|c| c.is_ascii_uppercase())));
    }

    #[test]
    fn small_csv() {
        use flate2::write::GzEncoder;
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"title,text,label\nT,\"Troops shelled, again, the town.\",ASSAULT\nU,,AID\n")
            .unwrap();
        let bytes = gz.finish().unwrap();
        let s = read_stories(&bytes[..]).unwrap();
        assert_eq!(
            s,
            vec![Story {
                text: "Troops shelled, again, the town.".into(),
                label: "ASSAULT".into()
            }]
        );
    }
}
