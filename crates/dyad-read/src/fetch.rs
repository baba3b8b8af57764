//! http(s) input: fetches a URL with `ureq` (redirects followed, gzip
//! transfer decoded, 60 s overall timeout) and hands the body to the reader
//! its format calls for: forced, else by Content-Type, else sniffed.

use std::io::{BufRead, BufReader};
use std::time::Duration;

use crate::{gz, html, one_error, open_plain, sniff, Format, ReadOptions, Records};

pub(crate) fn open_url(url: &str, forced: Option<Format>, opts: &ReadOptions) -> Records {
    let label = url.to_string();
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return one_error(label, "not an http(s) URL".to_string());
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .user_agent(concat!("dyad-read/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let resp = match agent.get(url.trim()).call() {
        Ok(r) => r,
        Err(e) => return one_error(label, format!("cannot fetch: {e}")),
    };
    let status = resp.status();
    if !status.is_success() {
        return one_error(
            label,
            format!(
                "HTTP {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_string(),
        );
    }
    let ctype = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.to_ascii_lowercase());
    let by_type = ctype.as_deref().and_then(format_from_content_type);
    // Whole-read formats get a cap; streamed ones do not.
    let whole = matches!(
        forced.or(by_type),
        Some(Format::Feed) | Some(Format::Html) | None
    );
    let limit = if whole {
        crate::MAX_WHOLE_BYTES as u64 + 1
    } else {
        u64::MAX
    };
    let body = resp.into_body().into_with_config().limit(limit).reader();
    let r: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(64 * 1024, body));
    let mut r = match gz::maybe_gunzip(r) {
        Ok(r) => r,
        Err(e) => return one_error(label, format!("read error: {}", crate::io_reason(&e))),
    };
    let format = match forced.or(by_type) {
        Some(f) => f,
        None => match r.fill_buf() {
            Ok(head) => sniff(head),
            Err(e) => return one_error(label, format!("read error: {}", crate::io_reason(&e))),
        },
    };
    match format {
        // A page fetched from the web that is not markup is still one page.
        Format::Text if by_type.is_none() && forced.is_none() => Box::new(std::iter::once(
            html::read_page(&label, r, Some(url.trim()), opts),
        )),
        _ => open_plain(&label, r, format, opts, Some(url.trim())),
    }
}

/// Format named by an HTTP Content-Type.
fn format_from_content_type(t: &str) -> Option<Format> {
    let mime = t.split(';').next().unwrap_or("").trim();
    if mime.contains("rss")
        || mime.contains("atom")
        || mime == "application/xml"
        || mime == "text/xml"
    {
        Some(Format::Feed)
    } else if mime.contains("html") {
        Some(Format::Html)
    } else if mime == "application/warc" {
        Some(Format::Warc)
    } else if mime == "text/csv" {
        Some(Format::Csv)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(
            format_from_content_type("application/rss+xml; charset=utf-8"),
            Some(Format::Feed)
        );
        assert_eq!(
            format_from_content_type("application/atom+xml"),
            Some(Format::Feed)
        );
        assert_eq!(format_from_content_type("text/xml"), Some(Format::Feed));
        assert_eq!(
            format_from_content_type("text/html; charset=iso-8859-1"),
            Some(Format::Html)
        );
        assert_eq!(format_from_content_type("text/csv"), Some(Format::Csv));
        assert_eq!(format_from_content_type("application/octet-stream"), None);
    }
}
