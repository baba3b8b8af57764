//! Main-text extraction of one HTML page (also used for feed items' HTML
//! content): the article body as paragraphs separated by a blank line, plus
//! title, published date, outlet and language from the page's metadata.
//!
//! `dom_smoothie` (a port of Mozilla Readability) picks the article block;
//! its HTML is then flattened here, dropping navigation, header/footer,
//! asides, figures and captions, scripts/styles and blocks whose class or id
//! says "related", "share", "social", "newsletter"…. Pages Readability
//! cannot handle fall back to the same flattening over the whole body.

use std::io::BufRead;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use crate::{clean_line, date, read_capped, too_big, ReadOptions, Record, RecordError};

/// What a page yields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    /// Paragraphs separated by `"\n\n"`.
    pub text: String,
    /// RFC 3339 or `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The outlet: `og:site_name`, else the URL's host.
    pub source: Option<String>,
    /// `<html lang>`.
    pub language: Option<String>,
    /// The address given, else `<link rel=canonical>`, else `og:url`.
    pub url: Option<String>,
}

/// Main text and metadata of one HTML page; `url` is where it came from,
/// when known. `Err("no article text found")` for a page with no body text.
pub fn extract(html: &str, url: Option<&str>) -> Result<Page, String> {
    let doc = Document::from(html);
    let meta = Meta::read(&doc);
    let cfg = Config {
        keep_classes: true,
        ..Config::default()
    };
    let url = url.map(str::trim).filter(|u| !u.is_empty());
    let web_url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let readability = match Readability::with_document(doc, web_url, Some(cfg.clone())) {
        Ok(r) => Ok(r),
        // A base URL the url crate rejects: read without it.
        Err(_) => Readability::new(html, None, Some(cfg)),
    };
    let mut text = String::new();
    let mut rd_published = None;
    if let Ok(mut r) = readability {
        if let Ok(article) = r.parse() {
            text = fragment_text(&article.content);
            rd_published = article.published_time;
        }
    }
    if text.is_empty() {
        let whole = Document::from(html);
        let body = whole.select("body");
        if let Some(b) = body.nodes().first() {
            text = node_text(b);
        }
    }
    if text.is_empty() {
        return Err("no article text found".to_string());
    }
    let page_url = url
        .map(str::to_string)
        .or_else(|| meta.canonical.clone())
        .or_else(|| meta.og_url.clone());
    let published = meta
        .published
        .clone()
        .or_else(|| rd_published.as_deref().and_then(date::normalize));
    let source = meta
        .site_name
        .clone()
        .or_else(|| page_url.as_deref().and_then(host));
    Ok(Page {
        title: meta.title,
        text,
        published,
        source,
        language: meta.lang,
        url: page_url,
    })
}

/// Text of an HTML fragment (a feed item's content, an article block):
/// paragraphs separated by `"\n\n"`, whitespace collapsed, boilerplate
/// blocks dropped. Plain text without markup comes back with its
/// whitespace collapsed.
pub fn fragment_text(html: &str) -> String {
    let doc = Document::fragment(html);
    let root = doc.root();
    node_text(&root)
}

/// Reads one page from `r` into a record labelled `name`.
pub(crate) fn read_page(
    name: &str,
    mut r: Box<dyn BufRead + Send>,
    url: Option<&str>,
    opts: &ReadOptions,
) -> Result<Record, RecordError> {
    let err = |reason: String| RecordError {
        label: name.to_string(),
        reason,
    };
    let bytes = read_capped(&mut r, crate::MAX_WHOLE_BYTES).map_err(err)?;
    let html = decode(&bytes, None);
    page_record(name, &html, url, opts)
}

/// A record from decoded HTML; errors are labelled `label`.
pub(crate) fn page_record(
    label: &str,
    html: &str,
    url: Option<&str>,
    opts: &ReadOptions,
) -> Result<Record, RecordError> {
    let err = |reason: String| RecordError {
        label: label.to_string(),
        reason,
    };
    let page = extract(html, url).map_err(err)?;
    if let Some(reason) = too_big(&page.text, opts.max_doc_bytes) {
        return Err(err(reason));
    }
    Ok(Record {
        label: label.to_string(),
        id: None,
        text: page.text,
        title: page.title,
        published: page.published,
        source: page.source,
        url: page.url,
        language: page.language,
    })
}

/// Decodes page bytes: a BOM, else the HTTP `charset` given, else a
/// `<meta charset>` in the first 2 KB, else UTF-8 (windows-1252 when the
/// bytes are not UTF-8).
pub(crate) fn decode(bytes: &[u8], http_charset: Option<&str>) -> String {
    use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
    let enc = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| http_charset.and_then(|c| Encoding::for_label(c.trim().as_bytes())))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(2048)]))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        });
    enc.decode(bytes).0.into_owned()
}

fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let i = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &lower[i..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'>' | b'/'))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(&rest[..end])
}

/// The host of an http(s) URL, without a leading `www.`.
pub(crate) fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let auth = rest.split(['/', '?', '#']).next()?;
    let auth = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
    let h = if auth.starts_with('[') {
        auth
    } else {
        auth.split(':').next()?
    };
    let h = h.strip_prefix("www.").unwrap_or(h).to_ascii_lowercase();
    (!h.is_empty()).then_some(h)
}

/// Metadata read from the page head and body.
struct Meta {
    title: Option<String>,
    published: Option<String>,
    site_name: Option<String>,
    lang: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
}

impl Meta {
    fn read(doc: &Document) -> Meta {
        // (key, content) of every <meta>, key from property, name or itemprop.
        let mut metas: Vec<(String, String)> = Vec::new();
        for m in doc.select("meta").nodes() {
            let Some(content) = m.attr("content") else {
                continue;
            };
            for k in ["property", "name", "itemprop"] {
                if let Some(key) = m.attr(k) {
                    metas.push((key.trim().to_ascii_lowercase(), content.to_string()));
                }
            }
        }
        let meta = |key: &str| {
            metas
                .iter()
                .filter(|(k, _)| k == key)
                .find_map(|(_, v)| clean_line(v))
        };
        let first_text = |sel: &str| {
            doc.select(sel)
                .nodes()
                .iter()
                .find_map(|n| clean_line(&n.text()))
        };
        let title = meta("og:title")
            .or_else(|| first_text("title"))
            .or_else(|| first_text("h1"));
        let published = Self::published(doc, &meta);
        let lang = doc.select("html").attr("lang").and_then(|l| clean_line(&l));
        let canonical = doc
            .select("link[rel=canonical]")
            .attr("href")
            .and_then(|h| clean_line(&h))
            .filter(|h| h.contains("://"));
        Meta {
            title,
            published,
            site_name: meta("og:site_name"),
            lang,
            canonical,
            og_url: meta("og:url").filter(|h| h.contains("://")),
        }
    }

    /// First readable date among, in order: `article:published_time`,
    /// `og:published_time`, JSON-LD `datePublished`, itemprop
    /// `datePublished`, `<time datetime>`, meta `date`/`pubdate`.
    fn published(doc: &Document, meta: &dyn Fn(&str) -> Option<String>) -> Option<String> {
        let norm = |s: Option<String>| s.as_deref().and_then(date::normalize);
        if let Some(d) = norm(meta("article:published_time")) {
            return Some(d);
        }
        if let Some(d) = norm(meta("og:published_time")) {
            return Some(d);
        }
        for script in doc.select("script[type='application/ld+json']").nodes() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&script.text()) {
                if let Some(d) = json_find(&v, "datePublished").and_then(date::normalize) {
                    return Some(d);
                }
            }
        }
        for n in doc.select("[itemprop=datePublished]").nodes() {
            let v = n
                .attr("content")
                .or_else(|| n.attr("datetime"))
                .map(|v| v.to_string())
                .unwrap_or_else(|| n.text().to_string());
            if let Some(d) = date::normalize(&v) {
                return Some(d);
            }
        }
        for n in doc.select("time[datetime]").nodes() {
            if let Some(d) = n.attr("datetime").and_then(|v| date::normalize(&v)) {
                return Some(d);
            }
        }
        [
            "date",
            "pubdate",
            "publishdate",
            "dc.date",
            "dc.date.issued",
        ]
        .iter()
        .find_map(|k| norm(meta(k)))
    }
}

/// First string value under `key` anywhere in a JSON-LD value.
fn json_find<'v>(v: &'v serde_json::Value, key: &str) -> Option<&'v str> {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(s) = m.get(key).and_then(|x| x.as_str()) {
                return Some(s);
            }
            m.values().find_map(|x| json_find(x, key))
        }
        serde_json::Value::Array(a) => a.iter().find_map(|x| json_find(x, key)),
        _ => None,
    }
}

/// Elements whose whole subtree is never article text.
const SKIP_TAGS: &[&str] = &[
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "form",
    "button",
    "select",
    "option",
    "textarea",
    "input",
    "label",
    "iframe",
    "svg",
    "canvas",
    "video",
    "audio",
    "object",
    "embed",
    "map",
    "dialog",
    "menu",
];

/// Elements that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "br",
    "hr",
    "address",
    "center",
    "details",
    "summary",
];

/// Class/id words that mark boilerplate blocks.
const NOISE_WORDS: &[&str] = &[
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsor",
    "sponsored",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "sidebar",
    "nav",
    "navbar",
    "menu",
    "footer",
    "masthead",
    "caption",
    "byline",
    "cookie",
    "popup",
    "modal",
    "recirculation",
    "outbrain",
    "taboola",
    "tags",
];

