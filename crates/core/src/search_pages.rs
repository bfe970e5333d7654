//! A results page of an archive's 站内搜索, from the index's candidates.
//!
//! The candidates of a word of more than three characters are the articles
//! with all its grams, which may be apart (`search_index::finds_exactly`).
//! So those candidates are checked against their own text (the article file
//! a result is fetched for anyway, for its snippet), in the order shown,
//! until the page and one result more are found: the page is full, and the
//! pager links only pages known to exist. The count is exact once every
//! candidate is checked (at once when there are a few), and an estimate
//! until then.

use crate::paging::{self, Page, PageError};

/// Most candidates read in one round.
pub const MAX_READ: usize = 100;

/// How many articles a search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Exact(usize),
    /// Some candidates are not checked yet: those that matched, and the rest
    /// in the proportion that matched (约 N 篇).
    About(usize),
}

impl Count {
    pub fn value(self) -> usize {
        match self {
            Count::Exact(n) | Count::About(n) => n,
        }
    }
}

/// A page asked for and what it shows, or why there is no such page.
pub type PageOf<T> = Result<(Page, T), PageError>;

/// What a results page needs next.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Check the candidates at these positions against their articles, then
    /// ask again.
    Read(Vec<usize>),
    /// The count, and the page asked for with the candidates it shows (all
    /// checked), or why there is no such page. When the count is `About`,
    /// the page's `total_pages` are those known to exist, one past it at least.
    Done { count: Count, page: PageOf<Vec<u32>> },
}

/// Page `requested` of `candidates` (in the order shown), as far as
/// `verdicts` (one per candidate; `None`: not read yet) know which match.
pub fn step(candidates: &[u32], verdicts: &[Option<bool>], requested: usize, page_size: usize) -> Step {
    let read = verdicts.iter().flatten().count();
    let matched = verdicts.iter().filter(|v| **v == Some(true)).count();
    let estimate = match read {
        0 => candidates.len(),
        _ => matched + ((candidates.len() - read) * matched + read / 2) / read,
    };
    let count = if read == candidates.len() { Count::Exact(matched) } else { Count::About(estimate) };
    // A page past every candidate cannot exist, however many match: no
    // reading for a hand-edited page number.
    if requested > paging::total_pages(candidates.len(), page_size) {
        let total_pages = paging::total_pages(estimate, page_size);
        return Step::Done { count, page: Err(PageError::OutOfRange { requested, total_pages }) };
    }
    // The matches in order, up to the first candidate not read.
    let known = verdicts.iter().position(Option::is_none).unwrap_or(candidates.len());
    let shown: Vec<u32> =
        candidates[..known].iter().zip(verdicts).filter(|(_, v)| **v == Some(true)).map(|(&c, _)| c).collect();
    // The page and one more, so that the pager knows a next page exists; or,
    // of a few candidates, all of them: an exact count for a few more reads.
    let wanted = if candidates.len() <= 2 * page_size {
        usize::MAX
    } else {
        requested.saturating_mul(page_size).saturating_add(1)
    };
    if known < candidates.len() && shown.len() < wanted {
        let needed = wanted - shown.len();
        return Step::Read(to_read(verdicts, known, needed, matched, read));
    }
    let page = paging::page(shown.len(), page_size, requested).map(|page| (page, shown[page.start..page.end].to_vec()));
    Step::Done { count, page }
}

