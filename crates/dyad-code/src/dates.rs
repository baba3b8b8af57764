//! Time expressions: find them in a sentence and resolve them against the
//! story date.
//!
//! Works on the tokens of [`dyad_text::tokenize`]. Recognised expressions
//! (case-insensitive except month names, which must be capitalised):
//! * absolute: ISO `2025-06-23`; `June 23, 2025`, `June 23rd 2025`,
//!   `23 June 2025`, `the 23rd of June 2025`, `Jan. 5, 2024` (day);
//!   `June 2025` (month); years `in 2024`, `2024 marked`, `since 2019`,
//!   `mid-2024` (year);
//! * month/day without a year: `April 5`, `5 April`, `Jan. 5`, `the 5th of
//!   April` (day, year chosen relative to the story date);
//! * months without a year: `in April`, `early April`, `late March`,
//!   `mid-May`, `last April`, `next March` (month);
//! * weekdays: `on Monday`, `Monday's talks`, `Monday night`, `last Friday`,
//!   `next Friday`, `this Friday`, `Monday, June 23` (the explicit date wins);
//! * `yesterday`, `today`, `tomorrow`, `tonight`, `last night`, `this
//!   morning` (day); `last/this/next week`, `earlier/later this week`, `the
//!   weekend` (week); `last/this/next month`, `earlier this month` (month);
//!   `last/this/next year` (year); `three days ago`, `a week ago`, `two months
//!   ago`, `80 years ago`.
//!
//! Resolution, with story date S: a weekday is the most recent such day on or
//! before S (S itself when it is that weekday); a month without a year is the
//! most recent such month not after S's month; a month/day without a year the
//! most recent such date not after S. With a future reading (`Tense::Future`,
//! or `Tense::Auto` and a cue such as "will", "shall", "is set/due/expected
//! to", "scheduled", "upcoming", "plans to" shortly before the expression —
//! or right after a sentence-initial one) the next one on or after S is used
//! instead. "Would" is not a cue (reported speech: "said he would visit on
//! Monday" is past). `last X` is strictly before S, `next X` strictly after;
//! `this <weekday>` is the day in S's week. Weeks start on Monday: a `Week`
//! mention's date is that Monday (for `the weekend`, the Saturday).
//! Relative expressions are skipped when there is no story date.
//!
//! Span: the expression plus its modifiers and one leading preposition
//! ("on Monday", "In early April", "since 2019", "earlier this month", "on
//! Monday night"); a possessive `'s` is not included ("Monday" in "Monday's
//! talks").
//!
//! False positives avoided: "May"/"March" need a date context (a preceding
//! preposition/modifier or a following day/year) and a capital; months before
//! a capitalised name ("June Carter") are ignored; a 4-digit number is a year
//! only in 1800–2100, written without separators, after a year cue ("in",
//! "since", "by", "early", …) or before punctuation, a verb-like word
//! ("marks", "was", …) or a capitalised word — so "2000 troops", "2,024
//! troops", "80th anniversary", "$2024" are not years. Generic "in today's
//! world" is not a date.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use dyad_text::{tokenize, Span, Token, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    /// A week (its Monday; for "the weekend" its Saturday).
    Week,
    Month,
    Year,
    /// Fell back to the story date.
    Story,
}

impl Precision {
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Story => "story",
        }
    }
}

/// How to read expressions that could point either way ("on Friday",
/// "in April").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tense {
    /// Past unless a future cue is found near the expression.
    #[default]
    Auto,
    Past,
    Future,
}

/// A time expression found in the text, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Byte span of the expression ("on Monday", "early April").
    pub span: Span,
    /// The resolved date (first day of the month/year for coarser precision,
    /// the Monday for a week).
    pub date: NaiveDate,
    pub precision: Precision,
}

