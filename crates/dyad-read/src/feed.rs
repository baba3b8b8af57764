//! RSS / Atom feeds: parses a whole feed (at most 64 MB) with `feed-rs` and
//! yields one record per item, its HTML content flattened to paragraphs.
//! A malformed file is one error; its position comes from a second pass
//! with quick-xml, since feed-rs reports none.

use std::io::BufRead;

use crate::{
    clean_line, html, one_error, read_capped, too_big, ReadOptions, Record, RecordError, Records,
};

pub(crate) fn read_feed(name: &str, mut r: Box<dyn BufRead + Send>, opts: &ReadOptions) -> Records {
    let bytes = match read_capped(&mut r, crate::MAX_WHOLE_BYTES) {
        Ok(b) => b,
        Err(reason) => return one_error(name.to_string(), reason),
    };
    // Entries without an id of their own get none (the CLI derives one from
    // the text) rather than feed-rs's generated hash.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = match parser.parse(bytes.as_slice()) {
        Ok(f) => f,
        Err(e) => {
            let at = xml_error_position(&bytes)
                .map(|(line, col)| format!(" at line {line}, column {col}"))
                .unwrap_or_default();
            return one_error(name.to_string(), format!("malformed feed{at}: {e}"));
        }
    };
    let source = feed.title.as_ref().and_then(text_of);
    let language = feed.language.clone();
    let name = name.to_string();
    let max = opts.max_doc_bytes;
    Box::new(
        feed.entries
            .into_iter()
            .enumerate()
            .map(move |(i, e)| entry(&name, i + 1, e, source.as_deref(), language.as_deref(), max)),
    )
}

/// Line and column (1-based) of the first XML well-formedness error, from
/// a second pass with quick-xml (feed-rs does not report positions).
fn xml_error_position(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut r = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) => return None,
            Ok(_) => buf.clear(),
            Err(_) => {
                let p = (r.error_position() as usize).min(bytes.len());
                let before = &bytes[..p];
                let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
                let col = p - before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1)
                    + 1;
                return Some((line, col));
            }
        }
    }
}

/// A title or summary as plain text (HTML flattened).
fn text_of(t: &feed_rs::model::Text) -> Option<String> {
    if t.content_type.subty() == "html" || t.content.contains('<') {
        clean_line(&html::fragment_text(&t.content))
    } else {
        clean_line(&t.content)
    }
}

/// Body text of content (`content:encoded`, Atom `content`) or a summary.
fn body_of(body: &str, plain: bool) -> String {
    if plain {
        // Keep paragraph breaks of plain text; collapse other whitespace.
        body.split("\n\n")
            .filter_map(clean_line)
            .collect::<Vec<_>>()
            .join("\n\n")
    } else {
        html::fragment_text(body)
    }
}

fn entry(
    name: &str,
    n: usize,
    e: feed_rs::model::Entry,
    source: Option<&str>,
    feed_lang: Option<&str>,
    max: usize,
) -> Result<Record, RecordError> {
    let title = e.title.as_ref().and_then(text_of);
    let url = e
        .links
        .first()
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty());
    let label = match (&title, &url) {
        (Some(t), _) => format!("{name}: item {n} ({})", short(t)),
        (None, Some(u)) => format!("{name}: item {n} ({u})"),
        (None, None) => format!("{name}: item {n}"),
    };
    let from_content = e.content.as_ref().and_then(|c| {
        let plain = c.content_type.subty() == "plain";
        c.body.as_deref().map(|b| body_of(b, plain))
    });
    let text = match from_content.filter(|t| !t.is_empty()) {
        Some(t) => t,
        None => e
            .summary
            .as_ref()
            .map(|s| {
                body_of(
                    &s.content,
                    s.content_type.subty() == "plain" && !s.content.contains('<'),
                )
            })
            .unwrap_or_default(),
    };
    if text.is_empty() {
        return Err(RecordError {
            label,
            reason: "item has no text (no content, description or summary)".to_string(),
        });
    }
    if let Some(reason) = too_big(&text, max) {
        return Err(RecordError { label, reason });
    }
    let published = e
        .published
        .or(e.updated)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
    Ok(Record {
        label,
        id: Some(e.id.trim().to_string()).filter(|s| !s.is_empty()),
        text,
        title,
        published,
        source: source.map(str::to_string),
        url,
        language: e.language.or_else(|| feed_lang.map(str::to_string)),
    })
}

/// At most 60 characters of a title, for labels.
fn short(t: &str) -> String {
    match t.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}
