//! Input: turns command-line paths (files, directories, URLs, `-`) into an
//! ordered stream of documents, each either ready to code or a per-document
//! error that names it (path, `path:line`, id) and says why. Plain text and
//! JSON Lines are read here; HTML, RSS/Atom feeds, WARC archives and CSV by
//! the `dyad-read` crate. Any input may be gzipped.

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use dyad_code::InputDoc;
use dyad_read::{Format, Record, Records};
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
    /// A file of another format (HTML, feed, WARC, CSV).
    Other(PathBuf, Format),
    /// A file named on the command line whose format is chosen when it is
    /// opened (override, extension, or its first bytes).
    File(PathBuf),
    /// An http(s) URL (a feed or a page).
    Url(String),
    /// Stdin (JSON Lines unless `--input-format` says otherwise).
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
    /// `--input-format`: overrides extensions and sniffing.
    pub format: Option<Format>,
    /// CSV column mapping.
    pub csv: dyad_read::CsvOptions,
}

impl InputOptions {
    /// Options with defaults apart from the size limit.
    pub fn with_limit(max_doc_bytes: usize) -> Self {
        InputOptions {
            published: None,
            source: None,
            id: None,
            max_doc_bytes,
            format: None,
            csv: dyad_read::CsvOptions::default(),
        }
    }

    fn read_options(&self) -> dyad_read::ReadOptions {
        dyad_read::ReadOptions {
            max_doc_bytes: self.max_doc_bytes,
            csv: self.csv.clone(),
        }
    }
}

/// Input flags shared by `dyad code`, `dyad ingest` and `dyad bench`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ReadArgs {
    /// Input format, overriding file extensions and sniffing: text, jsonl,
    /// html, feed (RSS/Atom), warc, csv.
    #[arg(long, value_parser = parse_format)]
    pub input_format: Option<Format>,
    /// CSV: column holding the article text (default: text, body, content …).
    #[arg(long)]
    pub text_col: Option<String>,
    /// CSV: column holding the publication date.
    #[arg(long)]
    pub date_col: Option<String>,
    /// CSV: column holding the title.
    #[arg(long)]
    pub title_col: Option<String>,
    /// CSV: column holding the document id.
    #[arg(long)]
    pub id_col: Option<String>,
    /// CSV: column holding the URL.
    #[arg(long)]
    pub url_col: Option<String>,
    /// CSV: column holding the source (outlet).
    #[arg(long)]
    pub source_col: Option<String>,
    /// Do not parse: actors and recipients by surface rules only (about 4×
    /// faster, less accurate; same as DYAD_NO_PARSE=1).
    #[arg(long)]
    pub no_parse: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s).ok_or_else(|| {
        format!("unknown input format {s:?} (want text, jsonl, html, feed, warc or csv)")
    })
}

impl ReadArgs {
    /// Applies the flags that shape the coder (`--no-parse`) to this process.
    pub fn apply_coder_flags(&self) {
        if self.no_parse {
            dyad_code::syntax::set_parsing(false);
        }
    }

    /// The input options these flags and the per-text flags give.
    pub fn options(
        &self,
        published: Option<String>,
        source: Option<String>,
        id: Option<String>,
        max_doc_bytes: usize,
    ) -> InputOptions {
        InputOptions {
            published,
            source,
            id,
            max_doc_bytes,
            format: self.input_format,
            csv: dyad_read::CsvOptions {
                text_col: self.text_col.clone(),
                date_col: self.date_col.clone(),
                title_col: self.title_col.clone(),
                id_col: self.id_col.clone(),
                url_col: self.url_col.clone(),
                source_col: self.source_col.clone(),
                delimiter: None,
            },
        }
    }
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
/// their files by extension (`.txt`, `.jsonl`/`.json`, `.html`, `.xml`/
/// `.rss`/`.atom`, `.warc`, `.csv`/`.tsv`, each optionally `.gz`); other
/// files inside a directory become "unsupported file type" errors. A file
/// named explicitly gets its format when opened (override, extension, or
/// sniffed from its first bytes); `http(s)://` paths are URLs. No paths = stdin.
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
        if p.starts_with("http://") || p.starts_with("https://") {
            out.push(Entry::Url(p.clone()));
            continue;
        }
        let path = PathBuf::from(p);
        match std::fs::metadata(&path) {
            Err(e) => out.push(Entry::Bad {
                label: p.clone(),
                reason: io_reason(&e),
            }),
            Ok(m) if m.is_dir() => walk(&path, 0, &mut out),
            Ok(_) => out.push(Entry::File(path)),
        }
    }
    out
}

/// The entry for a file of a known format.
fn entry_for(path: PathBuf, format: Format) -> Entry {
    match format {
        Format::Text => Entry::Text(path),
        Format::Jsonl => Entry::Jsonl(path),
        f => Entry::Other(path, f),
    }
}

fn name_format(p: &Path) -> Option<Format> {
    p.file_name()
        .and_then(|n| n.to_str())
        .and_then(dyad_read::format_from_name)
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
            Ok(_) => match name_format(&child) {
                Some(f) => out.push(entry_for(child, f)),
                None => out.push(Entry::Bad {
                    label: child.display().to_string(),
                    reason: "unsupported file type (want .txt, .jsonl, .json, .html, .xml, \
                             .rss, .atom, .warc, .csv or .tsv, optionally .gz)"
                        .to_string(),
                }),
            },
        }
    }
}

