//! The live hotspots of a stage, found by key and by id, in memory that follows how many are
//! live, not how many ever were.
//!
//! Keys are handed out in timeline order and never reused, so a key held across a removal or a
//! reload resolves to nothing rather than to another hotspot. The records are kept by
//! ascending key (found by binary search, iterated in timeline order); a removal leaves a hole
//! that keeps its key, and once the holes outnumber the live records (and a few more) the
//! list is compacted. So the list is at most about twice the live count, and each removal pays
//! O(1) amortized for the compaction. The id table (`Table`) shrinks on its own.
//!
//! Nothing here knows about time, the screen or the index: the stage keeps those in step.

use super::index::Key;
use super::table::{fit_to_len, hash_str, Table};
use super::timeline::Hotspot;

/// Holes tolerated before a compaction even when more than the live records (so a stage with
/// one live hotspot does not compact on every removal).
const MIN_HOLES: usize = 32;

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
        let at = self.records.binary_search_by_key(&key, |r| r.0).ok()?;
        self.records.get(at)?.1.as_ref()
    }

    /// The key of the live hotspot with this id.
    pub fn key_of(&self, id: &str) -> Option<Key> {
        let at = self.find(id)?;
        self.records.get(at as usize).map(|r| r.0)
    }

    /// Adds a hotspot under the next key and returns the key, replacing (and returning) a live
    /// hotspot with the same id, as a map would. `Err` gives the hotspot back when the keys
    /// have run out (see `renumber`).
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

    /// Gives the live hotspots the keys `first_key..`, in the order they had, and returns the
    /// old key -> new key map as a sorted list of old keys (the new key of `old[i]` is
    /// `first_key + i`). For when the keys run out: a stage renumbers once per four billion
    /// keys handed out.
    pub fn renumber(&mut self, first_key: Key) -> Vec<Key> {
        self.compact();
        let mut old = Vec::with_capacity(self.records.len());
        let mut next = first_key;
        for record in &mut self.records {
            old.push(record.0);
            record.0 = next;
            next = next.saturating_add(1);
        }
        self.next_key = next;
        old
    }

    /// Drops the holes, keeping the order; the id table then points at the new positions.
    fn compact(&mut self) {
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
