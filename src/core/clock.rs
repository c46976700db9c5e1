//! Which clock a hotspot's times are read in, and where the presented frame's program time
//! comes from (CONTRACT.md section 3).
//!
//! Media time is the video's own `currentTime` scale: every viewer of a file sees the same
//! frames at the same media time. A live stream has no such agreement: each viewer's media time
//! starts where and when they joined. What viewers share is **program time**, the wall-clock
//! moment the stream stamps on its frames (`EXT-X-PROGRAM-DATE-TIME`), in seconds since the Unix
//! epoch. A hotspot in program time shows for every viewer on the same frames, whatever their
//! latency or join point.
//!
//! The frame's program time is its media time plus an offset: `video.getStartDate()` where the
//! browser knows it (native HLS), else the host's `programTimeOffset`. Without either, program
//! time is unknown and program-time hotspots are not shown. Nothing here reads the browser: the
//! web layer hands in what it read.

/// The clock a hotspot's `start`, `end` and keyframe `t` are in. (The discriminants index the
/// stage's per-clock lists.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// Seconds of the video's media time (`currentTime`).
    #[default]
    Media = 0,
    /// Seconds since the Unix epoch (UTC), as stamped by the stream.
    Program = 1,
}

impl Clock {
    pub fn from_name(name: &str) -> Option<Clock> {
        match name {
            "media" => Some(Clock::Media),
            "program" => Some(Clock::Program),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Clock::Media => "media",
            Clock::Program => "program",
        }
    }
}

/// The earliest program time accepted: 2000-01-01T00:00:00Z. A smaller number is almost
/// surely media time written into a program-time timeline (or milliseconds, see the maximum).
pub const PROGRAM_TIME_MIN: f64 = 946_684_800.0;
/// The latest program time accepted: 2100-01-01T00:00:00Z. `Date.now()` (milliseconds) is a
/// thousand times larger, so this catches milliseconds written where seconds belong.
pub const PROGRAM_TIME_MAX: f64 = 4_102_444_800.0;

/// Whether `t` is a plausible program time: finite, between 2000 and 2100.
pub fn is_program_time(t: f64) -> bool {
    (PROGRAM_TIME_MIN..=PROGRAM_TIME_MAX).contains(&t)
}

/// The offset from the presented frame's media time to its program time, in seconds, or
/// `None` while it is unknown. `start_date_ms` is `video.getStartDate().getTime()` (NaN when
/// the browser does not know it, as for a file or a stream played through Media Source
/// Extensions); it wins over the host's `programTimeOffset`, which is for exactly the browsers
/// that cannot tell. Non-finite values count as unknown.
pub fn program_offset(start_date_ms: f64, host_offset: Option<f64>) -> Option<f64> {
    if start_date_ms.is_finite() {
        return Some(start_date_ms / 1000.0);
    }
    host_offset.filter(|offset| offset.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_names_read_back() {
        for clock in [Clock::Media, Clock::Program] {
            assert_eq!(Clock::from_name(clock.name()), Some(clock));
        }
        assert_eq!(Clock::from_name("Program"), None);
        assert_eq!(Clock::from_name(""), None);
        assert_eq!(Clock::default(), Clock::Media);
    }

    #[test]
    fn the_start_date_wins_over_the_host_offset() {
        assert_eq!(program_offset(1_795_000_000_500.0, Some(7.0)), Some(1_795_000_000.5));
        assert_eq!(program_offset(f64::NAN, Some(1_795_000_000.25)), Some(1_795_000_000.25));
    }

    #[test]
    fn without_a_start_date_or_a_finite_offset_program_time_is_unknown() {
        assert_eq!(program_offset(f64::NAN, None), None);
        assert_eq!(program_offset(f64::NAN, Some(f64::NAN)), None);
        assert_eq!(program_offset(f64::INFINITY, Some(f64::INFINITY)), None);
    }

    #[test]
    fn program_times_are_seconds_between_2000_and_2100() {
        assert!(is_program_time(PROGRAM_TIME_MIN));
        assert!(is_program_time(1_795_000_000.0));
        assert!(is_program_time(PROGRAM_TIME_MAX));
        assert!(!is_program_time(12.5), "media time");
        assert!(!is_program_time(1_795_000_000_000.0), "milliseconds");
        assert!(!is_program_time(f64::NAN));
        assert!(!is_program_time(f64::INFINITY));
    }
}
