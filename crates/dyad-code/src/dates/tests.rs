//! Tests for time-expression finding and resolution.

use super::*;

fn ymd(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// (span text, resolved date, precision) of every mention in `t`.
fn fd_with(t: &str, story: Option<&str>, tense: Tense) -> Vec<(String, String, &'static str)> {
    find_dates_with(t, Span::new(0, t.len()), story.map(ymd), tense)
        .into_iter()
        .map(|m| {
            (
                m.span.text(t).to_string(),
                m.date.to_string(),
                m.precision.as_str(),
            )
        })
        .collect()
}

fn fd(t: &str, story: &str) -> Vec<(String, String, &'static str)> {
    fd_with(t, Some(story), Tense::Auto)
}

/// The single mention in `t`: (span text, date, precision).
fn one(t: &str, story: &str) -> (String, String, &'static str) {
    let v = fd(t, story);
    assert_eq!(v.len(), 1, "{t:?} → {v:?}");
    v.into_iter().next().unwrap()
}

fn m(span: &str, date: &str, p: &'static str) -> (String, String, &'static str) {
    (span.to_string(), date.to_string(), p)
}

#[test]
fn weekdays_past_default() {
    // 2025-06-24 is a Tuesday.
    let s = "2025-06-24";
    assert_eq!(
        one(
            "Kenya's president met his Ugandan counterpart on Monday.",
            s
        ),
        m("on Monday", "2025-06-23", "day")
    );
    assert_eq!(
        one("The ministry said on Tuesday that talks went well.", s),
        m("on Tuesday", "2025-06-24", "day")
    );
    assert_eq!(
        one("Rebels shelled the town on Sunday.", s),
        m("on Sunday", "2025-06-22", "day")
    );
    assert_eq!(
        one("Voting began Wednesday in Malawi.", s),
        m("Wednesday", "2025-06-18", "day")
    );
    assert_eq!(
        one("Monday's talks in Nairobi collapsed.", s),
        m("Monday", "2025-06-23", "day")
    );
    assert_eq!(
        one("Police raided the office on Friday night.", s),
        m("on Friday night", "2025-06-20", "day")
    );
    // "would" is reported speech, not a future cue.
    assert_eq!(
        one(
            "Reuters reported that Sanchez would host Modi in Madrid on Monday.",
            s
        ),
        m("on Monday", "2025-06-23", "day")
    );
    // Across a year boundary: 2025-01-01 is a Wednesday.
    assert_eq!(
        one("Seoul fired a missile on Monday.", "2025-01-01"),
        m("on Monday", "2024-12-30", "day")
    );
    // Leap year: 2024-03-01 is a Friday.
    assert_eq!(
        one("The vote was held on Thursday.", "2024-03-01"),
        m("on Thursday", "2024-02-29", "day")
    );
    assert_eq!(
        one("Protests began on Saturday.", "2024-03-01"),
        m("on Saturday", "2024-02-24", "day")
    );
}

#[test]
fn weekdays_future_and_relative() {
    let s = "2025-06-24"; // Tuesday
    assert_eq!(
        one("Macron will visit Hanoi on Friday.", s),
        m("on Friday", "2025-06-27", "day")
    );
    assert_eq!(
        one("The envoys will meet on Tuesday.", s),
        m("on Tuesday", "2025-06-24", "day")
    );
    assert_eq!(
        one("Talks are set to resume on Thursday.", s),
        m("on Thursday", "2025-06-26", "day")
    );
    assert_eq!(
        one("On Friday, the leaders will sign the accord.", s),
        m("On Friday", "2025-06-27", "day")
    );
    assert_eq!(
        fd("Lula said on Monday that Brazil will join the pact.", s),
        vec![m("on Monday", "2025-06-23", "day")]
    );
    assert_eq!(
        one("Ankara recalled its envoy last Tuesday.", s),
        m("last Tuesday", "2025-06-17", "day")
    );
    assert_eq!(
        one("Ankara recalled its envoy last Monday.", s),
        m("last Monday", "2025-06-23", "day")
    );
    assert_eq!(
        one("The summit opens next Tuesday.", s),
        m("next Tuesday", "2025-07-01", "day")
    );
    assert_eq!(
        one("The summit opens next Thursday.", s),
        m("next Thursday", "2025-06-26", "day")
    );
    assert_eq!(
        one("A vote is due this Friday.", s),
        m("this Friday", "2025-06-27", "day")
    );
    assert_eq!(
        one("Kyiv said it would respond this coming Monday.", s),
        m("this coming Monday", "2025-06-30", "day")
    );
    // Leap day forward: 2024-02-27 is a Tuesday.
    assert_eq!(
        one("Ministers will meet on Thursday.", "2024-02-27"),
        m("on Thursday", "2024-02-29", "day")
    );
    // Forced tense.
    assert_eq!(
        fd_with("Delegates arrive on Sunday.", Some(s), Tense::Future),
        vec![m("on Sunday", "2025-06-29", "day")]
    );
    assert_eq!(
        fd_with("Delegates will arrive on Sunday.", Some(s), Tense::Past),
        vec![m("on Sunday", "2025-06-22", "day")]
    );
}

#[test]
fn explicit_weekday_with_date() {
    assert_eq!(
        one(
            "Fighting resumed on Monday, June 23, 2025, near Goma.",
            "2025-06-30"
        ),
        m("on Monday, June 23, 2025", "2025-06-23", "day")
    );
    assert_eq!(
        one(
            "Fighting resumed on Monday (June 23) near Goma.",
            "2025-06-30"
        ),
        m("on Monday (June 23)", "2025-06-23", "day")
    );
}

#[test]
fn deictic_days() {
    assert_eq!(
        one("Hamas released two hostages yesterday.", "2024-03-01"),
        m("yesterday", "2024-02-29", "day")
    );
    assert_eq!(
        one("Hamas released two hostages yesterday.", "2023-03-01"),
        m("yesterday", "2023-02-28", "day")
    );
    assert_eq!(
        one("Parliament votes tomorrow.", "2024-12-31"),
        m("tomorrow", "2025-01-01", "day")
    );
    assert_eq!(
        one("Parliament voted today.", "2024-12-31"),
        m("today", "2024-12-31", "day")
    );
    assert_eq!(
        one("Today's vote in Lima was close.", "2024-12-31"),
        m("Today", "2024-12-31", "day")
    );
    assert_eq!(
        one("Sirens sounded yesterday morning.", "2024-12-31"),
        m("yesterday morning", "2024-12-30", "day")
    );
    assert_eq!(
        one("Sirens sounded last night.", "2024-12-31"),
        m("last night", "2024-12-30", "day")
    );
    assert!(fd(
        "Cooperation matters in today's complex world.",
        "2024-12-31"
    )
    .is_empty());
}

#[test]
fn weeks_and_weekends() {
    let s = "2025-06-24"; // Tuesday
    assert_eq!(
        one("Troops withdrew last week.", s),
        m("last week", "2025-06-16", "week")
    );
    assert_eq!(
        one("Talks resumed earlier this week.", s),
        m("earlier this week", "2025-06-23", "week")
    );
    assert_eq!(
        one("Talks resume next week.", s),
        m("next week", "2025-06-30", "week")
    );
    assert_eq!(
        one("Troops withdrew last week.", "2025-01-01"),
        m("last week", "2024-12-23", "week")
    );
    // 2025-06-23 is a Monday.
    assert_eq!(
        one("Clashes erupted over the weekend.", "2025-06-23"),
        m("over the weekend", "2025-06-21", "week")
    );
    assert_eq!(
        one("Clashes erupted last weekend.", "2025-06-22"),
        m("last weekend", "2025-06-14", "week")
    );
    assert_eq!(
        one("Rallies are planned this weekend.", s),
        m("this weekend", "2025-06-28", "week")
    );
}

#[test]
fn months_and_years_relative() {
    let s = "2025-06-24";
    assert_eq!(
        one("Inflation rose last month.", s),
        m("last month", "2025-05-01", "month")
    );
    assert_eq!(
        one("Inflation rose earlier this month.", s),
        m("earlier this month", "2025-06-01", "month")
    );
    assert_eq!(
        one("Elections are due next month.", s),
        m("next month", "2025-07-01", "month")
    );
    assert_eq!(
        one("Inflation rose last month.", "2025-01-15"),
        m("last month", "2024-12-01", "month")
    );
    assert_eq!(
        one("Exports fell last year.", "2025-01-15"),
        m("last year", "2024-01-01", "year")
    );
    assert_eq!(
        one("Exports fell early this year.", s),
        m("early this year", "2025-01-01", "year")
    );
    assert_eq!(
        one("Exports will grow next year.", s),
        m("next year", "2026-01-01", "year")
    );
}

#[test]
fn month_names_without_year() {
    let s = "2025-06-24";
    assert_eq!(
        one("In early April, Admiral Sato visited Manila.", s),
        m("In early April", "2025-04-01", "month")
    );
    assert_eq!(
        one("Floods hit Dhaka in late March.", s),
        m("in late March", "2025-03-01", "month")
    );
    assert_eq!(
        one("The ceasefire collapsed in September.", s),
        m("in September", "2024-09-01", "month")
    );
    assert_eq!(
        one("Chile will hold elections in September.", s),
        m("in September", "2025-09-01", "month")
    );
    assert_eq!(
        one("The ceasefire collapsed in mid-May.", s),
        m("in mid-May", "2025-05-01", "month")
    );
    assert_eq!(
        one("The ceasefire collapsed in June.", s),
        m("in June", "2025-06-01", "month")
    );
    assert_eq!(
        one("Riots broke out in December.", "2025-01-10"),
        m("in December", "2024-12-01", "month")
    );
    assert_eq!(
        one("Riots broke out in January.", "2025-01-10"),
        m("in January", "2025-01-01", "month")
    );
    assert_eq!(
        one("Talks resumed last April.", "2025-04-10"),
        m("last April", "2024-04-01", "month")
    );
    assert_eq!(
        one("October saw record arrivals.", s),
        m("October", "2024-10-01", "month")
    );
}

#[test]
fn month_false_positives() {
    let s = "2025-06-24";
    assert!(fd("The two sides may meet again soon.", s).is_empty());
    assert!(fd("May we expect a deal?", s).is_empty());
    assert!(fd("Thousands of protesters march through Lagos.", s).is_empty());
    assert!(fd("March on the capital, the rebels urged.", s).is_empty());
    assert!(fd("Theresa May spoke to reporters.", s).is_empty());
    assert!(fd("June Carter sang in Memphis.", s).is_empty());
    assert!(fd("An august assembly convened.", s).is_empty());
    assert_eq!(
        one("Talks stalled in May.", s),
        m("in May", "2025-05-01", "month")
    );
    assert_eq!(
        one("March 3 saw the first strike.", s),
        m("March 3", "2025-03-03", "day")
    );
}

#[test]
fn explicit_dates() {
    let s = "2025-06-24";
    assert_eq!(
        one("The deal was signed on June 23, 2025 in Doha.", s),
        m("on June 23, 2025", "2025-06-23", "day")
    );
    assert_eq!(
        one("The deal was signed on 23 June 2025.", s),
        m("on 23 June 2025", "2025-06-23", "day")
    );
    assert_eq!(
        one("Troops crossed on Jan. 5, 2024.", s),
        m("on Jan. 5, 2024", "2024-01-05", "day")
    );
    assert_eq!(
        one("Troops crossed on Jan. 5 near Kursk.", s),
        m("on Jan. 5", "2025-01-05", "day")
    );
    assert_eq!(
        one("Troops crossed on Sept. 30.", s),
        m("on Sept. 30", "2024-09-30", "day")
    );
    assert_eq!(
        one("The report is dated 2025-06-23.", s),
        m("2025-06-23", "2025-06-23", "day")
    );
    assert_eq!(
        one("Polls closed on the 5th of April.", s),
        m("on the 5th of April", "2025-04-05", "day")
    );
    assert_eq!(
        one("Polls closed on April 5th.", s),
        m("on April 5th", "2025-04-05", "day")
    );
    assert_eq!(
        one("Polls closed on 5 April.", s),
        m("on 5 April", "2025-04-05", "day")
    );
    // Not yet reached in the story year → previous year, unless future.
    assert_eq!(
        one("Polls closed on April 5.", "2025-03-01"),
        m("on April 5", "2024-04-05", "day")
    );
    assert_eq!(
        one("Polls will close on April 5.", "2025-03-01"),
        m("on April 5", "2025-04-05", "day")
    );
    // Feb 29 goes to the nearest leap year.
    assert_eq!(
        one("He was born on Feb. 29.", "2027-06-01"),
        m("on Feb. 29", "2024-02-29", "day")
    );
    assert_eq!(
        one("The rally is on Feb. 29.", "2026-06-01").1,
        "2024-02-29"
    );
    assert!(fd("Invalid June 31, 2025 date.", s)
        .iter()
        .all(|x| x.1 != "2025-06-31"));
    assert_eq!(
        one("Tariffs took effect in June 2024.", s),
        m("in June 2024", "2024-06-01", "month")
    );
    assert_eq!(
        one("Tariffs took effect in June of 2024.", s),
        m("in June of 2024", "2024-06-01", "month")
    );
}

#[test]
fn years() {
    let s = "2025-06-24";
    assert_eq!(
        one("Relations improved in 2024.", s),
        m("in 2024", "2024-01-01", "year")
    );
    assert_eq!(
        one("2024 marked the 60th anniversary of ties.", s),
        m("2024", "2024-01-01", "year")
    );
    assert_eq!(
        one("An expert said that 2025 marks the 80th anniversary.", s),
        m("2025", "2025-01-01", "year")
    );
    assert_eq!(
        one("Ties have grown since 2019.", s),
        m("since 2019", "2019-01-01", "year")
    );
    assert_eq!(
        one("Growth slowed in mid-2023.", s),
        m("in mid-2023", "2023-01-01", "year")
    );
    assert_eq!(
        fd("Exports doubled between 2019 and 2021.", s),
        vec![
            m("2019", "2019-01-01", "year"),
            m("2021", "2021-01-01", "year")
        ]
    );
    assert_eq!(
        one("The 2024 Olympics were held in Paris.", s),
        m("2024", "2024-01-01", "year")
    );
    assert!(fd("Some 2,024 troops arrived.", s).is_empty());
    assert!(fd("About 2000 troops arrived.", s).is_empty());
    assert!(fd("It marks the 80th anniversary.", s).is_empty());
    assert!(fd("The fund holds $2024 in cash and 1999 percent growth.", s).is_empty());
    assert!(fd("Resolution No. 2024 passed.", s).is_empty());
    assert!(fd("It rose 3.5 percent to 1850.5 points.", s).is_empty());
}

#[test]
fn ago() {
    let s = "2025-06-24";
    assert_eq!(
        one("The strike happened three days ago.", s),
        m("three days ago", "2025-06-21", "day")
    );
    assert_eq!(
        one("The strike happened two weeks ago.", s),
        m("two weeks ago", "2025-06-09", "week")
    );
    assert_eq!(
        one("Talks began two months ago.", s),
        m("two months ago", "2025-04-01", "month")
    );
    assert_eq!(
        one("The war ended 80 years ago.", s),
        m("80 years ago", "1945-01-01", "year")
    );
    assert_eq!(
        one("Talks began a year ago.", "2024-02-29"),
        m("a year ago", "2023-01-01", "year")
    );
}

#[test]
fn several_in_one_sentence_and_no_story() {
    let t = "Ministers met on Monday after talks in early April and a summit in 2024.";
    assert_eq!(
        fd(t, "2025-06-24"),
        vec![
            m("on Monday", "2025-06-23", "day"),
            m("in early April", "2025-04-01", "month"),
            m("in 2024", "2024-01-01", "year"),
        ]
    );
    // Without a story date only absolute expressions resolve.
    assert_eq!(
        fd_with(t, None, Tense::Auto),
        vec![m("in 2024", "2024-01-01", "year")]
    );
    assert!(fd("", "2025-06-24").is_empty());
    assert!(fd("No dates here at all.", "2025-06-24").is_empty());
}

#[test]
fn within_span_and_offsets() {
    let t = "Intro sentence. Sébastien Lecornu hosted Dong Jun on Monday.";
    let start = t.find("Sébastien").unwrap();
    let v = find_dates(t, Span::new(start, t.len()), Some(ymd("2025-06-24")));
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].span.text(t), "on Monday");
    let cm = dyad_text::CharMap::new(t);
    let cs = cm.to_char(v[0].span.start);
    assert_eq!(t.chars().skip(cs).take(9).collect::<String>(), "on Monday");
    let toks = dyad_text::tokenize(t, Span::new(start, t.len()));
    assert_eq!(
        find_dates_in_tokens(t, &toks, Some(ymd("2025-06-24")), Tense::Auto),
        v
    );
    // Out-of-range span: no panic.
    assert!(find_dates(t, Span::new(500, 600), None).is_empty());
}

