//! dyad-read: readers that turn news "as it comes" (saved HTML pages, RSS /
//! Atom feeds, WARC archives, CSV exports, any of them gzipped, or an
//! http(s) URL) into a lazy stream of [`Record`]s, each an article or a
//! [`RecordError`] that names the thing that could not be read and says why.
//!
//! Plain text and JSON Lines are read by the CLI; [`Format`] names them only
//! so that [`sniff`] and [`format_from_name`] can return them.

use std::fmt;
use std::io::{self, BufRead};
use std::path::Path;

mod date;
mod feed;
mod fetch;
mod gz;
pub mod html;
mod table;
mod warc;

pub use gz::open_decompressed;

/// Largest feed file or HTML page read whole (bytes, after decompression).
pub const MAX_WHOLE_BYTES: usize = 64 * 1024 * 1024;

/// Input formats beyond plain text and JSON Lines (those two are named so
/// sniffing can return them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    Html,
    Feed,
    Warc,
    Csv,
}

impl Format {
    /// `"text"|"txt"`, `"jsonl"|"json"`, `"html"`, `"feed"|"rss"|"atom"`,
    /// `"warc"`, `"csv"` (case-insensitive).
    pub fn from_name(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" => Some(Format::Text),
            "jsonl" | "json" => Some(Format::Jsonl),
            "html" => Some(Format::Html),
            "feed" | "rss" | "atom" => Some(Format::Feed),
            "warc" => Some(Format::Warc),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The canonical name (accepted by [`Format::from_name`]).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Warc => "warc",
            Format::Csv => "csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Column mapping for CSV input. `None` columns are found by common header
/// names; `delimiter` `None` is `,` (or tab for a `.tsv` name).
#[derive(Clone, Debug, Default)]
pub struct CsvOptions {
    pub text_col: Option<String>,
    pub date_col: Option<String>,
    pub title_col: Option<String>,
    pub id_col: Option<String>,
    pub url_col: Option<String>,
    pub source_col: Option<String>,
    pub delimiter: Option<u8>,
}

/// Options shared by all readers.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Records whose text is longer than this become a [`RecordError`].
    pub max_doc_bytes: usize,
    pub csv: CsvOptions,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_doc_bytes: 10_000_000,
            csv: CsvOptions::default(),
        }
    }
}

/// One article read from an input.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    /// How to name the article in messages: `file`, `file:line`,
    /// `file: item 3 (title)`, `file: record 7 (url)`.
    pub label: String,
    pub id: Option<String>,
    pub text: String,
    pub title: Option<String>,
    /// RFC 3339 or `YYYY-MM-DD`.
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// Something that could not be read, named so a user can find it.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordError {
    pub label: String,
    pub reason: String,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.label, self.reason)
    }
}

impl std::error::Error for RecordError {}

/// A lazy stream of records and per-record errors.
pub type Records = Box<dyn Iterator<Item = Result<Record, RecordError>> + Send>;

/// Format from a file name's extension, ignoring a trailing `.gz`:
/// `.html/.htm/.xhtml` → Html; `.rss/.atom/.xml` → Feed; `.warc` → Warc;
/// `.csv/.tsv` → Csv; `.jsonl/.json/.ndjson` → Jsonl; `.txt` → Text.
pub fn format_from_name(name: &str) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = Path::new(base).extension()?.to_str()?;
    match ext {
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "rss" | "atom" | "xml" => Some(Format::Feed),
        "warc" => Some(Format::Warc),
        "csv" | "tsv" => Some(Format::Csv),
        "jsonl" | "json" | "ndjson" => Some(Format::Jsonl),
        "txt" => Some(Format::Text),
        _ => None,
    }
}

