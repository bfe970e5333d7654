//! Publish dates: a lenient parser (RFC 3339 first, then the forms other
//! publishers' feeds really carry) and the portal's `YYYY-MM-DD HH:MM:SS`
//! rendering in the site's time zone.
//!
//! Hand-written rather than a date crate: we need one parse and two formats,
//! and a full calendar library would cost the bundle more than this file.

/// Seconds since 1970-01-01T00:00:00Z.
pub type Timestamp = i64;

/// Parses `+08:00`, `-05:30`, `+0800`, `Z` or `UTC` into minutes east of UTC.
pub fn parse_offset(text: &str) -> Option<i32> {
    let text = text.trim();
    if matches!(text, "Z" | "z" | "UTC" | "GMT" | "UT") {
        return Some(0);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 60 + minutes))
}

/// Parses a feed date. Accepts RFC 3339 (`2023-09-15T09:39:53+08:00`), the
/// same with a space or without seconds or zone (`2023-09-15 09:39`),
/// slashes (`2023/09/15`), a bare date, and RFC 2822
/// (`Fri, 15 Sep 2023 09:39:53 +0800`). A time without a zone is read in
/// `default_offset` minutes east of UTC.
pub fn parse(text: &str, default_offset: i32) -> Option<Timestamp> {
    let text = text.trim();
    parse_iso(text, default_offset).or_else(|| parse_rfc2822(text, default_offset))
}

fn parse_iso(text: &str, default_offset: i32) -> Option<Timestamp> {
    let bytes = text.as_bytes();
    let number = |from: usize, len: usize| -> Option<i64> {
        let part = bytes.get(from..from + len)?;
        part.iter().all(u8::is_ascii_digit).then(|| std::str::from_utf8(part).ok()?.parse().ok())?
    };
    let year = number(0, 4)?;
    let separator = *bytes.get(4)?;
    if !(separator == b'-' || separator == b'/') || bytes.get(7) != Some(&separator) {
        return None;
    }
    let month = number(5, 2)?;
    let day = number(8, 2)?;
    let mut rest = &text[10..];
    let (mut hour, mut minute, mut second) = (0, 0, 0);
    let mut offset = default_offset;
    if let Some(time) = rest.strip_prefix(['T', 't', ' ']) {
        let tb = time.as_bytes();
        let two = |from: usize| -> Option<i64> {
            let part = tb.get(from..from + 2)?;
            part.iter().all(u8::is_ascii_digit).then(|| std::str::from_utf8(part).ok()?.parse().ok())?
        };
        hour = two(0)?;
        if tb.get(2) != Some(&b':') {
            return None;
        }
        minute = two(3)?;
        rest = &time[5..];
        if rest.starts_with(':') {
            second = two(6)?;
            rest = &time[8..];
            if let Some(fraction) = rest.strip_prefix(['.', ',']) {
                let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
                rest = &fraction[digits..];
            }
        }
        let zone = rest.trim();
        if !zone.is_empty() {
            offset = parse_offset(zone)?;
        }
    } else if !rest.trim().is_empty() {
        return None;
    }
    to_timestamp(year, month, day, hour, minute, second, offset)
}

fn parse_rfc2822(text: &str, default_offset: i32) -> Option<Timestamp> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let text = text.split_once(',').map_or(text, |(_, after)| after);
    let mut parts = text.split_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| month_name.starts_with(m))? as i64 + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next().unwrap_or("00:00").split(':');
    let hour: i64 = clock.next()?.parse().ok()?;
    let minute: i64 = clock.next()?.parse().ok()?;
    let second: i64 = clock.next().map_or(Some(0), |s| s.parse().ok())?;
    let offset = match parts.next() {
        Some(zone) => parse_offset(zone)?,
        None => default_offset,
    };
    to_timestamp(year, month, day, hour, minute, second, offset)
}

fn to_timestamp(
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    offset: i32,
) -> Option<Timestamp> {
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    valid.then(|| {
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - i64::from(offset) * 60
    })
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (if month <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, month, day)
}

