//! Token buckets keyed by client or by target. Each key may spend `burst` requests at once and
//! gets `per_minute` back over a minute. The table of keys is bounded: when it is full, keys
//! whose buckets have refilled are forgotten (they hold nothing a fresh bucket would not), and
//! if none has, the request is refused rather than the table grown.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// How many keys a limiter remembers at most.
const MAX_KEYS: usize = 100_000;

/// The size of a bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// Requests that may come at once.
    pub burst: u32,
    /// Requests regained per minute.
    pub per_minute: u32,
}

/// A set of token buckets.
#[derive(Debug)]
pub(crate) struct RateLimiter<K> {
    rate: Rate,
    buckets: Mutex<HashMap<K, Bucket>>,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl<K: Eq + Hash + Clone> RateLimiter<K> {
    pub(crate) fn new(rate: Rate) -> Self {
        Self {
            rate,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`, or says how long until one is back.
    pub(crate) fn take(&self, key: &K) -> Result<(), Duration> {
        let now = Instant::now();
        let per_second = f64::from(self.rate.per_minute) / 60.0;
        let burst = f64::from(self.rate.burst);
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);

        if buckets.len() >= MAX_KEYS && !buckets.contains_key(key) {
            buckets.retain(|_, bucket| refilled(*bucket, now, per_second) < burst);
            if buckets.len() >= MAX_KEYS {
                return Err(Duration::from_secs(1));
            }
        }

        let bucket = buckets.entry(key.clone()).or_insert(Bucket {
            tokens: burst,
            updated: now,
        });
        bucket.tokens = refilled(*bucket, now, per_second).min(burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            return Ok(());
        }
        if per_second <= 0.0 {
            return Err(Duration::from_secs(60));
        }
        Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
    }
}

fn refilled(bucket: Bucket, now: Instant, per_second: f64) -> f64 {
    bucket.tokens + now.duration_since(bucket.updated).as_secs_f64() * per_second
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_burst_then_the_refill_rate() {
        let limiter = RateLimiter::new(Rate {
            burst: 3,
            per_minute: 60,
        });
        for _ in 0..3 {
            assert_eq!(limiter.take(&"a"), Ok(()));
        }
        let wait = limiter.take(&"a").expect_err("the burst is spent");
        assert!(wait <= Duration::from_secs(1), "{wait:?}");
        assert_eq!(limiter.take(&"b"), Ok(()), "keys have their own buckets");

        tokio::time::advance(Duration::from_secs(1)).await;
        assert_eq!(limiter.take(&"a"), Ok(()));
        assert!(limiter.take(&"a").is_err());
    }
}