/// Parses the `published` field: ISO date (`2025-06-24`, also `2025/06/24`),
/// RFC 3339 / ISO datetime (`2025-06-24T10:00:00Z`, `2025-06-24 10:00`),
/// RFC 2822 (`Tue, 24 Jun 2025 10:00:00 +0000`) or a written date ("June 24,
/// 2025"). The date is the one written (local to the given offset).
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        let rest = &s[10..];
        let sep_ok = rest.is_empty() || rest.starts_with(['T', 't', ' ', '_']);
        if sep_ok {
            let norm = head.replace('/', "-");
            if let Ok(d) = NaiveDate::parse_from_str(&norm, "%Y-%m-%d") {
                return Some(d);
            }
        }
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.naive_local().date());
    }
    find_dates(s, Span::new(0, s.len()), None)
        .into_iter()
        .find(|m| m.precision == Precision::Day)
        .map(|m| m.date)
}

/// Finds and resolves time expressions inside `within` (a sentence span),
/// reading ambiguous ones as past unless a future cue is near
/// ([`Tense::Auto`]). Mentions are in text order and do not overlap.
pub fn find_dates(text: &str, within: Span, story: Option<NaiveDate>) -> Vec<DateMention> {
    find_dates_with(text, within, story, Tense::Auto)
}

/// [`find_dates`] with an explicit tense reading.
pub fn find_dates_with(
    text: &str,
    within: Span,
    story: Option<NaiveDate>,
    tense: Tense,
) -> Vec<DateMention> {
    let toks = tokenize(text, within);
    find_dates_in_tokens(text, &toks, story, tense)
}

/// [`find_dates_with`] over tokens already made by [`dyad_text::tokenize`]
/// for one sentence (saves tokenising twice).
pub fn find_dates_in_tokens(
    text: &str,
    toks: &[Token],
    story: Option<NaiveDate>,
    tense: Tense,
) -> Vec<DateMention> {
    let cx = Cx { text, toks, story };
    let mut out = Vec::new();
    let mut i = 0;
    let mut floor = 0;
    while i < toks.len() {
        let Some(core) = cx.core(i) else {
            i += 1;
            continue;
        };
        let start = cx.extend_left(i, floor);
        let future = match tense {
            Tense::Future => true,
            Tense::Past => false,
            Tense::Auto => cx.future_cue(start, core.end),
        };
        if let Some((date, precision)) = cx.resolve(&core.what, future) {
            out.push(DateMention {
                span: Span::new(toks[start].span.start, toks[core.end - 1].span.end),
                date,
                precision,
            });
        }
        i = core.end;
        floor = core.end;
    }
    out
}

/// Direction of a relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    /// Bare: depends on the tense reading.
    Plain,
    /// "last": strictly before.
    Last,
    /// "this": the current one.
    This,
    /// "next"/"coming": strictly after.
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum What {
    Full(NaiveDate),
    MonthYear(i32, u32),
    Year(i32),
    DayMonth(u32, u32),
    Month(u32, Rel),
    Weekday(Weekday, Rel),
    /// Days from the story date (yesterday = -1).
    Offset(i64),
    /// last/this/next week|month|year: offset in units.
    Period(Unit, i32),
    Weekend(Rel),
    Ago(Unit, u32),
}

struct Core {
    end: usize,
    what: What,
}

struct Cx<'a> {
    text: &'a str,
    toks: &'a [Token],
    story: Option<NaiveDate>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Prepositions taken into the span (one, right before the expression).
#[rustfmt::skip]
const PREPS: &[&str] = &[
    "on", "in", "since", "during", "until", "till", "from", "by", "before", "after", "through",
    "throughout", "around", "over", "at", "into", "as",
];

/// Modifiers taken into the span.
const MODS: &[&str] = &["early", "late", "mid", "earlier", "later"];

/// Words before a year or an ambiguous month that mark a date context.
#[rustfmt::skip]
const DATE_CUES: &[&str] = &[
    "in", "since", "by", "until", "till", "through", "throughout", "during", "from", "before",
    "after", "of", "early", "late", "mid", "around", "circa", "year", "fiscal", "between", "and",
    "to", "end", "start", "beginning", "spring", "summer", "autumn", "fall", "winter", "last",
    "next", "this", "each", "every", "-",
];

/// Words before a bare month name that mark a date context (needed for
/// "May" and "March"; "to May" or "and May" are too weak).
const MONTH_CUES: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "through",
    "throughout",
    "during",
    "from",
    "before",
    "after",
    "of",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "each",
    "every",
    "-",
    "around",
    "on",
    "over",
    "into",
];

