//! Fault injection for the tests of killed builds: with
//! `PORTAL_BUILD_ABORT_AFTER=N` in the environment, the process aborts (as
//! if killed) at the Nth point where a build writes, moves or removes a
//! file of the output. Without it, a point costs one atomic increment.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

pub const ABORT_AFTER: &str = "PORTAL_BUILD_ABORT_AFTER";

/// One more file written, moved or removed.
pub fn point() {
    static LIMIT: OnceLock<Option<u64>> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let Some(limit) = *LIMIT.get_or_init(|| std::env::var(ABORT_AFTER).ok().and_then(|n| n.parse().ok())) else {
        return;
    };
    if COUNT.fetch_add(1, Ordering::Relaxed) + 1 >= limit {
        std::process::abort();
    }
}
