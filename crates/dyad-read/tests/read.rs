//! End-to-end tests of every reader on small made-up fixtures. Gzip and
//! WARC fixtures are generated here into the test temp dir; the loopback
//! HTTP server serves fixtures from 127.0.0.1 only.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use dyad_read::{
    html, open_path, open_reader, open_url, CsvOptions, Format, ReadOptions, Record, RecordError,
};
use flate2::write::GzEncoder;
use flate2::Compression;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dyad-read-tests");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn opts() -> ReadOptions {
    ReadOptions::default()
}

fn all(path: &Path, forced: Option<Format>, o: &ReadOptions) -> Vec<Result<Record, RecordError>> {
    open_path(path, forced, o).collect()
}

fn split(rs: Vec<Result<Record, RecordError>>) -> (Vec<Record>, Vec<RecordError>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for r in rs {
        match r {
            Ok(r) => ok.push(r),
            Err(e) => bad.push(e),
        }
    }
    (ok, bad)
}

const NOISE: &[&str] = &[
    "NAVIGATION",
    "CAPTION-TEXT",
    "SHARE-ON-SOCIAL",
    "ASIDE-TEXT",
    "RELATED-LINK",
    "FOOTER-TEXT",
    "SCRIPT-SHOULD-NOT-APPEAR",
    "color: red",
];

// ---------------------------------------------------------------- HTML

#[test]
fn news_page_text_and_metadata() {
    let path = fixture("news-article.html");
    let rs = all(&path, None, &opts());
    assert_eq!(rs.len(), 1);
    let r = rs[0].as_ref().unwrap();
    assert_eq!(r.label, path.display().to_string());
    let paras: Vec<&str> = r.text.split("\n\n").collect();
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("Kenya and Tanzania signed an agreement on Thursday")),
        "{:?}",
        r.text
    );
    assert!(paras
        .iter()
        .any(|p| p.starts_with("Under the deal, both governments")));
    assert!(paras
        .iter()
        .any(|p| p.starts_with("Tanzania's minister, Joseph Mwakyusa")));
    for n in NOISE {
        assert!(!r.text.contains(n), "{n} leaked into {:?}", r.text);
    }
    assert_eq!(
        r.title.as_deref(),
        Some("Kenya and Tanzania sign border water accord")
    );
    assert_eq!(r.published.as_deref(), Some("2024-03-14T09:30:00+03:00"));
    assert_eq!(r.source.as_deref(), Some("The Lakeside Courier"));
    assert_eq!(r.language.as_deref(), Some("en-GB"));
    assert_eq!(r.url, None);
    assert_eq!(r.id, None);
}

#[test]
fn page_without_body_text_is_an_error() {
    let path = fixture("empty-page.html");
    let rs = all(&path, None, &opts());
    assert_eq!(
        rs,
        vec![Err(RecordError {
            label: path.display().to_string(),
            reason: "no article text found".to_string()
        })]
    );
    assert_eq!(
        html::extract("<html><body>  </body></html>", None),
        Err("no article text found".to_string())
    );
}

const BODY: &str = "<p>Norway and Sweden agreed on Tuesday to share data on reindeer herding routes across the border in Lapland.</p>\
<p>The Norwegian agriculture minister said herders had asked for the arrangement for years.</p>";

