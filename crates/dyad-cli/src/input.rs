//! Input: turns command-line paths (files, directories, `-`) into an ordered
//! stream of documents, each either ready to code or a per-document error
//! that names it (path, `path:line`, id) and says why.

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use dyad_code::InputDoc;
use sha2::{Digest, Sha256};

/// Default `--max-doc-bytes`.
#[cfg(test)]
pub const DEFAULT_MAX_DOC_BYTES: usize = 10_000_000;

/// Deepest directory nesting followed (guards against symlink loops).
const MAX_DEPTH: usize = 64;

/// One thing named on the command line, after expanding directories.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A plain-text file: one article.
    Text(PathBuf),
    /// A JSON Lines file: one document a line.
    Jsonl(PathBuf),
    /// JSON Lines on stdin.
    Stdin,
    /// A path that cannot be read as input; reported as a failed document.
    Bad { label: String, reason: String },
}

/// Flags that shape the documents read.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// `--published`, for plain-text input.
    pub published: Option<String>,
    /// `--source`, for plain-text input.
    pub source: Option<String>,
    /// `--id`, for a single plain-text input.
    pub id: Option<String>,
    pub max_doc_bytes: usize,
}

/// A document ready to code.
#[derive(Debug, Clone)]
pub struct Doc {
    /// How to name the document in messages: `path`, `path:line`.
    pub label: String,
    pub input: InputDoc,
}

/// A document that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct DocError {
    pub label: String,
    pub reason: String,
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.label, self.reason)
    }
}

/// Parses a byte count with an optional K/M/G suffix (powers of 1000;
/// `KiB`/`MiB`/`GiB` for powers of 1024).
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: usize = num
        .parse()
        .map_err(|_| format!("not a byte count: {s:?}"))?;
    let mult: usize = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return Err(format!("unknown size unit {unit:?} (use K, M, G)")),
    };
    n.checked_mul(mult)
        .filter(|&v| v > 0)
        .ok_or_else(|| format!("byte count out of range: {s:?}"))
}

/// True for an ISO date (`2025-06-24`), an RFC 3339 datetime, or an ISO
/// datetime without zone (`2025-06-24T10:00:00`, `2025-06-24 10:00:00`).
pub fn valid_published(s: &str) -> bool {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        || DateTime::parse_from_rfc3339(s).is_ok()
        || NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").is_ok()
        || NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").is_ok()
}

/// The stable id of a document without one: `doc-` + 16 hex digits of the
/// SHA-256 of its text.
pub fn content_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(20);
    s.push_str("doc-");
    for b in &digest[..8] {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Expands command-line paths: directories recursively (sorted by name),
/// `.txt` files as text, `.jsonl`/`.json` as JSON Lines; other files inside
/// a directory become "unsupported file type" errors; a file named
/// explicitly is text unless it ends in `.jsonl`/`.json`. No paths = stdin.
pub fn expand(paths: &[String]) -> Vec<Entry> {
    let mut out = Vec::new();
    if paths.is_empty() {
        out.push(Entry::Stdin);
    }
    for p in paths {
        if p == "-" {
            out.push(Entry::Stdin);
            continue;
        }
        let path = PathBuf::from(p);
        match std::fs::metadata(&path) {
            Err(e) => out.push(Entry::Bad {
                label: p.clone(),
                reason: io_reason(&e),
            }),
            Ok(m) if m.is_dir() => walk(&path, 0, &mut out),
            Ok(_) => {
                if is_jsonl(&path) {
                    out.push(Entry::Jsonl(path));
                } else {
                    out.push(Entry::Text(path));
                }
            }
        }
    }
    out
}

fn is_jsonl(p: &Path) -> bool {
    matches!(ext(p).as_deref(), Some("jsonl") | Some("json"))
}

fn ext(p: &Path) -> Option<String> {
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<Entry>) {
    let label = dir.display().to_string();
    if depth > MAX_DEPTH {
        out.push(Entry::Bad {
            label,
            reason: format!("directories nested deeper than {MAX_DEPTH} (symlink loop?)"),
        });
        return;
    }
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(Entry::Bad {
                label,
                reason: format!("cannot read directory: {}", io_reason(&e)),
            });
            return;
        }
    };
    let mut children = Vec::new();
    for ent in rd {
        match ent {
            Ok(ent) => children.push(ent.path()),
            Err(e) => out.push(Entry::Bad {
                label: label.clone(),
                reason: format!("cannot read directory entry: {}", io_reason(&e)),
            }),
        }
    }
    children.sort();
    for child in children {
        // metadata follows symlinks; a dangling link is reported.
        match std::fs::metadata(&child) {
            Err(e) => out.push(Entry::Bad {
                label: child.display().to_string(),
                reason: io_reason(&e),
            }),
            Ok(m) if m.is_dir() => walk(&child, depth + 1, out),
            Ok(_) => match ext(&child).as_deref() {
                Some("txt") => out.push(Entry::Text(child)),
                Some("jsonl") | Some("json") => out.push(Entry::Jsonl(child)),
                _ => out.push(Entry::Bad {
                    label: child.display().to_string(),
                    reason: "unsupported file type (want .txt, .jsonl or .json)".to_string(),
                }),
            },
        }
    }
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Describes invalid UTF-8 at byte `at` of `bytes`: byte offset, line, column.
fn utf8_reason(bytes: &[u8], at: usize) -> String {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    format!("invalid UTF-8 at byte {at} (line {line}, column {col})")
}

