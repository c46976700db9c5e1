//! The stage, as the overlay and the host see it: what shows, moves and hides, frame by frame.

use proptest::prelude::*;
use shoppable_video::core::geometry::{ObjectFit, ObjectPosition, Viewport};
use shoppable_video::core::index::Key;
use shoppable_video::core::stage::{Change, Stage, Upserted, MAX_VISIBLE};
use shoppable_video::core::timeline::{
    Clock, Easing, Hotspot, Keyframe, Motion, Point, Product, Timeline,
};
use std::collections::BTreeMap;

fn product(id: &str) -> Product {
    Product {
        title: Some(format!("Product {id}")),
        price: Some(10.0),
        ..Product::with_id(id)
    }
}

fn fixed(id: &str, product: &str, start: f64, end: f64, x: f64, y: f64) -> Hotspot {
    Hotspot {
        id: id.into(),
        product: product.into(),
        start,
        end,
        clock: Clock::Media,
        motion: Motion::Fixed(Point { x, y }),
        label: None,
    }
}

fn keyframed(
    id: &str,
    start: f64,
    end: f64,
    easing: Easing,
    frames: &[(f64, f64, f64)],
) -> Hotspot {
    Hotspot {
        id: id.into(),
        product: "p".into(),
        start,
        end,
        clock: Clock::Media,
        motion: Motion::Keyframes {
            easing,
            keyframes: frames
                .iter()
                .map(|&(t, x, y)| Keyframe { t, x, y })
                .collect(),
        },
        label: None,
    }
}

fn timeline(hotspots: Vec<Hotspot>) -> Timeline {
    Timeline {
        currency: Some("CNY".into()),
        clock: Clock::Media,
        products: vec![product("p"), product("q"), product("vase-01")],
        hotspots,
    }
}

fn stage_with(hotspots: Vec<Hotspot>) -> Stage {
    let mut stage = Stage::new();
    stage.load(timeline(hotspots));
    stage
}

/// A 1000 × 1000 box showing a square video: normalized (x, y) is (1000 x, 1000 y) px.
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

/// A 16:9 video covering a square box: only x in [0.21875, 0.78125] of the frame is visible.
fn cover() -> Viewport {
    Viewport {
        video_width: 1920.0,
        video_height: 1080.0,
        box_width: 500.0,
        box_height: 500.0,
        fit: ObjectFit::Cover,
        position: ObjectPosition::CENTER,
    }
}

fn key(stage: &Stage, id: &str) -> Key {
    stage
        .hotspot_key(id)
        .unwrap_or_else(|| panic!("no hotspot {id}"))
}

fn show(slot: usize, key: Key, x: f64, y: f64) -> Change {
    Change::Show { slot, key, x, y }
}

fn hide(slot: usize, hotspot: &str, product: &str) -> Change {
    Change::Hide {
        slot,
        hotspot_id: hotspot.into(),
        product_id: product.into(),
    }
}

fn ids(stage: &Stage) -> Vec<String> {
    stage
        .visible()
        .filter_map(|(_, k)| stage.hotspot(k).map(|h| h.id.clone()))
        .collect()
}

#[test]
fn hotspot_shows_exactly_at_start() {
    let mut stage = stage_with(vec![fixed("h1", "vase-01", 2.0, 6.5, 0.42, 0.61)]);
    let h1 = key(&stage, "h1");
    assert_eq!(stage.frame(1.999, &square()), &[]);
    assert_eq!(stage.frame(2.0, &square()), &[show(0, h1, 420.0, 610.0)]);
    assert_eq!(ids(&stage), ["h1"]);
}

#[test]
fn the_last_frames_changes_can_be_read_again() {
    let mut stage = stage_with(vec![fixed("h1", "vase-01", 2.0, 6.5, 0.42, 0.61)]);
    let h1 = key(&stage, "h1");
    stage.frame(2.0, &square());
    // Reading the changes while looking hotspots up, as the overlay does.
    for change in stage.changes() {
        if let Change::Show { key, .. } = change {
            assert_eq!(stage.hotspot(*key).map(|h| h.id.as_str()), Some("h1"));
        }
    }
    assert_eq!(stage.changes(), &[show(0, h1, 420.0, 610.0)]);
}

#[test]
fn hotspot_hides_exactly_at_end() {
    let mut stage = stage_with(vec![fixed("h1", "vase-01", 2.0, 6.5, 0.42, 0.61)]);
    assert_eq!(stage.frame(6.499, &square()).len(), 1);
    assert_eq!(stage.frame(6.5, &square()), &[hide(0, "h1", "vase-01")]);
    assert!(ids(&stage).is_empty());
}