#[test]
fn metadata_fallbacks() {
    // <title>, JSON-LD date, host as outlet.
    let page = format!(
        "<html><head><title>Reindeer deal</title><script type=\"application/ld+json\">\
         {{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"NewsArticle\",\"datePublished\":\"2023-11-07T10:15:00Z\"}}]}}\
         </script></head><body><article>{BODY}</article></body></html>"
    );
    let p = html::extract(&page, Some("https://www.nordic-news.example/2023/reindeer")).unwrap();
    assert_eq!(p.title.as_deref(), Some("Reindeer deal"));
    assert_eq!(p.published.as_deref(), Some("2023-11-07T10:15:00Z"));
    assert_eq!(p.source.as_deref(), Some("nordic-news.example"));
    assert_eq!(
        p.url.as_deref(),
        Some("https://www.nordic-news.example/2023/reindeer")
    );
    assert!(p.text.starts_with("Norway and Sweden agreed"));

    // <h1> title, itemprop date, canonical URL.
    let page = format!(
        "<html><head><link rel=\"canonical\" href=\"https://arctic.example/a/1\"></head><body><article><h1>Herding routes</h1>\
         <span itemprop=\"datePublished\" content=\"2023-11-08\"></span>{BODY}</article></body></html>"
    );
    let p = html::extract(&page, None).unwrap();
    assert_eq!(p.title.as_deref(), Some("Herding routes"));
    assert_eq!(p.published.as_deref(), Some("2023-11-08"));
    assert_eq!(p.url.as_deref(), Some("https://arctic.example/a/1"));
    assert_eq!(p.source.as_deref(), Some("arctic.example"));

    // <time datetime>, with an RFC 2822 meta date ignored because later in order.
    let page = format!(
        "<html><head><meta name=\"date\" content=\"Mon, 06 Nov 2023 09:00:00 +0100\"></head><body><article>\
         <time datetime=\"2023-11-09T08:00:00+01:00\">9 Nov</time>{BODY}</article></body></html>"
    );
    assert_eq!(
        html::extract(&page, None).unwrap().published.as_deref(),
        Some("2023-11-09T08:00:00+01:00")
    );
    // meta name=date alone, RFC 2822.
    let page = format!(
        "<html><head><meta name=\"date\" content=\"Mon, 06 Nov 2023 09:00:00 +0100\"></head><body><article>{BODY}</article></body></html>"
    );
    assert_eq!(
        html::extract(&page, None).unwrap().published.as_deref(),
        Some("2023-11-06T09:00:00+01:00")
    );
    // An unreadable date is dropped, not an error.
    let page = format!(
        "<html><head><meta property=\"article:published_time\" content=\"last Tuesday\"></head><body><article>{BODY}</article></body></html>"
    );
    let p = html::extract(&page, None).unwrap();
    assert_eq!(p.published, None);
    assert!(p.text.contains("reindeer herding"));
}

#[test]
fn html_from_a_gzipped_file_and_from_a_reader() {
    let data = std::fs::read(fixture("news-article.html")).unwrap();
    let path = tmp("page.html.gz");
    std::fs::write(&path, gz(&data)).unwrap();
    let rs = all(&path, None, &opts());
    let r = rs[0].as_ref().unwrap();
    assert!(r.text.contains("Mara River"));

    let rs: Vec<_> = open_reader(
        "stdin",
        Box::new(std::io::Cursor::new(data)),
        Format::Html,
        &opts(),
    )
    .collect();
    assert_eq!(rs[0].as_ref().unwrap().label, "stdin");
}

#[test]
fn oversized_page_text_is_an_error() {
    let o = ReadOptions {
        max_doc_bytes: 100,
        ..opts()
    };
    let rs = all(&fixture("news-article.html"), None, &o);
    let e = rs[0].as_ref().unwrap_err();
    assert!(
        e.reason.contains("over --max-doc-bytes (100 bytes)"),
        "{}",
        e.reason
    );
}

// ---------------------------------------------------------------- feeds

