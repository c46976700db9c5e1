//! Program time (CONTRACT.md section 3, `"clock": "program"`): validation of program times,
//! the clock kept by the `timeline` getter, and the stage showing a program-time hotspot on
//! exactly the frames whose program time is in range, for every viewer whatever their offset.

use proptest::prelude::*;
use shoppable_video::core::clock::{program_offset, Clock, PROGRAM_TIME_MAX, PROGRAM_TIME_MIN};
use shoppable_video::core::geometry::{ObjectFit, ObjectPosition, Viewport};
use shoppable_video::core::json;
use shoppable_video::core::shape;
use shoppable_video::core::stage::{Change, Stage, MAX_VISIBLE};
use shoppable_video::core::timeline::{Easing, Hotspot, Keyframe, Motion, Point, Product, Timeline};
use shoppable_video::core::validate::{hotspots_in_clock_from_value, timeline_from_value, Problem};

/// 2026-11-18T11:06:40Z, a program moment of the live show in these tests.
const T0: f64 = 1_795_000_000.0;
/// Frames of a 30 fps stream.
const FRAME: f64 = 1.0 / 30.0;

fn timeline(text: &str) -> Result<Timeline, Vec<Problem>> {
    match json::parse(text) {
        Ok(value) => timeline_from_value(&value),
        Err(message) => panic!("bad test JSON: {message}"),
    }
}

#[track_caller]
fn valid(text: &str) -> Timeline {
    timeline(text).unwrap_or_else(|problems| panic!("expected a valid timeline, got {problems:#?}"))
}

#[track_caller]
fn problems(text: &str) -> Vec<(String, String)> {
    match timeline(text) {
        Ok(t) => panic!("expected problems, got {t:?}"),
        Err(problems) => problems.into_iter().map(|p| (p.path, p.message)).collect(),
    }
}

fn spot(id: &str, clock: Clock, start: f64, end: f64) -> Hotspot {
    Hotspot {
        id: id.into(),
        product: "p".into(),
        start,
        end,
        clock,
        motion: Motion::Fixed(Point { x: 0.5, y: 0.5 }),
        label: None,
    }
}

fn stage_with(clock: Clock, hotspots: Vec<Hotspot>) -> Stage {
    let mut stage = Stage::new();
    stage.load(Timeline { clock, currency: None, products: vec![Product::with_id("p")], hotspots });
    stage
}

fn square() -> Viewport {
    Viewport {
        video_width: 100.0,
        video_height: 100.0,
        box_width: 1000.0,
        box_height: 1000.0,
        fit: ObjectFit::Fill,
        position: ObjectPosition::CENTER,
    }
}

fn visible(stage: &Stage) -> Vec<String> {
    stage.visible().filter_map(|(_, key)| stage.hotspot(key).map(|h| h.id.clone())).collect()
}

/// The media times of the frames (at 30 fps from `from`) on which `id` was visible.
fn frames_showing(stage: &mut Stage, id: &str, from: f64, frames: u32) -> Vec<f64> {
    let mut seen = Vec::new();
    for n in 0..frames {
        let t = from + f64::from(n) * FRAME;
        stage.frame(t, &square());
        if visible(stage).iter().any(|v| v == id) {
            seen.push(t);
        }
    }
    seen
}

// ---- validation ----

const PROGRAM: &str = r#"{
  "version": 1, "clock": "program",
  "products": [{ "id": "p" }],
  "hotspots": [
    { "id": "now", "product": "p", "start": 1795000000, "end": 1795000004.5, "x": 0.5, "y": 0.5 },
    { "id": "moving", "product": "p", "start": 1795000010, "end": 1795000012, "easing": "linear",
      "keyframes": [{ "t": 1795000010, "x": 0.1, "y": 0.5 }, { "t": 1795000012, "x": 0.9, "y": 0.5 }] },
    { "id": "replay", "product": "p", "clock": "media", "start": 2, "end": 3, "x": 0.2, "y": 0.2 }
  ]
}"#;

#[test]
fn a_program_clock_timeline_reads_its_times_as_epoch_seconds_and_a_hotspot_may_name_its_own_clock() {
    let t = valid(PROGRAM);
    assert_eq!(t.clock, Clock::Program);
    let clocks: Vec<(&str, Clock, f64)> = t.hotspots.iter().map(|h| (h.id.as_str(), h.clock, h.start)).collect();
    assert_eq!(clocks, [("now", Clock::Program, T0), ("moving", Clock::Program, T0 + 10.0), ("replay", Clock::Media, 2.0)]);
}