#[test]
fn published() {
    assert_eq!(parse_published("2025-06-24"), Some(ymd("2025-06-24")));
    assert_eq!(
        parse_published("2025-06-24T10:00:00Z"),
        Some(ymd("2025-06-24"))
    );
    assert_eq!(
        parse_published("2025-06-24T23:30:00-05:00"),
        Some(ymd("2025-06-24"))
    );
    assert_eq!(
        parse_published(" 2025-06-24 10:00 "),
        Some(ymd("2025-06-24"))
    );
    assert_eq!(parse_published("2025/06/24"), Some(ymd("2025-06-24")));
    assert_eq!(parse_published("20250624"), Some(ymd("2025-06-24")));
    assert_eq!(
        parse_published("Tue, 24 Jun 2025 10:00:00 +0000"),
        Some(ymd("2025-06-24"))
    );
    assert_eq!(parse_published("June 24, 2025"), Some(ymd("2025-06-24")));
    assert_eq!(parse_published("2024-02-29"), Some(ymd("2024-02-29")));
    assert_eq!(parse_published("2025-02-29"), None);
    assert_eq!(parse_published("2025-13-01"), None);
    assert_eq!(parse_published("2025-06-24x"), None);
    assert_eq!(parse_published("yesterday"), None);
    assert_eq!(parse_published(""), None);
    assert_eq!(parse_published("é"), None);
}

#[test]
fn titles_names_and_period_phrases() {
    let s = "2019-02-18";
    assert!(fd("Speaking on the BBC's Today programme, Khan said so.", s).is_empty());
    assert!(fd("She appeared on The Tonight Show in Burbank.", s).is_empty());
    assert!(fd("Relatives wrote a letter to May demanding action.", s).is_empty());
    assert_eq!(
        one("“Today we are free,” she said.", s),
        m("Today", "2019-02-18", "day")
    );
    assert_eq!(
        one("Her sister appeared online at the end of January.", s),
        m("at the end of January", "2019-01-01", "month")
    );
    assert_eq!(
        one("Funding will continue into February.", s),
        m("into February", "2019-02-01", "month")
    );
    assert_eq!(
        one("Clashes erupted at the weekend.", s),
        m("at the weekend", "2019-02-16", "week")
    );
}