#[test]
fn rss_items_become_records() {
    let path = fixture("rss2.xml");
    let name = path.display().to_string();
    let rs = all(&path, None, &opts());
    assert_eq!(rs.len(), 3);
    let a = rs[0].as_ref().unwrap();
    assert_eq!(
        a.label,
        format!("{name}: item 1 (Peru and Bolivia reopen Desaguadero crossing)")
    );
    assert_eq!(a.id.as_deref(), Some("andes-2024-0501"));
    assert_eq!(
        a.title.as_deref(),
        Some("Peru and Bolivia reopen Desaguadero crossing")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://andes-wire.example/2024/05/peru-bolivia-border")
    );
    assert_eq!(a.published.as_deref(), Some("2024-05-01T19:00:00Z"));
    assert_eq!(a.source.as_deref(), Some("Andes Daily Wire"));
    assert_eq!(a.language.as_deref(), Some("es-pe"));
    assert_eq!(
        a.text,
        "Peru and Bolivia reopened the Desaguadero border crossing on Wednesday after a two-week closure caused by protests.\n\n\
         Bolivian officials said trade would resume immediately."
    );
    let b = rs[1].as_ref().unwrap();
    assert_eq!(b.id, None);
    assert_eq!(b.published.as_deref(), Some("2024-05-02T09:15:00Z"));
    assert_eq!(
        b.text,
        "Chile's finance ministry said it would review royalties paid by lithium producers.\n\nMining companies asked for talks."
    );
    let c = rs[2].as_ref().unwrap_err();
    assert_eq!(
        c.label,
        format!("{name}: item 3 (Ecuador weather bulletin)")
    );
    assert!(c.reason.contains("no text"), "{}", c.reason);
}

