//! End-to-end tests: a real server on 127.0.0.1 (ephemeral port) over a
//! temporary store ingested from a few articles written here, spoken to
//! with a minimal HTTP/1.1 client on std's TcpStream.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use dyad_serve::Config;
use dyad_store::{DedupOptions, DocInfo, Store};
use serde_json::Value;

const TOKEN: &str = "test-token-8c1f";

/// (id, published, title, text). Japan–South Korea: 5 events (2 accusations),
/// Brazil–Argentina: 2.
const ARTICLES: [(&str, &str, &str, &str); 7] = [
    ("jk-1", "2024-03-12", "Ministers meet <in> Seoul & talk",
     "Japanese Foreign Minister Yoko Kamikawa met South Korean Foreign Minister Cho Tae-yul in Seoul on Monday. The two ministers discussed trade."),
    ("jk-2", "2024-04-20", "Seoul accuses Tokyo", "South Korea accused Japan of distorting history on Friday."),
    ("ba-1", "2024-05-02", "Aid for Argentina", "Brazil sent humanitarian aid to Argentina on Wednesday."),
    ("jk-3", "2024-06-07", "Fisheries deal", "Japan and South Korea signed a fisheries agreement on Thursday."),
    ("jk-4", "2024-07-03", "Yoon in Tokyo", "South Korean President Yoon Suk Yeol visited Tokyo on Tuesday."),
    ("jk-5", "2024-08-15", "Islands row", "Japan criticized South Korea over the disputed islands on Wednesday."),
    ("ba-2", "2024-09-10", "Thanks", "Argentina thanked Brazil for its support on Monday."),
];

fn temp_dir() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let d = std::env::temp_dir().join(format!("dyad-serve-test-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn build_store(path: &Path) {
    let kb = dyad_kb::Kb::embedded();
    let mut store = Store::open(path).unwrap();
    let mut batch = Vec::new();
    for (id, published, title, text) in ARTICLES {
        let doc = dyad_code::InputDoc {
            id: Some(id.into()),
            text: text.into(),
            title: Some(title.into()),
            published: Some(published.into()),
            source: Some("Test Wire".into()),
            url: Some(format!("https://example.invalid/{id}")),
            language: Some("en".into()),
        };
        let out = dyad_code::code_document(&doc, kb).unwrap();
        let info = DocInfo {
            content_hash: dyad_store::content_hash(text),
            url: doc.url.clone(),
            title: doc.title.clone(),
            language: doc.language.clone(),
            published: doc.published.clone(),
        };
        batch.push((info, out));
    }
    store
        .ingest_batch(&batch, &DedupOptions::default())
        .unwrap();
    store.checkpoint().unwrap();
}

fn start(cfg: Config) -> SocketAddr {
    dyad_serve::prepare(&cfg).unwrap();
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || dyad_serve::serve_blocking(l, cfg));
    addr
}

struct Servers {
    /// Read-only (no write token).
    ro: SocketAddr,
    /// With the write token, on its own copy of the store.
    rw: SocketAddr,
}

fn servers() -> &'static Servers {
    static S: OnceLock<Servers> = OnceLock::new();
    S.get_or_init(|| {
        let dir = temp_dir();
        let a = dir.join("ro.sqlite");
        let b = dir.join("rw.sqlite");
        build_store(&a);
        build_store(&b);
        Servers {
            ro: start(Config {
                db: a,
                write_token: None,
            }),
            rw: start(Config {
                db: b,
                write_token: Some(TOKEN.into()),
            }),
        }
    })
}

struct Resp {
    status: u16,
    head: String,
    body: String,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn dechunk(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    for _ in 0..100_000 {
        let Some(nl) = b[i..].windows(2).position(|w| w == b"\r\n") else {
            break;
        };
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[i..i + nl]).unwrap().trim(), 16).unwrap();
        i += nl + 2;
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[i..i + size]);
        i += size + 2;
    }
    out
}

fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    let mut w = s.try_clone().unwrap();
    let mut all = req.into_bytes();
    all.extend_from_slice(body);
    // Write on another thread so a server that answers early (413) is read.
    let writer = std::thread::spawn(move || {
        let _ = w.write_all(&all);
    });
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let _ = writer.join();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("no response head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Resp {
        status,
        head,
        body: String::from_utf8(body).unwrap(),
    }
}

fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &[], b"")
}

fn total(addr: SocketAddr, q: &str) -> u64 {
    let r = get(addr, &format!("/api/events?{q}"));
    assert_eq!(r.status, 200, "{q}: {}", r.body);
    r.json()["total"].as_u64().unwrap()
}

