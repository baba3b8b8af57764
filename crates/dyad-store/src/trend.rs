//! Per-period series for one dyad: event counts by quad class, mean
//! Goldstein score, the cooperation–conflict index and mentions.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::query::{where_clause, EventFilter};
use crate::{Result, Store, StoreError};

/// The length of a trend period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
}

impl Period {
    /// The first day of the period holding `d`.
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => d,
            Period::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
            Period::Month => d.with_day(1).unwrap_or(d),
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => start + Duration::days(1),
            Period::Week => start + Duration::days(7),
            Period::Month => {
                let (y, m) = if start.month() == 12 {
                    (start.year() + 1, 1)
                } else {
                    (start.year(), start.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(start + Duration::days(31))
            }
        }
    }

    /// The period's label: `2025-03-11`, `2025-W11`, `2025-03`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Day => start.format("%Y-%m-%d").to_string(),
            Period::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Period::Month => start.format("%Y-%m").to_string(),
        }
    }
}

/// One period of a trend.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TrendRow {
    pub period: String,
    /// First day of the period.
    pub start: NaiveDate,
    pub events: u64,
    /// Events by quad class: verbal cooperation, material cooperation,
    /// verbal conflict, material conflict.
    pub quad: [u64; 4],
    /// Mean Goldstein score of the events (0 when there are none).
    pub goldstein_mean: f64,
    /// (q1 + q2 − q3 − q4) / events, in −1..1 (0 when there are none).
    pub cc_index: f64,
    /// Mentions of the period's events, all articles together.
    pub mentions: u64,
}

/// Largest number of periods a trend returns (guards `--by day` over decades).
pub const MAX_PERIODS: usize = 20_000;

impl Store {
    /// The series for events between `a` and `b` (codes or names, either
    /// direction unless `directed`), one row per period from the first
    /// dated event to the last, empty periods included. An event counts
    /// in the period of the first day its date may mean (a month-dated
    /// event in the period holding the 1st of the month).
    pub fn trend(&self, a: &str, b: &str, by: Period, directed: bool) -> Result<Vec<TrendRow>> {
        let f = if directed {
            EventFilter {
                actor: Some(a.to_string()),
                recipient: Some(b.to_string()),
                ..EventFilter::default()
            }
        } else {
            EventFilter {
                dyad: Some((a.to_string(), b.to_string())),
                ..EventFilter::default()
            }
        };
        let (w, ps) = where_clause(&f)?;
        let sql = format!(
            "SELECT e.day_lo, e.quad_class, e.goldstein, e.num_mentions FROM events e
             WHERE {w} AND e.day_lo IS NOT NULL AND e.negated = 0"
        );
        let mut st = self.conn().prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(ps))?;
        // period start → (quad counts, goldstein sum, mentions)
        let mut acc: BTreeMap<NaiveDate, ([u64; 4], f64, u64)> = BTreeMap::new();
        while let Some(r) = rows.next()? {
            let day: i32 = r.get(0)?;
            let quad: i64 = r.get(1)?;
            let g: f64 = r.get(2)?;
            let m: i64 = r.get(3)?;
            let Some(d) = NaiveDate::from_num_days_from_ce_opt(day) else {
                continue;
            };
            let e = acc.entry(by.start(d)).or_insert(([0; 4], 0.0, 0));
            if (1..=4).contains(&quad) {
                e.0[(quad - 1) as usize] += 1;
            }
            e.1 += g;
            e.2 += m.max(0) as u64;
        }
        let (Some(first), Some(last)) = (acc.keys().next().copied(), acc.keys().last().copied())
        else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let mut p = first;
        while p <= last {
            if out.len() >= MAX_PERIODS {
                return Err(StoreError::Invalid(format!(
                    "more than {MAX_PERIODS} periods: use a longer --by"
                )));
            }
            let (quad, gsum, mentions) = acc.get(&p).copied().unwrap_or(([0; 4], 0.0, 0));
            let events: u64 = quad.iter().sum();
            let (gm, cc) = if events == 0 {
                (0.0, 0.0)
            } else {
                let n = events as f64;
                (
                    gsum / n,
                    (quad[0] as f64 + quad[1] as f64 - quad[2] as f64 - quad[3] as f64) / n,
                )
            };
            out.push(TrendRow {
                period: by.label(p),
                start: p,
                events,
                quad,
                goldstein_mean: gm,
                cc_index: cc,
                mentions,
            });
            p = by.next(p);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 13).unwrap(); // Thursday
        assert_eq!(
            Period::Week.start(d),
            NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()
        );
        assert_eq!(Period::Week.label(Period::Week.start(d)), "2025-W11");
        let dec = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap();
        assert_eq!(
            Period::Month.next(dec),
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
        );
        assert_eq!(Period::Month.label(dec), "2024-12");
        assert_eq!(Period::Day.label(d), "2025-03-13");
    }
}
