//! HTML building blocks for the dashboard: escaping, URL encoding, the page
//! frame and evidence highlighting of a record's sentence.

use serde_json::Value;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// Percent-encodes a query value or path segment (RFC 3986 unreserved kept).
pub fn url_enc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

/// `k=v&k=v` from pairs, encoded, skipping blank values.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", url_enc(k), url_enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1100px;color:#222;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;font-size:14px}
th{background:#f4f4f4}#events td:nth-child(2){white-space:nowrap}a{color:#1f5fa8}nav a{margin-right:1em}form.filters input,form.filters select{margin:0 .5em .3em 0;width:8em}
mark.trigger{background:#ffd54f;font-weight:bold}mark.actor{background:#bbdefb}mark.recipient{background:#c8e6c9}mark.date{background:#e1bee7}
.sentence{font-size:16px;line-height:1.6;margin:.3em 0 1em}.muted{color:#777;font-size:13px}.err{color:#b00020}
textarea{width:100%;height:14em}svg{max-width:100%;height:auto}";

/// A whole page: title, navigation and body.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t} · dyad</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>{STYLE}</style></head>\
         <body><nav><a href=\"/\">dyad</a><a href=\"/code\">code an article</a><a href=\"/network\">network</a>\
         <a href=\"/api/openapi.json\">API</a></nav><h1>{t}</h1>\n{body}\n</body></html>\n",
        t = esc(title)
    )
}

fn offset(v: &Value, path: &[&str]) -> Option<usize> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_u64().map(|n| n as usize)
}

/// The record's evidence sentence as HTML, with the trigger, actor,
/// recipient and date spans marked (`<mark class="trigger">` …), from the
/// record's char offsets into the document. Overlapping spans keep the
/// first in that order. Without a sentence text, the trigger alone.
pub fn highlight(record: &Value) -> String {
    let ev = &record["evidence"];
    let Some(sentence) = ev.get("sentence_text").and_then(Value::as_str) else {
        let t = ev.get("trigger").and_then(Value::as_str).unwrap_or("");
        return format!("<mark class=\"trigger\">{}</mark>", esc(t));
    };
    let chars: Vec<char> = sentence.chars().collect();
    let base = offset(ev, &["start"]).unwrap_or(0);
    let wanted: [(&str, Option<usize>, Option<usize>); 4] = [
        (
            "trigger",
            offset(ev, &["trigger_start"]),
            offset(ev, &["trigger_end"]),
        ),
        (
            "actor",
            offset(record, &["actor", "start"]),
            offset(record, &["actor", "end"]),
        ),
        (
            "recipient",
            offset(record, &["recipient", "start"]),
            offset(record, &["recipient", "end"]),
        ),
        (
            "date",
            offset(ev, &["date_start"]),
            offset(ev, &["date_end"]),
        ),
    ];
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    for (class, s, e) in wanted {
        let (Some(s), Some(e)) = (s, e) else { continue };
        if s < base || e <= s {
            continue;
        }
        let (s, e) = (s - base, e - base);
        if e > chars.len() || spans.iter().any(|&(a, b, _)| s < b && a < e) {
            continue;
        }
        spans.push((s, e, class));
    }
    spans.sort_unstable();
    let mut o = String::with_capacity(sentence.len() * 2);
    let mut pos = 0;
    let text = |a: usize, b: usize| esc(&chars[a..b].iter().collect::<String>());
    for (s, e, class) in spans {
        o.push_str(&text(pos, s));
        o.push_str(&format!("<mark class=\"{class}\">{}</mark>", text(s, e)));
        pos = e;
    }
    o.push_str(&text(pos, chars.len()));
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(url_enc("A B/é"), "A%20B%2F%C3%A9");
    }

    #[test]
    fn highlights_spans_relative_to_sentence() {
        let rec = serde_json::json!({
            "evidence": {"start": 10, "end": 50, "trigger": "warned",
                "trigger_start": 17, "trigger_end": 23, "sentence_text": "Norway warned <Sweden> on Friday.",
                "date_start": 33, "date_end": 42},
            "actor": {"start": 10, "end": 16},
            "recipient": {"start": 25, "end": 31}
        });
        let h = highlight(&rec);
        assert_eq!(
            h,
            "<mark class=\"actor\">Norway</mark> <mark class=\"trigger\">warned</mark> &lt;<mark class=\"recipient\">Sweden</mark>&gt; <mark class=\"date\">on Friday</mark>."
        );
    }

    #[test]
    fn bad_offsets_do_not_panic() {
        let rec = serde_json::json!({
            "evidence": {"start": 5, "trigger_start": 2, "trigger_end": 900,
                "sentence_text": "Short.", "date_start": 7, "date_end": 6},
            "actor": {"start": 5, "end": 8}
        });
        assert_eq!(highlight(&rec), "<mark class=\"actor\">Sho</mark>rt.");
    }
}
