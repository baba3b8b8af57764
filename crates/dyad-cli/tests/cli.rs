//! Integration tests: run the built `dyad` binary on files in temp dirs and
//! check outputs, messages and exit statuses (not coding quality).

mod common;

use common::{dyad, run, stderr, stdout_json, TempDir};

const GOOD: &str = "Egypt's foreign minister met his Sudanese counterpart in Cairo on Sunday.";

#[test]
fn missing_file_fails_but_others_are_coded() {
    let t = TempDir::new();
    let good = t.file("good.txt", GOOD);
    let missing = t.path().join("nope.txt");
    let o = run(
        dyad()
            .args(["code", "--format", "json"])
            .arg(&missing)
            .arg(&good),
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("nope.txt: no such file or directory"), "{err}");
    let docs = stdout_json(&o);
    assert_eq!(docs.len(), 1);
    assert!(docs[0]["doc_id"].as_str().unwrap().starts_with("doc-"));
}

#[test]
fn mixed_directory_reports_unsupported_files() {
    let t = TempDir::new();
    t.file("a.txt", GOOD);
    t.file(
        "b.jsonl",
        "{\"id\":\"b1\",\"text\":\"Ukraine shelled positions.\"}\n{\"id\":\"b2\",\"text\":\"Poland protested.\"}\n",
    );
    t.file("c.pdf", "%PDF-1.4");
    t.file("c2.csv", "x,y\n1,2\n");
    t.file(
        "sub/d.txt",
        "Mexican police arrested three men in Monterrey.",
    );
    let o = run(
        dyad().args(["code", "--format", "json"]).arg(t.path()),
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("c.pdf: unsupported file type"), "{err}");
    assert!(err.contains("c2.csv: no text column found"), "{err}");
    assert!(
        err.contains("dyad: failed: 1 no text column found; 1 unsupported file type"),
        "{err}"
    );
    let ids: Vec<String> = stdout_json(&o)
        .iter()
        .map(|d| d["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 4);
    assert_eq!(&ids[1..3], ["b1", "b2"]);
    assert!(ids[0].starts_with("doc-") && ids[3].starts_with("doc-"));
}

#[test]
fn invalid_utf8_names_byte_and_line() {
    let t = TempDir::new();
    let bad = t.file("bad.txt", b"Line one.\nLine \xc3\x28two.\n");
    let good = t.file("good.txt", GOOD);
    let o = run(
        dyad()
            .args(["code", "--format", "json"])
            .arg(&bad)
            .arg(&good),
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("bad.txt: invalid UTF-8 at byte 15 (line 2, column 6)"),
        "{err}"
    );
    assert_eq!(stdout_json(&o).len(), 1);
}

#[test]
fn malformed_json_line_names_file_and_line() {
    let t = TempDir::new();
    let f = t.file(
        "docs.jsonl",
        "{\"id\":\"x1\",\"text\":\"Iran warned Israel.\"}\n{\"id\": \"x2\", \"text\": \n{\"title\":\"no text\"}\n{\"id\":\"x4\",\"text\":\"Qatar mediated talks.\"}\n",
    );
    let o = run(dyad().args(["code", "--format", "json"]).arg(&f), None);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("docs.jsonl:2: malformed JSON"), "{err}");
    assert!(err.contains("docs.jsonl:3: no \"text\" field"), "{err}");
    let ids: Vec<_> = stdout_json(&o)
        .iter()
        .map(|d| d["doc_id"].clone())
        .collect();
    assert_eq!(ids, ["x1", "x4"]);
}

#[test]
fn empty_text_is_an_error() {
    let t = TempDir::new();
    let f = t.file("empty.txt", "  \n\t\n");
    let o = run(dyad().args(["code"]).arg(&f), None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("empty.txt: empty text"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn oversized_documents_are_rejected() {
    let t = TempDir::new();
    let small = t.file("small.txt", GOOD);
    let big = t.file("big.txt", "word ".repeat(40));
    let o = run(
        dyad()
            .args(["code", "--format", "json", "--max-doc-bytes", "100"])
            .arg(&big)
            .arg(&small),
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("big.txt: document is 200 bytes, over --max-doc-bytes (100 bytes)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout_json(&o).len(), 1);

    // 50 MB with the default limit: rejected from its size, without reading.
    let huge = t.path().join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(50_000_000)
        .unwrap();
    let o = run(dyad().arg("code").arg(&huge), None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "huge.txt: document is 50000000 bytes, over --max-doc-bytes (10000000 bytes)"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn exit_codes() {
    let t = TempDir::new();
    let a = t.file("a.txt", GOOD);
    let b = t.file("b.txt", "Chad closed its border with Sudan.");
    let ok = run(dyad().arg("code").arg(&a).arg(&b), None);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    // usage errors → 2
    let o = run(dyad().args(["code", "--format", "xml"]).arg(&a), None);
    assert_eq!(o.status.code(), Some(2));
    let o = run(dyad().args(["code", "--id", "one"]).arg(&a).arg(&b), None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--id"), "{}", stderr(&o));
    let o = run(
        dyad().args(["code", "--published", "last week"]).arg(&a),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--published"), "{}", stderr(&o));
    let o = run(dyad().args(["code", "--jobs", "0"]).arg(&a), None);
    assert_eq!(o.status.code(), Some(2));
    let o = run(dyad().arg("frobnicate"), None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn text_flags_set_id_date_source() {
    let t = TempDir::new();
    let a = t.file("a.txt", GOOD);
    let o = run(
        dyad()
            .args([
                "code",
                "--format",
                "json",
                "--id",
                "eg-1",
                "--published",
                "2021-03-14",
                "--source",
                "Ahram",
                "--jobs",
                "2",
            ])
            .arg(&a),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = &stdout_json(&o)[0];
    assert_eq!(d["doc_id"], "eg-1");
    assert_eq!(d["story_date"], "2021-03-14");
    assert_eq!(d["source"], "Ahram");
}

#[test]
fn jsonl_from_stdin() {
    let input = concat!(
        "{\"id\":\"s1\",\"text\":\"Nigeria and Ghana signed a trade pact.\",\"published\":\"2020-01-02T09:00:00Z\"}\n",
        "{\"text\":\"Rebels attacked a convoy near Goma.\"}\n",
        "{\"text\":\"Bad date.\",\"published\":\"someday\"}\n",
    );
    let o = run(
        dyad().args(["code", "--format", "json", "-"]),
        Some(input.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1));
    let docs = stdout_json(&o);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["doc_id"], "s1");
    assert_eq!(docs[0]["story_date"], "2020-01-02");
    assert!(docs[1]["doc_id"].as_str().unwrap().starts_with("doc-"));
    assert!(
        stderr(&o).contains("<stdin>:3: unreadable published date \"someday\""),
        "{}",
        stderr(&o)
    );
    // Same text, same id.
    let again = run(
        dyad().args(["code", "--format", "json"]),
        Some(input.as_bytes()),
    );
    assert_eq!(stdout_json(&again)[1]["doc_id"], docs[1]["doc_id"]);
}

#[test]
fn interchange_formats_run() {
    let t = TempDir::new();
    let a = t.file("a.txt", GOOD);
    for f in ["jsonl", "plover", "gdelt"] {
        let o = run(dyad().args(["code", "--format", f]).arg(&a), None);
        assert_eq!(o.status.code(), Some(0), "{f}: {}", stderr(&o));
        let out = String::from_utf8(o.stdout).unwrap();
        for line in out.lines() {
            match f {
                "gdelt" => assert_eq!(line.split('\t').count(), 61),
                _ => {
                    serde_json::from_str::<serde_json::Value>(line).unwrap();
                }
            }
        }
    }
}

#[test]
fn resolve_actor_shape() {
    let o = run(
        dyad().args(["resolve-actor", "Kenyan riot police", "a parrot named Kiwi"]),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = stdout_json(&o);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["text"], "Kenyan riot police");
    assert_eq!(rows[1]["text"], "a parrot named Kiwi");
    for r in &rows {
        let mut keys: Vec<_> = r.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["country", "igo", "name", "sector", "text"]);
    }
    let o = run(
        dyad().args(["resolve-actor", "--date", "2012-05-01", "-"]),
        Some(b"Turkish troops\n\nthe Arab League\n"),
    );
    assert_eq!(o.status.code(), Some(0));
    let rows = stdout_json(&o);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["text"], "the Arab League");
    let o = run(
        dyad().args(["resolve-actor", "--date", "May 2012", "x"]),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn eval_gold_file() {
    let t = TempDir::new();
    let g = t.file(
        "gold.jsonl",
        concat!(
            "{\"text\":\"Vietnam accused China of ramming a fishing boat.\",\"published\":\"2019-04-02\",",
            "\"events\":[{\"event_type\":\"ACCUSE\",\"actor\":{\"country\":\"VNM\"},\"recipient\":{\"country\":\"CHN\"}}]}\n",
            "{\"text\":\"The weather was mild.\",\"events\":[]}\n",
        ),
    );
    let o = run(dyad().args(["eval", "--json"]).arg(&g), None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r = &stdout_json(&o)[0]["report"];
    assert_eq!(r["units"], 2);
    assert_eq!(r["gold_events"], 1);
    let text = run(dyad().arg("eval").arg(&g), None);
    assert!(String::from_utf8(text.stdout)
        .unwrap()
        .contains("full-record accuracy"));

    let bad = t.file("bad.jsonl", "{\"text\": \"x\", \"events\": [{}]}\n");
    let o = run(dyad().arg("eval").arg(&bad), None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bad.jsonl:1: malformed gold record"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn eval_ngec_split_counts() {
    let o = run(dyad().args(["eval", "--json", "--split", "test"]), None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = &stdout_json(&o)[0];
    let c = &v["split_counts"];
    let total =
        c["train"].as_u64().unwrap() + c["dev"].as_u64().unwrap() + c["test"].as_u64().unwrap();
    assert_eq!(total, 4500);
    assert_eq!(v["report"]["documents"], c["test"]);
}

#[test]
fn eval_parser_prints_percentages() {
    // A two-word sentence the shipped model tags and attaches right: every
    // score is 100.00, printed as a percentage (not 10000.00).
    let t = TempDir::new();
    let f = t.file(
        "tiny.conllu",
        "# text = France protested.\n1\tFrance\tFrance\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n",
    );
    let out = dyad().arg("eval-parser").arg(&f).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    for key in ["UPOS", "UAS"] {
        let v: f64 = s
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|x| x.parse().ok())
            .unwrap_or_else(|| panic!("no {key} in {s}"));
        assert!((0.0..=100.0).contains(&v), "{key} {v} in {s}");
    }
}
