//! Per frame: which hotspots to show, move and hide (the heart of the player).
//!
//! Owns the live timeline (products, hotspots, the index, the default currency) and what was
//! on screen at the last frame. Given a media time and the viewport it answers with the changes
//! since the last frame, in a buffer it reuses, and assigns each visible hotspot a slot: the
//! index of a pooled button in the overlay, so the overlay only does `button[slot]`. Every
//! show/hide event the host gets comes from here.
//! It must never touch the DOM or keep browser handles, and never allocate on a steady frame
//! (same visible set, moving or not): that runs 60 times a second for as long as the video plays.
//!
//! Hotspots may be in media time or in program time (`core::clock`), each its own: the
//! timeline's, a WebVTT cue's and a date range's (media time: the cue's times), and those added
//! at run time, side by side. Each clock has its own index; a frame asks each at the presented
//! frame's time in that clock (program time is media time plus `program_offset`, and while that
//! is unknown no program-time hotspot is shown).
//!
//! Two bounds keep a long live show and an extreme timeline cheap:
//! - **Memory follows what is live.** Hotspots live in `LiveHotspots` (holes compacted, keys
//!   never reused), the index really drops removed intervals, tables and lists shrink with
//!   their contents; the per-frame buffers hold at most `MAX_VISIBLE` entries.
//! - **At most `MAX_VISIBLE` hotspots on screen at once** (see there for the rule and why):
//!   each frame asks the index for at most that many, so its work does not grow with how many
//!   hotspots share the moment.

use std::ops::Range;

use super::clock::Clock;
use super::geometry::Viewport;
use super::index::{Index, Key};
use super::live::LiveHotspots;
use super::motion::position_at;
use super::sort::sort_by;
use super::table::{hash_str, Table};
use super::timeline::{Hotspot, Point, Product, Timeline};

/// The most hotspots on screen at once. When more are due at the same moment, the ones shown
/// are those that **started first** (equal starts: the one listed first in the timeline,
/// run-time additions after it; a program-time start is compared at its media time now); of these, any whose point is outside the visible picture is
/// not shown, and its place is not given to another. A hotspot keeps its place until it ends:
/// one that starts later always ranks after those already on screen, so crowding never makes a
/// button flicker or jump away; when one ends, the next in rank takes its place.
///
/// Why 100: a button must be at least 44 × 44 CSS px to be tapped reliably (WCAG 2.5.5), and
/// 100 of them already tile a 640 × 360 player edge to edge; more cannot be told apart, let
/// alone tapped, on the players this element is embedded in. 100 buttons are also what the
/// overlay can build in one frame, where 100,000 blocked the page for half a minute.
pub const MAX_VISIBLE: usize = 100;

/// One change for the overlay, since the previous frame. `x`, `y` are CSS px in the video's
/// content box.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A hotspot became visible in `slot` (the lowest free one): fill button `slot` from
    /// `Stage::hotspot(key)` and its product, place it, dispatch `shoppable-hotspot-show`.
    Show {
        slot: usize,
        key: Key,
        x: f64,
        y: f64,
    },
    /// The hotspot in `slot` moved on screen.
    Move { slot: usize, x: f64, y: f64 },
    /// The hotspot in `slot` is no longer visible: free the button, dispatch
    /// `shoppable-hotspot-hide`. The ids are owned because the hotspot may have been removed.
    Hide {
        slot: usize,
        hotspot_id: String,
        product_id: String,
    },
}

/// What an `upsert_products` call changed, so the overlay redraws that and nothing else: the
/// rail item of each product replaced or added, and the label of each visible button showing
/// a replaced product. Positions are indexes into `Stage::products()`, which an upsert never
/// reorders (only a `load` does).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Upserted {
    /// Products replaced in place (each product given whose id was known before the call), in
    /// the order given, each once. One added by the same call is only in `added`.
    pub replaced: Vec<usize>,
    /// Products appended at the end, in the order given: `products()[added]`.
    pub added: Range<usize>,
    /// Slots of the visible hotspots whose product is in `replaced` (their button's label names
    /// the product and its price), in timeline order (as `Stage::visible` lists them).
    pub relabeled: Vec<usize>,
}