#[test]
fn a_seek_past_a_hotspot_shows_nothing() {
    let mut stage = stage_with(vec![fixed("h1", "p", 2.0, 3.0, 0.5, 0.5)]);
    assert_eq!(stage.frame(0.0, &square()), &[]);
    assert_eq!(stage.frame(10.0, &square()), &[]);
    assert_eq!(stage.frame(2.5, &square()).len(), 1);
    assert_eq!(stage.frame(0.0, &square()), &[hide(0, "h1", "p")]);
}

#[test]
fn slots_reuse_the_lowest_free() {
    let mut stage = stage_with(vec![
        fixed("a", "p", 0.0, 10.0, 0.1, 0.1),
        fixed("b", "p", 0.0, 5.0, 0.2, 0.2),
        fixed("c", "p", 0.0, 10.0, 0.3, 0.3),
        fixed("d", "p", 6.0, 10.0, 0.4, 0.4),
        fixed("e", "p", 7.0, 10.0, 0.5, 0.5),
    ]);
    let [a, b, c, d, e] = ["a", "b", "c", "d", "e"].map(|id| key(&stage, id));
    assert_eq!(
        stage.frame(1.0, &square()),
        &[
            show(0, a, 100.0, 100.0),
            show(1, b, 200.0, 200.0),
            show(2, c, 300.0, 300.0)
        ]
    );
    assert_eq!(stage.frame(5.0, &square()), &[hide(1, "b", "p")]);
    assert_eq!(stage.frame(6.0, &square()), &[show(1, d, 400.0, 400.0)]);
    assert_eq!(stage.frame(7.0, &square()), &[show(3, e, 500.0, 500.0)]);
    assert_eq!(stage.visible_hotspot_at_slot(1), Some(d));
    assert_eq!(stage.visible_hotspot_at_slot(4), None);
}

#[test]
fn an_unchanged_frame_has_no_changes() {
    let mut stage = stage_with(vec![fixed("a", "p", 0.0, 10.0, 0.5, 0.5)]);
    assert_eq!(stage.frame(1.0, &square()).len(), 1);
    assert_eq!(stage.frame(1.0, &square()), &[]);
    assert_eq!(stage.frame(1.5, &square()), &[]);
    assert_eq!(stage.frame(0.5, &square()), &[]);
}

#[test]
fn moves_only_when_the_position_changed() {
    let mut stage = stage_with(vec![
        fixed("still", "p", 0.0, 10.0, 0.5, 0.5),
        keyframed(
            "moving",
            0.0,
            10.0,
            Easing::Linear,
            &[(0.0, 0.0, 0.0), (10.0, 1.0, 1.0)],
        ),
    ]);
    assert_eq!(stage.frame(1.0, &square()).len(), 2);
    assert_eq!(
        stage.frame(2.0, &square()),
        &[Change::Move {
            slot: 1,
            x: 200.0,
            y: 200.0
        }]
    );
}

#[test]
fn a_resize_moves_every_visible_hotspot() {
    let mut stage = stage_with(vec![fixed("a", "p", 0.0, 10.0, 0.5, 0.25)]);
    stage.frame(1.0, &square());
    let bigger = Viewport {
        box_width: 2000.0,
        ..square()
    };
    assert_eq!(
        stage.frame(1.0, &bigger),
        &[Change::Move {
            slot: 0,
            x: 1000.0,
            y: 250.0
        }]
    );
    assert_eq!(stage.frame(1.0, &bigger), &[]);
}

#[test]
fn keyframed_hotspots_move() {
    let mut stage = stage_with(vec![keyframed(
        "h2",
        7.0,
        9.0,
        Easing::Linear,
        &[(7.0, 0.1, 0.5), (9.0, 0.8, 0.4)],
    )]);
    let h2 = key(&stage, "h2");
    assert_eq!(stage.frame(7.0, &square()), &[show(0, h2, 100.0, 500.0)]);
    let changes = stage.frame(8.0, &square()).to_vec();
    let [Change::Move { slot: 0, x, y }] = changes.as_slice() else {
        panic!("{changes:?}");
    };
    assert!((x - 450.0).abs() < 1e-9 && (y - 450.0).abs() < 1e-9);
    let position = stage.normalized_position(h2).unwrap_or_default();
    assert!((position.x - 0.45).abs() < 1e-12 && (position.y - 0.45).abs() < 1e-12);
    assert_eq!(stage.frame(9.0, &square()), &[hide(0, "h2", "p")]);
    assert_eq!(stage.normalized_position(h2), None);
}

#[test]
fn a_step_hotspot_jumps_at_its_keyframes() {
    let mut stage = stage_with(vec![keyframed(
        "s",
        0.0,
        10.0,
        Easing::Step,
        &[(0.0, 0.1, 0.1), (5.0, 0.9, 0.9)],
    )]);
    assert_eq!(stage.frame(0.0, &square()).len(), 1);
    assert_eq!(stage.frame(4.999, &square()), &[]);
    assert_eq!(
        stage.frame(5.0, &square()),
        &[Change::Move {
            slot: 0,
            x: 900.0,
            y: 900.0
        }]
    );
}