/// The positions of the next candidates to read, from `from` on: enough for
/// `needed` more matches if they match in the proportion found so far
/// (smoothed: all of them before any is read, and never none), and half as
/// many again once some are read, so that a round seldom falls short; at
/// most `MAX_READ`.
fn to_read(verdicts: &[Option<bool>], from: usize, needed: usize, matched: usize, read: usize) -> Vec<usize> {
    // In units of 1/(read + 1) of a match, so that no division is needed.
    let mut missing = needed.saturating_mul(read + 1);
    if read > 0 {
        missing = missing.saturating_add(missing / 2);
    }
    let mut batch = Vec::new();
    for (position, verdict) in verdicts.iter().enumerate().skip(from) {
        if missing == 0 || batch.len() == MAX_READ {
            break;
        }
        match verdict {
            Some(true) => missing = missing.saturating_sub(read + 1),
            Some(false) => {}
            None => {
                batch.push(position);
                missing = missing.saturating_sub(matched + 1);
            }
        }
    }
    batch
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Steps until done, reading as asked from `truth` into `verdicts`:
    /// the outcome, the rounds and how many candidates were read.
    fn run(candidates: &[u32], truth: &[bool], verdicts: &mut [Option<bool>], page: usize) -> (Step, usize, usize) {
        let (mut rounds, mut read) = (0, 0);
        loop {
            match step(candidates, verdicts, page, 10) {
                Step::Read(batch) => {
                    assert!(!batch.is_empty() && batch.len() <= MAX_READ);
                    for position in batch {
                        assert_eq!(verdicts[position], None, "{position} read twice");
                        verdicts[position] = Some(truth[position]);
                        read += 1;
                    }
                    rounds += 1;
                }
                done => return (done, rounds, read),
            }
        }
    }

    /// Candidates 0, 1, 2… in order, and whether each matches.
    fn candidates(count: u32, matches: impl Fn(u32) -> bool) -> (Vec<u32>, Vec<bool>, Vec<Option<bool>>) {
        let candidates: Vec<u32> = (0..count).collect();
        let truth = candidates.iter().map(|&c| matches(c)).collect();
        (candidates, truth, vec![None; count as usize])
    }

    #[test]
    fn an_exact_index_reads_nothing_and_pages_as_a_list() {
        let candidates: Vec<u32> = (0..25).rev().collect();
        let all = vec![Some(true); 25];
        let page = paging::page(25, 10, 3).unwrap();
        assert_eq!(
            step(&candidates, &all, 3, 10),
            Step::Done { count: Count::Exact(25), page: Ok((page, (0..5).rev().collect())) }
        );
        assert!(matches!(step(&candidates, &all, 4, 10), Step::Done { page: Err(_), .. }));
        let none = step(&[], &[], 1, 10);
        assert_eq!(none, Step::Done { count: Count::Exact(0), page: paging::page(0, 10, 1).map(|p| (p, vec![])) });
    }

    #[test]
    fn a_page_reads_its_results_and_one_more_and_estimates_the_rest() {
        // Every third candidate differs.
        let (candidates, truth, mut verdicts) = candidates(300, |c| c % 3 != 2);
        let (done, rounds, read) = run(&candidates, &truth, &mut verdicts, 1);
        let Step::Done { count, page: Ok((page, shown)) } = done else { panic!("{done:?}") };
        assert_eq!(shown, [0, 1, 3, 4, 6, 7, 9, 10, 12, 13]);
        assert_eq!((page.number, page.total_pages), (1, 2), "the next page is known to exist, no more");
        assert!(read <= 20 && rounds <= 2, "{read} read in {rounds} rounds");
        let Count::About(about) = count else { panic!("{count:?}") };
        assert!((180..=220).contains(&about), "{about}, of 200");
        // Page 2 reads on from there; the last page checks every candidate.
        let (_, _, more) = run(&candidates, &truth, &mut verdicts, 2);
        assert!(more <= 20, "{more}");
        let (done, _, _) = run(&candidates, &truth, &mut verdicts, 20);
        let Step::Done { count, page: Ok((page, shown)) } = done else { panic!("{done:?}") };
        assert_eq!((count, page.total_pages, shown.len()), (Count::Exact(200), 20, 10));
    }

    #[test]
    fn rare_matches_are_read_for_in_growing_rounds() {
        let (candidates, truth, mut verdicts) = candidates(5000, |c| c % 50 == 0);
        let (done, rounds, read) = run(&candidates, &truth, &mut verdicts, 1);
        let Step::Done { count: Count::About(about), page: Ok((_, shown)) } = done else { panic!("{done:?}") };
        assert_eq!(shown, (0..10).map(|n| n * 50).collect::<Vec<u32>>());
        assert!(rounds <= 8 && read <= 650, "{read} read in {rounds} rounds");
        assert!((80..=120).contains(&about), "{about}, of 100");
    }

    #[test]
    fn a_few_candidates_are_all_read_for_an_exact_count() {
        let (candidates, truth, mut verdicts) = candidates(20, |c| c % 4 != 0);
        let (done, rounds, read) = run(&candidates, &truth, &mut verdicts, 1);
        let Step::Done { count: Count::Exact(15), page: Ok((page, _)) } = done else { panic!("{done:?}") };
        assert_eq!((rounds, read, page.total_pages), (1, 20, 2));
    }

    #[test]
    fn a_page_past_every_candidate_is_refused_without_reading() {
        let (candidates, _, verdicts) = candidates(30, |_| true);
        let step = step(&candidates, &verdicts, usize::MAX, 10);
        let Step::Done { count: Count::About(30), page: Err(PageError::OutOfRange { total_pages: 3, .. }) } = step
        else {
            panic!("{step:?}")
        };
    }

    proptest! {
        /// Any candidates, any of them matching, any page: the page shows
        /// exactly the matches a scan finds there, is full unless it is the
        /// last, and a count that is not exact comes with a next page.
        #[test]
        fn pages_agree_with_a_scan(matching in proptest::collection::vec(any::<bool>(), 0..400), page in 1usize..45) {
            let (candidates, truth, mut verdicts) = candidates(matching.len() as u32, |c| matching[c as usize]);
            let expected: Vec<u32> = candidates.iter().copied().filter(|&c| truth[c as usize]).collect();
            let (done, _, _) = run(&candidates, &truth, &mut verdicts, page);
            let Step::Done { count, page: shown } = done else { unreachable!() };
            match (paging::page(expected.len(), 10, page), shown) {
                (Ok(want), Ok((got, shown))) => {
                    prop_assert_eq!(&shown[..], &expected[want.start..want.end]);
                    match count {
                        Count::Exact(n) => prop_assert_eq!((n, got), (expected.len(), want)),
                        Count::About(_) => prop_assert!(shown.len() == 10 && got.total_pages > page && expected.len() > page * 10),
                    }
                }
                (Err(_), Err(_)) => {}
                (want, got) => prop_assert!(false, "{:?} against {:?}", want, got),
            }
        }
    }
}
