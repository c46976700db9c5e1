//! Any text through everything the player does with it: read (`core::json`, held to serde_json),
//! validate (with and without the reader's filter, as a timeline, an `addHotspots` list, an
//! `upsertProducts` list and a cue), the model written back and read again, the stage's frames
//! at every time the timeline names, live changes, and the intents a viewer's taps make. Every
//! promise the native tests make is asserted here too: a panic is a finding.
//!
//! The first byte chooses how the text is read and where it goes; the rest is the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shoppable_video::core::geometry::{ObjectFit, ObjectPosition, Viewport};
use shoppable_video::core::intent::{self, Action, Control, RepeatGuard, Source};
use shoppable_video::core::json::{self, Keep, Options};
use shoppable_video::core::number::to_js_string;
use shoppable_video::core::shape;
use shoppable_video::core::stage::{Change, Stage};
use shoppable_video::core::timeline::{Motion, Timeline};
use shoppable_video::core::validate::{self, Cue, Problem};
use shoppable_video::core::value::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();
    let options = if flags & 1 == 0 { Options::text(&json::std_number) } else { Options::js_object(&json::std_number) };

    let value = reader_agrees_with_serde_json(text);
    if let Some(value) = &value {
        numbers_print_and_read_back(value);
    }
    let timeline = validation_agrees_with_and_without_the_filter(text, &options);
    let Some(timeline) = timeline else { return };
    model_keeps_its_promises(&timeline);
    model_reads_back_from_its_own_json(&timeline);
    stage_frames_and_intents(timeline, text, &options, flags);
});

/// Same verdict as serde_json and the same value, numbers bit for bit; the browser's mode reads
/// the same JSON the same way.
fn reader_agrees_with_serde_json(text: &str) -> Option<Value<'_>> {
    let ours = json::parse(text);
    let theirs: Result<Value<'static>, _> = serde_json::from_str(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert!(same(a, b), "{text:?}: {a:?} / {b:?}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{text:?}: core::json {ours:?}, serde_json {theirs:?}"),
    }
    let loose = json::read(text, Keep::All, &Options::js_object(&json::std_number));
    match (&ours, &loose) {
        (Ok(a), Ok(b)) => assert!(same(a, b)),
        (Ok(_), Err(e)) => panic!("{text:?}: only the browser's mode refuses it: {e}"),
        _ => {}
    }
    for error in [ours.as_ref().err(), loose.as_ref().err()].into_iter().flatten() {
        assert!(!error.what.is_empty());
        if let Some(p) = error.position {
            assert!(p.line >= 1 && p.column >= 1 && p.column <= text.chars().count() + 1, "{error:?}");
        }
    }
    ours.ok()
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.to_bits() == y.to_bits(),
        (Value::Array(xs), Value::Array(ys)) => xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same(x, y)),
        (Value::Object(xs), Value::Object(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|((kx, x), (ky, y))| kx == ky && same(x, y))
        }
        (a, b) => a == b,
    }
}

/// Every number read prints (as JavaScript would) to text that reads back to it.
fn numbers_print_and_read_back(value: &Value) {
    match value {
        Value::Number(n) => {
            let text = to_js_string(*n);
            let back: f64 = text.parse().unwrap_or(f64::NAN);
            assert!(back == *n, "{n:?} printed as {text}");
        }
        Value::Array(items) => items.iter().for_each(numbers_print_and_read_back),
        Value::Object(members) => members.iter().for_each(|(_, v)| numbers_print_and_read_back(v)),
        _ => {}
    }
}