#[test]
fn cover_cropped_points_are_hidden() {
    let mut stage = stage_with(vec![
        fixed("cropped", "p", 0.0, 10.0, 0.05, 0.5),
        fixed("centre", "p", 0.0, 10.0, 0.5, 0.5),
        keyframed(
            "drifts-out",
            0.0,
            10.0,
            Easing::Linear,
            &[(0.0, 0.5, 0.5), (10.0, 0.0, 0.5)],
        ),
    ]);
    let centre = key(&stage, "centre");
    let drifts = key(&stage, "drifts-out");
    assert_eq!(
        stage.frame(0.0, &cover()),
        &[show(0, centre, 250.0, 250.0), show(1, drifts, 250.0, 250.0)]
    );
    assert_eq!(ids(&stage), ["centre", "drifts-out"]);
    // x = 0.5 - t/20 leaves the visible band at 0.21875, i.e. t = 5.625.
    assert!(matches!(
        stage.frame(5.6, &cover()),
        [Change::Move { slot: 1, .. }]
    ));
    assert_eq!(stage.frame(5.7, &cover()), &[hide(1, "drifts-out", "p")]);
    // The same frame in a box showing everything shows the cropped ones.
    let all = stage.frame(5.7, &square()).to_vec();
    assert_eq!(
        all.iter()
            .filter(|c| matches!(c, Change::Show { .. }))
            .count(),
        2
    );
}

#[test]
fn unknown_geometry_shows_nothing() {
    let mut stage = stage_with(vec![fixed("a", "p", 0.0, 10.0, 0.5, 0.5)]);
    let unknown = Viewport {
        video_width: 0.0,
        video_height: 0.0,
        ..square()
    };
    assert_eq!(stage.frame(1.0, &unknown), &[]);
    assert_eq!(stage.frame(1.0, &square()).len(), 1);
    assert_eq!(stage.frame(1.0, &unknown), &[hide(0, "a", "p")]);
}

#[test]
fn changes_come_hides_first_then_shows_then_moves() {
    let mut stage = stage_with(vec![
        keyframed(
            "m",
            0.0,
            10.0,
            Easing::Linear,
            &[(0.0, 0.0, 0.0), (10.0, 1.0, 1.0)],
        ),
        fixed("gone", "p", 0.0, 2.0, 0.2, 0.2),
        fixed("new", "q", 2.0, 10.0, 0.3, 0.3),
    ]);
    let new = key(&stage, "new");
    stage.frame(1.0, &square());
    assert_eq!(
        stage.frame(2.0, &square()),
        &[
            hide(1, "gone", "p"),
            show(1, new, 300.0, 300.0),
            Change::Move {
                slot: 0,
                x: 200.0,
                y: 200.0
            },
        ]
    );
}

#[test]
fn invalidate_re_emits_a_move_for_every_visible_hotspot() {
    let mut stage = stage_with(vec![
        fixed("a", "p", 0.0, 10.0, 0.1, 0.1),
        fixed("b", "p", 0.0, 10.0, 0.2, 0.2),
    ]);
    stage.frame(1.0, &square());
    stage.invalidate();
    assert_eq!(
        stage.frame(1.0, &square()),
        &[
            Change::Move {
                slot: 0,
                x: 100.0,
                y: 100.0
            },
            Change::Move {
                slot: 1,
                x: 200.0,
                y: 200.0
            },
        ]
    );
    assert_eq!(stage.frame(1.0, &square()), &[]);
}

#[test]
fn reload_keeps_a_same_id_hotspot_in_its_slot() {
    let mut stage = stage_with(vec![
        fixed("a", "p", 0.0, 10.0, 0.1, 0.1),
        fixed("b", "p", 0.0, 10.0, 0.2, 0.2),
    ]);
    stage.frame(1.0, &square());
    stage.load(timeline(vec![
        fixed("c", "p", 0.0, 10.0, 0.3, 0.3),
        fixed("b", "p", 0.0, 10.0, 0.25, 0.2),
    ]));
    let b = key(&stage, "b");
    let c = key(&stage, "c");
    // Right after the load, b is still on screen in its slot; a is gone.
    assert_eq!(stage.visible().collect::<Vec<_>>(), [(1, b)]);
    assert_eq!(stage.visible_hotspot_at_slot(1), Some(b));
    assert_eq!(stage.visible_hotspot_at_slot(0), None);
    assert_eq!(
        stage.frame(1.0, &square()),
        &[
            hide(0, "a", "p"),
            show(0, c, 300.0, 300.0),
            Change::Move {
                slot: 1,
                x: 250.0,
                y: 200.0
            }
        ]
    );
    assert_eq!(ids(&stage), ["c", "b"]);
}