/// Lowercase words after a bare year that show it is used as a date.
#[rustfmt::skip]
const YEAR_VERBS: &[&str] = &[
    "marks", "marked", "mark", "was", "is", "will", "saw", "sees", "has", "had", "began",
    "begins", "ended", "ends", "brought", "brings", "remains", "also", "and", "or", "as", "when",
    "after", "before", "elections", "election", "summit", "census", "budget", "season",
];

#[rustfmt::skip]
const FUTURE_CUES: &[&str] = &[
    "will", "shall", "won't", "upcoming", "scheduled", "slated", "forthcoming",
];

/// Words that end the search for a tense cue (a new clause begins).
#[rustfmt::skip]
const CLAUSE_STOPS: &[&str] = &[
    "said", "says", "told", "that", "which", "who", "after", "before", "when", "while", "but",
    "since", "because", "although", ";", ":", ".", "reported", "announced",
];

fn month_index(norm: &str) -> Option<(u32, bool)> {
    // (month, is_abbreviation)
    let w = norm.strip_suffix('.').unwrap_or(norm);
    if let Some(p) = MONTHS.iter().position(|m| *m == w) {
        return Some((p as u32 + 1, false));
    }
    let m = match w {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some((m, true))
}

fn weekday_of(norm: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(n, _)| *n == norm).map(|(_, w)| *w)
}

fn number_word(norm: &str) -> Option<u32> {
    Some(match norm {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return None,
    })
}

fn unit_of(norm: &str) -> Option<Unit> {
    Some(match norm {
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "year" | "years" => Unit::Year,
        _ => return None,
    })
}

fn valid_year(y: u32) -> bool {
    (1800..=2100).contains(&y)
}