/// Reads a plain-text file, never more than `max + 1` bytes.
pub fn read_text_file(path: &Path, max: usize) -> Result<String, String> {
    let f = File::open(path).map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
    if let Ok(m) = f.metadata() {
        if m.is_file() && m.len() > max as u64 {
            return Err(too_big(m.len(), max));
        }
    }
    let mut buf = Vec::new();
    f.take(max as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("read error: {}", io_reason(&e)))?;
    if buf.len() > max {
        return Err(format!("document is over --max-doc-bytes ({max} bytes)"));
    }
    String::from_utf8(buf).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        utf8_reason(e.as_bytes(), at)
    })
}

fn too_big(len: u64, max: usize) -> String {
    format!("document is {len} bytes, over --max-doc-bytes ({max} bytes)")
}

/// Outcome of reading one line with a length bound.
#[derive(Debug, PartialEq)]
enum Line {
    Eof,
    /// The line is in the buffer (without its `\n` / `\r\n`).
    Ok,
    /// The line was longer than the bound; its bytes were skipped. Holds
    /// its length.
    TooLong(usize),
}

/// Reads one line into `buf` holding at most `limit` bytes of it; longer
/// lines are consumed up to their newline without being kept.
fn read_line_bounded(r: &mut dyn BufRead, limit: usize, buf: &mut Vec<u8>) -> io::Result<Line> {
    buf.clear();
    let mut total = 0usize;
    let mut too_long = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        let (take, done) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        total += take;
        if !too_long {
            if buf.len() + take > limit + 1 {
                too_long = true;
                buf.clear();
                buf.shrink_to(1 << 16);
            } else {
                buf.extend_from_slice(&avail[..take]);
            }
        }
        r.consume(take);
        if done {
            break;
        }
    }
    if total == 0 {
        return Ok(Line::Eof);
    }
    if too_long {
        return Ok(Line::TooLong(total));
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(Line::Ok)
}

/// Parses one JSON Lines record into an input document.
pub fn parse_json_doc(line: &str) -> Result<InputDoc, String> {
    let mut v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let obj = v
        .as_object_mut()
        .ok_or_else(|| "not a JSON object".to_string())?;
    match obj.get("text") {
        None | Some(serde_json::Value::Null) => return Err("no \"text\" field".to_string()),
        Some(serde_json::Value::String(_)) => {}
        Some(_) => return Err("\"text\" is not a string".to_string()),
    }
    // Numeric ids are common in exported data: keep them as strings.
    if let Some(id) = obj.get_mut("id") {
        if id.is_number() {
            *id = serde_json::Value::String(id.to_string());
        }
    }
    serde_json::from_value(v).map_err(|e| format!("bad field: {e}"))
}

/// Final checks shared by all inputs: size, empty text, `published`, id.
pub fn finish(mut input: InputDoc, label: String, max: usize) -> Result<Doc, DocError> {
    let fail = |label: String, reason: String| Err(DocError { label, reason });
    if input.text.len() > max {
        return fail(label, too_big(input.text.len() as u64, max));
    }
    if input.text.trim().is_empty() {
        return fail(label, "empty text".to_string());
    }
    if input
        .published
        .as_deref()
        .is_some_and(|p| p.trim().is_empty())
    {
        input.published = None;
    }
    if let Some(p) = &input.published {
        if !valid_published(p) {
            let reason = format!("unreadable published date {p:?} (want YYYY-MM-DD or RFC 3339)");
            return fail(label, reason);
        }
    }
    if input.id.as_deref().is_none_or(|s| s.trim().is_empty()) {
        input.id = Some(content_id(&input.text));
    }
    Ok(Doc { label, input })
}

/// An open JSON Lines source.
struct LineSource {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line_no: usize,
    byte_offset: u64,
}