#[test]
fn reload_that_leaves_a_hotspot_in_place_changes_nothing() {
    let hotspots = vec![fixed("a", "p", 0.0, 10.0, 0.1, 0.1)];
    let mut stage = stage_with(hotspots.clone());
    stage.frame(1.0, &square());
    stage.load(timeline(hotspots));
    assert_eq!(stage.frame(1.0, &square()), &[]);
}

#[test]
fn reload_with_a_new_product_for_the_same_id_is_a_new_button() {
    let mut stage = stage_with(vec![fixed("a", "p", 0.0, 10.0, 0.1, 0.1)]);
    stage.frame(1.0, &square());
    stage.load(timeline(vec![fixed("a", "q", 0.0, 10.0, 0.1, 0.1)]));
    let a = key(&stage, "a");
    assert_eq!(
        stage.frame(1.0, &square()),
        &[hide(0, "a", "p"), show(0, a, 100.0, 100.0)]
    );
}

#[test]
fn reload_where_a_same_id_hotspot_is_no_longer_visible_hides_it() {
    let mut stage = stage_with(vec![fixed("a", "p", 0.0, 10.0, 0.1, 0.1)]);
    stage.frame(1.0, &square());
    stage.load(timeline(vec![fixed("a", "p", 5.0, 10.0, 0.1, 0.1)]));
    assert_eq!(stage.frame(1.0, &square()), &[hide(0, "a", "p")]);
}

#[test]
fn remove_yields_a_hide_with_ids() {
    let mut stage = stage_with(vec![
        fixed("h1", "vase-01", 0.0, 10.0, 0.5, 0.5),
        fixed("h2", "p", 0.0, 10.0, 0.6, 0.6),
    ]);
    stage.frame(1.0, &square());
    stage.remove_hotspots(&["h1".to_string(), "unknown".to_string()]);
    assert!(!stage.has_hotspot("h1"));
    assert_eq!(stage.counts(), (3, 1));
    assert_eq!(ids(&stage), ["h2"]);
    assert_eq!(stage.visible_hotspot_at_slot(0), None);
    assert_eq!(stage.frame(1.0, &square()), &[hide(0, "h1", "vase-01")]);
    assert_eq!(stage.frame(1.0, &square()), &[]);
}

#[test]
fn a_removed_hotspots_slot_is_reused_after_its_hide() {
    let mut stage = stage_with(vec![fixed("a", "p", 0.0, 10.0, 0.5, 0.5)]);
    stage.frame(1.0, &square());
    stage.remove_hotspots(&["a".to_string()]);
    stage.add_hotspots(vec![fixed("b", "q", 0.0, 10.0, 0.7, 0.7)]);
    let b = key(&stage, "b");
    assert_eq!(
        stage.frame(1.0, &square()),
        &[hide(0, "a", "p"), show(0, b, 700.0, 700.0)]
    );
}

#[test]
fn removing_an_invisible_hotspot_owes_no_hide() {
    let mut stage = stage_with(vec![fixed("a", "p", 5.0, 10.0, 0.5, 0.5)]);
    stage.frame(1.0, &square());
    stage.remove_hotspots(&["a".to_string()]);
    assert_eq!(stage.frame(1.0, &square()), &[]);
    assert_eq!(stage.frame(6.0, &square()), &[]);
}

#[test]
fn add_while_visible_time_shows_next_frame() {
    let mut stage = stage_with(vec![fixed("a", "p", 0.0, 10.0, 0.1, 0.1)]);
    stage.frame(3.0, &square());
    stage.add_hotspots(vec![fixed("live-1", "q", 2.0, 8.0, 0.5, 0.5)]);
    assert!(stage.has_hotspot("live-1"));
    assert_eq!(stage.counts(), (3, 2));
    let live = key(&stage, "live-1");
    assert_eq!(stage.frame(3.0, &square()), &[show(1, live, 500.0, 500.0)]);
    assert_eq!(ids(&stage), ["a", "live-1"]);
}

#[test]
fn adding_an_existing_id_replaces_that_hotspot() {
    let mut stage = stage_with(vec![fixed("a", "p", 0.0, 10.0, 0.1, 0.1)]);
    stage.frame(1.0, &square());
    stage.add_hotspots(vec![
        fixed("a", "p", 0.0, 10.0, 0.9, 0.9),
        fixed("a", "p", 0.0, 10.0, 0.8, 0.8),
    ]);
    assert_eq!(stage.counts(), (3, 1));
    let a = key(&stage, "a");
    assert_eq!(
        stage.frame(1.0, &square()),
        &[hide(0, "a", "p"), show(0, a, 800.0, 800.0)]
    );
    assert_eq!(stage.timeline().hotspots.len(), 1);
}