#[test]
fn atom_entries_become_records() {
    let path = fixture("atom.xml");
    let name = path.display().to_string();
    let (ok, bad) = split(all(&path, None, &opts()));
    assert_eq!(ok.len(), 2);
    assert_eq!(bad.len(), 1);
    let a = &ok[0];
    assert_eq!(a.id.as_deref(), Some("urn:example:baltic:101"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://baltic-observer.example/rail-timetable")
    );
    assert_eq!(a.published.as_deref(), Some("2024-06-09T05:30:00Z"));
    assert_eq!(a.source.as_deref(), Some("Baltic Observer"));
    assert_eq!(
        a.text,
        "Estonia and Latvia agreed on Sunday to run a joint rail timetable between Tallinn and Riga.\n\nThe first trains will run in September."
    );
    let b = &ok[1];
    assert_eq!(b.published.as_deref(), Some("2024-06-10T11:00:00Z"));
    assert_eq!(
        b.text,
        "Lithuania hosted energy ministers from five countries in Vilnius on Monday."
    );
    assert_eq!(bad[0].label, format!("{name}: item 3 (Photo gallery)"));
}

#[test]
fn malformed_feed_is_one_error() {
    let path = fixture("malformed.xml");
    let rs = all(&path, None, &opts());
    assert_eq!(rs.len(), 1);
    let e = rs[0].as_ref().unwrap_err();
    assert_eq!(e.label, path.display().to_string());
    assert!(
        e.reason.starts_with("malformed feed at line 8, column 3: "),
        "{}",
        e.reason
    );
    assert!(e.reason.contains("</channel>"), "{}", e.reason);
}

#[test]
fn feed_is_sniffed_without_an_extension() {
    let path = tmp("feed-without-extension");
    std::fs::write(&path, gz(&std::fs::read(fixture("atom.xml")).unwrap())).unwrap();
    let (ok, bad) = split(all(&path, None, &opts()));
    assert_eq!((ok.len(), bad.len()), (2, 1));
}

// ---------------------------------------------------------------- WARC

fn http(ctype: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// One WARC record; `len` overrides the true Content-Length.
fn record(typ: &str, n: u32, uri: &str, block: &[u8], len: Option<&str>) -> Vec<u8> {
    let mut v = format!(
        "WARC/1.0\r\nWARC-Type: {typ}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\n\
         WARC-Date: 2024-03-15T02:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={typ}\r\n\
         Content-Length: {}\r\n\r\n",
        len.map_or(block.len().to_string(), str::to_string)
    )
    .into_bytes();
    v.extend_from_slice(block);
    v.extend_from_slice(b"\r\n\r\n");
    v
}

fn undated_page() -> String {
    format!("<!DOCTYPE html><html lang=\"sv\"><head><title>Reindeer routes</title></head><body><article>{BODY}</article></body></html>")
}

/// warcinfo, request, dated HTML, non-HTML, undated HTML, empty HTML.
fn archive_records() -> Vec<Vec<u8>> {
    let article = std::fs::read_to_string(fixture("news-article.html")).unwrap();
    let info = b"software: dyad-read tests\r\nformat: WARC File Format 1.0\r\n".to_vec();
    let mut warcinfo = format!(
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:info>\r\nContent-Length: {}\r\n\r\n",
        info.len()
    )
    .into_bytes();
    warcinfo.extend_from_slice(&info);
    warcinfo.extend_from_slice(b"\r\n\r\n");
    vec![
        warcinfo,
        record(
            "request",
            2,
            "https://courier.example/world/water",
            b"GET /world/water HTTP/1.1\r\nHost: courier.example\r\n\r\n",
            None,
        ),
        record(
            "response",
            3,
            "https://courier.example/world/water",
            &http("text/html; charset=utf-8", &article),
            None,
        ),
        record(
            "response",
            4,
            "https://courier.example/api/weather.json",
            &http("application/json", "{\"rain\": 3}"),
            None,
        ),
        record(
            "response",
            5,
            "https://nordic.example/reindeer",
            &http("text/html", &undated_page()),
            None,
        ),
        record(
            "response",
            6,
            "https://nordic.example/blank",
            &http("text/html", ""),
            None,
        ),
    ]
}

#[test]
fn warc_gz_with_per_record_members() {
    let path = tmp("crawl.warc.gz");
    let mut bytes = Vec::new();
    for r in archive_records() {
        bytes.extend(gz(&r));
    }
    std::fs::write(&path, &bytes).unwrap();
    let name = path.display().to_string();
    let rs = all(&path, None, &opts());
    assert_eq!(rs.len(), 3, "{rs:#?}");
    let a = rs[0].as_ref().unwrap();
    assert_eq!(
        a.label,
        format!("{name}: record 3 (https://courier.example/world/water)")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://courier.example/world/water")
    );
    assert_eq!(
        a.id.as_deref(),
        Some("urn:uuid:00000000-0000-0000-0000-000000000003")
    );
    // The page's own date wins over WARC-Date.
    assert_eq!(a.published.as_deref(), Some("2024-03-14T09:30:00+03:00"));
    assert!(a.text.contains("Mara River"));
    for n in NOISE {
        assert!(!a.text.contains(n), "{n}");
    }
    let b = rs[1].as_ref().unwrap();
    assert_eq!(
        b.label,
        format!("{name}: record 5 (https://nordic.example/reindeer)")
    );
    // No date in the page: WARC-Date.
    assert_eq!(b.published.as_deref(), Some("2024-03-15T02:00:00Z"));
    assert_eq!(b.source.as_deref(), Some("nordic.example"));
    assert_eq!(b.language.as_deref(), Some("sv"));
    let c = rs[2].as_ref().unwrap_err();
    assert_eq!(
        c.label,
        format!("{name}: record 6 (https://nordic.example/blank)")
    );
    assert_eq!(c.reason, "HTML response with an empty body");
}

#[test]
fn warc_bad_content_length_resynchronises() {
    let page = undated_page();
    let good1 = record(
        "response",
        1,
        "https://a.example/1",
        &http("text/html", &page),
        None,
    );
    // Too short: the block ends inside the HTML.
    let short = record(
        "response",
        2,
        "https://a.example/2",
        &http("text/html", &page),
        Some("40"),
    );
    let good3 = record(
        "response",
        3,
        "https://a.example/3",
        &http("text/html", &page),
        None,
    );
    // Not a number.
    let nan = record(
        "response",
        4,
        "https://a.example/4",
        &http("text/html", &page),
        Some("lots"),
    );
    // Too long: swallows the start of the next record.
    let real = http("text/html", &page).len();
    let long_len = (real + 300).to_string();
    let long = record(
        "response",
        5,
        "https://a.example/5",
        &http("text/html", &page),
        Some(&long_len),
    );
    let good6 = record(
        "response",
        6,
        "https://a.example/6",
        &http("text/html", &page),
        None,
    );
    let mut bytes = Vec::new();
    for r in [&good1, &short, &good3, &nan, &long, &good6] {
        bytes.extend_from_slice(r);
    }
    let path = tmp("bad-length.warc");
    std::fs::write(&path, &bytes).unwrap();
    let name = path.display().to_string();
    let rs = all(&path, None, &opts());
    let summary: Vec<String> = rs
        .iter()
        .map(|r| match r {
            Ok(r) => format!("ok {}", r.url.as_deref().unwrap_or("")),
            Err(e) => format!("err {}", e.label),
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            "ok https://a.example/1".to_string(),
            format!("err {name}: record 2 (https://a.example/2)"),
            "ok https://a.example/3".to_string(),
            format!("err {name}: record 4 (https://a.example/4)"),
            format!("err {name}: record 5 (https://a.example/5)"),
            "ok https://a.example/6".to_string(),
        ]
    );
    assert!(rs[1]
        .as_ref()
        .unwrap_err()
        .reason
        .starts_with("bad Content-Length 40"));
    assert_eq!(
        rs[3].as_ref().unwrap_err().reason,
        "bad Content-Length \"lots\""
    );
}

#[test]
fn warc_garbage_between_records_is_reported_once() {
    let page = undated_page();
    let mut bytes = record(
        "response",
        1,
        "https://b.example/1",
        &http("text/html", &page),
        None,
    );
    bytes.extend_from_slice(b"some stray bytes\r\nmore stray bytes\r\n");
    bytes.extend(record(
        "response",
        2,
        "https://b.example/2",
        &http("text/html", &page),
        None,
    ));
    let path = tmp("garbage.warc");
    std::fs::write(&path, &bytes).unwrap();
    let rs = all(&path, None, &opts());
    assert_eq!(rs.len(), 3);
    let e = rs[1].as_ref().unwrap_err();
    assert!(e.label.contains(": at byte "), "{}", e.label);
    assert!(
        e.reason.contains("not a WARC record header"),
        "{}",
        e.reason
    );
    assert!(rs[2].is_ok());
}

#[test]
fn truncated_warc_gz_keeps_earlier_records() {
    let recs = archive_records();
    let mut bytes = Vec::new();
    for r in &recs[..3] {
        bytes.extend(gz(r));
    }
    let keep = bytes.len();
    let fourth = gz(&recs[4]);
    bytes.extend_from_slice(&fourth[..fourth.len() / 2]);
    let path = tmp("cut.warc.gz");
    std::fs::write(&path, &bytes).unwrap();
    assert!(bytes.len() > keep);
    let rs = all(&path, None, &opts());
    assert_eq!(rs.len(), 2, "{rs:#?}");
    assert!(rs[0].as_ref().unwrap().text.contains("Mara River"));
    let e = rs[1].as_ref().unwrap_err();
    assert!(e.label.contains(": at byte "), "{}", e.label);
    assert!(
        e.reason.starts_with("truncated gzip stream"),
        "{}",
        e.reason
    );
}

// ---------------------------------------------------------------- CSV

fn check_news_csv(rs: &[Result<Record, RecordError>], name: &str) {
    let summary: Vec<String> = rs
        .iter()
        .map(|r| match r {
            Ok(r) => format!("ok {}", r.label),
            Err(e) => format!("err {}: {}", e.label, e.reason),
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            format!("ok {name}:2"),
            format!("ok {name}:3"),
            format!("err {name}:4: malformed row: 5 fields where the header has 4"),
            format!("err {name}:5: empty text in column \"text\""),
            format!("ok {name}:6"),
            format!("ok {name}:7"),
            format!("ok {name}:10"),
            format!("err {name}:11: malformed row: 3 fields where the header has 4"),
        ]
    );
    let a = rs[0].as_ref().unwrap();
    assert_eq!(
        a.text,
        "Nigeria and Ghana signed a trade pact in Accra on Wednesday. Officials said tariffs would fall."
    );
    assert_eq!(a.published.as_deref(), Some("2023-02-01"));
    assert_eq!(a.source.as_deref(), Some("Harmattan Post"));
    assert_eq!(a.id, None);
    let b = rs[1].as_ref().unwrap();
    assert_eq!(
        b.text,
        "Morocco recalled its ambassador, \"citing consultations\", the ministry said."
    );
    // Unreadable date dropped.
    assert_eq!(rs[4].as_ref().unwrap().published, None);
    assert_eq!(
        rs[5].as_ref().unwrap().text,
        "Egypt and Sudan met in Cairo.\n\nThey discussed the Nile."
    );
    assert_eq!(
        rs[6].as_ref().unwrap().published.as_deref(),
        Some("2023-02-07T10:00:00Z")
    );
}

#[test]
fn csv_rows_and_errors() {
    let path = fixture("news.csv");
    check_news_csv(&all(&path, None, &opts()), &path.display().to_string());
}

#[test]
fn csv_gz_rows_and_errors() {
    let path = tmp("news.csv.gz");
    std::fs::write(&path, gz(&std::fs::read(fixture("news.csv")).unwrap())).unwrap();
    check_news_csv(&all(&path, None, &opts()), &path.display().to_string());
}

#[test]
fn truncated_csv_gz() {
    let mut data = String::from("\"\",\"date\",\"text\",\"source\"\n");
    for i in 0..5000 {
        data.push_str(&format!(
            "\"{i}\",2022-01-{:02},\"Row {i}: Uruguay and Paraguay discussed river transport number {}.\",\"Plata Wire\"\n",
            i % 28 + 1,
            i * 7919 % 10007
        ));
    }
    let z = gz(data.as_bytes());
    let path = tmp("cut.csv.gz");
    std::fs::write(&path, &z[..z.len() / 2]).unwrap();
    let (ok, bad) = split(all(&path, None, &opts()));
    assert!(ok.len() > 100, "{}", ok.len());
    assert!(ok.len() < 5000);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(
        bad[0].reason.starts_with("truncated gzip stream"),
        "{}",
        bad[0].reason
    );
    assert_eq!(
        ok[10].text,
        "Row 10: Uruguay and Paraguay discussed river transport number 79190."
            .replace("79190", &(10 * 7919 % 10007).to_string())
    );
}

#[test]
fn csv_column_mapping() {
    let path = tmp("mapped.tsv");
    std::fs::write(
        &path,
        "story_id\theadline\tbody_text\twhen\tlink\n\
         k-1\tFiji votes\tFiji held a general election on Saturday.\t2022-12-14\thttps://pacific.example/fiji\n",
    )
    .unwrap();
    let name = path.display().to_string();
    // Auto-detection finds no text column and lists the header.
    let rs = all(&path, None, &opts());
    let e = rs[0].as_ref().unwrap_err();
    assert_eq!(e.label, name);
    assert!(e.reason.contains("no text column found"), "{}", e.reason);
    assert!(e.reason.contains("\"body_text\""), "{}", e.reason);

    let o = ReadOptions {
        csv: CsvOptions {
            text_col: Some("body_text".into()),
            date_col: Some("when".into()),
            title_col: Some("headline".into()),
            id_col: Some("story_id".into()),
            ..CsvOptions::default()
        },
        ..opts()
    };
    let rs = all(&path, None, &o);
    let r = rs[0].as_ref().unwrap();
    assert_eq!(r.label, format!("{name}:2"));
    assert_eq!(r.text, "Fiji held a general election on Saturday.");
    assert_eq!(r.published.as_deref(), Some("2022-12-14"));
    assert_eq!(r.title.as_deref(), Some("Fiji votes"));
    assert_eq!(r.id.as_deref(), Some("k-1"));
    assert_eq!(r.url.as_deref(), Some("https://pacific.example/fiji"));

    // A named column that is missing.
    let o = ReadOptions {
        csv: CsvOptions {
            text_col: Some("body_text".into()),
            source_col: Some("outlet".into()),
            ..CsvOptions::default()
        },
        ..opts()
    };
    let rs = all(&path, None, &o);
    let e = rs[0].as_ref().unwrap_err();
    assert_eq!(e.label, name);
    assert!(
        e.reason.starts_with(
            "no source column \"outlet\" in the header (columns: \"story_id\", \"headline\""
        ),
        "{}",
        e.reason
    );
}

// ---------------------------------------------------------------- misc

#[test]
fn text_and_jsonl_are_left_to_the_cli_and_missing_files_are_named() {
    let rs = all(&fixture("news.csv"), Some(Format::Jsonl), &opts());
    assert!(rs[0]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("read by the CLI"));
    let missing = fixture("no-such-file.warc");
    let rs = all(&missing, None, &opts());
    assert_eq!(
        rs,
        vec![Err(RecordError {
            label: missing.display().to_string(),
            reason: "cannot open: no such file or directory".to_string()
        })]
    );
}

/// Serves one HTTP response on 127.0.0.1 and returns its base URL.
fn serve_once(status: &str, ctype: &str, body: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let status = status.to_string();
    let ctype = ctype.to_string();
    std::thread::spawn(move || {
        if let Ok((mut s, _)) = listener.accept() {
            let mut req = Vec::new();
            let mut buf = [0u8; 1024];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => req.extend_from_slice(&buf[..n]),
                }
            }
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(head.as_bytes());
            let _ = s.write_all(&body);
        }
    });
    format!("http://{addr}")
}

