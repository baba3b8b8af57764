//! The merge rule: when two mentions report the same real-world event.
//!
//! Two mentions are one event when they have the same PLOVER type and
//! polarity, the same actor and recipient (as an unordered pair for
//! symmetric types), dates that agree within the precision of each, and
//! compatible places. See the crate README for the full statement.

use chrono::{Datelike, NaiveDate};
use dyad_code::record::Actor;
use dyad_code::Event;

/// Event types whose two sides are interchangeable: "A met B" and "B met A"
/// (or "B hosted A", "A visited B") describe one event.
pub const SYMMETRIC_TYPES: &[&str] = &["CONSULT", "COOPERATE"];

/// Tunables of the merge rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DedupOptions {
    /// Largest distance in days between two day-precision dates of one event.
    pub window_days: u32,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions { window_days: 1 }
    }
}

/// How precise a date is; lower is finer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Day = 0,
    Month = 1,
    Year = 2,
    /// No date at all (neither event date nor story date).
    None = 3,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::None => "none",
        }
    }
    pub fn parse(s: &str) -> Precision {
        match s {
            "month" => Precision::Month,
            "year" => Precision::Year,
            "none" => Precision::None,
            _ => Precision::Day,
        }
    }
}

/// A date as the closed interval of days (`num_days_from_ce`) it may mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub lo: i32,
    pub hi: i32,
    pub precision: Precision,
}

impl DateSpan {
    /// The span of an ISO date text at the given precision (`2025-03-11`,
    /// `2025-03`, `2025`); `None` when unreadable.
    pub fn parse(text: &str, precision: Precision) -> Option<DateSpan> {
        let t = text.trim();
        let (y, m, d) = match precision {
            Precision::Year => (t.get(..4)?.parse().ok()?, None, None),
            Precision::Month => (
                t.get(..4)?.parse().ok()?,
                Some(t.get(5..7)?.parse().ok()?),
                None,
            ),
            _ => (
                t.get(..4)?.parse().ok()?,
                Some(t.get(5..7)?.parse().ok()?),
                Some(t.get(8..10)?.parse().ok()?),
            ),
        };
        let year: i32 = y;
        let (lo, hi) = match (m, d) {
            (Some(m), Some(d)) => {
                let day = NaiveDate::from_ymd_opt(year, m, d)?;
                (day, day)
            }
            (Some(m), None) => {
                let first = NaiveDate::from_ymd_opt(year, m, 1)?;
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, m + 1, 1)?
                };
                (first, next.pred_opt()?)
            }
            _ => (
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            ),
        };
        Some(DateSpan {
            lo: lo.num_days_from_ce(),
            hi: hi.num_days_from_ce(),
            precision,
        })
    }

    /// True when the two spans can be one date: two day dates within
    /// `window` days; otherwise the spans overlap (a day in that month, a
    /// month in that year).
    pub fn matches(&self, other: &DateSpan, window: u32) -> bool {
        if self.precision == Precision::Day && other.precision == Precision::Day {
            (self.lo - other.lo).unsigned_abs() <= window
        } else {
            self.lo <= other.hi && other.lo <= self.hi
        }
    }

    /// Distance between the spans' midpoints, in half-days (for ranking).
    pub fn distance(&self, other: &DateSpan) -> u32 {
        ((self.lo + self.hi) - (other.lo + other.hi)).unsigned_abs()
    }
}

/// The first day of a span as a date.
pub fn day_to_date(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

/// An actor's identity for matching: its country code, else `IGO:` + its
/// organisation, else `NAME:` + its upper-cased name or text; "" when absent.
pub fn actor_key(a: Option<&Actor>) -> String {
    let Some(a) = a else {
        return String::new();
    };
    if let Some(c) = a.country.as_deref().filter(|c| !c.is_empty()) {
        return c.to_string();
    }
    if let Some(i) = a.igo.as_deref().filter(|c| !c.is_empty()) {
        return format!("IGO:{}", i.to_uppercase());
    }
    let name = a.name.as_deref().unwrap_or(&a.text);
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("NAME:{}", name.to_uppercase())
}

/// What a mention must share with an event to be merged into it.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchKey {
    pub event_type: String,
    pub negated: bool,
    pub actor: String,
    pub recipient: String,
    /// `(actor, recipient)`, sorted for symmetric types.
    pub match_a: String,
    pub match_b: String,
    pub span: Option<DateSpan>,
    /// Country of the event's place, if any.
    pub place_country: Option<String>,
}

/// True for a type whose actor and recipient may be swapped.
pub fn is_symmetric(event_type: &str) -> bool {
    SYMMETRIC_TYPES.contains(&event_type)
}

