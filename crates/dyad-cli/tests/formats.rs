//! Integration tests of the input formats through the `dyad` binary: each
//! reader is wired into `code` and `ingest` (extensions, sniffing,
//! `--input-format`, CSV column flags, gzip), per-record errors name the
//! record and the rest is coded, and the run ends with a summary.
//! The readers themselves are tested in crates/dyad-read.

mod common;

use common::{dyad, run, stderr, stdout_json as docs, TempDir};
use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

const PAGE: &str = r#"<!doctype html>
<html lang="en"><head>
<title>Kenya and Ethiopia sign water accord | Rift Valley Courier</title>
<meta property="og:title" content="Kenya and Ethiopia sign water accord">
<meta property="og:site_name" content="Rift Valley Courier">
<meta property="article:published_time" content="2024-09-12T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> NAVIGATION-TEXT</nav>
<article>
<h1>Kenya and Ethiopia sign water accord</h1>
<p>Kenya signed an agreement with Ethiopia on Wednesday to share water from the Omo river, officials in Nairobi said.</p>
<figure><img src="x.jpg"><figcaption>CAPTION-TEXT: the river at dawn.</figcaption></figure>
<p>The accord follows two years of talks between the two governments over the Gibe III dam and its effect on Lake Turkana.</p>
<p>Ethiopian officials said the agreement would be reviewed every five years by a joint commission.</p>
</article>
<aside class="related"><a href="/x">RELATED-TEXT: Other stories</a></aside>
<footer>FOOTER-TEXT Copyright</footer>
</body></html>"#;

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Baltic Wire</title>
<item><title>Estonia expels Russian diplomat</title><link>https://baltic.example/1</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Estonia expelled a Russian diplomat on Tuesday, the foreign ministry in Tallinn said.&lt;/p&gt;</description></item>
<item><title>No text here</title><link>https://baltic.example/2</link><description></description></item>
<item><title>Latvia and Lithuania hold talks</title><link>https://baltic.example/3</link>
<pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate>
<description>Latvia's prime minister held talks with Lithuania's president in Vilnius on Wednesday.</description></item>
</channel></rss>"#;

