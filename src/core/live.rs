//! The live hotspots of a stage, found by key and by id, in memory that follows how many are
//! live, not how many ever were.
//!
//! Keys are handed out in timeline order and never reused, so a key held across a removal or a
//! reload resolves to nothing rather than to another hotspot. The records are kept by
//! ascending key (found in one read while the keys are consecutive, else by binary search;
//! iterated in timeline order); a removal leaves a hole that keeps its key, and once the holes
//! outnumber the live records (and a few more) the list is compacted. So the list is at most
//! about twice the live count, and each removal pays O(1) amortized for the compaction. The id
//! table (`Table`) shrinks on its own.
//!
//! Nothing here knows about time, the screen or the index: the stage keeps those in step.

use super::index::Key;
use super::table::{fit_to_len, hash_str, Table};
use super::timeline::Hotspot;

/// Holes tolerated before a compaction even when more than the live records (so a stage with
/// one live hotspot compacts once per eight removals, not on every one).
const MIN_HOLES: usize = 8;

#[derive(Debug, Clone, Default)]
pub struct LiveHotspots {
    /// By strictly ascending key; `None` is a hole left by a removal.
    records: Vec<(Key, Option<Hotspot>)>,
    /// The `None`s in `records`.
    holes: usize,
    /// Hotspot id -> its position in `records`.
    by_id: Table,
    /// The key the next hotspot gets.
    next_key: Key,
}

impl LiveHotspots {
    /// An empty set for about `n` hotspots, whose keys start at `first_key`.
    pub fn with_capacity(n: usize, first_key: Key) -> LiveHotspots {
        LiveHotspots {
            records: Vec::with_capacity(n),
            holes: 0,
            by_id: Table::with_capacity(n),
            next_key: first_key,
        }
    }

    /// The key the next hotspot would get.
    pub fn next_key(&self) -> Key {
        self.next_key
    }

    /// How many are live.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn get(&self, key: Key) -> Option<&Hotspot> {
        self.records.get(self.position(key)?)?.1.as_ref()
    }

    /// The key of the live hotspot with this id.
    pub fn key_of(&self, id: &str) -> Option<Key> {
        let at = self.find(id)?;
        self.records.get(at as usize).map(|r| r.0)
    }

    /// Adds a hotspot under the next key and returns the key, replacing (and returning) a live
    /// hotspot with the same id, as a map would. `Err` gives the hotspot back when the keys
    /// have run out (see `number_from_zero`).
    pub fn insert(&mut self, hotspot: Hotspot) -> Result<(Key, Option<(Key, Hotspot)>), Hotspot> {
        // Key::MAX is never handed out, and positions stay below the table's empty mark.
        if self.next_key == Key::MAX || self.records.len() >= u32::MAX as usize {
            return Err(hotspot);
        }
        let replaced = self.remove(&hotspot.id);
        // Fits: checked above, and a removal only shortens the list.
        let at = self.records.len() as u32;
        let key = self.next_key;
        self.next_key += 1;
        let hash = hash_str(&hotspot.id);
        self.records.push((key, Some(hotspot)));
        let records = &self.records;
        self.by_id
            .set(hash, at, |_| false, |h| id_at(records, h).map_or(0, hash_str));
        Ok((key, replaced))
    }

    /// Removes the live hotspot with this id: its key and the hotspot.
    pub fn remove(&mut self, id: &str) -> Option<(Key, Hotspot)> {
        let records = &self.records;
        let at = self.by_id.remove(
            hash_str(id),
            |h| id_at(records, h) == Some(id),
            |h| id_at(records, h).map_or(0, hash_str),
        )?;
        let record = self.records.get_mut(at as usize)?;
        let key = record.0;
        let hotspot = record.1.take()?;
        self.holes += 1;
        if self.holes > self.len().max(MIN_HOLES) {
            self.compact();
        }
        Some((key, hotspot))
    }

    /// The live hotspots with their keys, in timeline order (ascending key).
    pub fn iter(&self) -> impl Iterator<Item = (Key, &Hotspot)> {
        self.records
            .iter()
            .filter_map(|(key, hotspot)| Some((*key, hotspot.as_ref()?)))
    }

    /// The key the live hotspot with `key` gets from `number_from_zero` (its rank among the
    /// live ones); right after `compact`.
    pub fn rank(&self, key: Key) -> Option<Key> {
        u32::try_from(self.position(key)?).ok()
    }

    /// The position in `records` of the record with this key (live or a hole). Until the first
    /// compaction the keys are consecutive, so the key's distance from the first one is its
    /// position: one read, where a binary search reads about 14 records of 10,000 scattered
    /// over a megabyte (measured in Chromium: most of a frame's time in the stage, with the
    /// caches cold between frames).
    fn position(&self, key: Key) -> Option<usize> {
        let guess = key.wrapping_sub(self.records.first()?.0) as usize;
        if self.records.get(guess).is_some_and(|r| r.0 == key) {
            return Some(guess);
        }
        self.records.binary_search_by_key(&key, |r| r.0).ok()
    }

    /// Gives the live hotspots the keys 0, 1, ... in their order; right after `compact`. For
    /// when the keys run out: once per four billion keys handed out.
    pub fn number_from_zero(&mut self) {
        let mut next: Key = 0;
        for record in &mut self.records {
            record.0 = next;
            next = next.saturating_add(1);
        }
        self.next_key = next;
    }

    /// Drops the holes, keeping the order; the id table then points at the new positions.
    pub fn compact(&mut self) {
        self.records.retain(|r| r.1.is_some());
        fit_to_len(&mut self.records);
        self.holes = 0;
        self.by_id = Table::with_capacity(self.records.len());
        let records = &self.records;
        for (at, (_, hotspot)) in (0u32..).zip(records) {
            if let Some(hotspot) = hotspot {
                self.by_id.set(
                    hash_str(&hotspot.id),
                    at,
                    |_| false,
                    |h| id_at(records, h).map_or(0, hash_str),
                );
            }
        }
    }

    /// The position in `records` of the live hotspot with this id.
    fn find(&self, id: &str) -> Option<u32> {
        let records = &self.records;
        self.by_id
            .find(hash_str(id), |h| id_at(records, h) == Some(id))
    }
}

