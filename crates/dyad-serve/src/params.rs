//! Query-string validation: turns the raw `key=value` pairs of a request
//! into an event filter, paging and trend options, or a 400 message.

use chrono::NaiveDate;
use dyad_store::{EventFilter, Period};

/// A bad query parameter, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamError(pub String);

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Default and largest page size.
pub const DEFAULT_PER_PAGE: u64 = 50;
pub const MAX_PER_PAGE: u64 = 500;
/// Longest accepted filter value, in bytes.
const MAX_VALUE: usize = 200;

/// Event filters plus paging, as `dyad events` takes them.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    pub filter: EventFilter,
    pub page: u64,
    pub per_page: u64,
}

/// Parses `A-B` into its two sides.
pub fn parse_dyad(s: &str) -> Result<(String, String), ParamError> {
    match s.split_once('-') {
        Some((a, b)) if valid_side(a) && valid_side(b) => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(ParamError(format!(
            "dyad {s:?}: want two sides joined by '-', e.g. CHN-FRA"
        ))),
    }
}

fn valid_side(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && !s.contains('-')
}

/// `YYYY-MM-DD` or `YYYY-MM`; `end` picks the last day of a month.
pub fn parse_date(name: &str, s: &str, end: bool) -> Result<NaiveDate, ParamError> {
    let bad = || ParamError(format!("{name} {s:?}: want YYYY-MM-DD or YYYY-MM"));
    let s = s.trim();
    match s.len() {
        10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad()),
        7 => {
            let first =
                NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").map_err(|_| bad())?;
            if !end {
                return Ok(first);
            }
            let next = first
                .checked_add_months(chrono::Months::new(1))
                .ok_or_else(bad)?;
            next.pred_opt().ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

fn parse_num(name: &str, s: &str, lo: u64, hi: u64) -> Result<u64, ParamError> {
    match s.trim().parse::<u64>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(ParamError(format!(
            "{name} {s:?}: want a whole number from {lo} to {hi}"
        ))),
    }
}

/// Non-empty pairs, with each value's length checked.
fn pairs(raw: &[(String, String)]) -> Result<Vec<(&str, &str)>, ParamError> {
    let mut v = Vec::with_capacity(raw.len());
    for (k, val) in raw {
        if val.len() > MAX_VALUE {
            return Err(ParamError(format!(
                "{k}: value longer than {MAX_VALUE} bytes"
            )));
        }
        if !val.trim().is_empty() {
            v.push((k.as_str(), val.as_str()));
        }
    }
    Ok(v)
}

/// The keys [`event_query`] takes.
pub const EVENT_KEYS: [&str; 10] = [
    "actor",
    "recipient",
    "dyad",
    "type",
    "quad",
    "from",
    "to",
    "place",
    "page",
    "per_page",
];

/// Parses the event filters and paging; `extra` lists further keys the
/// caller handles itself (they are skipped here, anything else is a 400).
pub fn event_query(raw: &[(String, String)], extra: &[&str]) -> Result<EventQuery, ParamError> {
    let mut q = EventQuery {
        page: 1,
        per_page: DEFAULT_PER_PAGE,
        ..EventQuery::default()
    };
    for (k, v) in pairs(raw)? {
        let v = v.trim();
        match k {
            "actor" => q.filter.actor = Some(v.to_string()),
            "recipient" => q.filter.recipient = Some(v.to_string()),
            "dyad" => q.filter.dyad = Some(parse_dyad(v)?),
            "type" => {
                if !v.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') {
                    return Err(ParamError(format!("type {v:?}: want a PLOVER event type")));
                }
                q.filter.event_type = Some(v.to_uppercase());
            }
            "quad" => q.filter.quad = Some(parse_num("quad", v, 1, 4)? as u8),
            "from" => q.filter.from = Some(parse_date("from", v, false)?),
            "to" => q.filter.to = Some(parse_date("to", v, true)?),
            "place" => q.filter.place = Some(v.to_string()),
            "page" => q.page = parse_num("page", v, 1, 1_000_000)?,
            "per_page" => q.per_page = parse_num("per_page", v, 1, MAX_PER_PAGE)?,
            _ if extra.contains(&k) => {}
            _ => return Err(ParamError(format!("unknown parameter {k:?}"))),
        }
    }
    if let (Some(a), Some(b)) = (q.filter.from, q.filter.to) {
        if a > b {
            return Err(ParamError(format!("from {a} is after to {b}")));
        }
    }
    Ok(q)
}

/// `day`, `week` or `month`.
pub fn parse_period(s: &str) -> Result<Period, ParamError> {
    match s.trim() {
        "day" => Ok(Period::Day),
        "week" => Ok(Period::Week),
        "month" => Ok(Period::Month),
        other => Err(ParamError(format!("by {other:?}: want day, week or month"))),
    }
}

/// The value of `key` (last one wins; blank counts as absent).
pub fn get<'a>(raw: &'a [(String, String)], key: &str) -> Option<&'a str> {
    raw.iter()
        .rev()
        .find(|(k, v)| k == key && !v.trim().is_empty())
        .map(|(_, v)| v.trim())
}

/// Checks that only `allowed` keys appear.
pub fn only(raw: &[(String, String)], allowed: &[&str]) -> Result<(), ParamError> {
    for (k, v) in raw {
        if !allowed.contains(&k.as_str()) {
            return Err(ParamError(format!("unknown parameter {k:?}")));
        }
        if v.len() > MAX_VALUE {
            return Err(ParamError(format!(
                "{k}: value longer than {MAX_VALUE} bytes"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn parses_filters_and_paging() {
        let q = event_query(
            &raw(&[
                ("dyad", "BRA-ARG"),
                ("from", "2023-02"),
                ("to", "2023-02"),
                ("quad", "2"),
                ("page", "3"),
                ("per_page", "10"),
                ("place", ""),
            ]),
            &[],
        )
        .unwrap();
        assert_eq!(q.filter.dyad, Some(("BRA".into(), "ARG".into())));
        assert_eq!(q.filter.from, NaiveDate::from_ymd_opt(2023, 2, 1));
        assert_eq!(q.filter.to, NaiveDate::from_ymd_opt(2023, 2, 28));
        assert_eq!(q.filter.quad, Some(2));
        assert_eq!((q.page, q.per_page), (3, 10));
        assert_eq!(q.filter.place, None);
    }

    #[test]
    fn rejects_bad_values() {
        for p in [
            ("from", "2023-13-01"),
            ("to", "yesterday"),
            ("quad", "5"),
            ("page", "0"),
            ("per_page", "501"),
            ("per_page", "-1"),
            ("dyad", "BRA"),
            ("dyad", "BRA-"),
            ("type", "1 OR 1"),
            ("colour", "red"),
        ] {
            assert!(event_query(&raw(&[p]), &[]).is_err(), "{p:?}");
        }
        assert!(event_query(&raw(&[("from", "2024-02-01"), ("to", "2024-01-01")]), &[]).is_err());
        assert!(parse_period("year").is_err());
    }
}
