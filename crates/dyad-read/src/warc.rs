//! WARC / WARC.gz archives (Common Crawl CC-NEWS style), read record by
//! record: each `response` record holding an HTTP response with an HTML
//! body becomes one article. warcinfo, request, metadata and other records,
//! non-HTML and non-2xx responses are skipped silently (they are not
//! articles).
//!
//! `url` is `WARC-Target-URI`, `id` is `WARC-Record-ID` (without `<>`);
//! `WARC-Date` is used as `published` only when the page carries no date of
//! its own (a crawl date is not a publication date, but is the best bound).
//!
//! The record framing is parsed here rather than with the `warc` crate,
//! whose iterator cannot continue after a record with a wrong
//! Content-Length. A record whose block does not end where its
//! Content-Length says gives one error, and reading resynchronises at the
//! next line starting with `WARC/1.` (looking inside the over-long block
//! too, so a record swallowed by a too-large length is not lost). Byte
//! offsets in labels (`FILE: at byte N`) count decompressed bytes.

use std::io::{self, BufRead, Read};

use crate::{html, io_reason, ReadOptions, Record, RecordError};

/// Largest record block read (larger ones are skipped with an error).
const MAX_BLOCK: u64 = 64 * 1024 * 1024;
/// Longest header line.
const MAX_LINE: u64 = 64 * 1024;
/// Most header bytes in one record.
const MAX_HEADERS: usize = 1024 * 1024;

/// A reader with push-back, counting consumed bytes.
struct Src {
    back: Vec<u8>,
    pos: usize,
    inner: Box<dyn BufRead + Send>,
    offset: u64,
}

impl Src {
    fn unread(&mut self, bytes: &[u8]) {
        let mut v = Vec::with_capacity(bytes.len() + self.back.len() - self.pos);
        v.extend_from_slice(bytes);
        v.extend_from_slice(&self.back[self.pos..]);
        self.back = v;
        self.pos = 0;
        self.offset -= bytes.len() as u64;
    }
}

impl Read for Src {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Src {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos < self.back.len() {
            Ok(&self.back[self.pos..])
        } else {
            if !self.back.is_empty() {
                self.back.clear();
                self.pos = 0;
            }
            self.inner.fill_buf()
        }
    }

    fn consume(&mut self, n: usize) {
        self.offset += n as u64;
        if self.pos < self.back.len() {
            self.pos += n;
        } else {
            self.inner.consume(n);
        }
    }
}

/// The lazy record stream of one archive.
pub(crate) struct WarcRecords {
    name: String,
    src: Src,
    opts: ReadOptions,
    record_no: usize,
    done: bool,
    /// Skip non-record bytes without reporting them (the record that caused
    /// the skip was already reported).
    quiet: bool,
}

enum Line {
    Eof,
    Line(Vec<u8>),
}

impl WarcRecords {
    pub(crate) fn new(name: &str, r: Box<dyn BufRead + Send>, opts: &ReadOptions) -> Self {
        WarcRecords {
            name: name.to_string(),
            src: Src {
                back: Vec::new(),
                pos: 0,
                inner: r,
                offset: 0,
            },
            opts: opts.clone(),
            record_no: 0,
            done: false,
            quiet: false,
        }
    }

    fn read_line(&mut self) -> io::Result<Line> {
        let mut buf = Vec::new();
        (&mut self.src).take(MAX_LINE).read_until(b'\n', &mut buf)?;
        Ok(if buf.is_empty() {
            Line::Eof
        } else {
            Line::Line(buf)
        })
    }

    fn at(&self, offset: u64) -> String {
        format!("{}: at byte {offset}", self.name)
    }

    fn fail(&mut self, label: String, reason: String) -> Option<Result<Record, RecordError>> {
        Some(Err(RecordError { label, reason }))
    }

    /// An I/O error ends the stream.
    fn io_fail(&mut self, offset: u64, e: &io::Error) -> Option<Result<Record, RecordError>> {
        self.done = true;
        let label = self.at(offset);
        self.fail(label, io_reason(e))
    }

    /// Skips to the next line starting with `WARC/1.` (left unread).
    /// Returns the number of bytes skipped and whether one was found.
    fn resync(&mut self) -> io::Result<(u64, bool)> {
        let start = self.src.offset;
        loop {
            let line_start = self.src.offset;
            match self.read_line()? {
                Line::Eof => return Ok((self.src.offset - start, false)),
                Line::Line(l) if l.starts_with(b"WARC/1.") => {
                    self.src.unread(&l);
                    return Ok((line_start - start, true));
                }
                Line::Line(_) => {}
            }
        }
    }

