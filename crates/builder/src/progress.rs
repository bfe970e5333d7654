//! What a build is doing, for the operator at a terminal or reading a
//! cron or CI log: each phase's bar or spinner on a terminal (stderr), a
//! plain line with its time as each phase ends (on a terminal too, where
//! it replaces the bar), and nothing with `--quiet`. Errors are the
//! caller's to print.

use indicatif::{ProgressBar, ProgressFinish, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Output {
    /// Library callers and tests, and `--quiet`.
    #[default]
    Nothing,
    /// A line as each phase ends.
    Lines,
    /// Bars while a phase runs, then its line.
    Bars,
}

/// How a build shows its phases; `Default` shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    output: Output,
}

impl Progress {
    /// Bars on stderr when it is a terminal, else lines; nothing if `quiet`.
    pub fn on_stderr(quiet: bool) -> Progress {
        let output = match (quiet, std::io::stderr().is_terminal()) {
            (true, _) => Output::Nothing,
            (false, true) => Output::Bars,
            (false, false) => Output::Lines,
        };
        Progress { output }
    }

    /// A phase begins: a bar to `total` steps (`Phase::inc`), or a spinner.
    pub fn phase(&self, name: &str, total: Option<u64>) -> Phase {
        let bar = match (self.output, total) {
            (Output::Bars, Some(total)) => {
                ProgressBar::new(total).with_style(style("{msg} {bar:40} {pos}/{len} {elapsed}"))
            }
            (Output::Bars, None) => {
                let spinner = ProgressBar::new_spinner().with_style(style("{spinner} {msg} {elapsed}"));
                spinner.enable_steady_tick(Duration::from_millis(120));
                spinner
            }
            _ => ProgressBar::hidden(),
        };
        // Dropped unfinished (a failed phase): its bar goes, the error follows.
        let bar = bar.with_message(name.to_string()).with_finish(ProgressFinish::AndClear);
        Phase { bar, name: name.to_string(), total, started: Instant::now(), output: self.output }
    }

    /// `work` as one phase without steps; finished only if it succeeds.
    pub fn run<T, E>(&self, name: &str, work: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        let phase = self.phase(name, None);
        let result = work()?;
        phase.finish();
        Ok(result)
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).expect("a valid progress template")
}

/// One phase of a build. Its steps may be counted from any thread.
pub struct Phase {
    bar: ProgressBar,
    name: String,
    total: Option<u64>,
    started: Instant,
    output: Output,
}

impl Phase {
    pub fn inc(&self, steps: u64) {
        self.bar.inc(steps);
    }

    /// Ends the phase with a line: its name, its steps, its time.
    pub fn finish(self) {
        self.bar.finish_and_clear();
        if self.output != Output::Nothing {
            eprintln!("{}", self.line(self.started.elapsed()));
        }
    }

    fn line(&self, took: Duration) -> String {
        let steps = self.total.map(|total| format!(" ({total})")).unwrap_or_default();
        format!("{}{steps} … {:.1} s", self.name, took.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phase_ends_in_one_line_with_its_time_and_counts_from_any_thread() {
        let phase = Progress::default().phase("rendering articles", Some(8));
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| (0..2).for_each(|_| phase.inc(1)));
            }
        });
        assert_eq!(phase.bar.position(), 8);
        assert_eq!(phase.line(Duration::from_millis(1234)), "rendering articles (8) … 1.2 s");
        let spinner = Progress::default().phase("reading inputs", None);
        assert_eq!(spinner.line(Duration::from_millis(60)), "reading inputs … 0.1 s");
        assert_eq!(Progress::on_stderr(true).output, Output::Nothing);
    }

    #[test]
    fn a_failed_phase_is_not_finished() {
        let failed: Result<(), &str> = Progress::default().run("writing", || Err("disk full"));
        assert_eq!(failed, Err("disk full"));
    }
}