/// Calendar fields of a moment seen from `offset` minutes east of UTC.
fn fields(at: Timestamp, offset: i32) -> (i64, i64, i64, i64, i64, i64) {
    let local = at + i64::from(offset) * 60;
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    (year, month, day, secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Writes `parts` as zero-padded numbers, each followed by its separator.
/// By hand rather than `format!`: every list row formats two dates, and
/// portal-build formats millions (measured: `format!` was a tenth of its time).
fn write_fields(parts: &[(i64, usize, &str)]) -> String {
    let mut out = String::with_capacity(25);
    for &(value, width, separator) in parts {
        if value < 0 {
            out.push('-');
        }
        let (mut rest, mut digits) = (value.unsigned_abs(), Vec::with_capacity(20));
        loop {
            digits.push(char::from(b'0' + (rest % 10) as u8));
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        let width = if value < 0 { width.saturating_sub(1) } else { width };
        out.extend(std::iter::repeat_n('0', width.saturating_sub(digits.len())));
        out.extend(digits.iter().rev());
        out.push_str(separator);
    }
    out
}

/// `YYYY-MM-DD HH:MM:SS`, as the article page shows it.
pub fn format_date_time(at: Timestamp, offset: i32) -> String {
    let (y, mo, d, h, mi, s) = fields(at, offset);
    write_fields(&[(y, 4, "-"), (mo, 2, "-"), (d, 2, " "), (h, 2, ":"), (mi, 2, ":"), (s, 2, "")])
}

/// `YYYY-MM-DD`, as lists show it.
pub fn format_date(at: Timestamp, offset: i32) -> String {
    let (y, mo, d, ..) = fields(at, offset);
    write_fields(&[(y, 4, "-"), (mo, 2, "-"), (d, 2, "")])
}

/// The start of `day`, written `YYYY-MM-DD`, at `offset`; `None` unless it
/// is a calendar day written exactly so.
pub fn parse_day(day: &str, offset: i32) -> Option<Timestamp> {
    let at = parse(day, offset).filter(|_| day.len() == 10)?;
    (format_date(at, offset) == day).then_some(at)
}

/// The day `days` days before `day` (both `YYYY-MM-DD`).
pub fn days_before(day: &str, days: i64) -> Option<String> {
    Some(format_date(parse_day(day, 0)? - days * 86_400, 0))
}

/// The day `months` calendar months before `day` (both `YYYY-MM-DD`), on
/// the month's last day where that month is shorter: 2026-08-31 → 2026-02-28.
pub fn months_before(day: &str, months: i64) -> Option<String> {
    let (year, month, date, ..) = fields(parse_day(day, 0)?, 0);
    let index = year * 12 + month - 1 - months;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    Some(write_fields(&[(year, 4, "-"), (month, 2, "-"), (date.min(days_in_month(year, month)), 2, "")]))
}

/// Whole days from `earlier` to `later`, both `YYYY-MM-DD`.
pub fn days_between(earlier: &str, later: &str) -> Option<i64> {
    Some((parse_day(later, 0)? - parse_day(earlier, 0)?) / 86_400)
}

/// Seconds from `at` to the next midnight at `offset`: when the date changes.
pub fn seconds_to_next_day(at: Timestamp, offset: i32) -> i64 {
    86_400 - (at + i64::from(offset) * 60).rem_euclid(86_400)
}

/// RFC 822/2822 in the site's zone, as RSS 2.0 wants it:
/// `Sat, 28 Nov 2026 12:00:00 +0800`.
pub fn format_rfc2822(at: Timestamp, offset: i32) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (y, mo, d, h, mi, s) = fields(at, offset);
    let weekday = DAYS[(at + i64::from(offset) * 60).div_euclid(86_400).rem_euclid(7) as usize];
    let month = MONTHS[(mo - 1) as usize];
    let sign = if offset < 0 { "-" } else { "+" };
    let abs = i64::from(offset.abs());
    let time = write_fields(&[(h, 2, ":"), (mi, 2, ":"), (s, 2, "")]);
    let zone = write_fields(&[(abs / 60, 2, ""), (abs % 60, 2, "")]);
    format!("{weekday}, {} {month} {} {time} {sign}{zone}", write_fields(&[(d, 2, "")]), write_fields(&[(y, 4, "")]))
}

/// RFC 3339 in the site's zone, for `<time datetime>` and sitemaps.
pub fn format_rfc3339(at: Timestamp, offset: i32) -> String {
    let (y, mo, d, h, mi, s) = fields(at, offset);
    let sign = if offset < 0 { "-" } else { "+" };
    let abs = i64::from(offset.abs());
    write_fields(&[
        (y, 4, "-"),
        (mo, 2, "-"),
        (d, 2, "T"),
        (h, 2, ":"),
        (mi, 2, ":"),
        (s, 2, sign),
        (abs / 60, 2, ":"),
        (abs % 60, 2, ""),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    const CST: i32 = 480;

    #[test]
    fn fields_are_padded_as_format_would() {
        for (value, width) in [(0, 2), (7, 2), (12, 2), (2026, 4), (5, 4), (12345, 4), (-5, 4), (-2026, 4)] {
            assert_eq!(write_fields(&[(value, width, "")]), format!("{value:0width$}"));
        }
        assert_eq!(format_rfc3339(0, -90), "1969-12-31T22:30:00-01:30");
    }

    #[test]
    fn rfc2822_for_rss_reads_back() {
        let at = parse("2026-11-28T12:00:00+08:00", 0).unwrap();
        assert_eq!(format_rfc2822(at, CST), "Sat, 28 Nov 2026 12:00:00 +0800");
        assert_eq!(format_rfc2822(0, -90), "Wed, 31 Dec 1969 22:30:00 -0130");
        for at in [0, 86_399, 1_700_000_000, 1_800_000_000] {
            assert_eq!(parse(&format_rfc2822(at, CST), 0), Some(at));
        }
    }

    #[test]
    fn next_day_starts_at_local_midnight() {
        let at = parse("2026-04-03T23:59:00+08:00", 0).unwrap();
        assert_eq!(seconds_to_next_day(at, CST), 60);
        assert_eq!(seconds_to_next_day(at + 60, CST), 86_400);
        assert_eq!(seconds_to_next_day(at, 0), 86_400 - 15 * 3600 - 59 * 60);
    }

    #[test]
    fn calendar_arithmetic_for_inspection_windows() {
        assert_eq!(parse_day("2026-11-26", CST), parse("2026-11-26T00:00:00+08:00", 0));
        for bad in ["2026-02-30", "2026-1-5", "2026-11-26T00:00", "明天"] {
            assert_eq!(parse_day(bad, CST), None, "{bad}");
        }
        assert_eq!(days_before("2026-03-01", 14).as_deref(), Some("2026-02-15"));
        assert_eq!(months_before("2026-11-26", 6).as_deref(), Some("2026-05-26"));
        assert_eq!(months_before("2026-08-31", 6).as_deref(), Some("2026-02-28"));
        assert_eq!(months_before("2024-08-31", 6).as_deref(), Some("2024-02-29"));
        assert_eq!(months_before("2026-03-15", 6).as_deref(), Some("2025-09-15"));
        assert_eq!(days_between("2026-02-15", "2026-03-01"), Some(14));
        assert_eq!(days_between("2026-03-01", "2026-02-15"), Some(-14));
    }

    #[test]
    fn rfc3339_round_trips_in_the_site_zone() {
        let at = parse("2023-09-15T09:39:53+08:00", 0).unwrap();
        assert_eq!(format_date_time(at, CST), "2023-09-15 09:39:53");
        assert_eq!(format_rfc3339(at, CST), "2023-09-15T09:39:53+08:00");
        assert_eq!(format_date(at, CST), "2023-09-15");
    }

    #[test]
    fn utc_dates_are_shown_in_the_site_zone() {
        let at = parse("2023-09-14T20:00:00Z", CST).unwrap();
        assert_eq!(format_date_time(at, CST), "2023-09-15 04:00:00");
        assert_eq!(format_date_time(at, -300), "2023-09-14 15:00:00");
        assert_eq!(format_rfc3339(at, -330), "2023-09-14T14:30:00-05:30");
    }

    #[test]
    fn fractions_and_compact_offsets_are_accepted() {
        let a = parse("2024-02-29T23:59:59.123456+0800", 0).unwrap();
        assert_eq!(format_date_time(a, CST), "2024-02-29 23:59:59");
    }

    #[test]
    fn zoneless_and_partial_forms_use_the_default_zone() {
        let a = parse("2023-09-15 09:39:53", CST).unwrap();
        assert_eq!(format_date_time(a, CST), "2023-09-15 09:39:53");
        let b = parse("2023/09/15 09:39", CST).unwrap();
        assert_eq!(format_date_time(b, CST), "2023-09-15 09:39:00");
        let c = parse("2023-09-15", CST).unwrap();
        assert_eq!(format_date_time(c, CST), "2023-09-15 00:00:00");
    }

    #[test]
    fn rfc2822_dates_from_rss_converters_parse() {
        let a = parse("Fri, 15 Sep 2023 01:39:53 GMT", CST).unwrap();
        assert_eq!(format_date_time(a, CST), "2023-09-15 09:39:53");
        let b = parse("15 Sep 2023 09:39:53 +0800", 0).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn nonsense_is_rejected_not_guessed() {
        for bad in [
            "",
            "yesterday",
            "2023-13-01",
            "2023-02-30T00:00:00Z",
            "2023-09-15T25:00:00Z",
            "2023-09-15Tnoon",
            "2023-09-15T09:39:53+99:00",
            "九月十五日",
        ] {
            assert_eq!(parse(bad, CST), None, "{bad}");
        }
    }

    #[test]
    fn dates_before_1970_and_leap_days_work() {
        let a = parse("1969-12-31T23:59:59Z", 0).unwrap();
        assert_eq!(a, -1);
        assert_eq!(format_date_time(a, 0), "1969-12-31 23:59:59");
        let b = parse("2000-02-29T12:00:00Z", 0).unwrap();
        assert_eq!(format_date(b, 0), "2000-02-29");
    }

    #[test]
    fn offsets_parse() {
        assert_eq!(parse_offset("+08:00"), Some(480));
        assert_eq!(parse_offset("-0530"), Some(-330));
        assert_eq!(parse_offset("Z"), Some(0));
        assert_eq!(parse_offset("8"), None);
        assert_eq!(parse_offset("+24:00"), None);
    }
}

#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_parses_or_not_without_panicking(text in ".{0,40}", offset in -1000i32..1000) {
            if let Some(at) = super::parse(&text, offset) {
                let _ = (super::format_date_time(at, offset), super::format_rfc3339(at, offset));
            }
        }

        #[test]
        fn rfc3339_round_trips(at in -2_000_000_000i64..8_000_000_000, offset in -14 * 60i32..14 * 60) {
            let text = super::format_rfc3339(at, offset);
            prop_assert_eq!(super::parse(&text, 0), Some(at));
        }
    }
}