/// A hotspot on screen at the last frame.
#[derive(Debug, Clone, Copy)]
struct Shown {
    key: Key,
    slot: usize,
    /// The normalized position last computed (for an intent's `position`).
    point: Point,
    /// The box px last reported to the overlay (NaN after `invalidate`).
    x: f64,
    y: f64,
    /// While diffing a frame: what the overlay must be told about this one.
    pending: Pending,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    Nothing,
    Show,
    Move,
}

/// The live timeline and what is on screen. See the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Stage {
    /// The clock of hotspots that name none: the timeline's (for `addHotspots`, the getter).
    clock: Clock,
    currency: Option<String>,
    products: Vec<Product>,
    /// Product id -> its position in `products`.
    products_by_id: Table,
    /// The live hotspots by key (in timeline order) and by id. Each load starts its keys after
    /// the previous load's, so a key kept across a reload (say by an open card) resolves to
    /// nothing rather than another hotspot.
    hotspots: LiveHotspots,
    /// The intervals of the hotspots in media time, and of those in program time.
    index: Index,
    program_index: Index,
    /// Program time minus media time, while known.
    program_offset: Option<f64>,

    // Per-frame state; the buffers are reused so a steady frame allocates nothing. Each holds
    // at most `MAX_VISIBLE` entries (`changes`: a Hide and a Show per slot, a Move per slot).
    /// On screen at the last frame, by ascending key (timeline order).
    shown: Vec<Shown>,
    /// The frame being computed.
    next: Vec<Shown>,
    /// The index's answer for the frame's time, `(start, key)` in no particular order.
    candidates: Vec<(f64, Key)>,
    /// The program-time index's answer, before it joins `candidates`.
    program_candidates: Vec<(f64, Key)>,
    /// Slot -> the key of the hotspot in it; `None` is a free slot.
    slots: Vec<Option<Key>>,
    /// The answer of the last `frame`.
    changes: Vec<Change>,
    /// Hides owed to the overlay by removals and reloads, delivered with the next frame.
    owed: Vec<Change>,
}

impl Stage {
    pub fn new() -> Stage {
        Stage::default()
    }

    /// Replaces the whole timeline. Hotspots visible now are matched by id: one whose id is
    /// still in the timeline, for the same product and with the same label, keeps its slot
    /// (and moves if it must); any other is hidden on the next frame (a changed product or
    /// label is a new button: it is hidden, then shown anew if visible).
    /// Every hotspot gets a new key (keys are in timeline order, and the order may change): a
    /// key from before resolves to nothing; find a visible hotspot by its slot.
    /// An id listed twice (only in an unvalidated timeline) keeps its last hotspot, as a map would.
    pub fn load(&mut self, timeline: Timeline) {
        let Timeline {
            clock,
            currency,
            products,
            hotspots,
        } = timeline;
        self.clock = clock;
        self.currency = currency;
        self.products_by_id = Table::with_capacity(products.len());
        self.products = products;
        for at in 0..self.products.len() {
            self.keep_product_id(at);
        }

        let first_key = fresh_base(self.hotspots.next_key(), hotspots.len());
        let mut live = LiveHotspots::with_capacity(hotspots.len(), first_key);
        for hotspot in hotspots {
            if live.insert(hotspot).is_err() {
                break; // out of keys: unreachable, `fresh_base` leaves room for two billion
            }
        }
        let old = std::mem::replace(&mut self.hotspots, live);
        self.build_indexes();

        // Carry what is on screen across, by id.
        let mut shown = std::mem::take(&mut self.shown);
        let (hotspots, owed) = (&self.hotspots, &mut self.owed);
        shown.retain_mut(|entry| {
            let before = old.get(entry.key);
            let now = before.and_then(|b| {
                let key = hotspots.key_of(&b.id)?;
                let h = hotspots.get(key)?;
                (h.product == b.product && h.label == b.label).then_some(key)
            });
            match now {
                Some(key) => {
                    entry.key = key;
                    true
                }
                None => {
                    owed.push(hide(entry.slot, before));
                    false
                }
            }
        });
        sort_by(&mut shown, in_key_order);
        for slot in &mut self.slots {
            *slot = None;
        }
        for entry in &shown {
            if let Some(slot) = self.slots.get_mut(entry.slot) {
                *slot = Some(entry.key);
            }
        }
        self.shown = shown;
    }

