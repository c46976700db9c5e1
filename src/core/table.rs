//! A small hash table of `u32` handles (positions in a list the owner keeps), found by a key the
//! owner derives from each handle: the stage's products and hotspots by id, the index's spans
//! by key.
//!
//! Why not `std::collections::HashMap`: each instantiation brings its own copy of hashbrown,
//! and `RandomState` brings SipHash and thread-local keys, about 8 KB of Wasm together. This is
//! linear probing over a power-of-two array kept at most half full, with backward-shift
//! deletion (no tombstones), so lookups stay short however many inserts and removes a live
//! stream makes. It also shrinks: once at most an eighth of it is used it is rehashed to a
//! quarter full or less, so its size follows the live count, never the count ever stored (it
//! grows past half full to a quarter full: from either rehash, the count must halve or double
//! before the next, so both stay amortized O(1) per operation). The hash is unkeyed FNV-1a: ids
//! come from the host's own timeline.
//!
//! `fit_to_len` is the same rule for the owners' plain lists.

/// A free slot. Never a handle: handles are positions in lists far shorter than 2^32.
const EMPTY: u32 = u32::MAX;

/// The fewest slots a table keeps: below this, shrinking saves less than it costs.
const MIN_SLOTS: usize = 8;

/// The least room a list shrunk by `fit_to_len` keeps.
const MIN_ROOM: usize = 8;