#[test]
fn a_timeline_without_a_clock_is_in_media_time() {
    let t = valid(r#"{"version":1,"products":[{"id":"p"}],"hotspots":[{"id":"h","product":"p","start":1,"end":2,"x":0,"y":0}]}"#);
    assert_eq!((t.clock, t.hotspots[0].clock), (Clock::Media, Clock::Media));
    let t = valid(r#"{"version":1,"clock":"media","products":[{"id":"p"}],"hotspots":[{"id":"h","product":"p","clock":"program","start":1795000000,"end":1795000001,"x":0,"y":0}]}"#);
    assert_eq!((t.clock, t.hotspots[0].clock), (Clock::Media, Clock::Program));
}

#[test]
fn program_times_outside_2000_to_2100_are_refused_with_their_paths() {
    let found = problems(
        r#"{"version":1,"clock":"program","products":[{"id":"p"}],"hotspots":[
          {"id":"media-time","product":"p","start":12.5,"end":1795000001,"x":0,"y":0},
          {"id":"milliseconds","product":"p","start":1795000000,"end":1795000001000,"x":0,"y":0},
          {"id":"keyframes","product":"p","start":1795000000,"end":1795000002,"keyframes":[{"t":3,"x":0,"y":0}]}
        ]}"#,
    );
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    assert!(paths.contains(&"hotspots[0].start"), "{found:#?}");
    assert!(paths.contains(&"hotspots[1].end"), "{found:#?}");
    assert!(paths.contains(&"hotspots[2].keyframes[0].t"), "{found:#?}");
    let (_, message) = found.iter().find(|(path, _)| path == "hotspots[0].start").cloned().unwrap_or_default();
    assert_eq!(
        message,
        "start (12.5) is not a program time: in the \"program\" clock, times are seconds since the Unix epoch, from 946684800 (2000-01-01) to 4102444800 (2100-01-01)"
    );
}

#[test]
fn the_bounds_of_program_time_are_accepted() {
    let text = format!(
        r#"{{"version":1,"clock":"program","products":[{{"id":"p"}}],"hotspots":[{{"id":"h","product":"p","start":{PROGRAM_TIME_MIN},"end":{PROGRAM_TIME_MAX},"x":0,"y":0}}]}}"#
    );
    assert_eq!(valid(&text).hotspots[0].end, PROGRAM_TIME_MAX);
}

#[test]
fn a_media_time_hotspot_in_a_program_timeline_keeps_media_rules() {
    let found = problems(
        r#"{"version":1,"clock":"program","products":[{"id":"p"}],"hotspots":[
          {"id":"h","product":"p","clock":"media","start":-1,"end":2,"x":0,"y":0}]}"#,
    );
    assert_eq!(found, [("hotspots[0].start".to_string(), "start must not be negative, got -1".to_string())]);
}

#[test]
fn a_negative_program_time_is_reported_once() {
    let found = problems(
        r#"{"version":1,"clock":"program","products":[{"id":"p"}],"hotspots":[
          {"id":"h","product":"p","start":-5,"end":1795000001,"x":0,"y":0}]}"#,
    );
    assert_eq!(found, [("hotspots[0].start".to_string(), "start must not be negative, got -5".to_string())]);
}

#[test]
fn an_unknown_clock_is_refused_at_its_path() {
    let found = problems(
        r#"{"version":1,"clock":"wall","products":[{"id":"p"}],"hotspots":[
          {"id":"h","product":"p","clock":7,"start":1,"end":2,"x":0,"y":0}]}"#,
    );
    assert_eq!(
        found,
        [
            ("clock".to_string(), "clock must be \"media\" or \"program\"".to_string()),
            ("hotspots[0].clock".to_string(), "clock must be \"media\" or \"program\"".to_string()),
        ]
    );
}

#[test]
fn added_hotspots_follow_the_clock_given_unless_they_name_their_own() {
    let text = r#"[{"id":"a","product":"p","start":1795000000,"end":1795000002,"x":0.5,"y":0.5},
                   {"id":"b","product":"p","clock":"media","start":1,"end":2,"x":0.5,"y":0.5}]"#;
    let value = json::parse(text).unwrap_or_else(|e| panic!("{e}"));
    let list = hotspots_in_clock_from_value(&value, "", Clock::Program, &|_| true, &|_| false);
    let clocks: Vec<Clock> = list.unwrap_or_default().iter().map(|h| h.clock).collect();
    assert_eq!(clocks, [Clock::Program, Clock::Media]);
    // The same list in a media-time element: "a" is media time, and 1795000000 s is just late.
    let list = hotspots_in_clock_from_value(&value, "", Clock::Media, &|_| true, &|_| false);
    assert_eq!(list.map(|l| l.len()), Ok(2));
    let bad = json::parse(r#"[{"id":"a","product":"p","start":4,"end":5,"x":0.5,"y":0.5}]"#).unwrap_or_else(|e| panic!("{e}"));
    let refused = hotspots_in_clock_from_value(&bad, "", Clock::Program, &|_| true, &|_| false).err().unwrap_or_default();
    let paths: Vec<&str> = refused.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["[0].start", "[0].end"]);
}