    /// After a block: true when the record end (`\r\n\r\n`) or the end of
    /// input follows. Nothing is consumed unless it is the record end.
    fn record_end(&mut self) -> io::Result<bool> {
        let mut seen = Vec::with_capacity(4);
        while seen.len() < 4 {
            let buf = self.src.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min(4 - seen.len());
            seen.extend_from_slice(&buf[..take]);
            self.src.consume(take);
        }
        let ok = seen.is_empty() || seen == b"\r\n\r\n" || seen.starts_with(b"\n\n");
        if seen == b"\r\n\r\n" {
            return Ok(true);
        }
        if seen.starts_with(b"\n\n") {
            self.src.unread(&seen[2..]);
            return Ok(true);
        }
        self.src.unread(&seen);
        Ok(ok)
    }

    fn next_record(&mut self) -> Option<Result<Record, RecordError>> {
        loop {
            if self.done {
                return None;
            }
            let start = self.src.offset;
            let first = match self.read_line() {
                Ok(Line::Eof) => return None,
                Ok(Line::Line(l)) => l,
                Err(e) => return self.io_fail(start, &e),
            };
            if first.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            if !first.starts_with(b"WARC/1.") {
                let quiet = std::mem::replace(&mut self.quiet, false);
                let (skipped, found) = match self.resync() {
                    Ok(x) => x,
                    Err(e) => return self.io_fail(start, &e),
                };
                if quiet {
                    continue;
                }
                let skipped = skipped + first.len() as u64;
                let label = self.at(start);
                let reason = if found {
                    format!("not a WARC record header; skipped {skipped} bytes to the next WARC/1. line")
                } else {
                    format!("not a WARC record header, and no WARC/1. line follows ({skipped} bytes skipped)")
                };
                return self.fail(label, reason);
            }
            self.quiet = false;
            self.record_no += 1;
            let headers = match self.read_headers() {
                Ok(Ok(h)) => h,
                Ok(Err(reason)) => {
                    let label = format!("{}: record {}", self.name, self.record_no);
                    self.quiet = true;
                    return self.fail(label, reason);
                }
                Err(e) => return self.io_fail(start, &e),
            };
            let get = |k: &str| {
                headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(k))
                    .map(|(_, v)| v.as_str())
            };
            let uri = get("WARC-Target-URI")
                .map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string())
                .filter(|u| !u.is_empty());
            let label = match &uri {
                Some(u) => format!("{}: record {} ({u})", self.name, self.record_no),
                None => format!("{}: record {}", self.name, self.record_no),
            };
            let len = match get("Content-Length").map(|v| v.trim().parse::<u64>()) {
                Some(Ok(n)) => n,
                Some(Err(_)) | None => {
                    let shown = get("Content-Length").unwrap_or("").to_string();
                    self.quiet = true;
                    let reason = if shown.is_empty() {
                        "record has no Content-Length".to_string()
                    } else {
                        format!("bad Content-Length {shown:?}")
                    };
                    return self.fail(label, reason);
                }
            };
            let is_response =
                get("WARC-Type").is_some_and(|t| t.trim().eq_ignore_ascii_case("response"));
            let keep = is_response && len <= MAX_BLOCK;
            let block_start = self.src.offset;
            let mut block = Vec::new();
            let got = if keep {
                block.reserve(len as usize);
                (&mut self.src).take(len).read_to_end(&mut block)
            } else {
                io::copy(&mut (&mut self.src).take(len), &mut io::sink()).map(|n| n as usize)
            };
            let got = match got {
                Ok(n) => n as u64,
                Err(e) => return self.io_fail(start, &e),
            };
            if got < len {
                self.done = true;
                return self.fail(
                    label,
                    format!("record truncated: Content-Length is {len} but the input ends after {got} bytes of the block"),
                );
            }
            match self.record_end() {
                Ok(true) => {}
                Ok(false) => {
                    // The length is wrong. Re-read from a record start
                    // inside the block, if there is one.
                    if let Some(p) = find_record_start(&block) {
                        self.src.unread(&block[p..]);
                    }
                    self.quiet = true;
                    return self.fail(
                        label,
                        format!(
                            "bad Content-Length {len}: no record end after the block at byte {}",
                            block_start + len
                        ),
                    );
                }
                Err(e) => return self.io_fail(start, &e),
            }
            if !is_response {
                continue;
            }
            if !keep {
                return self.fail(
                    label,
                    format!(
                        "record block is {len} bytes, over the {} MB read",
                        MAX_BLOCK >> 20
                    ),
                );
            }
            let id = get("WARC-Record-ID")
                .map(|v| v.trim().trim_matches(|c| c == '<' || c == '>').to_string())
                .filter(|v| !v.is_empty());
            let warc_date = get("WARC-Date").and_then(crate::date::normalize);
            match self.response(&label, &block, uri.as_deref()) {
                None => continue,
                Some(Err(e)) => return Some(Err(e)),
                Some(Ok(mut rec)) => {
                    rec.id = id;
                    if rec.published.is_none() {
                        rec.published = warc_date;
                    }
                    return Some(Ok(rec));
                }
            }
        }
    }

    /// Header lines up to the blank line. `Ok(Err(reason))` for a record
    /// whose headers cannot be read.
    fn read_headers(&mut self) -> io::Result<Result<Vec<(String, String)>, String>> {
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut total = 0usize;
        loop {
            let line = match self.read_line()? {
                Line::Eof => return Ok(Err("input ends inside the record headers".to_string())),
                Line::Line(l) => l,
            };
            total += line.len();
            if total > MAX_HEADERS {
                return Ok(Err("record headers are over 1 MB".to_string()));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                return Ok(Ok(headers));
            }
            if text.starts_with([' ', '\t']) {
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(text.trim());
                }
                continue;
            }
            match text.split_once(':') {
                Some((k, v)) => headers.push((k.trim().to_string(), v.trim().to_string())),
                None => return Ok(Err(format!("malformed header line {:?}", short(text)))),
            }
        }
    }

    /// The article of an HTTP response block: `None` when the block is not
    /// an HTML page (skipped silently).
    fn response(
        &self,
        label: &str,
        block: &[u8],
        uri: Option<&str>,
    ) -> Option<Result<Record, RecordError>> {
        let err = |reason: String| {
            Some(Err(RecordError {
                label: label.to_string(),
                reason,
            }))
        };
        if !block.starts_with(b"HTTP/") {
            return None;
        }
        let (head_len, body_at) = match find(block, b"\r\n\r\n") {
            Some(p) => (p, p + 4),
            None => match find(block, b"\n\n") {
                Some(p) => (p, p + 2),
                None => (block.len(), block.len()),
            },
        };
        let head = String::from_utf8_lossy(&block[..head_len]);
        let mut lines = head.lines();
        let status: u16 = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        if !(200..300).contains(&status) {
            return None;
        }
        let mut ctype = None;
        let mut cenc = None;
        for l in lines {
            if let Some((k, v)) = l.split_once(':') {
                let k = k.trim();
                if k.eq_ignore_ascii_case("Content-Type") {
                    ctype = Some(v.trim().to_ascii_lowercase());
                } else if k.eq_ignore_ascii_case("Content-Encoding") {
                    cenc = Some(v.trim().to_ascii_lowercase());
                }
            }
        }
        let body = &block[body_at..];
        let is_html = match &ctype {
            Some(t) => t.contains("html"),
            None => crate::sniff(body) == crate::Format::Html,
        };
        if !is_html {
            return None;
        }
        let decoded;
        let body: &[u8] = match cenc.as_deref() {
            None | Some("") | Some("identity") => body,
            Some("gzip") | Some("x-gzip") | Some("deflate") => {
                let mut out = Vec::new();
                let res = if cenc.as_deref() == Some("deflate") {
                    flate2::read::ZlibDecoder::new(body)
                        .take(MAX_BLOCK)
                        .read_to_end(&mut out)
                } else {
                    flate2::read::MultiGzDecoder::new(body)
                        .take(MAX_BLOCK)
                        .read_to_end(&mut out)
                };
                if let Err(e) = res {
                    return err(format!(
                        "cannot decode Content-Encoding {}: {e}",
                        cenc.unwrap_or_default()
                    ));
                }
                decoded = out;
                &decoded
            }
            Some(other) => return err(format!("unsupported Content-Encoding {other:?}")),
        };
        if body.iter().all(|b| b.is_ascii_whitespace()) {
            return err("HTML response with an empty body".to_string());
        }
        let charset = ctype.as_deref().and_then(|t| {
            t.split(';')
                .filter_map(|p| p.trim().strip_prefix("charset="))
                .map(|c| c.trim_matches(['"', '\'']).to_string())
                .next()
        });
        let page = html::decode(body, charset.as_deref());
        Some(html::page_record(label, &page, uri, &self.opts))
    }
}

impl Iterator for WarcRecords {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Offset of a line starting with `WARC/1.` inside a block (not at 0).
fn find_record_start(block: &[u8]) -> Option<usize> {
    find(block, b"\nWARC/1.").map(|p| p + 1)
}

fn short(s: &str) -> String {
    s.chars().take(80).collect()
}