/// The reader's filter changes nothing the validator says; problems are never empty.
fn validation_agrees_with_and_without_the_filter(text: &str, options: &Options) -> Option<Timeline> {
    let whole = json::read(text, Keep::All, options).map_err(|e| vec![Problem::from(e)]);
    let check = |problems: &Vec<Problem>| {
        assert!(!problems.is_empty());
        assert!(problems.iter().all(|p| !p.message.is_empty()));
    };
    let timeline = validate::timeline_from_text(text, options);
    let want = whole.clone().and_then(|v| validate::timeline_from_value(&v));
    assert_eq!(timeline, want, "{text:?}");
    if let Err(problems) = &timeline {
        check(problems);
    }
    let exists = |id: &str| id.len() % 2 == 0;
    let taken = |id: &str| id.starts_with('h');
    let hotspots = validate::hotspots_from_text(text, options, "", &exists, &taken);
    assert_eq!(hotspots, whole.clone().and_then(|v| validate::hotspots_from_value(&v, "", &exists, &taken)));
    let products = validate::products_from_text(text, options, "");
    assert_eq!(products, whole.clone().and_then(|v| validate::products_from_value(&v, "")));
    let cue = Cue { default_id: "c", start: 1.0, end: 2.0 };
    let from_cue = validate::hotspot_from_cue_text(text, options, cue, "cues[0]", &exists, &taken);
    match (&from_cue, &whole) {
        (Err(problems), _) => check(problems),
        (Ok(h), Ok(v)) => assert_eq!(Ok(h.clone()), validate::hotspot_from_cue(v, cue, "cues[0]", &exists, &taken)),
        (Ok(_), Err(_)) => panic!("a cue read with the filter but not without"),
    }
    timeline.ok()
}

fn model_keeps_its_promises(t: &Timeline) {
    let unit = |x: f64| (0.0..=1.0).contains(&x);
    for (i, h) in t.hotspots.iter().enumerate() {
        assert!(!h.id.is_empty() && h.start.is_finite() && h.start >= 0.0 && h.end.is_finite() && h.end > h.start);
        assert!(t.products.iter().any(|p| p.id == h.product));
        assert!(t.hotspots[..i].iter().all(|other| other.id != h.id));
        match &h.motion {
            Motion::Fixed(p) => assert!(unit(p.x) && unit(p.y)),
            Motion::Keyframes { keyframes, .. } => {
                assert!(!keyframes.is_empty());
                assert!(keyframes.iter().all(|k| unit(k.x) && unit(k.y) && k.t >= h.start && k.t <= h.end));
                assert!(keyframes.windows(2).all(|w| w[0].t < w[1].t));
            }
        }
    }
    for (i, p) in t.products.iter().enumerate() {
        assert!(!p.id.is_empty() && t.products[..i].iter().all(|other| other.id != p.id));
        for price in [p.price, p.original_price].into_iter().flatten() {
            assert!(price.is_finite() && price >= 0.0);
        }
    }
}

/// What the element's `timeline` getter writes reads back to the same model.
fn model_reads_back_from_its_own_json(t: &Timeline) {
    let text = shape::timeline_json(t.clock, t.currency.as_deref(), &t.products, &t.hotspots, &|_, n| panic!("{n:?} not written"));
    let back = validate::timeline_from_text(&text, &Options::text(&json::std_number));
    assert_eq!(back.as_ref(), Ok(t), "{text}");
}