#[test]
fn many_live_additions_stay_in_timeline_order() {
    let mut stage = stage_with(vec![fixed("base", "p", 0.0, 1000.0, 0.5, 0.5)]);
    for batch in 0..50 {
        let list = (0..5)
            .map(|i| {
                let n = batch * 5 + i;
                fixed(
                    &format!("live-{n}"),
                    "p",
                    f64::from(n),
                    f64::from(n) + 20.0,
                    0.5,
                    0.5,
                )
            })
            .collect();
        stage.add_hotspots(list);
    }
    stage.frame(100.0, &square());
    let expected: Vec<String> = std::iter::once("base".to_string())
        .chain((81..=100).map(|n| format!("live-{n}")))
        .collect();
    assert_eq!(ids(&stage), expected);
}

#[test]
fn visible_is_in_timeline_order_whatever_the_slots() {
    let mut stage = stage_with(vec![
        fixed("first", "p", 5.0, 10.0, 0.1, 0.1),
        fixed("second", "p", 0.0, 10.0, 0.2, 0.2),
    ]);
    let first = key(&stage, "first");
    let second = key(&stage, "second");
    stage.frame(1.0, &square());
    stage.frame(6.0, &square());
    assert_eq!(
        stage.visible().collect::<Vec<_>>(),
        [(1, first), (0, second)]
    );
    assert_eq!(ids(&stage), ["first", "second"]);
}

#[test]
fn products_are_upserted_in_place_or_appended() {
    let mut stage = stage_with(vec![]);
    let renamed = Product {
        title: Some("Renamed".into()),
        ..product("q")
    };
    stage.upsert_products(vec![renamed, product("new")]);
    let order: Vec<&str> = stage.products().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(order, ["p", "q", "vase-01", "new"]);
    assert_eq!(
        stage.product("q").and_then(|p| p.title.as_deref()),
        Some("Renamed")
    );
    assert!(stage.has_product("new") && !stage.has_product("nope"));
    assert_eq!(stage.counts(), (4, 0));
}

#[test]
fn an_upsert_lists_the_products_it_replaced_and_added() {
    let mut stage = stage_with(vec![]);
    let renamed = Product {
        title: Some("Renamed".into()),
        ..product("vase-01")
    };
    let changed = stage.upsert_products(vec![
        product("new"),
        renamed.clone(),
        product("p"),
        Product {
            price: Some(99.0),
            ..product("new") // added by this same call: only in `added`
        },
        product("other"),
        product("p"), // twice: listed once
    ]);
    assert_eq!(
        changed,
        Upserted {
            replaced: vec![2, 0],
            added: 3..5,
            relabeled: vec![],
        }
    );
    assert_eq!(stage.products()[2], renamed);
    assert_eq!(stage.product("new").and_then(|p| p.price), Some(99.0));
    let order: Vec<&str> = stage.products().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(order, ["p", "q", "vase-01", "new", "other"]);
}

#[test]
fn an_upsert_lists_the_slots_of_visible_hotspots_showing_a_replaced_product() {
    let mut stage = stage_with(vec![
        fixed("a", "q", 0.0, 10.0, 0.1, 0.1),
        fixed("b", "p", 0.0, 10.0, 0.2, 0.2),
        fixed("c", "q", 0.0, 10.0, 0.3, 0.3),
        fixed("later", "q", 20.0, 30.0, 0.3, 0.3),
    ]);
    stage.frame(1.0, &square());
    let changed = stage.upsert_products(vec![Product {
        price: Some(12.5),
        ..product("q")
    }]);
    assert_eq!(changed.replaced, [1]);
    assert_eq!(changed.relabeled, [0, 2], "a and c, not b, not the hotspot not on screen");
    assert_eq!(stage.frame(1.0, &square()), &[] as &[Change], "a new price is no new button");
}

#[test]
fn the_timeline_getter_returns_the_live_timeline_in_order() {
    let original = timeline(vec![
        fixed("a", "p", 0.0, 10.0, 0.1, 0.1),
        keyframed(
            "b",
            1.0,
            3.0,
            Easing::EaseInOut,
            &[(1.0, 0.0, 0.0), (3.0, 1.0, 1.0)],
        ),
        fixed("c", "p", 2.0, 4.0, 0.3, 0.3),
    ]);
    let mut stage = Stage::new();
    stage.load(original.clone());
    assert_eq!(stage.timeline(), original);
    assert_eq!(stage.currency(), Some("CNY"));
    stage.remove_hotspots(&["b".to_string()]);
    stage.add_hotspots(vec![fixed("d", "q", 0.0, 1.0, 0.5, 0.5)]);
    let ids: Vec<String> = stage
        .timeline()
        .hotspots
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(ids, ["a", "c", "d"]);
}

