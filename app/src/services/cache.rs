//! Short-lived in-process copies of what every respondent request reads and what almost never
//! changes: a wave with its poll and the form built from it, and an open link with the
//! attributes it reports (issue #9: the submission path does no read it can avoid).
//!
//! An entry is trusted for at most [`TTL`]. A change made through this server clears the
//! copies at once ([`super::Store::forget_cached`]); a change made through another server
//! sharing the database is seen within [`TTL`]. Nothing that decides whether an answer is
//! stored depends on a copy: the group commit reads the wave's status inside its own
//! transaction ([`super::commit`]), and a used nonce or an answered invitation is refused
//! there as well. Personal invitations are never copied (their `completed` flag is read on
//! every request).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a copy is used before it is read again from the database.
pub const TTL: Duration = Duration::from_secs(2);

/// The most entries one cache keeps; when full, expired entries go, then all of them.
const MAX_ENTRIES: usize = 8192;

/// A map of copies, each with the moment it was read.
#[derive(Debug)]
pub(crate) struct Cache<K, V> {
    entries: Mutex<HashMap<K, (Instant, Arc<V>)>>,
}

impl<K: Hash + Eq, V> Default for Cache<K, V> {
    fn default() -> Self {
        Cache {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Hash + Eq, V> Cache<K, V> {
    /// The copy of `key` if it is younger than [`TTL`].
    pub(crate) fn get(&self, key: &K) -> Option<Arc<V>> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, v)| v.clone())
    }

    /// Keeps `value` as the copy of `key` from now on.
    pub(crate) fn put(&self, key: K, value: Arc<V>) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| at.elapsed() < TTL);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (Instant::now(), value));
    }

    /// Forgets every copy.
    pub(crate) fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().unwrap().len()
    }
}

/// Values that stay valid as long as the key they were made from ("the closed waves of a
/// poll"), checked on every use: a copy made from another key is never returned. At most
/// [`MAX_KEPT`] entries; when full, the oldest goes.
#[derive(Debug)]
pub(crate) struct Kept<K, V> {
    entries: Mutex<HashMap<K, KeptEntry<V>>>,
}

/// When a value was kept, the key it was made from, and the value.
type KeptEntry<V> = (Instant, String, Arc<V>);

/// The most values a [`Kept`] holds (a poll's results of 65,000 people are some megabytes).
const MAX_KEPT: usize = 32;

impl<K: Hash + Eq + Clone, V> Default for Kept<K, V> {
    fn default() -> Self {
        Kept {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Hash + Eq + Clone, V> Kept<K, V> {
    /// The value of `key` if it was made from `made_from`.
    pub(crate) fn get(&self, key: &K, made_from: &str) -> Option<Arc<V>> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(key)
            .filter(|(_, from, _)| from == made_from)
            .map(|(_, _, v)| v.clone())
    }

    /// Keeps `value`, made from `made_from`, as the value of `key`.
    pub(crate) fn put(&self, key: K, made_from: String, value: Arc<V>) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_KEPT && !entries.contains_key(&key) {
            if let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, (at, _, _))| *at)
                .map(|(k, _)| k.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(key, (Instant::now(), made_from, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_value_is_only_returned_for_the_key_it_was_made_from() {
        let k: Kept<u32, &str> = Kept::default();
        k.put(1, "w1".into(), Arc::new("one wave"));
        assert_eq!(k.get(&1, "w1").as_deref(), Some(&"one wave"));
        assert!(k.get(&1, "w1,w2").is_none());
        k.put(1, "w1,w2".into(), Arc::new("two waves"));
        assert_eq!(k.get(&1, "w1,w2").as_deref(), Some(&"two waves"));
        assert!(k.get(&1, "w1").is_none());
        for i in 2..=(MAX_KEPT as u32 + 5) {
            k.put(i, "w".into(), Arc::new("x"));
        }
        assert!(k.entries.lock().unwrap().len() <= MAX_KEPT);
        // The newest stays.
        assert!(k.get(&(MAX_KEPT as u32 + 5), "w").is_some());
    }

    #[test]
    fn a_copy_is_returned_until_cleared() {
        let c: Cache<u32, &str> = Cache::default();
        assert!(c.get(&1).is_none());
        c.put(1, Arc::new("a"));
        assert_eq!(c.get(&1).as_deref(), Some(&"a"));
        c.clear();
        assert!(c.get(&1).is_none());
    }

    #[test]
    fn an_expired_copy_is_not_returned() {
        let c: Cache<u32, &str> = Cache::default();
        c.entries
            .lock()
            .unwrap()
            .insert(1, (Instant::now() - TTL, Arc::new("old")));
        assert!(c.get(&1).is_none());
    }

    #[test]
    fn a_full_cache_makes_room() {
        let c: Cache<usize, usize> = Cache::default();
        for i in 0..MAX_ENTRIES + 10 {
            c.put(i, Arc::new(i));
        }
        assert!(c.len() <= MAX_ENTRIES);
        assert_eq!(
            c.get(&(MAX_ENTRIES + 9)).as_deref(),
            Some(&(MAX_ENTRIES + 9))
        );
    }
}
