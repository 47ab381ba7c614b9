//! When to try again, and how long to wait first.

use std::time::Duration;

use rand::RngExt;

/// The longest wait between two attempts that backoff alone produces.
const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// The longest `Retry-After` honored; a longer one is shortened to this, so a
/// person is never left waiting minutes without a word.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// The wait before attempt `next_attempt` (2 for the first retry): the base
/// doubled per retry and capped, at least what `Retry-After` asked (itself
/// capped), plus up to a quarter of random jitter so that many clients do not
/// retry in step.
pub(crate) fn delay_before(
    next_attempt: u32,
    base: Duration,
    retry_after: Option<Duration>,
) -> Duration {
    let wait =
        backoff(next_attempt, base).max(retry_after.unwrap_or_default().min(MAX_RETRY_AFTER));
    let quarter = u64::try_from(wait.as_millis() / 4).unwrap_or(u64::MAX);
    let jitter = if quarter == 0 {
        0
    } else {
        rand::rng().random_range(0..=quarter)
    };
    wait.saturating_add(Duration::from_millis(jitter))
}

/// Exponential backoff without jitter: `base * 2^(next_attempt - 2)`, capped.
fn backoff(next_attempt: u32, base: Duration) -> Duration {
    let doublings = next_attempt.saturating_sub(2).min(16);
    base.saturating_mul(1u32 << doublings)
        .min(MAX_BACKOFF.max(base))
}

/// `Retry-After` in seconds. The HTTP-date form is ignored (backoff applies);
/// Circle sends seconds.
pub(crate) fn parse_retry_after(value: Option<&[u8]>) -> Option<Duration> {
    let text = std::str::from_utf8(value?).ok()?.trim();
    let seconds: u64 = text.parse().ok()?;
    Some(Duration::from_secs(seconds).min(MAX_RETRY_AFTER))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let base = Duration::from_millis(500);
        assert_eq!(backoff(2, base), Duration::from_millis(500));
        assert_eq!(backoff(3, base), Duration::from_millis(1000));
        assert_eq!(backoff(4, base), Duration::from_millis(2000));
        assert_eq!(backoff(10, base), MAX_BACKOFF);
        assert_eq!(backoff(u32::MAX, base), MAX_BACKOFF);
        assert_eq!(backoff(2, Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn jitter_is_at_most_a_quarter() {
        for _ in 0..100 {
            let d = delay_before(3, Duration::from_millis(400), None);
            assert!(
                d >= Duration::from_millis(800) && d <= Duration::from_millis(1000),
                "{d:?}"
            );
        }
        assert_eq!(delay_before(2, Duration::ZERO, None), Duration::ZERO);
    }

    #[test]
    fn retry_after_is_honored_but_capped() {
        let tiny = Duration::from_millis(2);
        let d = delay_before(2, tiny, Some(Duration::from_secs(1)));
        assert!(
            d >= Duration::from_secs(1) && d <= Duration::from_millis(1250),
            "{d:?}"
        );
        let d = delay_before(2, tiny, Some(Duration::from_secs(3600)));
        assert!(
            d >= MAX_RETRY_AFTER && d <= MAX_RETRY_AFTER * 5 / 4,
            "{d:?}"
        );
    }

    #[test]
    fn retry_after_parsing() {
        assert_eq!(parse_retry_after(None), None);
        assert_eq!(parse_retry_after(Some(b"0")), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after(Some(b" 2 ")),
            Some(Duration::from_secs(2))
        );
        assert_eq!(parse_retry_after(Some(b"86400")), Some(MAX_RETRY_AFTER));
        assert_eq!(parse_retry_after(Some(b"-1")), None);
        assert_eq!(
            parse_retry_after(Some(b"Wed, 21 Oct 2015 07:28:00 GMT")),
            None
        );
        assert_eq!(parse_retry_after(Some(b"\xff")), None);
        assert_eq!(parse_retry_after(Some(b"99999999999999999999999")), None);
    }
}