#[test]
fn a_hundred_thousand_hotspots_load_and_play() {
    let hotspots = (0..100_000)
        .map(|i| {
            let start = f64::from(i) * 0.01;
            fixed(&format!("h{i}"), "p", start, start + 0.5, 0.5, 0.5)
        })
        .collect();
    let mut stage = stage_with(hotspots);
    assert_eq!(stage.frame(500.0, &square()).len(), 50);
    assert_eq!(stage.counts(), (3, 100_000));
}

// ---- at most MAX_VISIBLE at once ------------------------------------------------------------

/// `n` hotspots all due at t = 100, listed with the latest start first: hotspot `h{i}` starts
/// at (n - i) / 100 s, so the earliest starts are the last listed.
fn crowd(n: u32) -> Vec<Hotspot> {
    (0..n)
        .map(|i| {
            let start = f64::from(n - i) * 0.01;
            fixed(&format!("h{i}"), "p", start, 200.0 + f64::from(i), 0.5, 0.5)
        })
        .collect()
}

#[test]
fn at_most_max_visible_hotspots_show_those_that_started_first() {
    let n = 3 * MAX_VISIBLE as u32;
    let mut stage = stage_with(crowd(n));
    let changes = stage.frame(100.0, &square()).to_vec();
    assert_eq!(changes.len(), MAX_VISIBLE);
    assert!(changes.iter().all(|c| matches!(c, Change::Show { .. })));
    // The earliest starts are the last listed; `visible` is in timeline order.
    let expected: Vec<String> = (n - MAX_VISIBLE as u32..n).map(|i| format!("h{i}")).collect();
    assert_eq!(ids(&stage), expected);
    assert_eq!(stage.visible().count(), MAX_VISIBLE);
}

#[test]
fn equal_starts_over_the_limit_keep_timeline_order() {
    let hotspots = (0..150)
        .map(|i| fixed(&format!("h{i}"), "p", 1.0, 10.0, 0.5, 0.5))
        .collect();
    let mut stage = stage_with(hotspots);
    stage.frame(5.0, &square());
    let expected: Vec<String> = (0..MAX_VISIBLE).map(|i| format!("h{i}")).collect();
    assert_eq!(ids(&stage), expected);
}

#[test]
fn a_crowd_never_makes_a_visible_hotspot_flicker() {
    // 100 on screen from t = 0; one more starts every second; each lasts 150 s.
    let hotspots = (0..300)
        .map(|i| {
            let start = if i < MAX_VISIBLE { 0.0 } else { (i - MAX_VISIBLE + 1) as f64 };
            fixed(&format!("h{i}"), "p", start, start + 150.0, 0.5, 0.5)
        })
        .collect();
    let mut stage = stage_with(hotspots);
    stage.frame(0.0, &square());
    let first = ids(&stage);
    // Latecomers wait: nothing changes while the first hundred last.
    for t in 1..150 {
        assert_eq!(stage.frame(f64::from(t), &square()), &[] as &[Change], "t = {t}");
    }
    assert_eq!(ids(&stage), first);
    // At 150 s the first hundred end; the next hundred by start take their places.
    let changes = stage.frame(150.0, &square()).to_vec();
    let hides = changes.iter().filter(|c| matches!(c, Change::Hide { .. })).count();
    let shows = changes.iter().filter(|c| matches!(c, Change::Show { .. })).count();
    assert_eq!((hides, shows), (MAX_VISIBLE, MAX_VISIBLE));
    let expected: Vec<String> = (MAX_VISIBLE..2 * MAX_VISIBLE).map(|i| format!("h{i}")).collect();
    assert_eq!(ids(&stage), expected);
}

#[test]
fn when_a_visible_hotspot_ends_the_next_in_line_takes_its_slot() {
    let mut hotspots = crowd(MAX_VISIBLE as u32 + 5);
    // The earliest starter (listed last) ends first, at 150 s.
    if let Some(h) = hotspots.last_mut() {
        h.end = 150.0;
    }
    let mut stage = stage_with(hotspots);
    stage.frame(100.0, &square());
    let last = format!("h{}", MAX_VISIBLE + 4);
    let slot = stage
        .visible()
        .find(|&(_, k)| stage.hotspot(k).map(|h| h.id.as_str()) == Some(last.as_str()))
        .map(|(slot, _)| slot);
    let Some(slot) = slot else { panic!("{last} is not visible") };
    let changes = stage.frame(150.0, &square()).to_vec();
    let next = key(&stage, "h4");
    assert_eq!(changes, [hide(slot, &last, "p"), show(slot, next, 500.0, 500.0)]);
}

