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

#[cfg(test)]
mod tests {
    use super::*;

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