// ---- the getter ----

fn rust_number(out: &mut String, n: f64) {
    out.push_str(&n.to_string());
}

#[test]
fn the_timeline_getter_keeps_every_clock_and_reads_back_to_the_same_model() {
    let t = valid(PROGRAM);
    let mut stage = Stage::new();
    stage.load(t.clone());
    let back = stage.timeline();
    let text = shape::timeline_json(back.clock, back.currency.as_deref(), &back.products, &back.hotspots, &rust_number);
    assert!(text.starts_with(r#"{"version":1,"clock":"program","#), "{text}");
    assert!(text.contains(r#""start":2,"end":3,"clock":"media""#), "{text}");
    assert_eq!(valid(&text), t);
}

// ---- the stage ----

#[test]
fn a_program_time_hotspot_shows_on_exactly_the_frames_whose_program_time_is_in_range() {
    // A viewer whose media time 0 was program time T0 - 100.25 (joined mid-show).
    let offset = T0 - 100.25;
    let (start, end) = (T0 + 0.5, T0 + 2.0);
    let mut stage = stage_with(Clock::Program, vec![spot("h", Clock::Program, start, end)]);
    stage.set_program_offset(Some(offset));
    let seen = frames_showing(&mut stage, "h", 99.0, 150);
    let expected: Vec<f64> = (0..150)
        .map(|n| 99.0 + f64::from(n) * FRAME)
        .filter(|t| start <= t + offset && t + offset < end)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(seen, expected);
    // The first frame is the first at or after start, the last the last before end.
    let first = seen[0] + offset;
    let last = seen[seen.len() - 1] + offset;
    assert!(first >= start && first - start < FRAME, "first {first}, start {start}");
    assert!(last < end && end - last <= FRAME + 1e-6, "last {last}, end {end}");
}

#[test]
fn two_viewers_joining_at_different_points_with_different_latencies_see_the_same_program_frames() {
    let (start, end) = (T0 + 30.0, T0 + 34.0);
    // Viewer A joined at T0 - 10 and watches 3.2 s behind live; viewer B joined 10 s later and
    // watches 7.9 s behind: their media time 0 is at different program times.
    let offsets = [T0 - 10.0 - 3.2, T0 - 7.9];
    let mut shown = Vec::new();
    for offset in offsets {
        let mut stage = stage_with(Clock::Program, vec![spot("h", Clock::Program, start, end)]);
        stage.set_program_offset(Some(offset));
        let media_start = start - offset - 1.0;
        let frames = frames_showing(&mut stage, "h", media_start, 200);
        let program: Vec<f64> = frames.iter().map(|t| t + offset).collect();
        assert!(program.iter().all(|p| (start..end).contains(p)), "{program:?}");
        assert!(program[0] - start < FRAME && end - program[program.len() - 1] <= FRAME + 1e-6);
        shown.push((program[0], frames[0]));
    }
    // Same program moment (within a frame), different media times.
    assert!((shown[0].0 - shown[1].0).abs() < FRAME, "{shown:?}");
    assert!((shown[0].1 - shown[1].1).abs() > 1.0, "{shown:?}");
}

#[test]
fn program_time_hotspots_wait_until_program_time_is_known() {
    let mut stage = stage_with(Clock::Program, vec![spot("h", Clock::Program, T0, T0 + 10.0)]);
    assert!(stage.frame(5.0, &square()).is_empty(), "no offset yet");
    stage.set_program_offset(Some(f64::NAN));
    assert!(stage.frame(5.0, &square()).is_empty(), "a NaN offset is no offset");
    stage.set_program_offset(Some(T0 - 3.0));
    assert!(matches!(stage.frame(5.0, &square()), [Change::Show { .. }]));
    // Losing it again (a new stream) hides the program-time hotspot.
    stage.set_program_offset(None);
    assert!(matches!(stage.frame(5.1, &square()), [Change::Hide { .. }]));
}

#[test]
fn the_start_date_and_the_host_offset_give_program_time() {
    // What the web layer passes: getStartDate() in ms where known, else programTimeOffset.
    let mut stage = stage_with(Clock::Program, vec![spot("h", Clock::Program, T0 + 1.0, T0 + 2.0)]);
    stage.set_program_offset(program_offset((T0 - 10.0) * 1000.0, Some(0.0)));
    stage.frame(11.5, &square());
    assert_eq!(visible(&stage), ["h"]);
    stage.set_program_offset(program_offset(f64::NAN, Some(T0 - 20.0)));
    stage.frame(11.5, &square());
    assert!(visible(&stage).is_empty());
    stage.frame(21.5, &square());
    assert_eq!(visible(&stage), ["h"]);
}

#[test]
fn media_and_program_hotspots_share_the_screen_each_in_its_own_clock() {
    let mut stage = stage_with(
        Clock::Media,
        vec![spot("replay", Clock::Media, 10.0, 20.0), spot("live", Clock::Program, T0 + 5.0, T0 + 6.0)],
    );
    stage.set_program_offset(Some(T0 - 10.0));
    stage.frame(12.0, &square());
    assert_eq!(visible(&stage), ["replay"]);
    stage.frame(15.5, &square());
    assert_eq!(visible(&stage), ["replay", "live"], "timeline order");
    stage.add_hotspots(vec![spot("pushed", Clock::Program, T0 + 5.0, T0 + 5.4), spot("vtt", Clock::Media, 15.0, 15.6)]);
    stage.frame(15.2, &square());
    assert_eq!(visible(&stage), ["replay", "live", "pushed", "vtt"]);
    stage.remove_hotspots(&["live".to_string()]);
    stage.frame(15.45, &square());
    assert_eq!(visible(&stage), ["replay", "vtt"]);
}

#[test]
fn program_time_keyframes_move_with_program_time() {
    let moving = Hotspot {
        motion: Motion::Keyframes {
            easing: Easing::Linear,
            keyframes: vec![Keyframe { t: T0, x: 0.0, y: 0.5 }, Keyframe { t: T0 + 2.0, x: 1.0, y: 0.5 }],
        },
        ..spot("m", Clock::Program, T0, T0 + 2.0)
    };
    let mut stage = stage_with(Clock::Program, vec![moving]);
    stage.set_program_offset(Some(T0 - 50.0));
    assert!(matches!(stage.frame(50.5, &square()), [Change::Show { x, .. }] if (*x - 250.0).abs() < 1e-3));
    assert!(matches!(stage.frame(51.5, &square()), [Change::Move { x, .. }] if (*x - 750.0).abs() < 1e-3));
}

#[test]
fn a_crowd_of_both_clocks_shows_those_that_started_first_on_the_media_scale() {
    let offset = T0 - 1000.0;
    let mut hotspots = Vec::new();
    // 80 media hotspots starting at 1000.0, 1000.01, ...; 80 program ones at 1000.005, ...
    for n in 0..80 {
        let media_start = 1000.0 + f64::from(n) * 0.01;
        hotspots.push(spot(&format!("m{n}"), Clock::Media, media_start, 2000.0));
        hotspots.push(spot(&format!("p{n}"), Clock::Program, media_start + 0.005 + offset, T0 + 1000.0));
    }
    let mut stage = stage_with(Clock::Media, hotspots);
    stage.set_program_offset(Some(offset));
    stage.frame(1500.0, &square());
    let shown = visible(&stage);
    assert_eq!(shown.len(), MAX_VISIBLE);
    // The first 50 of each: m0, p0, m1, p1, ... alternate by start.
    for n in 0..50 {
        assert!(shown.contains(&format!("m{n}")) && shown.contains(&format!("p{n}")), "{n}: {shown:?}");
    }
    assert!(!shown.contains(&"m50".to_string()) && !shown.contains(&"p50".to_string()));
}

proptest! {
    /// Whatever the offset and the hotspots, the visible set at a frame is exactly the
    /// hotspots whose interval holds the frame's time in their clock.
    #[test]
    fn the_visible_set_is_every_hotspot_whose_clock_time_is_in_range(
        offset in PROGRAM_TIME_MIN..PROGRAM_TIME_MAX - 1e6,
        spans in prop::collection::vec((any::<bool>(), 0.0f64..100.0, 0.01f64..20.0), 1..40),
        frames in prop::collection::vec(0.0f64..120.0, 1..30),
    ) {
        let hotspots: Vec<Hotspot> = spans
            .iter()
            .enumerate()
            .map(|(i, &(program, start, length))| {
                let clock = if program { Clock::Program } else { Clock::Media };
                let base = if program { offset } else { 0.0 };
                spot(&format!("h{i}"), clock, base + start, base + start + length)
            })
            .collect();
        let mut stage = stage_with(Clock::Program, hotspots.clone());
        stage.set_program_offset(Some(offset));
        for t in frames {
            stage.frame(t, &square());
            let expected: Vec<String> = hotspots
                .iter()
                .filter(|h| {
                    let at = if h.clock == Clock::Program { t + offset } else { t };
                    h.start <= at && at < h.end
                })
                .map(|h| h.id.clone())
                .collect();
            prop_assert_eq!(visible(&stage), expected);
        }
    }
}