    /// Adds hotspots at run time (already validated: unique ids, known products). They go
    /// after the timeline's, and show from the next frame if visible. An id already present
    /// replaces that hotspot (hidden, then shown anew).
    pub fn add_hotspots(&mut self, list: Vec<Hotspot>) {
        let enough_keys = u32::try_from(list.len())
            .ok()
            .and_then(|n| self.hotspots.next_key().checked_add(n)?.checked_add(1));
        if enough_keys.is_none() {
            // Out of keys (once per four billion): number the live ones afresh first.
            self.renumber();
        }
        let mut entries = [Vec::with_capacity(list.len()), Vec::new()];
        for hotspot in list {
            let Ok((key, replaced)) = self.hotspots.insert(hotspot) else {
                break; // out of keys even so: more than four billion live, unreachable
            };
            if let Some((old_key, old)) = replaced {
                // A repeated id within this list: the earlier one never reaches the index.
                for list in &mut entries {
                    list.retain(|&(k, _, _)| k != old_key);
                }
                self.forget(old_key, &old);
            }
            if let Some(h) = self.hotspots.get(key) {
                entries[h.clock as usize].push((key, h.start, h.end));
            }
        }
        let [media, program] = entries;
        for (index, entries) in [(&mut self.index, media), (&mut self.program_index, program)] {
            if !entries.is_empty() {
                index.extend(&entries);
            }
        }
    }

    /// Removes hotspots by id (unknown ids are ignored). Visible ones are hidden on the next
    /// frame; their slots are free at once.
    pub fn remove_hotspots(&mut self, ids: &[String]) {
        for id in ids {
            if let Some((key, hotspot)) = self.hotspots.remove(id) {
                self.forget(key, &hotspot);
            }
        }
    }

    /// Takes a hotspot that left `hotspots` out of the index and off the screen.
    fn forget(&mut self, key: Key, hotspot: &Hotspot) {
        match hotspot.clock {
            Clock::Media => self.index.remove(key),
            Clock::Program => self.program_index.remove(key),
        };
        if let Ok(at) = self.shown.binary_search_by_key(&key, |e| e.key) {
            let entry = self.shown.remove(at);
            if let Some(slot) = self.slots.get_mut(entry.slot) {
                *slot = None;
            }
            self.owed.push(hide(entry.slot, Some(hotspot)));
        }
    }

    /// Gives the live hotspots the keys 0, 1, ... in their order (once per four billion keys
    /// handed out), and renames them where they are held: on screen, in slots, in the index.
    fn renumber(&mut self) {
        let hotspots = &mut self.hotspots;
        hotspots.compact();
        // Every hotspot on screen is live, so each finds its rank.
        for entry in &mut self.shown {
            entry.key = hotspots.rank(entry.key).unwrap_or(entry.key);
        }
        for slot in &mut self.slots {
            *slot = slot.and_then(|key| hotspots.rank(key));
        }
        hotspots.number_from_zero();
        self.build_indexes();
    }

    /// Builds each clock's index for the live hotspots in that clock.
    fn build_indexes(&mut self) {
        let mut entries = [Vec::with_capacity(self.hotspots.len()), Vec::new()];
        for (key, h) in self.hotspots.iter() {
            entries[h.clock as usize].push((key, h.start, h.end));
        }
        self.index = Index::build(&entries[0]);
        self.program_index = Index::build(&entries[1]);
    }

    /// Sets how program time is found: the presented frame's media time plus `offset`
    /// (`core::clock::program_offset`); `None` while unknown (program-time hotspots hide).
    pub fn set_program_offset(&mut self, offset: Option<f64>) {
        self.program_offset = offset.filter(|offset| offset.is_finite());
    }

    pub fn program_offset(&self) -> Option<f64> {
        self.program_offset
    }

    /// The clock of hotspots that name none (the timeline's).
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Makes the product at `at` findable by its id (replacing an earlier one with that id).
    fn keep_product_id(&mut self, at: usize) {
        let Stage {
            products_by_id,
            products,
            ..
        } = self;
        let (Some(product), Ok(handle)) = (products.get(at), u32::try_from(at)) else {
            return;
        };
        let id = product.id.as_str();
        products_by_id.set(
            hash_str(id),
            handle,
            |h| product_id(products, h) == Some(id),
            |h| product_id(products, h).map_or(0, hash_str),
        );
    }