/// Shrinks a list whose room is at least four times what it holds to twice what it holds (and
/// at least `MIN_ROOM`), so its memory follows its length. Called after removals: a list that
/// grows back pays one reallocation per halving, amortized O(1) per element.
pub fn fit_to_len<T>(list: &mut Vec<T>) {
    if list.capacity() > MIN_ROOM && list.len() * 4 <= list.capacity() {
        list.shrink_to((list.len() * 2).max(MIN_ROOM));
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Handles, each at or after (cyclically) the slot its hash points at; `EMPTY` if free.
    slots: Vec<u32>,
    len: usize,
}

impl Table {
    /// A table for about `n` handles without growing.
    pub fn with_capacity(n: usize) -> Table {
        Table {
            slots: vec![EMPTY; (n * 2).max(MIN_SLOTS).next_power_of_two()],
            len: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// The slots allocated (each holds one handle or none).
    #[cfg(test)]
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }

    /// The handle for which `is` says yes, among those stored with `hash`.
    pub fn find(&self, hash: u32, is: impl Fn(u32) -> bool) -> Option<u32> {
        self.slot(hash, &Closures(is, |_| 0)).map(|(_, handle)| handle)
    }

    /// Stores `handle` under `hash`, replacing (and returning) the one for which `is` says yes.
    /// `hash_of` gives the hash of a stored handle, for growing.
    pub fn set(
        &mut self,
        hash: u32,
        handle: u32,
        is: impl Fn(u32) -> bool,
        hash_of: impl Fn(u32) -> u32,
    ) -> Option<u32> {
        self.set_with(hash, handle, &Closures(is, hash_of))
    }

    /// Removes (and returns) the handle for which `is` says yes, shrinking the table once an
    /// eighth or less of it is used. `hash_of` gives the hash of a stored handle (the removed
    /// one included: it is asked before the owner forgets it).
    pub fn remove(
        &mut self,
        hash: u32,
        is: impl Fn(u32) -> bool,
        hash_of: impl Fn(u32) -> u32,
    ) -> Option<u32> {
        self.remove_with(hash, &Closures(is, hash_of))
    }

    // The bodies take the caller's closures as one trait object, so each body is compiled
    // once, not once per caller: the Wasm every viewer downloads stays smaller.

    fn set_with(&mut self, hash: u32, handle: u32, owner: &dyn Owner) -> Option<u32> {
        if let Some((at, old)) = self.slot(hash, owner) {
            self.slots[at] = handle;
            return Some(old);
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.rehash(self.slots.len().max(MIN_SLOTS), owner);
        }
        self.put(hash, handle);
        None
    }

    fn remove_with(&mut self, hash: u32, owner: &dyn Owner) -> Option<u32> {
        let (mut hole, removed) = self.slot(hash, owner)?;
        let mask = self.slots.len() - 1;
        // Pull back each following handle that may sit in the hole (its home slot is not
        // between the hole and where it is), so no probe crosses an empty slot too early.
        let mut at = hole;
        loop {
            at = (at + 1) & mask;
            let handle = self.slots[at];
            if handle == EMPTY {
                break;
            }
            let home = owner.hash_of(handle) as usize & mask;
            if (at.wrapping_sub(home) & mask) >= (at.wrapping_sub(hole) & mask) {
                self.slots[hole] = handle;
                hole = at;
            }
        }
        self.slots[hole] = EMPTY;
        self.len -= 1;
        if self.slots.len() > MIN_SLOTS && self.len * 8 <= self.slots.len() {
            self.rehash(self.len * 2, owner);
        }
        Some(removed)
    }

    /// Moves every handle into a fresh table for about `n` handles.
    fn rehash(&mut self, n: usize, owner: &dyn Owner) {
        for old in std::mem::replace(self, Table::with_capacity(n)).slots {
            if old != EMPTY {
                self.put(owner.hash_of(old), old);
            }
        }
    }

    /// The slot and handle for which `is` says yes.
    fn slot(&self, hash: u32, owner: &dyn Owner) -> Option<(usize, u32)> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = hash as usize & mask;
        loop {
            let handle = self.slots[at];
            if handle == EMPTY {
                return None;
            }
            if owner.is(handle) {
                return Some((at, handle));
            }
            at = (at + 1) & mask;
        }
    }

    /// Puts a handle in the first free slot from its hash (there is room).
    fn put(&mut self, hash: u32, handle: u32) {
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        while self.slots[at] != EMPTY {
            at = (at + 1) & mask;
        }
        self.slots[at] = handle;
        self.len += 1;
    }
}

/// What a table asks its owner about stored handles: `is` (the one sought?) and `hash_of`.
/// One trait object for both, rather than two `dyn Fn`: a `dyn Fn`'s table of methods carries
/// an extra copy of the closure (for `FnOnce`), which every viewer would download.
trait Owner {
    fn is(&self, handle: u32) -> bool;
    fn hash_of(&self, handle: u32) -> u32;
}

/// The two closures a caller passes, as an `Owner`.
struct Closures<I, H>(I, H);

impl<I: Fn(u32) -> bool, H: Fn(u32) -> u32> Owner for Closures<I, H> {
    fn is(&self, handle: u32) -> bool {
        (self.0)(handle)
    }

    fn hash_of(&self, handle: u32) -> u32 {
        (self.1)(handle)
    }
}

/// The hash of a string key (FNV-1a).
pub fn hash_str(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The hash of a number key (a multiply-xorshift mix, so neighbours spread out).
pub fn hash_u32(k: u32) -> u32 {
    let k = (k ^ (k >> 16)).wrapping_mul(0x7feb_352d);
    k ^ (k >> 15)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A map from string keys to numbers, built on `Table`, checked against `HashMap`.
    #[derive(Default)]
    struct Map {
        table: Table,
        entries: Vec<(String, u32)>,
    }

    impl Map {
        fn get(&self, key: &str) -> Option<u32> {
            let entries = &self.entries;
            let at = self
                .table
                .find(hash_str(key), |h| entries[h as usize].0 == key)?;
            Some(entries[at as usize].1)
        }

        fn insert(&mut self, key: &str, value: u32) {
            if let Some(at) = self.get_handle(key) {
                self.entries[at as usize].1 = value;
                return;
            }
            self.entries.push((key.to_owned(), value));
            let handle = (self.entries.len() - 1) as u32;
            let entries = &self.entries;
            let replaced = self.table.set(
                hash_str(key),
                handle,
                |h| entries[h as usize].0 == key,
                |h| hash_str(&entries[h as usize].0),
            );
            assert_eq!(replaced, None);
        }

        fn get_handle(&self, key: &str) -> Option<u32> {
            let entries = &self.entries;
            self.table
                .find(hash_str(key), |h| entries[h as usize].0 == key)
        }

        /// Removes by swapping the last entry into the freed position.
        fn remove(&mut self, key: &str) -> Option<u32> {
            let entries = &self.entries;
            let at = self.table.remove(
                hash_str(key),
                |h| entries[h as usize].0 == key,
                |h| hash_str(&entries[h as usize].0),
            )?;
            let (_, value) = self.entries.swap_remove(at as usize);
            if let Some((moved, _)) = self.entries.get(at as usize) {
                let last = self.entries.len() as u32;
                let replaced = self
                    .table
                    .set(hash_str(moved), at, |h| h == last, |_| unreachable!());
                assert_eq!(replaced, Some(last));
            }
            Some(value)
        }
    }

    #[test]
    fn behaves_like_a_hash_map_through_many_inserts_and_removes() {
        let mut map = Map::default();
        let mut model = HashMap::new();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for step in 0..200_000_u32 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Few distinct keys, so removes often find something and keys come back.
            let key = format!("k{}", state % 3000);
            if state % 3 == 0 {
                assert_eq!(map.remove(&key), model.remove(&key), "step {step}");
            } else {
                map.insert(&key, step);
                model.insert(key.clone(), step);
            }
            assert_eq!(map.get(&key), model.get(&key).copied());
            assert_eq!(map.table.len(), model.len());
        }
        for (key, value) in &model {
            assert_eq!(map.get(key), Some(*value));
        }
        assert_eq!(map.get("absent"), None);
    }

    #[test]
    fn the_table_shrinks_as_handles_leave_and_keeps_finding_the_rest() {
        let mut map = Map::default();
        for n in 0..10_000 {
            map.insert(&format!("k{n}"), n);
        }
        assert!(map.table.slot_count() >= 20_000);
        for n in 0..9_990 {
            assert_eq!(map.remove(&format!("k{n}")), Some(n));
        }
        // Ten handles: fewer than eight slots each, or it would have shrunk again.
        assert!(map.table.slot_count() < 80, "{} slots", map.table.slot_count());
        for n in 9_990..10_000 {
            assert_eq!(map.get(&format!("k{n}")), Some(n));
        }
    }

    #[test]
    fn add_remove_churn_with_few_live_keeps_the_table_small() {
        let mut map = Map::default();
        for n in 0..100_000 {
            map.insert(&format!("k{n}"), n);
            if n >= 5 {
                assert_eq!(map.remove(&format!("k{}", n - 5)), Some(n - 5));
            }
            assert!(map.table.slot_count() <= 16);
        }
    }

    #[test]
    fn a_list_shrinks_once_a_quarter_of_its_room_is_used() {
        let mut list: Vec<u32> = (0..1000).collect();
        list.truncate(251);
        fit_to_len(&mut list);
        assert!(list.capacity() >= 1000, "shrunk at more than a quarter");
        list.truncate(250);
        fit_to_len(&mut list);
        assert!(list.capacity() >= 500 && list.capacity() < 1000);
        list.clear();
        fit_to_len(&mut list);
        assert!(list.capacity() <= 2 * MIN_ROOM);
    }

    #[test]
    fn an_empty_table_finds_and_removes_nothing() {
        let mut table = Table::default();
        assert_eq!(table.find(7, |_| true), None);
        assert_eq!(table.remove(7, |_| true, |_| 0), None);
        assert_eq!(table.len(), 0);
    }

    #[test]
    fn colliding_hashes_still_work() {
        let mut table = Table::default();
        for handle in 0..100 {
            assert_eq!(table.set(5, handle, |h| h == handle, |_| 5), None);
        }
        for handle in (0..100).step_by(3) {
            assert_eq!(table.remove(5, |h| h == handle, |_| 5), Some(handle));
        }
        for handle in 0..100 {
            let found = table.find(5, |h| h == handle);
            assert_eq!(found.is_some(), handle % 3 != 0);
        }
    }
}