#[test]
fn a_hundred_thousand_hotspots_due_at_once_show_a_hundred() {
    let mut stage = stage_with(crowd(100_000));
    assert_eq!(stage.frame(100.0, &square()).len(), MAX_VISIBLE);
    for n in 1..=100 {
        let t = 100.0 + f64::from(n) * 0.01;
        assert_eq!(stage.frame(t, &square()), &[] as &[Change]);
    }
    assert_eq!(stage.visible().count(), MAX_VISIBLE);
}

// ---- property: the stage agrees with a brute-force filter and with a simulated overlay ----

#[derive(Debug, Clone)]
struct Spec {
    start: f64,
    length: f64,
    from: (f64, f64),
    to: Option<(f64, f64)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let grid_time = (0u32..40).prop_map(|n| f64::from(n) * 0.5);
    let length = prop_oneof![(1u32..20).prop_map(|n| f64::from(n) * 0.5), Just(1e-9),];
    let coordinate = (0u32..=20).prop_map(|n| f64::from(n) / 20.0);
    (
        grid_time,
        length,
        (coordinate.clone(), coordinate.clone()),
        proptest::option::of((coordinate.clone(), coordinate)),
    )
        .prop_map(|(start, length, from, to)| Spec {
            start,
            length,
            from,
            to,
        })
}

fn to_hotspot(i: usize, spec: &Spec) -> Hotspot {
    let end = spec.start + spec.length;
    let motion = match spec.to {
        None => Motion::Fixed(Point {
            x: spec.from.0,
            y: spec.from.1,
        }),
        Some(to) => Motion::Keyframes {
            easing: Easing::Linear,
            keyframes: vec![
                Keyframe {
                    t: spec.start,
                    x: spec.from.0,
                    y: spec.from.1,
                },
                Keyframe {
                    t: end,
                    x: to.0,
                    y: to.1,
                },
            ],
        },
    };
    Hotspot {
        id: format!("h{i}"),
        product: "p".into(),
        start: spec.start,
        end,
        clock: Clock::Media,
        motion,
        label: None,
    }
}

/// Applies the changes as a dumb overlay would (slot -> the hotspot id it was filled with),
/// checking each is applicable.
fn apply(
    stage: &Stage,
    overlay: &mut BTreeMap<usize, String>,
    changes: &[Change],
) -> Result<(), TestCaseError> {
    let mut phase = 0;
    for change in changes {
        match change {
            Change::Hide {
                slot, hotspot_id, ..
            } => {
                prop_assert_eq!(phase, 0, "a Hide after Shows or Moves");
                let was = overlay.remove(slot);
                prop_assert_eq!(was.as_ref(), Some(hotspot_id), "Hide of slot {}", slot);
            }
            Change::Show { slot, key, .. } => {
                prop_assert!(phase <= 1, "a Show after Moves");
                phase = 1;
                let id = stage.hotspot(*key).map(|h| h.id.clone());
                prop_assert!(id.is_some(), "Show of an unknown key");
                prop_assert!(
                    overlay.insert(*slot, id.unwrap_or_default()).is_none(),
                    "Show into a taken slot {}",
                    slot
                );
                let lowest_free = (0..).find(|s| !overlay.contains_key(s) || s == slot);
                prop_assert_eq!(lowest_free, Some(*slot), "Show not in the lowest free slot");
            }
            Change::Move { slot, .. } => {
                phase = 2;
                prop_assert!(overlay.contains_key(slot), "Move of an empty slot {}", slot);
            }
        }
    }
    Ok(())
}

