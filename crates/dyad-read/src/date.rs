//! Date normalisation: turns the date spellings found in pages, feeds,
//! archives and spreadsheets into RFC 3339 (when a time and zone are known)
//! or `YYYY-MM-DD` (when only the day is), the two forms the CLI accepts.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, SecondsFormat};

/// Normalised date, or `None` when `s` is not a readable date.
pub(crate) fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return zoned(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return zoned(d);
    }
    const ZONED: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f %:z",
        "%Y-%m-%d %H:%M:%S%.f %z",
    ];
    for f in ZONED {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return zoned(d);
        }
    }
    // A "Z" without seconds, e.g. 2024-03-14T09:30Z.
    if let Some(body) = s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        if let Ok(d) = NaiveDateTime::parse_from_str(body, "%Y-%m-%dT%H:%M") {
            return in_range(d.date()).then(|| format!("{}:00Z", d.format("%Y-%m-%dT%H:%M")));
        }
    }
    // Local times without a zone: the day is certain, the instant is not.
    const NAIVE: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    for f in NAIVE {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return day(d.date());
        }
    }
    const DAYS: &[&str] = &[
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y%m%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%b. %d, %Y",
        "%A, %B %d, %Y",
        "%A, %d %B %Y",
    ];
    for f in DAYS {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return day(d);
        }
    }
    // Anything else that starts with an ISO day (odd zone spellings).
    if s.len() > 10 && s.is_char_boundary(10) {
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
            if s.as_bytes()[10] == b'T' || s.as_bytes()[10] == b' ' {
                return day(d);
            }
        }
    }
    None
}

fn in_range(d: NaiveDate) -> bool {
    (1800..=2200).contains(&d.year())
}

fn zoned(d: DateTime<chrono::FixedOffset>) -> Option<String> {
    in_range(d.date_naive()).then(|| d.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

fn day(d: NaiveDate) -> Option<String> {
    in_range(d).then(|| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::normalize;

    fn n(s: &str) -> Option<String> {
        normalize(s)
    }

    #[test]
    fn zoned_forms_become_rfc3339() {
        assert_eq!(
            n("2024-03-14T09:30:00+03:00").as_deref(),
            Some("2024-03-14T09:30:00+03:00")
        );
        assert_eq!(
            n("2024-03-14T06:30:00+00:00").as_deref(),
            Some("2024-03-14T06:30:00Z")
        );
        assert_eq!(
            n("Thu, 14 Mar 2024 06:30:00 GMT").as_deref(),
            Some("2024-03-14T06:30:00Z")
        );
        assert_eq!(
            n("Thu, 14 Mar 2024 09:30:00 +0300").as_deref(),
            Some("2024-03-14T09:30:00+03:00")
        );
        assert_eq!(
            n("2024-03-14T09:30:00.250+0300").as_deref(),
            Some("2024-03-14T09:30:00.250+03:00")
        );
        assert_eq!(
            n("2024-03-14T09:30Z").as_deref(),
            Some("2024-03-14T09:30:00Z")
        );
    }

    #[test]
    fn day_forms_become_iso_days() {
        assert_eq!(n("2019-04-10").as_deref(), Some("2019-04-10"));
        assert_eq!(n("2019/04/10").as_deref(), Some("2019-04-10"));
        assert_eq!(n("April 10, 2019").as_deref(), Some("2019-04-10"));
        assert_eq!(n("10 April 2019").as_deref(), Some("2019-04-10"));
        assert_eq!(n("2019-04-10T08:00:00").as_deref(), Some("2019-04-10"));
        assert_eq!(n("2019-04-10 08:00").as_deref(), Some("2019-04-10"));
    }

    #[test]
    fn unreadable_is_none() {
        assert_eq!(n(""), None);
        assert_eq!(n("yesterday"), None);
        assert_eq!(n("2019-13-40"), None);
        assert_eq!(n("0001-01-01"), None);
    }
}