/// The documents named by the command line, in order, read lazily.
pub struct Documents {
    entries: VecDeque<Entry>,
    current: Option<LineSource>,
    opts: InputOptions,
    buf: Vec<u8>,
}

impl Documents {
    pub fn new(entries: Vec<Entry>, opts: InputOptions) -> Self {
        Documents {
            entries: entries.into(),
            current: None,
            opts,
            buf: Vec::new(),
        }
    }

    fn line_limit(&self) -> usize {
        // Room for JSON escaping and the other fields of the record.
        let m = self.opts.max_doc_bytes;
        m.saturating_add(m / 4).saturating_add(64 * 1024)
    }

    fn text_doc(&self, path: &Path) -> Result<Doc, DocError> {
        let label = path.display().to_string();
        let text = read_text_file(path, self.opts.max_doc_bytes).map_err(|reason| DocError {
            label: label.clone(),
            reason,
        })?;
        let input = InputDoc {
            id: self.opts.id.clone(),
            text,
            published: self.opts.published.clone(),
            source: self.opts.source.clone(),
            ..InputDoc::default()
        };
        finish(input, label, self.opts.max_doc_bytes)
    }

    /// The next item from the open JSON Lines source, or None at its end.
    fn next_line(&mut self) -> Option<Result<Doc, DocError>> {
        let limit = self.line_limit();
        let max = self.opts.max_doc_bytes;
        loop {
            let src = self.current.as_mut()?;
            src.line_no += 1;
            let label = format!("{}:{}", src.name, src.line_no);
            let start = src.byte_offset;
            let res = read_line_bounded(src.reader.as_mut(), limit, &mut self.buf);
            match res {
                Err(e) => {
                    self.current = None;
                    return Some(Err(DocError {
                        label,
                        reason: format!("read error: {}", io_reason(&e)),
                    }));
                }
                Ok(Line::Eof) => {
                    self.current = None;
                    return None;
                }
                Ok(Line::TooLong(n)) => {
                    src.byte_offset += n as u64;
                    return Some(Err(DocError {
                        label,
                        reason: format!(
                            "line is {n} bytes, over the limit for --max-doc-bytes ({max} bytes)"
                        ),
                    }));
                }
                Ok(Line::Ok) => {}
            }
            // Line length on disk: what we kept plus the newline we stripped.
            src.byte_offset += self.buf.len() as u64 + 1;
            let mut bytes: &[u8] = &self.buf;
            if src.line_no == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            let line = match std::str::from_utf8(bytes) {
                Ok(l) => l,
                Err(e) => {
                    let at = e.valid_up_to();
                    return Some(Err(DocError {
                        label,
                        reason: format!(
                            "invalid UTF-8 at byte {} of the line (byte {} of the input)",
                            at,
                            start + at as u64
                        ),
                    }));
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            return Some(match parse_json_doc(line) {
                Err(reason) => Err(DocError { label, reason }),
                Ok(doc) => {
                    let label = match &doc.id {
                        Some(id) if !id.is_empty() => format!("{label} (id {id})"),
                        _ => label,
                    };
                    finish(doc, label, max)
                }
            });
        }
    }
}

impl Iterator for Documents {
    type Item = Result<Doc, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_some() {
                if let Some(item) = self.next_line() {
                    return Some(item);
                }
                continue;
            }
            match self.entries.pop_front()? {
                Entry::Bad { label, reason } => return Some(Err(DocError { label, reason })),
                Entry::Text(p) => return Some(self.text_doc(&p)),
                Entry::Jsonl(p) => match File::open(&p) {
                    Err(e) => {
                        return Some(Err(DocError {
                            label: p.display().to_string(),
                            reason: format!("cannot open: {}", io_reason(&e)),
                        }))
                    }
                    Ok(f) => {
                        self.current = Some(LineSource {
                            name: p.display().to_string(),
                            reader: Box::new(BufReader::with_capacity(1 << 16, f)),
                            line_no: 0,
                            byte_offset: 0,
                        })
                    }
                },
                Entry::Stdin => {
                    self.current = Some(LineSource {
                        name: "<stdin>".to_string(),
                        reader: Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
                        line_no: 0,
                        byte_offset: 0,
                    })
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> InputOptions {
        InputOptions {
            published: None,
            source: None,
            id: None,
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }

    fn docs_from(lines: &str, max: usize) -> Vec<Result<Doc, DocError>> {
        let mut d = Documents::new(
            vec![],
            InputOptions {
                max_doc_bytes: max,
                ..opts()
            },
        );
        d.current = Some(LineSource {
            name: "in.jsonl".into(),
            reader: Box::new(io::Cursor::new(lines.as_bytes().to_vec())),
            line_no: 0,
            byte_offset: 0,
        });
        d.collect()
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10M"), Ok(10_000_000));
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("2KiB"), Ok(2048));
        assert!(parse_size("abc").is_err());
        assert!(parse_size("5X").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn published_forms() {
        assert!(valid_published("2024-03-01"));
        assert!(valid_published("2024-03-01T08:30:00Z"));
        assert!(valid_published("2024-03-01T08:30:00+05:30"));
        assert!(valid_published("2024-03-01 08:30:00"));
        assert!(!valid_published("March 1"));
        assert!(!valid_published("2024-13-01"));
    }

    #[test]
    fn content_id_is_stable_and_short() {
        let a = content_id("Kenyan police dispersed protesters in Nairobi.");
        assert_eq!(
            a,
            content_id("Kenyan police dispersed protesters in Nairobi.")
        );
        assert_ne!(
            a,
            content_id("Kenyan police dispersed protesters in Mombasa.")
        );
        assert!(a.starts_with("doc-") && a.len() == 20);
    }

    #[test]
    fn jsonl_lines_each_become_an_item() {
        let input = concat!(
            "{\"text\": \"Peru recalled its ambassador.\", \"id\": 7}\n",
            "\n",
            "{not json}\n",
            "{\"title\": \"no text here\"}\n",
            "{\"text\": \"   \"}\n",
            "{\"text\": \"Chile protested.\", \"published\": \"yesterday\"}\n",
            "{\"text\": \"Bolivia agreed.\"}\r\n",
        );
        let items = docs_from(input, 1000);
        assert_eq!(items.len(), 6);
        let ok = items[0].as_ref().unwrap();
        assert_eq!(ok.input.id.as_deref(), Some("7"));
        assert_eq!(ok.label, "in.jsonl:1 (id 7)");
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(e.label, "in.jsonl:3");
        assert!(e.reason.starts_with("malformed JSON"), "{}", e.reason);
        assert_eq!(items[2].as_ref().unwrap_err().reason, "no \"text\" field");
        assert_eq!(items[3].as_ref().unwrap_err().reason, "empty text");
        assert!(items[4]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("unreadable published date"));
        let last = items[5].as_ref().unwrap();
        assert_eq!(last.input.text, "Bolivia agreed.");
        assert_eq!(
            last.input.id.as_deref(),
            Some(content_id("Bolivia agreed.").as_str())
        );
    }

    #[test]
    fn overlong_line_is_skipped_not_kept() {
        let long = "x".repeat(100_000);
        let input = format!("{{\"text\": \"{long}\"}}\n{{\"text\": \"Ghana voted.\"}}\n");
        let items = docs_from(&input, 100);
        assert_eq!(items.len(), 2);
        let e = items[0].as_ref().unwrap_err();
        assert!(e.reason.contains("over the limit"), "{}", e.reason);
        assert_eq!(items[1].as_ref().unwrap().input.text, "Ghana voted.");
    }

    #[test]
    fn text_over_max_inside_line_limit_is_rejected() {
        let items = docs_from("{\"text\": \"abcdefghijkl\"}\n", 10);
        assert!(items[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("over --max-doc-bytes"));
    }

    #[test]
    fn invalid_utf8_in_line_names_offset() {
        let mut d = Documents::new(vec![], opts());
        let mut bytes = b"{\"text\": \"ok\"}\n".to_vec();
        bytes.extend_from_slice(b"{\"text\": \"bad \xff\"}\n");
        d.current = Some(LineSource {
            name: "x.jsonl".into(),
            reader: Box::new(io::Cursor::new(bytes)),
            line_no: 0,
            byte_offset: 0,
        });
        let items: Vec<_> = d.collect();
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(e.label, "x.jsonl:2");
        assert!(
            e.reason
                .contains("byte 14 of the line (byte 29 of the input)"),
            "{}",
            e.reason
        );
    }

    #[test]
    fn utf8_reason_counts_lines() {
        let b = b"ab\ncd\xffe";
        assert_eq!(
            utf8_reason(b, 5),
            "invalid UTF-8 at byte 5 (line 2, column 3)"
        );
    }

    #[test]
    fn bounded_reader_handles_no_final_newline() {
        let mut r = io::Cursor::new(b"abc\ndef".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_bounded(&mut r, 10, &mut buf).unwrap(), Line::Ok);
        assert_eq!(buf, b"abc");
        assert_eq!(read_line_bounded(&mut r, 10, &mut buf).unwrap(), Line::Ok);
        assert_eq!(buf, b"def");
        assert_eq!(read_line_bounded(&mut r, 10, &mut buf).unwrap(), Line::Eof);
    }
}