/// The id of the live hotspot at position `at`.
fn id_at(records: &[(Key, Option<Hotspot>)], at: u32) -> Option<&str> {
    records.get(at as usize)?.1.as_ref().map(|h| h.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::timeline::{Clock, Motion, Point};

    fn spot(id: &str) -> Hotspot {
        Hotspot {
            id: id.into(),
            product: "p".into(),
            start: 0.0,
            end: 1.0,
            clock: Clock::Media,
            motion: Motion::Fixed(Point { x: 0.5, y: 0.5 }),
            label: None,
        }
    }

    fn insert(live: &mut LiveHotspots, id: &str) -> Key {
        match live.insert(spot(id)) {
            Ok((key, _)) => key,
            Err(_) => panic!("out of keys"),
        }
    }

    #[test]
    fn keys_ascend_and_are_never_reused() {
        let mut live = LiveHotspots::with_capacity(0, 7);
        assert_eq!(insert(&mut live, "a"), 7);
        assert_eq!(insert(&mut live, "b"), 8);
        assert!(live.remove("a").is_some());
        assert_eq!(insert(&mut live, "a"), 9);
        assert_eq!(live.get(7), None);
        assert_eq!(live.key_of("a"), Some(9));
        let order: Vec<&str> = live.iter().map(|(_, h)| h.id.as_str()).collect();
        assert_eq!(order, ["b", "a"]);
    }

    #[test]
    fn a_repeated_id_replaces_the_earlier_hotspot() {
        let mut live = LiveHotspots::default();
        let first = insert(&mut live, "a");
        let Ok((second, replaced)) = live.insert(spot("a")) else {
            panic!("out of keys")
        };
        assert_eq!(replaced.map(|(key, h)| (key, h.id)), Some((first, "a".into())));
        assert_eq!(live.len(), 1);
        assert_eq!(live.get(first), None);
        assert!(live.get(second).is_some());
    }

    #[test]
    fn holes_are_compacted_so_the_list_follows_the_live_count() {
        let mut live = LiveHotspots::default();
        for n in 0..10_000 {
            insert(&mut live, &format!("h{n}"));
            if n >= 3 {
                assert!(live.remove(&format!("h{}", n - 3)).is_some());
            }
            assert!(live.records.len() <= 3 + 1 + MIN_HOLES + 1, "{}", live.records.len());
            assert!(live.records.capacity() <= 4 * (3 + 1 + MIN_HOLES + 1));
        }
        assert_eq!(live.len(), 3);
        for n in 9_997..10_000 {
            let key = live.key_of(&format!("h{n}"));
            assert_eq!(key.and_then(|k| live.get(k)).map(|h| h.id.clone()), Some(format!("h{n}")));
        }
    }

    #[test]
    fn a_key_is_found_with_consecutive_keys_and_after_a_compaction() {
        let mut live = LiveHotspots::with_capacity(0, 50);
        for n in 0..100 {
            insert(&mut live, &format!("h{n}"));
        }
        // `expected(key)`: the id live under that key, if any.
        let check = |live: &LiveHotspots, expected: &dyn Fn(Key) -> Option<String>| {
            for key in 0..200 {
                assert_eq!(live.get(key).map(|h| h.id.clone()), expected(key), "key {key}");
            }
        };
        check(&live, &|key| (50..150).contains(&key).then(|| format!("h{}", key - 50)));
        // Two of every three removed: the holes outnumber the live ones, so the list is
        // compacted and its keys are no longer consecutive.
        for n in (0..100).filter(|n| n % 3 != 0) {
            assert!(live.remove(&format!("h{n}")).is_some());
        }
        assert!(live.records.len() < 100, "compacted");
        let kept = |key: Key| (50..150).contains(&key) && (key - 50) % 3 == 0;
        check(&live, &|key| kept(key).then(|| format!("h{}", key - 50)));
    }

    #[test]
    fn the_last_key_is_never_handed_out() {
        let mut live = LiveHotspots::with_capacity(0, Key::MAX - 2);
        assert_eq!(insert(&mut live, "a"), Key::MAX - 2);
        assert_eq!(insert(&mut live, "b"), Key::MAX - 1);
        assert!(live.insert(spot("c")).is_err());
        // Running out replaces nothing.
        assert!(live.insert(spot("a")).is_err());
        assert_eq!(live.len(), 2);
    }

    #[test]
    fn numbering_from_zero_keeps_the_order_and_ranks_the_old_keys() {
        let mut live = LiveHotspots::with_capacity(0, 100);
        for id in ["a", "b", "c", "d"] {
            insert(&mut live, id);
        }
        live.remove("b");
        live.compact();
        let ranks: Vec<Option<Key>> = [100, 101, 102, 103].iter().map(|&k| live.rank(k)).collect();
        assert_eq!(ranks, [Some(0), None, Some(1), Some(2)]);
        live.number_from_zero();
        let now: Vec<(Key, &str)> = live.iter().map(|(k, h)| (k, h.id.as_str())).collect();
        assert_eq!(now, [(0, "a"), (1, "c"), (2, "d")]);
        assert_eq!(live.next_key(), 3);
        assert_eq!(live.key_of("d"), Some(2));
    }
}
