//! A short-lived result cache that also coalesces identical requests in flight: the first
//! request for a key does the work, requests that arrive meanwhile wait for the same result, and
//! requests within the time to live get it from the cache. When every waiter gives up, the work
//! stops with them.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::FutureExt;
use futures_util::future::{BoxFuture, Shared};
use tokio::time::Instant;

/// How many finished results are kept at most.
const MAX_ENTRIES: usize = 10_000;

enum Entry<V> {
    Ready { value: V, until: Instant },
    Running(Shared<BoxFuture<'static, V>>),
}

/// Results by key, each kept for `ttl`.
pub(crate) struct ResultCache<K, V> {
    ttl: Duration,
    entries: Arc<Mutex<HashMap<K, Entry<V>>>>,
}

impl<K, V> ResultCache<K, V>
where
    K: Eq + Hash + Clone + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    pub(crate) fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// The result for `key`: cached, joined in flight, or computed by `work`. Results for which
    /// `keep` says no (rate limits, overload) are handed to the waiters but not cached.
    pub(crate) async fn get_or_run<F>(&self, key: K, keep: fn(&V) -> bool, work: F) -> V
    where
        F: Future<Output = V> + Send + 'static,
    {
        let shared = {
            let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
            let now = Instant::now();
            match entries.get(&key) {
                Some(Entry::Ready { value, until }) if *until > now => return value.clone(),
                Some(Entry::Running(shared)) => shared.clone(),
                _ => {
                    let entries_handle = Arc::clone(&self.entries);
                    let ttl = self.ttl;
                    let key_for_task = key.clone();
                    let future = async move {
                        let value = work.await;
                        let mut entries = entries_handle
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner);
                        if keep(&value) && ttl > Duration::ZERO {
                            if entries.len() >= MAX_ENTRIES {
                                let now = Instant::now();
                                entries.retain(|_, entry| match entry {
                                    Entry::Ready { until, .. } => *until > now,
                                    Entry::Running(_) => true,
                                });
                            }
                            let until = Instant::now() + ttl;
                            entries.insert(
                                key_for_task,
                                Entry::Ready {
                                    value: value.clone(),
                                    until,
                                },
                            );
                        } else {
                            entries.remove(&key_for_task);
                        }
                        value
                    }
                    .boxed()
                    .shared();
                    entries.insert(key.clone(), Entry::Running(future.clone()));
                    future
                }
            }
        };

        let guard = Abandon {
            entries: Arc::clone(&self.entries),
            key,
            shared: shared.clone(),
        };
        let value = shared.await;
        std::mem::forget(guard);
        value
    }
}

/// Removes a running entry when its last waiter gives up, so that the unfinished work is
/// dropped instead of lingering in the table.
struct Abandon<K: Eq + Hash, V: Clone> {
    entries: Arc<Mutex<HashMap<K, Entry<V>>>>,
    key: K,
    shared: Shared<BoxFuture<'static, V>>,
}

impl<K: Eq + Hash, V: Clone> Drop for Abandon<K, V> {
    fn drop(&mut self) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        // Two handles remain when this waiter was the last: this guard's and the table's.
        if self.shared.strong_count() == Some(2)
            && let Some(Entry::Running(_)) = entries.get(&self.key)
        {
            entries.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn identical_requests_share_one_run_and_then_the_cache() {
        let cache = ResultCache::new(Duration::from_secs(60));
        let runs = Arc::new(AtomicUsize::new(0));
        let work = |runs: Arc<AtomicUsize>| async move {
            runs.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_secs(1)).await;
            7
        };

        let (a, b) = tokio::join!(
            cache.get_or_run("k", |_| true, work(Arc::clone(&runs))),
            cache.get_or_run("k", |_| true, work(Arc::clone(&runs))),
        );
        assert_eq!((a, b), (7, 7));
        assert_eq!(runs.load(Ordering::SeqCst), 1);

        assert_eq!(
            cache
                .get_or_run("k", |_| true, work(Arc::clone(&runs)))
                .await,
            7
        );
        assert_eq!(runs.load(Ordering::SeqCst), 1, "served from the cache");

        tokio::time::advance(Duration::from_secs(61)).await;
        assert_eq!(
            cache
                .get_or_run("k", |_| true, work(Arc::clone(&runs)))
                .await,
            7
        );
        assert_eq!(runs.load(Ordering::SeqCst), 2, "expired");
    }

    #[tokio::test(start_paused = true)]
    async fn results_not_kept_are_not_cached_and_abandoned_work_is_dropped() {
        let cache = ResultCache::new(Duration::from_secs(60));
        assert_eq!(cache.get_or_run("k", |_| false, async { 1 }).await, 1);
        assert_eq!(cache.get_or_run("k", |_| false, async { 2 }).await, 2);

        let slow = cache.get_or_run("s", |_| true, async {
            tokio::time::sleep(Duration::from_secs(100)).await;
            3
        });
        assert!(
            tokio::time::timeout(Duration::from_secs(1), slow)
                .await
                .is_err()
        );
        assert!(
            cache
                .entries
                .lock()
                .expect("not poisoned")
                .get("s")
                .is_none()
        );
    }
}