/// The format of a file from its first bytes (gunzipped if gzip).
fn sniff_file(p: &Path) -> io::Result<Format> {
    let mut r = dyad_read::open_decompressed(p)?;
    let head = r.fill_buf()?;
    Ok(dyad_read::sniff(head))
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

/// Reads a plain-text file (gunzipped if it is gzip), never more than
/// `max + 1` bytes.
pub fn read_text_file(path: &Path, max: usize) -> Result<String, String> {
    let f = File::open(path).map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
    let gz = is_gzip(path);
    if let Ok(m) = f.metadata() {
        if !gz && m.is_file() && m.len() > max as u64 {
            return Err(too_big(m.len(), max));
        }
    }
    let r: Box<dyn BufRead + Send> = if gz {
        dyad_read::open_decompressed(path).map_err(|e| format!("cannot open: {}", io_reason(&e)))?
    } else {
        Box::new(BufReader::new(f))
    };
    read_text(r, max)
}

/// True when the file starts with the gzip magic bytes.
fn is_gzip(path: &Path) -> bool {
    let mut head = [0u8; 2];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|_| head == [0x1f, 0x8b])
}

/// Reads a whole text stream, never more than `max + 1` bytes.
fn read_text(r: Box<dyn BufRead + Send>, max: usize) -> Result<String, String> {
    let mut buf = Vec::new();
    r.take(max as u64 + 1)
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
    records: Option<Records>,
    opts: InputOptions,
    buf: Vec<u8>,
}

impl Documents {
    pub fn new(entries: Vec<Entry>, opts: InputOptions) -> Self {
        Documents {
            entries: entries.into(),
            current: None,
            records: None,
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

    /// A document from a record of another format.
    fn record_doc(&self, r: Record) -> Result<Doc, DocError> {
        let label = r.label;
        let input = InputDoc {
            id: r.id,
            text: r.text,
            title: r.title,
            published: r.published,
            source: r.source.or_else(|| self.opts.source.clone()),
            url: r.url,
            language: r.language,
        };
        finish(input, label, self.opts.max_doc_bytes)
    }

    /// Opens a JSON Lines source (gunzipped if it is gzip).
    fn open_jsonl(&mut self, p: &Path) -> Option<Result<Doc, DocError>> {
        let reader: io::Result<Box<dyn BufRead + Send>> = if is_gzip(p) {
            dyad_read::open_decompressed(p)
        } else {
            File::open(p).map(|f| Box::new(BufReader::with_capacity(1 << 16, f)) as _)
        };
        match reader {
            Err(e) => Some(Err(DocError {
                label: p.display().to_string(),
                reason: format!("cannot open: {}", io_reason(&e)),
            })),
            Ok(reader) => {
                self.current = Some(LineSource {
                    name: p.display().to_string(),
                    reader,
                    line_no: 0,
                    byte_offset: 0,
                });
                None
            }
        }
    }

    /// Opens a file named on the command line, choosing its format.
    fn open_file(&mut self, p: PathBuf) -> Option<Result<Doc, DocError>> {
        let format = match self.opts.format.or_else(|| name_format(&p)) {
            Some(f) => f,
            None => match sniff_file(&p) {
                Ok(f) => f,
                Err(e) => {
                    return Some(Err(DocError {
                        label: p.display().to_string(),
                        reason: format!("cannot open: {}", io_reason(&e)),
                    }))
                }
            },
        };
        self.open_entry(entry_for(p, format))
    }

    /// Opens one entry: returns a document or error at once, or None when
    /// a multi-document source was opened.
    fn open_entry(&mut self, e: Entry) -> Option<Result<Doc, DocError>> {
        match e {
            Entry::Bad { label, reason } => Some(Err(DocError { label, reason })),
            Entry::Text(p) => Some(self.text_doc(&p)),
            Entry::Jsonl(p) => self.open_jsonl(&p),
            Entry::File(p) => self.open_file(p),
            Entry::Other(p, f) => {
                self.records = Some(dyad_read::open_path(&p, Some(f), &self.opts.read_options()));
                None
            }
            Entry::Url(u) => {
                self.records = Some(dyad_read::open_url(
                    &u,
                    self.opts.format,
                    &self.opts.read_options(),
                ));
                None
            }
            Entry::Stdin => {
                let reader = Box::new(BufReader::with_capacity(1 << 16, io::stdin()));
                match self.opts.format.unwrap_or(Format::Jsonl) {
                    Format::Jsonl => {
                        self.current = Some(LineSource {
                            name: "<stdin>".to_string(),
                            reader,
                            line_no: 0,
                            byte_offset: 0,
                        });
                        None
                    }
                    Format::Text => {
                        let label = "<stdin>".to_string();
                        Some(
                            read_text(reader, self.opts.max_doc_bytes)
                                .map_err(|reason| DocError {
                                    label: label.clone(),
                                    reason,
                                })
                                .and_then(|text| {
                                    let input = InputDoc {
                                        id: self.opts.id.clone(),
                                        text,
                                        published: self.opts.published.clone(),
                                        source: self.opts.source.clone(),
                                        ..InputDoc::default()
                                    };
                                    finish(input, label, self.opts.max_doc_bytes)
                                }),
                        )
                    }
                    f => {
                        self.records = Some(dyad_read::open_reader(
                            "<stdin>",
                            reader,
                            f,
                            &self.opts.read_options(),
                        ));
                        None
                    }
                }
            }
        }
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
            if let Some(rs) = self.records.as_mut() {
                match rs.next() {
                    Some(Ok(r)) => return Some(self.record_doc(r)),
                    Some(Err(e)) => {
                        return Some(Err(DocError {
                            label: e.label,
                            reason: e.reason,
                        }))
                    }
                    None => {
                        self.records = None;
                        continue;
                    }
                }
            }
            let e = self.entries.pop_front()?;
            if let Some(item) = self.open_entry(e) {
                return Some(item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> InputOptions {
        InputOptions::with_limit(DEFAULT_MAX_DOC_BYTES)
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