/// Class/id words that keep a block even when a noise word is present.
const KEEP_WORDS: &[&str] = &[
    "article", "content", "main", "body", "story", "entry", "text",
];

/// Roles of landmark regions that are not article text.
const NOISE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "banner",
    "contentinfo",
    "menu",
    "dialog",
];

fn is_noise(n: &NodeRef, tag: &str) -> bool {
    if SKIP_TAGS.contains(&tag) {
        return true;
    }
    if n.has_attr("hidden") || n.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if let Some(role) = n.attr("role") {
        if NOISE_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    if matches!(tag, "html" | "body" | "main" | "article") {
        return false;
    }
    let mut noise = false;
    for attr in ["class", "id"] {
        if let Some(v) = n.attr(attr) {
            for w in v.split(|c: char| !c.is_ascii_alphanumeric()) {
                let w = w.to_ascii_lowercase();
                if KEEP_WORDS.contains(&w.as_str()) {
                    return false;
                }
                noise |= NOISE_WORDS.contains(&w.as_str());
            }
        }
    }
    noise
}

/// Flattens a subtree into paragraphs (iterative: deep nesting cannot
/// overflow the stack).
fn node_text(root: &NodeRef) -> String {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        EndBlock,
        Space,
    }
    let mut sink = Sink::default();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::EndBlock => {
                sink.end_para();
                continue;
            }
            Step::Space => {
                sink.space();
                continue;
            }
            Step::Enter(n) => n,
        };
        if node.is_text() {
            sink.push(&node.text());
            continue;
        }
        if node.is_element() {
            let tag = node
                .node_name()
                .map(|t| t.to_ascii_lowercase())
                .unwrap_or_default();
            if is_noise(&node, &tag) {
                continue;
            }
            if BLOCK_TAGS.contains(&tag.as_str()) {
                sink.end_para();
                stack.push(Step::EndBlock);
            } else if matches!(tag.as_str(), "td" | "th") {
                sink.space();
                stack.push(Step::Space);
            }
        } else if !(node.is_document() || node.is_fragment()) {
            // comments, doctypes, processing instructions
            continue;
        }
        let children: Vec<NodeRef> = node.children_it(false).collect();
        for c in children.into_iter().rev() {
            stack.push(Step::Enter(c));
        }
    }
    sink.end_para();
    sink.out
}

/// Accumulates paragraphs with collapsed whitespace.
#[derive(Default)]
struct Sink {
    out: String,
    para: String,
    space: bool,
}

impl Sink {
    fn push(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = !self.para.is_empty();
            } else {
                if self.space {
                    self.para.push(' ');
                    self.space = false;
                }
                self.para.push(c);
            }
        }
    }

    fn space(&mut self) {
        self.space = !self.para.is_empty();
    }

    fn end_para(&mut self) {
        if !self.para.is_empty() {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(&self.para);
            self.para.clear();
        }
        self.space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_paragraphs_and_noise() {
        let t = fragment_text(
            "<p>Chile and Peru  met in Lima.</p><p>They agreed\n on fishing quotas.</p>\
             <figure><figcaption>Boats</figcaption></figure>\
             <div class=\"share-bar\">Share this</div><ul><li>One</li><li>Two</li></ul>",
        );
        assert_eq!(
            t,
            "Chile and Peru met in Lima.\n\nThey agreed on fishing quotas.\n\nOne\n\nTwo"
        );
    }

    #[test]
    fn fragment_of_plain_text_and_entities() {
        assert_eq!(
            fragment_text("Oslo &amp; Bergen voted."),
            "Oslo & Bergen voted."
        );
        assert_eq!(fragment_text("  "), "");
    }

    #[test]
    fn keep_word_beats_noise_word() {
        let t = fragment_text("<div class=\"content has-sidebar\"><p>Mali held talks.</p></div>");
        assert_eq!(t, "Mali held talks.");
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://www.Example.org/a?b").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            host("http://user@news.example:8080/x").as_deref(),
            Some("news.example")
        );
        assert_eq!(host("file.html"), None);
    }

    #[test]
    fn charset_from_meta_and_fallback() {
        let latin1 =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body>S\xe3o Paulo</body></html>";
        assert!(decode(latin1, None).contains("São Paulo"));
        let unmarked = b"<p>Bogot\xe1</p>";
        assert!(decode(unmarked, None).contains("Bogotá"));
        assert!(decode("<p>Kraków</p>".as_bytes(), None).contains("Kraków"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(10_000) + "Nepal" + &"</div>".repeat(10_000);
        assert_eq!(fragment_text(&html), "Nepal");
    }
}