impl<'a> Cx<'a> {
    fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm.as_str())
    }

    fn prev_norm(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.norm(i - 1)
        }
    }

    fn cap(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.is_capitalized(self.text))
    }

    /// Day of month at token `i` ("5", "5th").
    fn day_at(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        if t.kind != TokenKind::Number {
            return None;
        }
        let v = if t.is_ordinal() {
            t.number_value()? as u32
        } else {
            let v = t.plain_int()?;
            if t.norm.len() > 2 {
                return None;
            }
            v
        };
        (1..=31).contains(&v).then_some(v)
    }

    /// A 4-digit year at token `i`.
    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.toks.get(i)?;
        if t.norm.len() != 4 {
            return None;
        }
        let y = t.plain_int()?;
        valid_year(y).then_some(y as i32)
    }

    /// Capitalised month name at `i`: (month, abbreviated).
    fn month_at(&self, i: usize) -> Option<(u32, bool)> {
        let t = self.toks.get(i)?;
        if t.kind != TokenKind::Word || !self.cap(i) {
            return None;
        }
        month_index(&t.norm)
    }

    /// Optional ", YYYY" or " YYYY" after a day at `i`: (year, end).
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        if self.norm(i) == "," {
            self.year_at(i + 1).map(|y| (y, i + 2))
        } else {
            self.year_at(i).map(|y| (y, i + 1))
        }
    }

    fn core(&self, i: usize) -> Option<Core> {
        let t = &self.toks[i];
        match t.kind {
            TokenKind::Number => self.number_core(i),
            TokenKind::Word => self.word_core(i),
            _ => None,
        }
    }

    fn number_core(&self, i: usize) -> Option<Core> {
        let toks = self.toks;
        // ISO 2025-06-23 (glued)
        if let Some(y) = self.year_at(i) {
            if i + 4 < toks.len()
                && toks[i + 1].norm == "-"
                && toks[i + 3].norm == "-"
                && toks[i + 1].span.start == toks[i].span.end
                && toks[i + 2].span.start == toks[i + 1].span.end
                && toks[i + 3].span.start == toks[i + 2].span.end
                && toks[i + 4].span.start == toks[i + 3].span.end
                && toks[i + 2].norm.len() <= 2
                && toks[i + 4].norm.len() <= 2
            {
                let m = toks[i + 2].plain_int();
                let d = toks[i + 4].plain_int();
                if let (Some(m), Some(d)) = (m, d) {
                    if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                        return Some(Core {
                            end: i + 5,
                            what: What::Full(date),
                        });
                    }
                }
            }
        }
        // 5 April [2025] / 5th of April [2025]
        if let Some(d) = self.day_at(i) {
            let mut j = i + 1;
            if self.norm(j) == "of" {
                j += 1;
            }
            if let Some((m, _)) = self.month_at(j) {
                if let Some((y, end)) = self.year_at(j + 1).map(|y| (y, j + 2)) {
                    if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                        return Some(Core {
                            end,
                            what: What::Full(date),
                        });
                    }
                } else if d <= days_in_month_max(m) {
                    return Some(Core {
                        end: j + 1,
                        what: What::DayMonth(m, d),
                    });
                }
            }
        }
        // N days/weeks/months/years ago
        if let Some(c) = self.ago(i) {
            return Some(c);
        }
        // Year
        let y = self.year_at(i)?;
        self.year_ok(i).then_some(Core {
            end: i + 1,
            what: What::Year(y),
        })
    }

    fn ago(&self, i: usize) -> Option<Core> {
        let t = &self.toks[i];
        let n = match t.kind {
            TokenKind::Number => t.plain_int()?,
            _ => number_word(&t.norm)?,
        };
        let unit = unit_of(self.norm(i + 1))?;
        (self.norm(i + 2) == "ago").then_some(Core {
            end: i + 3,
            what: What::Ago(unit, n),
        })
    }

    /// Is the 4-digit number at `i` used as a year?
    fn year_ok(&self, i: usize) -> bool {
        let toks = self.toks;
        let prev = self.prev_norm(i);
        let next = toks.get(i + 1);
        if matches!(
            prev,
            "$" | "€" | "£" | "¥" | "#" | "no." | "no" | "number" | "nos."
        ) || next.is_some_and(|n| matches!(n.norm.as_str(), "%" | "percent" | "per"))
        {
            return false;
        }
        // glued "-": "mid-2024" or a range "2019-2024"; other codes ("F-2024") are not years
        if prev == "-" && toks[i - 1].span.end == toks[i].span.start {
            let before = self.norm(i.wrapping_sub(2));
            return before == "mid" || self.year_at(i.wrapping_sub(2)).is_some();
        }
        if DATE_CUES.contains(&prev) {
            return true;
        }
        match next {
            None => true,
            Some(n) => match n.kind {
                TokenKind::Punct | TokenKind::Quote => {
                    // "2024-25" season or a range is fine; "2024-F" is a code
                    !(n.norm == "-"
                        && toks.get(i + 2).is_some_and(|x| {
                            x.kind == TokenKind::Word && n.span.end == x.span.start
                        }))
                }
                TokenKind::Number => false,
                TokenKind::Word => {
                    n.norm == "'s" || YEAR_VERBS.contains(&n.norm.as_str()) || self.cap(i + 1)
                }
            },
        }
    }

    fn word_core(&self, i: usize) -> Option<Core> {
        let n = self.norm(i);
        // weekday
        if let Some(w) = weekday_of(n) {
            return Some(self.weekday_core(i + 1, w, Rel::Plain));
        }
        // month
        if let Some((m, abbr)) = self.month_at(i) {
            return self.month_core(i, m, abbr, Rel::Plain);
        }
        match n {
            "yesterday" | "today" | "tomorrow" | "tonight" => {
                if n == "today"
                    && self.norm(i + 1) == "'s"
                    && matches!(self.prev_norm(i), "in" | "of" | "for")
                {
                    return None; // "in today's world"
                }
                // Capitalised inside a sentence: a title ("the Today
                // programme", "The Tonight Show").
                if self.cap(i) && i > 0 && self.toks[i - 1].kind != TokenKind::Quote {
                    return None;
                }
                let off = match n {
                    "yesterday" => -1,
                    "tomorrow" => 1,
                    _ => 0,
                };
                let end = self.time_of_day(i + 1);
                return Some(Core {
                    end,
                    what: What::Offset(off),
                });
            }
            "last" | "this" | "next" | "coming" | "past" => {
                return self.rel_core(i);
            }
            "the" => {
                // "over the weekend"
                if self.norm(i + 1) == "weekend"
                    && matches!(self.prev_norm(i), "over" | "at" | "during" | "on")
                {
                    return Some(Core {
                        end: i + 2,
                        what: What::Weekend(Rel::Plain),
                    });
                }
                // "the 5th of April": the expression starts at "the"
                if self.toks.get(i + 1).is_some_and(|t| t.is_ordinal()) {
                    if let Some(c) = self.number_core(i + 1) {
                        if matches!(c.what, What::DayMonth(..) | What::Full(_)) {
                            return Some(c);
                        }
                    }
                }
            }
            _ => {}
        }
        self.ago(i)
    }

    /// "last/this/next/coming ..." at `i`.
    fn rel_core(&self, i: usize) -> Option<Core> {
        let n = self.norm(i);
        let mut j = i + 1;
        let rel = match n {
            "last" | "past" => Rel::Last,
            "next" => Rel::Next,
            "coming" => Rel::Next,
            _ => {
                if self.norm(j) == "coming" {
                    j += 1;
                    Rel::Next
                } else {
                    Rel::This
                }
            }
        };
        let w = self.norm(j);
        if n == "past" && w != "weekend" {
            return None; // "the past week" is a duration
        }
        if let Some(wd) = weekday_of(w) {
            return Some(self.weekday_core(j + 1, wd, rel));
        }
        if let Some((m, false)) = self.month_at(j) {
            return Some(Core {
                end: j + 1,
                what: What::Month(m, rel),
            });
        }
        let off = match rel {
            Rel::Last => -1,
            Rel::Next => 1,
            _ => 0,
        };
        let what = match w {
            "week" => What::Period(Unit::Week, off),
            "month" => What::Period(Unit::Month, off),
            "year" => What::Period(Unit::Year, off),
            "weekend" => What::Weekend(rel),
            "night" if rel == Rel::Last => What::Offset(-1),
            "morning" | "afternoon" | "evening" if rel == Rel::This => What::Offset(0),
            _ => return None,
        };
        Some(Core { end: j + 1, what })
    }

    /// Weekday ending before `after`: optional time of day,
    /// or ", June 23[, 2025]" which then gives the date.
    fn weekday_core(&self, after: usize, w: Weekday, rel: Rel) -> Core {
        let mut j = after;
        if matches!(self.norm(j), "," | "(") {
            j += 1;
        }
        if let Some(c) = self.toks.get(j).and_then(|_| self.number_core_or_month(j)) {
            if matches!(c.what, What::Full(_) | What::DayMonth(..)) {
                let mut end = c.end;
                if self.norm(end) == ")" {
                    end += 1;
                }
                return Core { end, what: c.what };
            }
        }
        Core {
            end: self.time_of_day(after),
            what: What::Weekday(w, rel),
        }
    }

    fn number_core_or_month(&self, j: usize) -> Option<Core> {
        match self.toks[j].kind {
            TokenKind::Number => self.number_core(j),
            TokenKind::Word => {
                let (m, abbr) = self.month_at(j)?;
                self.month_core(j, m, abbr, Rel::Plain)
            }
            _ => None,
        }
    }

    fn time_of_day(&self, j: usize) -> usize {
        if matches!(
            self.norm(j),
            "morning" | "afternoon" | "evening" | "night" | "noon" | "midnight"
        ) {
            j + 1
        } else {
            j
        }
    }

    fn month_core(&self, i: usize, m: u32, abbr: bool, rel: Rel) -> Option<Core> {
        // Month Day[,] [Year]
        if let Some(d) = self.day_at(i + 1) {
            if let Some((y, end)) = self.year_after(i + 2) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(Core {
                        end,
                        what: What::Full(date),
                    });
                }
            }
            if d <= days_in_month_max(m) {
                return Some(Core {
                    end: i + 2,
                    what: What::DayMonth(m, d),
                });
            }
        }
        // Month Year
        if let Some(y) = self.year_at(i + 1) {
            return Some(Core {
                end: i + 2,
                what: What::MonthYear(y, m),
            });
        }
        if self.norm(i + 1) == "of" {
            if let Some(y) = self.year_at(i + 2) {
                return Some(Core {
                    end: i + 3,
                    what: What::MonthYear(y, m),
                });
            }
        }
        if abbr {
            return None;
        }
        // Bare month: needs a date context for May/March, and must not be a
        // first name before a capitalised word ("June Carter").
        let prev = self.prev_norm(i);
        let cued = MONTH_CUES.contains(&prev) || MODS.contains(&prev);
        if matches!(m, 3 | 5) && !cued {
            return None;
        }
        if !cued
            && self
                .toks
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Word && self.cap(i + 1))
        {
            return None;
        }
        Some(Core {
            end: i + 1,
            what: What::Month(m, rel),
        })
    }

    /// Where the span starts: modifiers ("early", "mid-", "earlier") and one
    /// preposition before the core at `i`, not before `floor`.
    fn extend_left(&self, i: usize, floor: usize) -> usize {
        let mut j = i;
        // "the 5th of April": core already starts at "the"
        if j > floor && j >= 2 + floor && self.norm(j - 1) == "-" && self.norm(j - 2) == "mid" {
            j -= 2;
        } else if j > floor && MODS.contains(&self.norm(j - 1)) {
            j -= 1;
        } else if j >= floor + 2
            && self.norm(j - 1) == "of"
            && matches!(
                self.norm(j - 2),
                "end"
                    | "start"
                    | "beginning"
                    | "middle"
                    | "turn"
                    | "spring"
                    | "summer"
                    | "autumn"
                    | "fall"
                    | "winter"
            )
        {
            // "(the) end of January"
            j -= 2;
            if j > floor && self.norm(j - 1) == "the" {
                j -= 1;
            }
        }
        if j > floor && PREPS.contains(&self.norm(j - 1)) {
            // "as" only in "as of"
            if self.norm(j - 1) != "as" {
                j -= 1;
            }
        } else if j >= floor + 2 && self.norm(j - 1) == "of" && self.norm(j - 2) == "as" {
            j -= 2;
        }
        j
    }

    /// A future cue shortly before the expression (or after it when the
    /// expression opens the sentence).
    fn future_cue(&self, start: usize, end: usize) -> bool {
        let is_cue = |k: usize| -> bool {
            let w = self.norm(k);
            if FUTURE_CUES.contains(&w) || w.ends_with("'ll") {
                return true;
            }
            let next = self.norm(k + 1);
            let prev = self.prev_norm(k);
            match w {
                "set" | "due" | "expected" | "going" | "poised" => {
                    next == "to" && matches!(prev, "is" | "are" | "am" | "'s" | "be")
                }
                "plans" | "plan" | "planning" | "intends" | "aims" => next == "to",
                _ => false,
            }
        };
        let mut k = start;
        let mut steps = 0;
        while k > 0 && steps < 10 {
            k -= 1;
            steps += 1;
            if is_cue(k) {
                return true;
            }
            if CLAUSE_STOPS.contains(&self.norm(k)) {
                break;
            }
        }
        // Sentence-initial expression: "On Friday, the leaders will sign …"
        if start <= 1 {
            let mut k = end;
            let mut steps = 0;
            while k < self.toks.len() && steps < 8 {
                if is_cue(k) {
                    return true;
                }
                if CLAUSE_STOPS.contains(&self.norm(k)) {
                    break;
                }
                k += 1;
                steps += 1;
            }
        }
        false
    }

    fn resolve(&self, what: &What, future: bool) -> Option<(NaiveDate, Precision)> {
        use Precision as P;
        match *what {
            What::Full(d) => return Some((d, P::Day)),
            What::MonthYear(y, m) => {
                return NaiveDate::from_ymd_opt(y, m, 1).map(|d| (d, P::Month))
            }
            What::Year(y) => return NaiveDate::from_ymd_opt(y, 1, 1).map(|d| (d, P::Year)),
            _ => {}
        }
        let s = self.story?;
        Some(match *what {
            What::DayMonth(m, d) => (resolve_day_month(s, m, d, future)?, P::Day),
            What::Month(m, rel) => {
                let cur = s.month();
                let y = match (rel, future) {
                    (Rel::Last, _) => s.year() - i32::from(m >= cur),
                    (Rel::Next, _) => s.year() + i32::from(m <= cur),
                    (Rel::This, _) => s.year(),
                    (Rel::Plain, false) => s.year() - i32::from(m > cur),
                    (Rel::Plain, true) => s.year() + i32::from(m < cur),
                };
                (NaiveDate::from_ymd_opt(y, m, 1)?, P::Month)
            }
            What::Weekday(w, rel) => {
                let sw = s.weekday().num_days_from_monday() as i64;
                let ww = w.num_days_from_monday() as i64;
                let back = (sw - ww).rem_euclid(7);
                let fwd = (ww - sw).rem_euclid(7);
                let delta = match (rel, future) {
                    (Rel::Last, _) => -(if back == 0 { 7 } else { back }),
                    (Rel::Next, _) => {
                        if fwd == 0 {
                            7
                        } else {
                            fwd
                        }
                    }
                    (Rel::This, _) => ww - sw,
                    (Rel::Plain, false) => -back,
                    (Rel::Plain, true) => fwd,
                };
                (s.checked_add_signed(Duration::days(delta))?, P::Day)
            }
            What::Offset(d) => (s.checked_add_signed(Duration::days(d))?, P::Day),
            What::Period(unit, off) => period(s, unit, off as i64)?,
            What::Weekend(rel) => {
                let sw = s.weekday().num_days_from_monday() as i64; // Sat = 5
                let this_sat = s.checked_add_signed(Duration::days(5 - sw))?;
                let in_weekend = sw >= 5;
                let sat = match (rel, future) {
                    (Rel::Next, _) => this_sat + Duration::days(7),
                    (Rel::Last, _) if in_weekend => this_sat - Duration::days(7),
                    (Rel::This, _) => this_sat,
                    _ if in_weekend => this_sat,
                    (_, true) => this_sat,
                    _ => this_sat - Duration::days(7),
                };
                (sat, P::Week)
            }
            What::Ago(unit, n) => match unit {
                Unit::Day => (s.checked_sub_signed(Duration::days(n as i64))?, P::Day),
                _ => period(s, unit, -(n as i64))?,
            },
            What::Full(_) | What::MonthYear(..) | What::Year(_) => return None,
        })
    }
}

