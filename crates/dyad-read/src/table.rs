//! CSV / TSV exports, read row by row with the `csv` crate: a text column
//! (named, or found by common header names) plus optional date, title, id,
//! url and source columns. Rows are labelled `FILE:LINE`; a malformed row
//! or one with empty text is an error and reading goes on.

use std::io::BufRead;

use crate::{
    clean_line, date, io_reason, one_error, too_big, ReadOptions, Record, RecordError, Records,
};

/// Header names tried, in order, for each column left unnamed.
const TEXT_NAMES: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "article_text",
    "full_text",
    "story",
];
const DATE_NAMES: &[&str] = &[
    "date",
    "published",
    "pubdate",
    "publish_date",
    "published_at",
    "publication_date",
    "datetime",
];
const TITLE_NAMES: &[&str] = &["title", "headline"];
const ID_NAMES: &[&str] = &["id", "doc_id", "article_id"];
const URL_NAMES: &[&str] = &["url", "link"];
const SOURCE_NAMES: &[&str] = &["source", "outlet", "publisher"];

#[derive(Clone, Copy)]
struct Cols {
    text: usize,
    date: Option<usize>,
    title: Option<usize>,
    id: Option<usize>,
    url: Option<usize>,
    source: Option<usize>,
}

pub(crate) fn read_csv(name: &str, r: Box<dyn BufRead + Send>, opts: &ReadOptions) -> Records {
    let co = &opts.csv;
    let base = name.to_ascii_lowercase();
    let base = base.strip_suffix(".gz").unwrap_or(&base);
    let delim = co
        .delimiter
        .unwrap_or(if base.ends_with(".tsv") { b'\t' } else { b',' });
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(true)
        .flexible(false)
        .from_reader(r);
    let header: Vec<String> = match rdr.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|f| {
                String::from_utf8_lossy(f)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_string()
            })
            .collect(),
        Err(e) => {
            return one_error(
                name.to_string(),
                format!("cannot read the CSV header: {}", csv_reason(&e)),
            )
        }
    };
    let listing = || {
        header
            .iter()
            .map(|h| format!("{h:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let find =
        |named: &Option<String>, guesses: &[&str], what: &str| -> Result<Option<usize>, String> {
            match named {
                Some(n) => header
                    .iter()
                    .position(|h| h == n)
                    .or_else(|| header.iter().position(|h| h.eq_ignore_ascii_case(n)))
                    .map(Some)
                    .ok_or_else(|| {
                        format!(
                            "no {what} column {n:?} in the header (columns: {})",
                            listing()
                        )
                    }),
                None => Ok(guesses
                    .iter()
                    .find_map(|g| header.iter().position(|h| h.eq_ignore_ascii_case(g)))),
            }
        };
    let cols = (|| -> Result<Cols, String> {
        let text = find(&co.text_col, TEXT_NAMES, "text")?.ok_or_else(|| {
            format!(
                "no text column found (looked for {}; name one) in the header (columns: {})",
                TEXT_NAMES.join(", "),
                listing()
            )
        })?;
        Ok(Cols {
            text,
            date: find(&co.date_col, DATE_NAMES, "date")?,
            title: find(&co.title_col, TITLE_NAMES, "title")?,
            id: find(&co.id_col, ID_NAMES, "id")?,
            url: find(&co.url_col, URL_NAMES, "url")?,
            source: find(&co.source_col, SOURCE_NAMES, "source")?,
        })
    })();
    let cols = match cols {
        Ok(c) => c,
        Err(reason) => return one_error(name.to_string(), reason),
    };
    let col_names: Vec<String> = header;
    let name = name.to_string();
    let max = opts.max_doc_bytes;
    let mut rec = csv::ByteRecord::new();
    let mut done = false;
    Box::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => None,
            Ok(true) => {
                let line = rec.position().map_or(0, |p| p.line());
                Some(row(&name, line, &rec, cols, &col_names, max))
            }
            Err(e) => {
                let line = e.position().map(|p| p.line());
                let label = match line {
                    Some(l) => format!("{name}:{l}"),
                    None => name.clone(),
                };
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    done = true;
                }
                Some(Err(RecordError {
                    label,
                    reason: csv_reason(&e),
                }))
            }
        }
    }))
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => io_reason(io),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("malformed row: {len} fields where the header has {expected_len}")
        }
        _ => format!("malformed row: {e}"),
    }
}

fn row(
    name: &str,
    line: u64,
    rec: &csv::ByteRecord,
    cols: Cols,
    header: &[String],
    max: usize,
) -> Result<Record, RecordError> {
    let label = format!("{name}:{line}");
    let err = |reason: String| RecordError {
        label: label.clone(),
        reason,
    };
    let cell = |i: usize| -> Result<&str, RecordError> {
        std::str::from_utf8(rec.get(i).unwrap_or(b"")).map_err(|e| {
            err(format!(
                "invalid UTF-8 in column {:?} at byte {}",
                header[i],
                e.valid_up_to()
            ))
        })
    };
    let opt = |i: Option<usize>| -> Result<Option<String>, RecordError> {
        match i {
            Some(i) => Ok(clean_line(cell(i)?)),
            None => Ok(None),
        }
    };
    let text = cell(cols.text)?.trim();
    if text.is_empty() {
        return Err(err(format!("empty text in column {:?}", header[cols.text])));
    }
    if let Some(reason) = too_big(text, max) {
        return Err(err(reason));
    }
    Ok(Record {
        label: label.clone(),
        id: opt(cols.id)?,
        text: text.to_string(),
        title: opt(cols.title)?,
        // An unreadable date is dropped, as for HTML pages.
        published: opt(cols.date)?.as_deref().and_then(date::normalize),
        source: opt(cols.source)?,
        url: opt(cols.url)?,
        language: None,
    })
}
