//! Headless Chromium check of the dashboard (ignored by default; CI runs it
//! with `cargo test -p dyad-serve --release -- --ignored` after installing
//! Debian's `chromium`): the dyad page's timeline SVG and event table
//! render, an event link leads to the evidence with the trigger marked.
//! Screenshots go to `target/screenshots/`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dyad_serve::Config;
use dyad_store::{DedupOptions, DocInfo, Store};

const ARTICLES: [(&str, &str, &str); 4] = [
    ("vn-1", "2024-02-06", "Vietnamese Prime Minister Pham Minh Chinh met Indonesian President Joko Widodo in Hanoi on Monday."),
    ("vn-2", "2024-03-14", "Indonesia accused Vietnam of illegal fishing on Wednesday."),
    ("vn-3", "2024-04-10", "Vietnam and Indonesia signed a maritime agreement on Tuesday."),
    ("vn-4", "2024-05-22", "Vietnam criticized Indonesia over the detention of fishermen on Tuesday."),
];

fn temp_dir() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let d = std::env::temp_dir().join(format!("dyad-browser-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn build_store(path: &Path) {
    let kb = dyad_kb::Kb::embedded();
    let mut store = Store::open(path).unwrap();
    let mut batch = Vec::new();
    for (id, published, text) in ARTICLES {
        let doc = dyad_code::InputDoc {
            id: Some(id.into()),
            text: text.into(),
            title: Some(format!("Story {id}")),
            published: Some(published.into()),
            source: Some("Test Wire".into()),
            ..Default::default()
        };
        let out = dyad_code::code_document(&doc, kb).unwrap();
        let info = DocInfo {
            content_hash: dyad_store::content_hash(text),
            title: doc.title.clone(),
            published: doc.published.clone(),
            ..Default::default()
        };
        batch.push((info, out));
    }
    store
        .ingest_batch(&batch, &DedupOptions::default())
        .unwrap();
    store.checkpoint().unwrap();
}

fn chromium() -> String {
    if let Ok(p) = std::env::var("DYAD_CHROMIUM") {
        return p;
    }
    for c in ["chromium", "chromium-browser", "google-chrome"] {
        let found = Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {c}"))
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if found {
            return c.to_string();
        }
    }
    panic!("no chromium found: apt-get install -y chromium (or set DYAD_CHROMIUM)");
}

/// Runs headless Chromium on `url` with `mode` (`--dump-dom` or
/// `--screenshot=FILE`), killed after 90 s; returns stdout.
fn browse(browser: &str, profile: &Path, mode: &str, url: &str) -> String {
    let out_file = profile.join(format!("out-{}.txt", url.len() + mode.len()));
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1100,1300",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.join("profile").display()
        ))
        .arg(mode)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_file).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            assert!(st.success(), "chromium {mode} {url}: {st}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {mode} {url}: timed out");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read_to_string(&out_file).unwrap_or_default()
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let d = target.join("screenshots");
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
#[ignore = "needs chromium; run with --ignored"]
fn dashboard_renders_in_chromium() {
    let browser = chromium();
    let dir = temp_dir();
    let db = dir.join("b.sqlite");
    build_store(&db);
    let cfg = Config {
        db,
        write_token: None,
    };
    dyad_serve::prepare(&cfg).unwrap();
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || dyad_serve::serve_blocking(l, cfg));
    let shots = screenshot_dir();

    let home = browse(&browser, &dir, "--dump-dom", &format!("http://{addr}/"));
    assert!(home.contains("href=\"/dyad/IDN-VNM\""), "{home}");

    let page = format!("http://{addr}/dyad/IDN-VNM");
    let dom = browse(&browser, &dir, "--dump-dom", &page);
    assert!(dom.contains("<svg"), "timeline SVG missing: {dom}");
    assert!(
        dom.contains("<polyline") || dom.contains("<path"),
        "no chart lines"
    );
    let rows = dom.matches("<tr class=\"event\">").count();
    assert_eq!(rows, 4, "{dom}");
    let shot = shots.join("dyad.png");
    browse(
        &browser,
        &dir,
        &format!("--screenshot={}", shot.display()),
        &page,
    );
    assert!(std::fs::metadata(&shot)
        .map(|m| m.len() > 1000)
        .unwrap_or(false));

    // Follow the first event link.
    let at = dom.find("href=\"/event/").expect("an event link");
    let rest = &dom[at + 6..];
    let link = &rest[..rest.find('"').unwrap()];
    let ev_url = format!("http://{addr}{link}");
    let ev = browse(&browser, &dir, "--dump-dom", &ev_url);
    assert!(ev.contains("<mark class=\"trigger\">"), "{ev}");
    let shot = shots.join("event.png");
    browse(
        &browser,
        &dir,
        &format!("--screenshot={}", shot.display()),
        &ev_url,
    );
    assert!(std::fs::metadata(&shot)
        .map(|m| m.len() > 1000)
        .unwrap_or(false));
    let _ = std::fs::remove_dir_all(&dir);
}