/// What the stage says is on screen: slot -> hotspot id.
fn on_screen(stage: &Stage) -> BTreeMap<usize, String> {
    stage
        .visible()
        .filter_map(|(slot, key)| Some((slot, stage.hotspot(key)?.id.clone())))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_visible_set_is_the_brute_force_filter(
        specs in proptest::collection::vec(spec(), 0..60),
        times in proptest::collection::vec((0u32..50).prop_map(|n| f64::from(n) * 0.5), 1..30),
        cropped in any::<bool>(),
    ) {
        let hotspots: Vec<Hotspot> = specs.iter().enumerate().map(|(i, s)| to_hotspot(i, s)).collect();
        let viewport = if cropped { cover() } else { square() };
        let mut stage = stage_with(hotspots.clone());
        let mut overlay = BTreeMap::new();
        for t in times {
            let changes = stage.frame(t, &viewport).to_vec();
            apply(&stage, &mut overlay, &changes)?;
            let expected: Vec<String> = hotspots
                .iter()
                .filter(|h| h.start <= t && t < h.end)
                .filter(|h| {
                    let p = shoppable_video::core::motion::position_at(&h.motion, t);
                    viewport.map(p).is_some()
                })
                .map(|h| h.id.clone())
                .collect();
            prop_assert_eq!(ids(&stage), expected);
            prop_assert_eq!(&on_screen(&stage), &overlay);
            for (slot, key) in stage.visible() {
                prop_assert_eq!(stage.visible_hotspot_at_slot(slot), Some(key));
            }
            prop_assert_eq!(stage.frame(t, &viewport), &[] as &[Change], "a repeated frame changed");
        }
    }

    #[test]
    fn live_edits_keep_the_overlay_consistent(
        specs in proptest::collection::vec(spec(), 0..30),
        ops in proptest::collection::vec((0u8..4, 0usize..40, spec(), (0u32..40).prop_map(|n| f64::from(n) * 0.5)), 1..40),
    ) {
        let mut live: BTreeMap<usize, Hotspot> =
            specs.iter().enumerate().map(|(i, s)| (i, to_hotspot(i, s))).collect();
        let mut stage = stage_with(live.values().cloned().collect());
        // Timeline order: the loaded ones by index, then additions in the order they came.
        let mut order: Vec<usize> = live.keys().copied().collect();
        let mut overlay = BTreeMap::new();
        for (op, n, spec, t) in ops {
            match op {
                0 => {
                    let h = to_hotspot(n, &spec);
                    stage.add_hotspots(vec![h.clone()]);
                    live.insert(n, h);
                    order.retain(|&i| i != n);
                    order.push(n);
                }
                1 => {
                    stage.remove_hotspots(&[format!("h{n}")]);
                    live.remove(&n);
                    order.retain(|&i| i != n);
                }
                2 => {
                    let hotspots: Vec<Hotspot> = live.values().cloned().collect();
                    order = live.keys().copied().collect();
                    stage.load(timeline(hotspots));
                }
                _ => {}
            }
            let changes = stage.frame(t, &square()).to_vec();
            apply(&stage, &mut overlay, &changes)?;
            let expected: Vec<String> = order
                .iter()
                .filter_map(|i| live.get(i))
                .filter(|h| h.start <= t && t < h.end)
                .map(|h| h.id.clone())
                .collect();
            prop_assert_eq!(ids(&stage), expected);
            prop_assert_eq!(&on_screen(&stage), &overlay);
            prop_assert_eq!(stage.counts().1, live.len());
        }
    }

    #[test]
    fn a_crowd_shows_the_first_to_start_and_none_flickers(
        specs in proptest::collection::vec(spec(), 100..300),
        steps in proptest::collection::vec(0u32..4, 1..30),
        cropped in any::<bool>(),
    ) {
        // Four times as long as usual, so well over MAX_VISIBLE are due at once.
        let hotspots: Vec<Hotspot> = specs
            .iter()
            .enumerate()
            .map(|(i, s)| to_hotspot(i, &Spec { length: s.length * 4.0, ..s.clone() }))
            .collect();
        let viewport = if cropped { cover() } else { square() };
        let mut stage = stage_with(hotspots.clone());
        let mut overlay = BTreeMap::new();
        let mut t = 0.0;
        let mut before: Vec<String> = Vec::new();
        for step in steps {
            t += f64::from(step) * 0.5;
            let changes = stage.frame(t, &viewport).to_vec();
            apply(&stage, &mut overlay, &changes)?;
            // The rule: of those due, the MAX_VISIBLE that started first (then timeline
            // order); of these, those whose point is in the picture; listed in timeline order.
            let mut due: Vec<(usize, &Hotspot)> = hotspots
                .iter()
                .enumerate()
                .filter(|(_, h)| h.start <= t && t < h.end)
                .collect();
            due.sort_by(|a, b| a.1.start.total_cmp(&b.1.start).then(a.0.cmp(&b.0)));
            due.truncate(MAX_VISIBLE);
            due.sort_by_key(|&(i, _)| i);
            let expected: Vec<String> = due
                .iter()
                .filter(|(_, h)| {
                    let p = shoppable_video::core::motion::position_at(&h.motion, t);
                    viewport.map(p).is_some()
                })
                .map(|(_, h)| h.id.clone())
                .collect();
            let now = ids(&stage);
            prop_assert_eq!(&now, &expected, "at t = {}", t);
            prop_assert_eq!(&on_screen(&stage), &overlay);
            // No flicker: a hotspot on screen that is still due and in the picture stays.
            for id in &before {
                let Some(h) = hotspots.iter().find(|h| &h.id == id) else { continue };
                let in_picture = viewport.map(shoppable_video::core::motion::position_at(&h.motion, t)).is_some();
                if t < h.end && in_picture {
                    prop_assert!(now.contains(id), "{} left the screen at t = {}", id, t);
                }
            }
            before = now;
        }
    }
}