/// Format from the first bytes (already decompressed): `WARC/1.` → Warc;
/// `<rss`/`<feed`/`<rdf:RDF` after an optional XML declaration, comments
/// or doctype → Feed; `<!doctype html`/`<html` → Html; `{` → Jsonl;
/// otherwise Text. CSV is chosen only by name or override.
pub fn sniff(head: &[u8]) -> Format {
    let mut s = head;
    if s.starts_with(b"\xEF\xBB\xBF") {
        s = &s[3..];
    }
    let s = trim_start(s);
    if s.starts_with(b"WARC/1.") {
        return Format::Warc;
    }
    if s.starts_with(b"{") {
        return Format::Jsonl;
    }
    let mut rest = s;
    // Skip the XML declaration, processing instructions, comments and
    // non-HTML doctypes.
    loop {
        rest = trim_start(rest);
        if rest.starts_with(b"<?") {
            match find(rest, b"?>") {
                Some(i) => rest = &rest[i + 2..],
                None => break,
            }
        } else if rest.starts_with(b"<!--") {
            match find(rest, b"-->") {
                Some(i) => rest = &rest[i + 3..],
                None => break,
            }
        } else if starts_with_ci(rest, b"<!doctype") && !starts_with_ci(rest, b"<!doctype html") {
            match find(rest, b">") {
                Some(i) => rest = &rest[i + 1..],
                None => break,
            }
        } else {
            break;
        }
    }
    if rest.starts_with(b"<rss") || rest.starts_with(b"<feed") || rest.starts_with(b"<rdf:RDF") {
        return Format::Feed;
    }
    if starts_with_ci(rest, b"<!doctype html") || starts_with_ci(rest, b"<html") {
        return Format::Html;
    }
    Format::Text
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn starts_with_ci(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Records of a file (format: `forced`, else by name, else sniffed). Text
/// and JSON Lines are not read here: they give one [`RecordError`] saying so.
pub fn open_path(path: &Path, forced: Option<Format>, opts: &ReadOptions) -> Records {
    let name = path.display().to_string();
    let mut r = match open_decompressed(path) {
        Ok(r) => r,
        Err(e) => return one_error(name, format!("cannot open: {}", io_reason(&e))),
    };
    let format = match forced.or_else(|| format_from_name(&name)) {
        Some(f) => f,
        None => match r.fill_buf() {
            Ok(head) => sniff(head),
            Err(e) => return one_error(name, format!("read error: {}", io_reason(&e))),
        },
    };
    open_reader(&name, r, format, opts)
}

/// Records of any byte stream (stdin, an HTTP body) named `name` in labels.
/// A gzip stream is decompressed.
pub fn open_reader(
    name: &str,
    r: Box<dyn BufRead + Send>,
    format: Format,
    opts: &ReadOptions,
) -> Records {
    let r = match gz::maybe_gunzip(r) {
        Ok(r) => r,
        Err(e) => return one_error(name.to_string(), format!("read error: {}", io_reason(&e))),
    };
    open_plain(name, r, format, opts, None)
}

/// Dispatch on an already-decompressed stream; `url` is the page address
/// when known (an HTTP fetch).
pub(crate) fn open_plain(
    name: &str,
    r: Box<dyn BufRead + Send>,
    format: Format,
    opts: &ReadOptions,
    url: Option<&str>,
) -> Records {
    match format {
        Format::Text | Format::Jsonl => one_error(
            name.to_string(),
            format!(
                "{} input is read by the CLI, not by dyad-read",
                if format == Format::Text {
                    "plain-text"
                } else {
                    "JSON Lines"
                }
            ),
        ),
        Format::Html => Box::new(std::iter::once(html::read_page(name, r, url, opts))),
        Format::Feed => feed::read_feed(name, r, opts),
        Format::Warc => Box::new(warc::WarcRecords::new(name, r, opts)),
        Format::Csv => table::read_csv(name, r, opts),
    }
}

/// Records of an http(s) URL: a feed (each item one record) or one HTML
/// page; format by `forced`, else the Content-Type, else sniffed.
pub fn open_url(url: &str, forced: Option<Format>, opts: &ReadOptions) -> Records {
    fetch::open_url(url, forced, opts)
}

pub(crate) fn one_error(label: String, reason: String) -> Records {
    Box::new(std::iter::once(Err(RecordError { label, reason })))
}

/// Short, stable wording for I/O errors.
pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// The error for text over `max` bytes, or `None`.
pub(crate) fn too_big(text: &str, max: usize) -> Option<String> {
    (text.len() > max).then(|| {
        format!(
            "document is {} bytes, over --max-doc-bytes ({max} bytes)",
            text.len()
        )
    })
}

/// Reads at most `cap` bytes; more is an error naming the cap.
pub(crate) fn read_capped(r: &mut dyn BufRead, cap: usize) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut buf = Vec::new();
    match r.take(cap as u64 + 1).read_to_end(&mut buf) {
        Ok(_) if buf.len() > cap => Err(format!(
            "input is over {} MB, the most read whole",
            cap / (1024 * 1024)
        )),
        Ok(_) => Ok(buf),
        Err(e) => Err(io_reason(&e)),
    }
}

/// Collapses runs of whitespace to one space and trims; `None` when empty.
pub(crate) fn clean_line(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in [
            Format::Text,
            Format::Jsonl,
            Format::Html,
            Format::Feed,
            Format::Warc,
            Format::Csv,
        ] {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
        assert_eq!(Format::from_name("RSS"), Some(Format::Feed));
        assert_eq!(Format::from_name("atom"), Some(Format::Feed));
        assert_eq!(Format::from_name("txt"), Some(Format::Text));
        assert_eq!(Format::from_name("json"), Some(Format::Jsonl));
        assert_eq!(Format::from_name("pdf"), None);
    }

    #[test]
    fn formats_from_names() {
        assert_eq!(format_from_name("a/b.HTML"), Some(Format::Html));
        assert_eq!(format_from_name("x.htm.gz"), Some(Format::Html));
        assert_eq!(format_from_name("feed.xml"), Some(Format::Feed));
        assert_eq!(format_from_name("news.atom"), Some(Format::Feed));
        assert_eq!(format_from_name("CC-NEWS-2024.warc.gz"), Some(Format::Warc));
        assert_eq!(format_from_name("x.tsv"), Some(Format::Csv));
        assert_eq!(format_from_name("x.csv.gz"), Some(Format::Csv));
        assert_eq!(format_from_name("x.ndjson"), Some(Format::Jsonl));
        assert_eq!(format_from_name("x.txt"), Some(Format::Text));
        assert_eq!(format_from_name("x.gz"), None);
        assert_eq!(format_from_name("README"), None);
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"WARC/1.1\r\nWARC-Type: warcinfo"), Format::Warc);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<!-- a feed -->\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            sniff(b"\xEF\xBB\xBF<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(sniff(b"<?xml version='1.0'?><rdf:RDF>"), Format::Feed);
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff(b"<html lang=\"sw\">"), Format::Html);
        assert_eq!(sniff(b"{\"text\": \"x\"}"), Format::Jsonl);
        assert_eq!(sniff(b"Chile and Peru met."), Format::Text);
        assert_eq!(sniff(b""), Format::Text);
    }

    #[test]
    fn text_formats_are_left_to_the_cli() {
        let r: Vec<_> = open_reader(
            "notes.txt",
            Box::new(io::Cursor::new(b"Chile".to_vec())),
            Format::Text,
            &ReadOptions::default(),
        )
        .collect();
        assert_eq!(r.len(), 1);
        let e = r[0].as_ref().unwrap_err();
        assert_eq!(e.label, "notes.txt");
        assert!(e.reason.contains("read by the CLI"), "{}", e.reason);
    }

    #[test]
    fn clean_line_collapses() {
        assert_eq!(clean_line("  a \n b\t c "), Some("a b c".to_string()));
        assert_eq!(clean_line(" \n "), None);
    }
}