#[test]
fn events_filters() {
    let a = servers().ro;
    assert_eq!(total(a, ""), 7);
    assert_eq!(total(a, "dyad=JPN-KOR"), 5);
    assert_eq!(total(a, "dyad=KOR-JPN"), 5);
    assert_eq!(total(a, "dyad=BRA-ARG"), 2);
    assert_eq!(total(a, "dyad=JPN-KOR&quad=3"), 2);
    assert_eq!(total(a, "type=accuse"), 2);
    assert_eq!(total(a, "actor=KOR&recipient=JPN"), 2);
    assert_eq!(total(a, "dyad=JPN-KOR&from=2024-06&to=2024-07"), 2);
    assert_eq!(total(a, "dyad=JPN-KOR&from=2024-04-19&to=2024-04-19"), 1);
    assert_eq!(total(a, "dyad=JPN-KOR&to=2024-01-31"), 0);
    let r = get(a, "/api/events?actor=BRA").json();
    let evs = r["events"].as_array().unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["event_type"], "AID");
    assert_eq!(evs[0]["recipient_country"], "ARG");
}

#[test]
fn events_paging() {
    let a = servers().ro;
    let mut seen = Vec::new();
    for page in 1..=3 {
        let r = get(
            a,
            &format!("/api/events?dyad=JPN-KOR&per_page=2&page={page}"),
        )
        .json();
        assert_eq!(r["total"], 5);
        assert_eq!(r["page"], page);
        assert_eq!(r["per_page"], 2);
        let evs = r["events"].as_array().unwrap();
        assert_eq!(evs.len(), if page < 3 { 2 } else { 1 });
        seen.extend(
            evs.iter()
                .map(|e| e["event_date"].as_str().unwrap().to_string()),
        );
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "pages are in date order without repeats");
    sorted.dedup();
    assert_eq!(sorted.len(), 5);
    let r = get(a, "/api/events?dyad=JPN-KOR&per_page=2&page=9").json();
    assert_eq!(r["events"].as_array().unwrap().len(), 0);
    // Unfiltered: the same pages as one big page.
    let all = get(a, "/api/events?per_page=500").json();
    let all = all["events"].as_array().unwrap();
    assert_eq!(all.len(), 7);
    let mut ids = Vec::new();
    for page in 1..=3 {
        let r = get(a, &format!("/api/events?per_page=3&page={page}")).json();
        assert_eq!(r["total"], 7);
        ids.extend(
            r["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].clone()),
        );
    }
    let want: Vec<Value> = all.iter().map(|e| e["id"].clone()).collect();
    assert_eq!(ids, want);
}

#[test]
fn bad_parameters_are_400_json() {
    let a = servers().ro;
    for q in [
        "/api/events?from=2024-13-01",
        "/api/events?to=last-week",
        "/api/events?per_page=501",
        "/api/events?page=0",
        "/api/events?page=abc",
        "/api/events?quad=7",
        "/api/events?dyad=JPN",
        "/api/events?dyad=-KOR",
        "/api/events?from=2024-05-01&to=2024-04-01",
        "/api/events?colour=blue",
        "/api/trend",
        "/api/trend?dyad=JPN-KOR&by=year",
        "/api/trend?dyad=JPNKOR",
        "/api/actors?limit=0",
        "/api/events?type=CONSULT%27%20OR%201%3D1",
    ] {
        let r = get(a, q);
        assert_eq!(r.status, 400, "{q}: {}", r.body);
        assert!(
            r.head.to_ascii_lowercase().contains("application/json"),
            "{q}"
        );
        assert!(
            r.json()["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{q}"
        );
    }
    let r = get(a, "/dyad/JPN-KOR?from=tomorrow");
    assert_eq!(r.status, 400);
    assert!(r.body.contains("<p class=\"err\">"));
}

#[test]
fn trend_actors_and_openapi() {
    let a = servers().ro;
    let r = get(a, "/api/trend?dyad=KOR-JPN&by=month").json();
    let rows = r["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 6, "March to August 2024");
    assert_eq!(rows[0]["period"], "2024-03");
    let n: u64 = rows.iter().map(|x| x["events"].as_u64().unwrap()).sum();
    assert_eq!(n, 5);
    assert_eq!(rows[1]["quad"][2], 1, "April: one verbal conflict");

    let r = get(a, "/api/actors?limit=3").json();
    let actors = r["actors"].as_array().unwrap();
    assert_eq!(actors.len(), 3);
    let names: Vec<&str> = actors
        .iter()
        .map(|x| x["actor"].as_str().unwrap())
        .collect();
    assert_eq!(&names[..2], ["JPN", "KOR"]);
    assert_eq!(actors[0]["events"], 5);

    let r = get(a, "/api/openapi.json");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    let mut paths: Vec<&str> = v["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/api/actors",
            "/api/code",
            "/api/documents/{id}",
            "/api/events",
            "/api/openapi.json",
            "/api/trend"
        ]
    );
    // Every documented route answers (not the fallback 404).
    for p in [
        "/api/actors",
        "/api/events",
        "/api/trend?dyad=JPN-KOR",
        "/api/documents/jk-1",
    ] {
        assert_eq!(get(a, p).status, 200, "{p}");
    }
}

#[test]
fn document_with_evidence_offsets() {
    let a = servers().ro;
    let r = get(a, "/api/documents/jk-2");
    assert_eq!(r.status, 200, "{}", r.body);
    let d = r.json();
    assert_eq!(d["title"], "Seoul accuses Tokyo");
    let m = &d["mentions"][0];
    assert!(m["event_id"].as_i64().unwrap() > 0);
    let ev = &m["record"]["evidence"];
    let text = "South Korea accused Japan of distorting history on Friday.";
    let (s, e) = (
        ev["trigger_start"].as_u64().unwrap() as usize,
        ev["trigger_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "accused");
    let r = get(a, "/api/documents/no-such-doc");
    assert_eq!(r.status, 404);
    assert!(r.json()["error"].is_string());
}

#[test]
fn code_endpoint() {
    let a = servers().ro;
    let text = "Canada expelled two Russian diplomats on Tuesday.";
    let r = request(
        a,
        "POST",
        "/api/code",
        &[("Content-Type", "text/plain")],
        text.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert!(v["events"].is_array());
    assert!(v["entities"].is_array());
    assert!(v["warnings"].is_array());

    let doc = serde_json::json!({"id": "kenya-1", "published": "2024-02-02",
        "text": "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Thursday."});
    let r = request(
        a,
        "POST",
        "/api/code",
        &[("Content-Type", "application/json")],
        doc.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["doc_id"], "kenya-1");
    let ev = &v["events"][0];
    assert_eq!(ev["event_type"], "CONSULT");
    assert_eq!(ev["event_date"], "2024-02-01");

    let r = request(
        a,
        "POST",
        "/api/code",
        &[("Content-Type", "application/json")],
        b"{\"text\": ",
    );
    assert_eq!(r.status, 400);
    let r = request(a, "POST", "/api/code", &[], b"   ");
    assert_eq!(r.status, 400, "{}", r.body);
    let big = vec![b'a'; 1024 * 1024 + 10];
    let r = request(
        a,
        "POST",
        "/api/code",
        &[("Content-Type", "text/plain")],
        &big,
    );
    assert_eq!(r.status, 413);
}

#[test]
fn storing_needs_the_token() {
    let s = servers();
    let doc = serde_json::json!({"id": "pe-1", "published": "2024-10-10",
        "text": "Peru recalled its ambassador from Mexico on Wednesday."});
    let body = doc.to_string();
    // No token configured: always refused.
    let r = request(
        s.ro,
        "POST",
        "/api/code?store=true",
        &[("Authorization", &format!("Bearer {TOKEN}"))],
        body.as_bytes(),
    );
    assert_eq!(r.status, 403);
    assert!(r.json()["error"].is_string());
    // Token configured: refused without it or with a wrong one.
    let r = request(s.rw, "POST", "/api/code?store=true", &[], body.as_bytes());
    assert_eq!(r.status, 403);
    let r = request(
        s.rw,
        "POST",
        "/api/code?store=true",
        &[("Authorization", "Bearer wrong")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 403);
    assert_eq!(total(s.rw, "actor=PER"), 0);
    let r = request(
        s.rw,
        "POST",
        "/api/code?store=true",
        &[("Authorization", &format!("Bearer {TOKEN}"))],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["stored"]["documents"], 1);
    assert!(
        v["events"].as_array().is_some_and(|e| !e.is_empty()),
        "{}",
        r.body
    );
    assert_eq!(total(s.rw, "actor=PER"), 1);
    // The read-only server's store is untouched.
    assert_eq!(total(s.ro, "actor=PER"), 0);
    // A second store of the same text adds nothing.
    let r = request(
        s.rw,
        "POST",
        "/api/code?store=true",
        &[("Authorization", &format!("Bearer {TOKEN}"))],
        body.as_bytes(),
    );
    assert_eq!(r.json()["stored"]["duplicates"], 1);
    assert_eq!(total(s.rw, "actor=PER"), 1);
}

#[test]
fn dashboard_pages() {
    let a = servers().ro;
    let r = get(a, "/");
    assert_eq!(r.status, 200);
    assert!(r.head.contains("text/html"));
    let head = r.head.to_ascii_lowercase();
    assert!(head.contains("content-security-policy: default-src 'none'"));
    assert!(head.contains("x-content-type-options: nosniff"));
    assert!(r.body.contains("href=\"/dyad/JPN-KOR\""), "{}", r.body);
    assert!(r.body.contains("href=\"/dyad/ARG-BRA\""));

    let r = get(a, "/dyad?dyad=KOR-JPN");
    assert_eq!(r.status, 303);
    assert!(r.head.contains("location: /dyad/KOR-JPN"), "{}", r.head);

    let r = get(a, "/dyad/JPN-KOR");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<svg"));
    assert_eq!(r.body.matches("<tr class=\"event\">").count(), 5);
    assert!(r.body.contains("ACCUSE"));

    let r = get(a, "/dyad/JPN-KOR?per_page=2&quad=");
    assert_eq!(r.body.matches("<tr class=\"event\">").count(), 2);
    assert!(r.body.contains("rel=\"next\""));
    assert!(r.body.contains("page 1 of 3"));
    let r = get(a, "/dyad/JPN-KOR?per_page=2&page=3&by=week");
    assert_eq!(r.body.matches("<tr class=\"event\">").count(), 1);
    assert!(r.body.contains("rel=\"prev\""));
    // Path and query text comes back escaped.
    let r = get(a, "/dyad/%3Cscript%3E-KOR?place=%22%3E%3Cb%3E");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("&lt;script&gt;") && !r.body.contains("<script"));
    assert!(r.body.contains("value=\"&quot;&gt;&lt;b&gt;\"") && !r.body.contains("\"><b>"));
    let r = get(a, "/dyad/JPN-KOR?quad=3");
    assert_eq!(r.body.matches("<tr class=\"event\">").count(), 2);

    // The event page of the Brazil → Argentina aid.
    let ev = get(a, "/api/events?actor=BRA").json()["events"][0]["id"]
        .as_i64()
        .unwrap();
    let r = get(a, &format!("/event/{ev}"));
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains("<mark class=\"trigger\">sent humanitarian aid</mark>"),
        "{}",
        r.body
    );
    assert!(r.body.contains("<mark class=\"date\">"));
    assert!(r.body.contains("href=\"/doc/ba-1\""));
    assert_eq!(get(a, "/event/999999").status, 404);
    assert_eq!(get(a, "/event/abc").status, 400);

    // The document page escapes the stored title.
    let r = get(a, "/doc/jk-1");
    assert_eq!(r.status, 200);
    assert!(r
        .body
        .contains("Ministers meet &lt;in&gt; Seoul &amp; talk"));
    assert!(!r.body.contains("<in>"));
    assert!(r.body.contains("<mark class=\"trigger\">met</mark>"));

    let r = get(a, "/network?from=2024-01-01&to=2024-12");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<svg") && r.body.contains(">JPN</text>"));
    assert_eq!(get(a, "/nope").status, 404);
}

#[test]
fn code_page() {
    let a = servers().ro;
    let r = get(a, "/code");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<textarea name=\"text\""));
    let form = "text=Egypt+condemned+Israel%27s+strikes+%3Cnow%3E+on+Sunday.&published=2024-11-04";
    let r = request(
        a,
        "POST",
        "/code",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        form.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("<mark class=\"trigger\">"), "{}", r.body);
    assert!(r.body.contains("&lt;now&gt;") && !r.body.contains("<now>"));
    // Coding never stores.
    assert_eq!(total(a, "actor=EGY"), 0);
}

#[test]
fn parallel_requests() {
    let a = servers().ro;
    let handles: Vec<_> = (0..16)
        .map(|i| {
            std::thread::spawn(move || {
                for j in 0..4 {
                    let path = if (i + j) % 2 == 0 {
                        "/api/events?dyad=JPN-KOR&per_page=1"
                    } else {
                        "/dyad/BRA-ARG"
                    };
                    assert_eq!(get(a, path).status, 200, "{path}");
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}