    /// Adds products, or replaces those with the same id in place (order is kept), and says
    /// which changed (see `Upserted`): the overlay redraws those rail items and button labels,
    /// and nothing else.
    pub fn upsert_products(&mut self, list: Vec<Product>) -> Upserted {
        let first_added = self.products.len();
        let mut replaced = Vec::new();
        // Per product known before the call: 1 once replaced by it. (`u32`, as the table's
        // slots are: one copy of `vec!` in the Wasm.)
        let mut touched = vec![0u32; first_added];
        for product in list {
            let at = find_product(&self.products_by_id, &self.products, &product.id);
            match at.and_then(|at| Some((at, self.products.get_mut(at)?))) {
                Some((at, existing)) => {
                    *existing = product;
                    if let Some(mark @ 0) = touched.get_mut(at) {
                        *mark = 1;
                        replaced.push(at);
                    }
                }
                None => {
                    self.products.push(product);
                    self.keep_product_id(self.products.len() - 1);
                }
            }
        }
        let mut relabeled = Vec::new();
        for entry in &self.shown {
            let product = self
                .hotspots
                .get(entry.key)
                .and_then(|h| find_product(&self.products_by_id, &self.products, &h.product));
            if product.is_some_and(|at| touched.get(at) == Some(&1)) {
                relabeled.push(entry.slot);
            }
        }
        Upserted {
            replaced,
            added: first_added..self.products.len(),
            relabeled,
        }
    }

    pub fn product(&self, id: &str) -> Option<&Product> {
        find_product(&self.products_by_id, &self.products, id).and_then(|at| self.products.get(at))
    }

    /// All products, in timeline order (then upserted ones).
    pub fn products(&self) -> &[Product] {
        &self.products
    }

    pub fn hotspot(&self, key: Key) -> Option<&Hotspot> {
        self.hotspots.get(key)
    }

    /// The key of the live hotspot with this id.
    pub fn hotspot_key(&self, id: &str) -> Option<Key> {
        self.hotspots.key_of(id)
    }

    pub fn has_hotspot(&self, id: &str) -> bool {
        self.hotspots.key_of(id).is_some()
    }

    pub fn has_product(&self, id: &str) -> bool {
        find_product(&self.products_by_id, &self.products, id).is_some()
    }

    /// The timeline's default currency.
    pub fn currency(&self) -> Option<&str> {
        self.currency.as_deref()
    }

    /// The live hotspots, in timeline order (run-time additions last).
    pub fn live_hotspots(&self) -> impl Iterator<Item = &Hotspot> {
        self.hotspots.iter().map(|(_, h)| h)
    }

    /// The live timeline, as `live_hotspots` orders it.
    pub fn timeline(&self) -> Timeline {
        Timeline {
            currency: self.currency.clone(),
            clock: self.clock,
            products: self.products.clone(),
            hotspots: self.live_hotspots().cloned().collect(),
        }
    }

    /// (products, hotspots)
    pub fn counts(&self) -> (usize, usize) {
        (self.products.len(), self.hotspots.len())
    }