#[test]
fn url_feed_from_loopback() {
    let base = serve_once(
        "200 OK",
        "application/rss+xml; charset=utf-8",
        std::fs::read(fixture("rss2.xml")).unwrap(),
    );
    let url = format!("{base}/feeds/andes.rss");
    let (ok, bad) = split(open_url(&url, None, &opts()).collect());
    assert_eq!((ok.len(), bad.len()), (2, 1));
    assert_eq!(
        ok[0].label,
        format!("{url}: item 1 (Peru and Bolivia reopen Desaguadero crossing)")
    );
    assert_eq!(ok[0].source.as_deref(), Some("Andes Daily Wire"));
}

#[test]
fn url_page_from_loopback() {
    let base = serve_once("200 OK", "text/html", undated_page().into_bytes());
    let url = format!("{base}/2023/reindeer");
    let rs: Vec<_> = open_url(&url, None, &opts()).collect();
    assert_eq!(rs.len(), 1);
    let r = rs[0].as_ref().unwrap();
    assert_eq!(r.label, url);
    assert_eq!(r.url.as_deref(), Some(url.as_str()));
    assert_eq!(r.source.as_deref(), Some("127.0.0.1"));
    assert!(r.text.starts_with("Norway and Sweden agreed"));
}

#[test]
fn url_errors_are_records() {
    let base = serve_once("404 Not Found", "text/html", b"gone".to_vec());
    let url = format!("{base}/missing");
    let rs: Vec<_> = open_url(&url, None, &opts()).collect();
    assert_eq!(
        rs,
        vec![Err(RecordError {
            label: url,
            reason: "HTTP 404 Not Found".to_string()
        })]
    );
    let rs: Vec<_> = open_url("ftp://example.invalid/x", None, &opts()).collect();
    assert_eq!(rs[0].as_ref().unwrap_err().reason, "not an http(s) URL");
}