/// The largest day a month can have (Feb: 29).
fn days_in_month_max(m: u32) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day `d` of month `m` in the year that puts it most recently on or before
/// `s` (or, for `future`, soonest on or after `s`); Feb 29 goes to the nearest
/// leap year in that direction.
fn resolve_day_month(s: NaiveDate, m: u32, d: u32, future: bool) -> Option<NaiveDate> {
    let step = if future { 1 } else { -1 };
    let mut y = s.year();
    for _ in 0..9 {
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            if (future && date >= s) || (!future && date <= s) {
                return Some(date);
            }
        }
        y += step;
    }
    None
}

/// The week/month/year `off` units from the one containing `s`.
fn period(s: NaiveDate, unit: Unit, off: i64) -> Option<(NaiveDate, Precision)> {
    Some(match unit {
        Unit::Day => (s.checked_add_signed(Duration::days(off))?, Precision::Day),
        Unit::Week => {
            let monday = s - Duration::days(s.weekday().num_days_from_monday() as i64);
            (
                monday.checked_add_signed(Duration::days(7 * off))?,
                Precision::Week,
            )
        }
        Unit::Month => {
            let first = NaiveDate::from_ymd_opt(s.year(), s.month(), 1)?;
            let m = Months::new(off.unsigned_abs().min(12 * 1000) as u32);
            let d = if off >= 0 {
                first.checked_add_months(m)?
            } else {
                first.checked_sub_months(m)?
            };
            (d, Precision::Month)
        }
        Unit::Year => (
            NaiveDate::from_ymd_opt(s.year().checked_add(i32::try_from(off).ok()?)?, 1, 1)?,
            Precision::Year,
        ),
    })
}

#[cfg(test)]
mod tests;