    /// The changes since the last frame for media time `t`: Hides first (those owed by
    /// removals and reloads, then the frame's own, in timeline order), then Shows, then Moves,
    /// each in timeline order. A hotspot is visible when `start <= t < end` (`t` in its clock:
    /// the frame's media time, or its program time `t + program_offset`), it is among the
    /// `MAX_VISIBLE` of those that started first, and its point is in the visible picture;
    /// unknown geometry shows nothing. A Move only when the px position changed, so an
    /// unchanged frame returns an empty slice. Steady frames allocate nothing, and no frame
    /// handles more than `MAX_VISIBLE` hotspots, however many are due.
    pub fn frame(&mut self, t: f64, viewport: &Viewport) -> &[Change] {
        let Stage {
            hotspots,
            index,
            program_index,
            program_offset,
            shown,
            next,
            candidates,
            program_candidates,
            slots,
            changes,
            owed,
            ..
        } = self;
        changes.clear();
        changes.append(owed);

        next.clear();
        candidates.clear();
        if let (Some(projection), false) = (viewport.projection(), t.is_nan()) {
            index.query_first_into(t, MAX_VISIBLE, candidates);
            let offset = program_offset.unwrap_or(f64::NAN);
            let program_t = t + offset;
            if !program_index.is_empty() && !program_t.is_nan() {
                program_index.query_first_into(program_t, MAX_VISIBLE, program_candidates);
                // Ranked with the media-time ones by their start on the media scale.
                candidates.extend(program_candidates.iter().map(|&(start, key)| (start - offset, key)));
                keep_first(candidates, MAX_VISIBLE);
            }
            for &(_, key) in candidates.iter() {
                let Some(hotspot) = hotspots.get(key) else {
                    continue;
                };
                let at = match hotspot.clock {
                    Clock::Media => t,
                    Clock::Program => program_t,
                };
                let point = position_at(&hotspot.motion, at);
                if let Some((x, y)) = projection.map(point) {
                    next.push(Shown {
                        key,
                        slot: usize::MAX,
                        point,
                        x,
                        y,
                        pending: Pending::Show,
                    });
                }
            }
            sort_by(next, in_key_order);
        }

        // Both lists are by ascending key: walk them together.
        let mut old = shown.iter().peekable();
        let mut new = next.iter_mut().peekable();
        loop {
            match (old.peek(), new.peek_mut()) {
                (Some(o), Some(n)) if o.key == n.key => {
                    n.slot = o.slot;
                    n.pending = if o.x == n.x && o.y == n.y {
                        Pending::Nothing
                    } else {
                        Pending::Move
                    };
                    old.next();
                    new.next();
                }
                (Some(o), Some(n)) if n.key < o.key => {
                    new.next();
                }
                (Some(o), _) => {
                    if let Some(slot) = slots.get_mut(o.slot) {
                        *slot = None;
                    }
                    changes.push(hide(o.slot, hotspots.get(o.key)));
                    old.next();
                }
                (None, _) => break,
            }
        }

        for n in next.iter_mut().filter(|n| n.pending == Pending::Show) {
            n.slot = take_lowest_free(slots, n.key);
            changes.push(Change::Show {
                slot: n.slot,
                key: n.key,
                x: n.x,
                y: n.y,
            });
        }
        for n in next.iter().filter(|n| n.pending == Pending::Move) {
            changes.push(Change::Move {
                slot: n.slot,
                x: n.x,
                y: n.y,
            });
        }

        shown.clear();
        shown.extend_from_slice(next);
        &self.changes
    }

    /// The changes computed by the last `frame` (so they can be read while other getters, such
    /// as `hotspot`, are called).
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The visible hotspots, `(slot, key)`, in timeline order (for `activeHotspots`): at most
    /// `MAX_VISIBLE`, those on screen.
    pub fn visible(&self) -> impl Iterator<Item = (usize, Key)> + '_ {
        self.shown.iter().map(|e| (e.slot, e.key))
    }

    /// The visible hotspot in `slot` (the overlay's button index), e.g. on a tap.
    pub fn visible_hotspot_at_slot(&self, slot: usize) -> Option<Key> {
        self.slots.get(slot).copied().flatten()
    }

    /// The last computed normalized position of a visible hotspot (the intent's `position`).
    pub fn normalized_position(&self, key: Key) -> Option<Point> {
        let at = self.shown.binary_search_by_key(&key, |e| e.key).ok()?;
        self.shown.get(at).map(|e| e.point)
    }

    /// Forgets the positions reported, so the next frame re-emits a Move for every visible
    /// hotspot (after the overlay's DOM was rebuilt). A resize needs no call: a new viewport
    /// moves the hotspots anyway.
    pub fn invalidate(&mut self) {
        for entry in &mut self.shown {
            entry.x = f64::NAN;
            entry.y = f64::NAN;
        }
    }

}

fn product_id(products: &[Product], at: u32) -> Option<&str> {
    products.get(at as usize).map(|p| p.id.as_str())
}

/// The position of the product with this id.
fn find_product(by_id: &Table, products: &[Product], id: &str) -> Option<usize> {
    let at = by_id.find(hash_str(id), |h| product_id(products, h) == Some(id))?;
    Some(at as usize)
}