fn stage_frames_and_intents(timeline: Timeline, text: &str, options: &Options, flags: u8) {
    let fits = [ObjectFit::Contain, ObjectFit::Cover, ObjectFit::Fill, ObjectFit::None];
    let viewport = Viewport {
        video_width: 1920.0,
        video_height: 1080.0,
        box_width: [800.0, 320.0, 0.0, 1e9][usize::from(flags >> 1 & 3)],
        box_height: 450.0,
        fit: fits[usize::from(flags >> 3 & 3)],
        position: ObjectPosition::CENTER,
    };
    // Every time the timeline names, and the moments around them.
    let mut times: Vec<f64> = vec![0.0, -1.0, f64::NAN, f64::INFINITY, 1e300];
    for h in timeline.hotspots.iter().take(16) {
        times.extend([h.start, h.end, (h.start + h.end) / 2.0, f64::from_bits(h.end.to_bits().saturating_sub(1))]);
        if let Motion::Keyframes { keyframes, .. } = &h.motion {
            times.extend(keyframes.iter().take(4).map(|k| k.t));
        }
    }
    let products = timeline.products.clone();
    let currency = timeline.currency.clone();
    let mut stage = Stage::new();
    stage.load(timeline);
    let mut guard = RepeatGuard::new();
    for (i, &t) in times.iter().enumerate() {
        frame_is_consistent(&mut stage, t, &viewport);
        if i % 3 == 0 {
            taps_make_intents(&stage, &mut guard, currency.as_deref(), t, i as f64 * 100.0);
        }
    }
    // Live changes: remove every other hotspot, add the text as a list, upsert the products.
    let ids: Vec<String> = stage.live_hotspots().step_by(2).map(|h| h.id.clone()).collect();
    stage.remove_hotspots(&ids);
    for &t in times.iter().take(16) {
        frame_is_consistent(&mut stage, t, &viewport);
        for (_, key) in stage.visible() {
            let id = stage.hotspot(key).map(|h| h.id.clone()).unwrap_or_default();
            assert!(!ids.contains(&id), "removed hotspot {id} still visible");
        }
    }
    let added = validate::hotspots_from_text(text, options, "", &|id| stage.has_product(id), &|id| stage.has_hotspot(id));
    if let Ok(list) = added {
        stage.add_hotspots(list);
    }
    stage.upsert_products(products);
    for &t in times.iter().take(16) {
        frame_is_consistent(&mut stage, t, &viewport);
    }
}

/// A frame's changes are finite, name hotspots that exist, and what is visible is in its time.
fn frame_is_consistent(stage: &mut Stage, t: f64, viewport: &Viewport) {
    for change in stage.frame(t, viewport).to_vec() {
        match change {
            Change::Show { key, x, y, .. } => {
                assert!(x.is_finite() && y.is_finite());
                assert!(stage.hotspot(key).is_some());
            }
            Change::Move { x, y, .. } => assert!(x.is_finite() && y.is_finite()),
            Change::Hide { hotspot_id, .. } => assert!(!hotspot_id.is_empty()),
        }
    }
    for (_, key) in stage.visible() {
        let h = stage.hotspot(key).unwrap_or_else(|| panic!("visible key {key} has no hotspot"));
        assert!(h.start <= t && t < h.end, "{} visible at {t:?} outside [{}, {})", h.id, h.start, h.end);
        assert!(stage.product(&h.product).is_some());
    }
}

/// A tap on each visible hotspot: the intent names its product, carries one item of it, and a
/// second tap within 500 ms is refused.
fn taps_make_intents(stage: &Stage, guard: &mut RepeatGuard, currency: Option<&str>, t: f64, now: f64) {
    for (_, key) in stage.visible() {
        let Some(h) = stage.hotspot(key) else { continue };
        let Some(product) = stage.product(&h.product) else { continue };
        if !intent::can_buy(product) {
            continue;
        }
        let position = stage.normalized_position(key);
        if let Some(p) = position {
            assert!((0.0..=1.0).contains(&p.x) && (0.0..=1.0).contains(&p.y));
        }
        let made = intent::intent(
            intent::uuid_v4([7; 16]),
            Action::BuyNow,
            product,
            currency,
            Some(h.id.clone()),
            Source::Hotspot,
            t,
            position,
            now,
        );
        assert_eq!(made.product_id, product.id);
        assert_eq!(made.hotspot_id.as_deref(), Some(h.id.as_str()));
        assert_eq!(made.items.len(), 1);
        assert_eq!(made.items[0].item_id, product.id);
        assert_eq!(made.intent_id.len(), 36);
        let control = Control::for_product(Action::BuyNow, Source::Hotspot, &product.id);
        if guard.allow(control, now) {
            assert!(!guard.allow(control, now + 499.0));
        }
    }
}