#[test]
fn html_page_is_extracted_with_its_metadata() {
    let t = TempDir::new();
    let p = t.file("page.html", PAGE);
    let o = run(dyad().args(["code", "--format", "json"]).arg(&p), None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = &docs(&o)[0];
    assert_eq!(d["story_date"], "2024-09-12");
    assert_eq!(d["source"], "Rift Valley Courier");
    let evs = d["events"].as_array().unwrap();
    assert!(
        evs.iter()
            .any(|e| e["actor"]["country"] == "KEN" && e["recipient"]["country"] == "ETH"),
        "{evs:?}"
    );
    // Nothing from navigation, captions, related links or the footer.
    let all = serde_json::to_string(d).unwrap();
    for junk in [
        "NAVIGATION-TEXT",
        "CAPTION-TEXT",
        "RELATED-TEXT",
        "FOOTER-TEXT",
    ] {
        assert!(!all.contains(junk), "{junk} leaked into {all}");
    }
}

#[test]
fn feed_items_are_documents_and_a_bad_item_is_named() {
    let t = TempDir::new();
    let p = t.file("baltic.rss", FEED);
    let o = run(dyad().args(["code", "--format", "json"]).arg(&p), None);
    assert_eq!(o.status.code(), Some(1));
    let ds = docs(&o);
    assert_eq!(ds.len(), 2);
    assert_eq!(ds[0]["story_date"], "2024-03-05");
    assert_eq!(ds[0]["source"], "Baltic Wire");
    assert_eq!(ds[1]["story_date"], "2024-03-06");
    let err = stderr(&o);
    assert!(err.contains("baltic.rss: item 2"), "{err}");
    assert!(
        err.contains("dyad: 3 read, 2 coded, 0 skipped, 1 failed"),
        "{err}"
    );
}

#[test]
fn sniffing_and_override() {
    let t = TempDir::new();
    // A gzipped feed without an extension is recognised from its bytes.
    let p = t.file("download", gz(FEED.as_bytes()));
    let o = run(dyad().args(["code", "--format", "json"]).arg(&p), None);
    assert_eq!(docs(&o).len(), 2, "{}", stderr(&o));
    // An HTML page on stdin with --input-format html.
    let o = run(
        dyad().args(["code", "--format", "json", "--input-format", "html", "-"]),
        Some(PAGE.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(docs(&o)[0]["source"], "Rift Valley Courier");
    // An unknown format name is a usage error.
    let o = run(dyad().args(["code", "--input-format", "pdf", "-"]), None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown input format"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn csv_with_column_flags_and_gzip() {
    let t = TempDir::new();
    let csv = "when;body;outlet\n\
               2024-01-10;\"Brazil accused Argentina of violating the trade pact on Tuesday.\";Pampas Post\n\
               2024-01-11;;Pampas Post\n\
               2024-01-12;\"Chile's president met Peru's foreign minister in Santiago.\";Andes Daily\n";
    let p = t.file("export.csv.gz", gz(csv.replace(';', ",").as_bytes()));
    let o = run(
        dyad()
            .args(["code", "--format", "json", "--text-col", "body"])
            .args(["--date-col", "when", "--source-col", "outlet"])
            .arg(&p),
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let ds = docs(&o);
    assert_eq!(ds.len(), 2);
    assert_eq!(ds[0]["story_date"], "2024-01-10");
    assert_eq!(ds[1]["source"], "Andes Daily");
    let err = stderr(&o);
    assert!(err.contains("export.csv.gz:3"), "{err}");
    // A column that is not there is an error naming the file and the header.
    let o = run(dyad().args(["code", "--text-col", "article"]).arg(&p), None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("article"), "{}", stderr(&o));
}

#[test]
fn gzipped_jsonl_and_a_directory_of_mixed_formats() {
    let t = TempDir::new();
    let jl = "{\"id\":\"j1\",\"text\":\"Japan protested to China over the islands.\"}\n";
    t.file("a.jsonl.gz", gz(jl.as_bytes()));
    t.file("b.html", PAGE);
    t.file("c.rss", FEED);
    let o = run(
        dyad().args(["code", "--format", "json"]).arg(t.path()),
        None,
    );
    let ds = docs(&o);
    assert_eq!(ds.len(), 4, "{}", stderr(&o));
    assert_eq!(ds[0]["doc_id"], "j1");
    assert_eq!(ds[1]["source"], "Rift Valley Courier");
}

#[test]
fn ingest_reads_the_same_formats_and_skips_stored_documents() {
    let t = TempDir::new();
    let p = t.file("baltic.xml", FEED);
    let db = t.path().join("s.sqlite");
    let once = || run(dyad().arg("ingest").arg(&p).arg("--db").arg(&db), None);
    let o = once();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 documents stored"), "{}", stderr(&o));
    let o = once();
    let err = stderr(&o);
    assert!(
        err.contains("0 documents stored, 2 already in the store"),
        "{err}"
    );
    assert!(
        err.contains("dyad: skipped: 2 already in the store"),
        "{err}"
    );
}

#[test]
fn no_parse_still_codes_events() {
    let t = TempDir::new();
    let p = t.file("page.html", PAGE);
    let o = run(
        dyad()
            .args(["code", "--no-parse", "--format", "json"])
            .arg(&p),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let evs = docs(&o)[0]["events"].as_array().unwrap().clone();
    assert!(
        evs.iter().any(|e| e["actor"]["country"] == "KEN"),
        "{evs:?}"
    );
}

#[test]
fn bench_reports_throughput_memory_and_stages() {
    let t = TempDir::new();
    let p = t.file("baltic.xml", FEED);
    let o = run(dyad().arg("bench").arg(&p).args(["--repeat", "3"]), None);
    // One item of the feed has no text: bench reports it, exit status 1.
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains("× 3"), "{out}");
    assert!(out.contains("pipeline     6 articles"), "{out}");
    for line in [
        "throughput",
        "peak RSS",
        "read only",
        "tag+parse",
        "store",
        "slowest",
    ] {
        assert!(out.contains(line), "{line} missing from {out}");
    }
}
