//! Time buckets for the timeline: day, ISO week or month of an article's date.

/// The label of the bucket for articles without a (readable) date.
pub const UNDATED: &str = "undated";

/// How the timeline groups article dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// `2024-07-11`
    Day,
    /// ISO week, `2024-W28`
    Week,
    /// `2024-07`
    Month,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parse the `YYYY-MM-DD` prefix of `text` (so `2021-10-24T08:00:00Z` works too).
    pub fn parse_prefix(text: &str) -> Option<Date> {
        let head = text.trim().get(..10)?;
        let bytes = head.as_bytes();
        if bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| {
            let part = &head[r];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse::<u32>().ok())?
        };
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let year = year as i32;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before it).
    fn days_since_epoch(self) -> i64 {
        // Shift the year to start in March so the leap day is the year's last day.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let m = i64::from(self.month);
        let day_of_year =
            (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// ISO weekday: Monday 1 .. Sunday 7.
    fn iso_weekday(self) -> i64 {
        // 1970-01-01 was a Thursday.
        (self.days_since_epoch() + 3).rem_euclid(7) + 1
    }

    /// Day of the year, from 1.
    fn ordinal(self) -> i64 {
        let jan1 = Date {
            year: self.year,
            month: 1,
            day: 1,
        };
        self.days_since_epoch() - jan1.days_since_epoch() + 1
    }

    /// ISO week-numbering year and week number.
    pub fn iso_week(self) -> (i32, u32) {
        let week = (self.ordinal() - self.iso_weekday() + 10) / 7;
        if week < 1 {
            (self.year - 1, iso_weeks_in_year(self.year - 1))
        } else if week > i64::from(iso_weeks_in_year(self.year)) {
            (self.year + 1, 1)
        } else {
            (self.year, week as u32)
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday.
fn iso_weeks_in_year(year: i32) -> u32 {
    let jan1 = Date {
        year,
        month: 1,
        day: 1,
    }
    .iso_weekday();
    if jan1 == 4 || (jan1 == 3 && is_leap(year)) {
        53
    } else {
        52
    }
}

/// The bucket label of an article date, or [`UNDATED`].
pub fn period_label(date: Option<&str>, by: Period) -> String {
    let Some(d) = date.and_then(Date::parse_prefix) else {
        return UNDATED.to_string();
    };
    match by {
        Period::Day => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
        Period::Week => {
            let (year, week) = d.iso_week();
            format!("{year:04}-W{week:02}")
        }
        Period::Month => format!("{:04}-{:02}", d.year, d.month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(s: &str) -> String {
        period_label(Some(s), Period::Week)
    }

    #[test]
    fn iso_weeks_across_year_ends() {
        assert_eq!(week("2024-07-11"), "2024-W28");
        assert_eq!(week("2021-01-03"), "2020-W53");
        assert_eq!(week("2024-12-30"), "2025-W01");
        assert_eq!(week("2026-01-01"), "2026-W01");
        assert_eq!(week("2027-01-01"), "2026-W53");
        assert_eq!(week("2024-01-01"), "2024-W01");
    }

    #[test]
    fn bad_dates_are_undated() {
        for bad in [
            "",
            "2024-13-01",
            "2023-02-29",
            "July 2024",
            "2024/07/11",
            "2024-07-1",
        ] {
            assert_eq!(period_label(Some(bad), Period::Day), UNDATED, "{bad}");
        }
        assert_eq!(period_label(None, Period::Month), UNDATED);
        assert_eq!(
            period_label(Some("2024-02-29T10:00:00Z"), Period::Day),
            "2024-02-29"
        );
        assert_eq!(period_label(Some("2024-02-29"), Period::Month), "2024-02");
    }
}