/// The first key of a new load: after the previous load's, unless that leaves fewer than two
/// billion keys for it and the live additions after it (then from 0 again).
fn fresh_base(next_key: Key, new_len: usize) -> Key {
    let room = u32::try_from(new_len)
        .ok()
        .and_then(|len| next_key.checked_add(len)?.checked_add(u32::MAX / 2));
    if room.is_some() {
        next_key
    } else {
        0
    }
}

/// Timeline order. One named function for every sort of `Shown`, so the sort is compiled once.
fn in_key_order(a: &Shown, b: &Shown) -> bool {
    a.key < b.key
}

/// Keeps the `limit` candidates that rank first (earlier start, then lower key), in no
/// particular order. Only a frame where more than `limit` hotspots of both clocks are due
/// drops any: at most `limit` of each, so this is at most `limit` passes.
fn keep_first(candidates: &mut Vec<(f64, Key)>, limit: usize) {
    while candidates.len() > limit {
        let mut worst = 0;
        for (at, &(start, key)) in candidates.iter().enumerate() {
            let (worst_start, worst_key) = candidates[worst];
            if start > worst_start || (start == worst_start && key > worst_key) {
                worst = at;
            }
        }
        candidates.swap_remove(worst);
    }
}

/// The Hide for `slot`, with the ids of the hotspot that was in it.
fn hide(slot: usize, hotspot: Option<&Hotspot>) -> Change {
    // Without a hotspot (never, while the stage's invariants hold) the slot must still be
    // freed in the overlay, so the Hide goes out with empty ids.
    let (hotspot_id, product_id) = match hotspot {
        Some(h) => (h.id.clone(), h.product.clone()),
        None => (String::new(), String::new()),
    };
    Change::Hide {
        slot,
        hotspot_id,
        product_id,
    }
}

