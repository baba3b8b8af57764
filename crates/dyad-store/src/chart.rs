//! A hand-written SVG line chart of a trend: event counts by quad class in
//! the upper panel, the cooperation–conflict index and mean Goldstein
//! score (÷10) in the lower one, with axes, labels and a legend.

use std::fmt::Write as _;

use crate::trend::TrendRow;

const W: f64 = 960.0;
const H: f64 = 600.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 200.0;
const TOP: f64 = 50.0;
const GAP: f64 = 40.0;
const BOTTOM: f64 = 70.0;

/// Quad class names and colours.
const QUADS: [(&str, &str); 4] = [
    ("verbal cooperation", "#2b83ba"),
    ("material cooperation", "#1a9641"),
    ("verbal conflict", "#fdae61"),
    ("material conflict", "#d7191c"),
];

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

/// A "nice" tick step for a 0..max axis with about five ticks.
fn tick_step(max: f64) -> f64 {
    let raw = (max / 5.0).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let r = raw / mag;
    let nice = if r <= 1.0 {
        1.0
    } else if r <= 2.0 {
        2.0
    } else if r <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Renders the chart as SVG text.
pub fn svg(title: &str, rows: &[TrendRow]) -> String {
    let plot_w = W - LEFT - RIGHT;
    let panel_h = (H - TOP - BOTTOM - GAP) / 2.0;
    let top1 = TOP;
    let top2 = TOP + panel_h + GAP;
    let n = rows.len();
    let x = |i: usize| -> f64 {
        if n <= 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let max_count = rows
        .iter()
        .flat_map(|r| r.quad.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let step = tick_step(max_count);
    let ymax = (max_count / step).ceil() * step;
    let y1 = |v: f64| top1 + panel_h - panel_h * v / ymax;
    let y2 = |v: f64| top2 + panel_h / 2.0 - (panel_h / 2.0) * v.clamp(-1.0, 1.0);

    let mut s = String::with_capacity(16 * 1024);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{}" y="28" font-size="17" font-weight="bold">{}</text>"#,
        LEFT,
        esc(title)
    );
    // Panel frames, grid lines and y labels.
    let mut v = 0.0;
    while v <= ymax + 1e-9 {
        let y = y1(v);
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e0e0e0"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            LEFT + plot_w,
            LEFT - 6.0,
            y + 4.0,
            v
        );
        v += step;
    }
    for t in [-1.0, -0.5, 0.0, 0.5, 1.0] {
        let y = y2(t);
        let stroke = if t == 0.0 { "#888" } else { "#e0e0e0" };
        let _ = writeln!(
            s,
            r#"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{stroke}"/><text x="{:.1}" y="{:.1}" text-anchor="end">{t}</text>"#,
            LEFT + plot_w,
            LEFT - 6.0,
            y + 4.0
        );
    }
    for top in [top1, top2] {
        let _ = writeln!(
            s,
            r#"<rect x="{LEFT}" y="{top:.1}" width="{plot_w:.1}" height="{panel_h:.1}" fill="none" stroke="black"/>"#
        );
    }
    let _ = writeln!(
        s,
        r#"<text transform="translate(18,{:.1}) rotate(-90)" text-anchor="middle">events</text>"#,
        top1 + panel_h / 2.0
    );
    let _ = writeln!(
        s,
        r#"<text transform="translate(18,{:.1}) rotate(-90)" text-anchor="middle">index</text>"#,
        top2 + panel_h / 2.0
    );
    // X labels, at most about 12.
    let every = n.div_ceil(12).max(1);
    for (i, r) in rows.iter().enumerate() {
        if i % every != 0 && i + 1 != n {
            continue;
        }
        let xi = x(i);
        let yb = top2 + panel_h;
        let _ = writeln!(
            s,
            r#"<line x1="{xi:.1}" y1="{yb:.1}" x2="{xi:.1}" y2="{:.1}" stroke="black"/><text transform="translate({:.1},{:.1}) rotate(-35)" text-anchor="end">{}</text>"#,
            yb + 5.0,
            xi + 4.0,
            yb + 18.0,
            esc(&r.period)
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">period</text>"#,
        LEFT + plot_w / 2.0,
        H - 8.0
    );
    // Series.
    let line = |s: &mut String, pts: &[(f64, f64)], color: &str, dash: &str| {
        if pts.len() > 1 {
            let d: Vec<String> = pts.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
            let _ = writeln!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2"{dash}/>"#,
                d.join(" ")
            );
        }
        for (a, b) in pts {
            let _ = writeln!(
                s,
                r#"<circle cx="{a:.1}" cy="{b:.1}" r="3" fill="{color}"/>"#
            );
        }
    };
    for (q, (_, color)) in QUADS.iter().enumerate() {
        let pts: Vec<(f64, f64)> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (x(i), y1(r.quad[q] as f64)))
            .collect();
        line(&mut s, &pts, color, "");
    }
    let idx: Vec<(f64, f64)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.events > 0)
        .map(|(i, r)| (x(i), y2(r.cc_index)))
        .collect();
    line(&mut s, &idx, "#222222", "");
    let gold: Vec<(f64, f64)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.events > 0)
        .map(|(i, r)| (x(i), y2(r.goldstein_mean / 10.0)))
        .collect();
    line(&mut s, &gold, "#7b3294", r#" stroke-dasharray="6,4""#);
    // Legend.
    let lx = LEFT + plot_w + 16.0;
    let mut ly = top1 + 10.0;
    let _ = writeln!(
        s,
        r#"<text x="{lx:.1}" y="{ly:.1}" font-weight="bold">events by quad class</text>"#
    );
    for (name, color) in QUADS {
        ly += 20.0;
        let _ = writeln!(
            s,
            r#"<line x1="{lx:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="3"/><text x="{:.1}" y="{ly:.1}">{name}</text>"#,
            ly - 4.0,
            lx + 22.0,
            ly - 4.0,
            lx + 28.0
        );
    }
    ly = top2 + 10.0;
    let _ = writeln!(
        s,
        r#"<text x="{lx:.1}" y="{ly:.1}" font-weight="bold">per period</text>"#
    );
    for (name, color, dash) in [
        ("cooperation–conflict", "#222222", ""),
        (
            "mean Goldstein ÷ 10",
            "#7b3294",
            r#" stroke-dasharray="6,4""#,
        ),
    ] {
        ly += 20.0;
        let _ = writeln!(
            s,
            r#"<line x1="{lx:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="3"{dash}/><text x="{:.1}" y="{ly:.1}">{name}</text>"#,
            ly - 4.0,
            lx + 22.0,
            ly - 4.0,
            lx + 28.0
        );
    }
    ly += 24.0;
    let _ = writeln!(
        s,
        r##"<text x="{lx:.1}" y="{ly:.1}" font-size="10" fill="#555">index = (q1+q2−q3−q4)/events</text>"##
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn svg_is_well_formed_enough() {
        let row = |p: &str, q: [u64; 4]| TrendRow {
            period: p.into(),
            start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            events: q.iter().sum(),
            quad: q,
            goldstein_mean: 1.5,
            cc_index: 0.5,
            mentions: 3,
        };
        let s = svg(
            "KEN <-> TZA",
            &[row("2024-01", [2, 0, 1, 0]), row("2024-02", [0, 1, 0, 3])],
        );
        assert!(s.starts_with("<svg"));
        assert!(s.trim_end().ends_with("</svg>"));
        assert!(s.contains("KEN &lt;-&gt; TZA"));
        assert_eq!(s.matches("<polyline").count(), 6);
        assert!(s.contains("2024-02"));
        assert_eq!(tick_step(7.0), 2.0);
        assert_eq!(tick_step(40.0), 10.0);
        // No rows still gives a valid frame.
        assert!(svg("x", &[]).contains("</svg>"));
    }
}