/// The event's primary actor (the single one, else the first of a list).
pub fn primary_actor(ev: &Event) -> Option<&Actor> {
    ev.actor.as_ref().or(ev.actors.first())
}

/// The event's primary recipient.
pub fn primary_recipient(ev: &Event) -> Option<&Actor> {
    ev.recipient.as_ref().or(ev.recipients.first())
}

/// The event's date: its own, else the story date (day precision).
pub fn event_span(ev: &Event) -> Option<DateSpan> {
    if let Some(d) = ev.event_date.as_deref() {
        let p = match ev.date_precision.as_str() {
            "month" => Precision::Month,
            "year" => Precision::Year,
            _ => Precision::Day,
        };
        if let Some(s) = DateSpan::parse(d, p) {
            return Some(s);
        }
    }
    ev.story_date
        .as_deref()
        .and_then(|d| DateSpan::parse(d, Precision::Day))
}

/// The matching key of one coded event.
pub fn match_key(ev: &Event) -> MatchKey {
    let actor = actor_key(primary_actor(ev));
    let recipient = actor_key(primary_recipient(ev));
    let (match_a, match_b) = if is_symmetric(&ev.event_type) && recipient < actor {
        (recipient.clone(), actor.clone())
    } else {
        (actor.clone(), recipient.clone())
    };
    MatchKey {
        event_type: ev.event_type.clone(),
        negated: ev.negated,
        actor,
        recipient,
        match_a,
        match_b,
        span: event_span(ev),
        place_country: ev
            .location
            .as_ref()
            .and_then(|l| l.country.clone())
            .filter(|c| !c.is_empty()),
    }
}

/// Places are compatible when they name the same country or one is unknown.
pub fn places_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// The `YYYY-MM-DD`, `YYYY-MM` or `YYYY` text of a span.
pub fn span_text(s: &DateSpan) -> Option<String> {
    let d = day_to_date(s.lo)?;
    Some(match s.precision {
        Precision::Year => format!("{:04}", d.year()),
        Precision::Month => format!("{:04}-{:02}", d.year(), d.month()),
        _ => d.format("%Y-%m-%d").to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> DateSpan {
        DateSpan::parse(s, Precision::Day).unwrap()
    }

    #[test]
    fn day_window() {
        assert!(day("2024-07-01").matches(&day("2024-07-02"), 1));
        assert!(!day("2024-07-01").matches(&day("2024-07-03"), 1));
        assert!(day("2024-07-01").matches(&day("2024-07-03"), 2));
        assert!(day("2024-06-30").matches(&day("2024-07-01"), 1));
    }

    #[test]
    fn day_in_month_and_year() {
        let m = DateSpan::parse("2024-02", Precision::Month).unwrap();
        assert!(day("2024-02-29").matches(&m, 0));
        assert!(m.matches(&day("2024-02-01"), 0));
        assert!(!day("2024-03-01").matches(&m, 5));
        let y = DateSpan::parse("2023", Precision::Year).unwrap();
        assert!(!m.matches(&y, 0));
        assert!(day("2023-12-31").matches(&y, 0));
        assert_eq!(span_text(&m).unwrap(), "2024-02");
        assert_eq!(span_text(&y).unwrap(), "2023");
        assert!(DateSpan::parse("2024-13", Precision::Month).is_none());
    }

    #[test]
    fn keys_and_symmetry() {
        let a = |c: &str| Actor {
            text: c.into(),
            country: Some(c.into()),
            ..Actor::default()
        };
        let mut ev = Event {
            event_type: "CONSULT".into(),
            actor: Some(a("PER")),
            recipient: Some(a("CHL")),
            story_date: Some("2024-05-04".into()),
            ..Event::default()
        };
        let k1 = match_key(&ev);
        assert_eq!((k1.match_a.as_str(), k1.match_b.as_str()), ("CHL", "PER"));
        assert_eq!(k1.span.unwrap(), day("2024-05-04"));
        ev.event_type = "ACCUSE".into();
        let k2 = match_key(&ev);
        assert_eq!((k2.match_a.as_str(), k2.match_b.as_str()), ("PER", "CHL"));
        let named = Actor {
            text: "the  Wagner group".into(),
            ..Actor::default()
        };
        assert_eq!(actor_key(Some(&named)), "NAME:THE WAGNER GROUP");
        assert_eq!(actor_key(None), "");
    }

    #[test]
    fn place_rule() {
        assert!(places_compatible(Some("FRA"), None));
        assert!(places_compatible(None, None));
        assert!(!places_compatible(Some("FRA"), Some("CHN")));
    }
}