/// Gives `key` the lowest free slot, growing the pool when all are taken.
fn take_lowest_free(slots: &mut Vec<Option<Key>>, key: Key) -> usize {
    match slots.iter().position(Option::is_none) {
        Some(free) => {
            if let Some(slot) = slots.get_mut(free) {
                *slot = Some(key);
            }
            free
        }
        None => {
            slots.push(Some(key));
            slots.len() - 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::geometry::{ObjectFit, ObjectPosition};
    use crate::core::timeline::Motion;

    fn spot(id: &str, start: f64, end: f64) -> Hotspot {
        Hotspot {
            id: id.into(),
            product: "p".into(),
            start,
            end,
            clock: Clock::Media,
            motion: Motion::Fixed(Point { x: 0.5, y: 0.5 }),
            label: None,
        }
    }

    fn square() -> Viewport {
        Viewport {
            video_width: 100.0,
            video_height: 100.0,
            box_width: 100.0,
            box_height: 100.0,
            fit: ObjectFit::Fill,
            position: ObjectPosition::CENTER,
        }
    }

    #[test]
    fn fresh_base_skips_the_previous_keys_and_wraps_near_the_end() {
        assert_eq!(fresh_base(0, 10), 0);
        assert_eq!(fresh_base(10, 10), 10);
        assert_eq!(fresh_base(u32::MAX - 2, 10), 0);
        assert_eq!(fresh_base(u32::MAX / 2, 10), 0);
        assert_eq!(fresh_base(u32::MAX / 2 - 10, 10), u32::MAX / 2 - 10);
    }

    #[test]
    fn keys_of_a_previous_load_resolve_to_nothing() {
        let mut stage = Stage::new();
        let timeline = Timeline {
            currency: None,
            clock: Clock::Media,
            products: vec![Product::with_id("p")],
            hotspots: vec![spot("a", 0.0, 1.0)],
        };
        stage.load(timeline.clone());
        let first = stage.hotspot_key("a");
        stage.load(timeline);
        let second = stage.hotspot_key("a");
        assert_ne!(first, second);
        assert!(first.and_then(|k| stage.hotspot(k)).is_none());
        assert!(second.and_then(|k| stage.hotspot(k)).is_some());
    }

    #[test]
    fn running_out_of_keys_renumbers_the_live_hotspots_and_keeps_the_screen() {
        let mut stage = Stage::new();
        stage.load(Timeline {
            currency: None,
            clock: Clock::Media,
            products: vec![Product::with_id("p")],
            hotspots: vec![],
        });
        stage.hotspots = LiveHotspots::with_capacity(0, Key::MAX - 3);
        stage.add_hotspots(vec![spot("a", 0.0, 10.0), spot("b", 0.0, 10.0)]);
        assert_eq!(stage.hotspot_key("b"), Some(Key::MAX - 2));
        assert_eq!(stage.frame(1.0, &square()).len(), 2);
        stage.add_hotspots(vec![spot("c", 0.0, 10.0), spot("d", 0.0, 10.0)]);
        let keys: Vec<Option<Key>> = ["a", "b", "c", "d"].iter().map(|id| stage.hotspot_key(id)).collect();
        assert_eq!(keys, [Some(0), Some(1), Some(2), Some(3)]);
        // a and b stay in their slots; c and d show beside them.
        assert_eq!(
            stage.frame(1.0, &square()),
            &[
                Change::Show { slot: 2, key: 2, x: 50.0, y: 50.0 },
                Change::Show { slot: 3, key: 3, x: 50.0, y: 50.0 },
            ]
        );
        assert_eq!(stage.visible().collect::<Vec<_>>(), [(0, 0), (1, 1), (2, 2), (3, 3)]);
        stage.remove_hotspots(&["a".to_string()]);
        assert!(matches!(stage.frame(1.0, &square()), [Change::Hide { slot: 0, .. }]));
        assert_eq!(stage.frame(20.0, &square()).len(), 3);
    }

    #[test]
    fn slots_are_reused_lowest_first() {
        let mut slots = vec![Some(1), None, Some(3), None];
        assert_eq!(take_lowest_free(&mut slots, 9), 1);
        assert_eq!(take_lowest_free(&mut slots, 8), 3);
        assert_eq!(take_lowest_free(&mut slots, 7), 4);
    }

    #[test]
    fn a_nan_time_shows_nothing() {
        let mut stage = Stage::new();
        stage.load(Timeline {
            currency: None,
            clock: Clock::Media,
            products: vec![Product::with_id("p")],
            hotspots: vec![spot("a", 0.0, 10.0)],
        });
        assert_eq!(stage.frame(f64::NAN, &square()).len(), 0);
        assert_eq!(stage.frame(1.0, &square()).len(), 1);
        assert!(matches!(
            stage.frame(f64::NAN, &square()),
            [Change::Hide { .. }]
        ));
    }

    #[test]
    fn a_repeated_id_in_an_unvalidated_timeline_finds_its_last_use_like_a_map() {
        let mut stage = Stage::new();
        let mut second = Product::with_id("p");
        second.title = Some("second".into());
        stage.load(Timeline {
            currency: None,
            clock: Clock::Media,
            products: vec![Product::with_id("p"), second],
            hotspots: vec![spot("a", 0.0, 1.0), spot("a", 2.0, 3.0), spot("b", 0.0, 1.0)],
        });
        assert_eq!(stage.counts(), (2, 2));
        let a = stage.hotspot_key("a").and_then(|key| stage.hotspot(key));
        assert_eq!(a.map(|h| h.start), Some(2.0));
        assert_eq!(stage.product("p").and_then(|p| p.title.as_deref()), Some("second"));
    }

    #[test]
    fn ids_are_found_after_many_adds_and_removes() {
        let mut stage = Stage::new();
        stage.load(Timeline {
            currency: None,
            clock: Clock::Media,
            products: vec![Product::with_id("p")],
            hotspots: (0..100).map(|i| spot(&format!("h{i}"), 0.0, 1.0)).collect(),
        });
        let odd: Vec<String> = (1..100).step_by(2).map(|i| format!("h{i}")).collect();
        stage.remove_hotspots(&odd);
        stage.add_hotspots((0..300).map(|i| spot(&format!("n{i}"), 0.0, 1.0)).collect());
        stage.upsert_products((0..50).map(|i| Product::with_id(format!("q{i}"))).collect());
        for i in 0..100 {
            assert_eq!(stage.has_hotspot(&format!("h{i}")), i % 2 == 0, "h{i}");
        }
        assert!((0..300).all(|i| stage.has_hotspot(&format!("n{i}"))));
        assert!((0..50).all(|i| stage.has_product(&format!("q{i}"))));
        assert!(!stage.has_product("q50"));
        assert_eq!(stage.counts(), (51, 350));
    }
}
