//! Loading a capture as a typed, cancellable stream of progress.
//!
//! [`start`] begins the core load (its own threads) and a small named
//! worker that samples it ten times a second: progress, the latest
//! snapshot, and the overview [`Digest`] folded from the chunks that are
//! new since the last sample, so the UI thread never aggregates. Samples
//! reach the app as a [`Task`] over a bounded channel; every one carries
//! its load id, and the app drops those of a load that is no longer
//! current. Aborting the task (dropping its handle) closes the channel: the
//! worker then drops the core `LoadHandle`, which cancels the load.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::Task;
use iced::futures::SinkExt;
use iced::futures::channel::mpsc;
use scapscope_core::store::{self, LoadHandle, LoadOptions, Progress, Snapshot};

use super::digest::{self, Digest};

/// How often the worker samples the load.
const SAMPLE_EVERY: Duration = Duration::from_millis(100);

/// One sample of a load.
#[derive(Debug, Clone)]
pub struct Update {
    /// The load it belongs to.
    pub load_id: u64,
    /// Where the load stands.
    pub progress: Progress,
    /// Everything loaded so far.
    pub snapshot: Arc<Snapshot>,
    /// The overview numbers of that snapshot.
    pub digest: Arc<Digest>,
    /// Whether this is the last sample (the load ended).
    pub finished: bool,
}

/// Starts loading `path`: returns the load id and the stream of its
/// samples as a task (run it, or drop it to cancel the load).
pub fn start(path: &Path) -> (u64, Task<Update>) {
    let (id, samples) = samples(path);
    (id, Task::run(samples, |u| u))
}

/// Starts loading `path`: returns the load id and its samples as a plain
/// stream, which ends after the sample marked `finished` (dropping it
/// cancels the load).
pub fn samples(path: &Path) -> (u64, mpsc::Receiver<Update>) {
    let handle = store::load(path, LoadOptions::default());
    let id = handle.id();
    // One sample in flight at most: a slow UI slows the sampling, not the
    // load, and never queues stale snapshots.
    let (tx, rx) = mpsc::channel(1);
    let spawned = std::thread::Builder::new()
        .name(format!("scapscope-gui-load-{id}"))
        .spawn(move || sample(handle, tx));
    if let Err(e) = spawned {
        // No thread: the channel closes at once and the app sees no sample;
        // say why on stderr, the one place left.
        eprintln!("scapscope: cannot start the load worker: {e}");
    }
    (id, rx)
}

/// The worker: samples `handle` until the load ends or nobody listens.
fn sample(handle: LoadHandle, mut tx: mpsc::Sender<Update>) {
    let mut builder = digest::Builder::default();
    loop {
        let started = Instant::now();
        // Read "finished" first: a snapshot taken after it is the final one.
        let finished = handle.is_finished();
        let snapshot = handle.snapshot();
        let progress = handle.progress();
        let digest = Arc::new(builder.absorb(&snapshot));
        let update = Update {
            load_id: handle.id(),
            progress,
            snapshot,
            digest,
            finished,
        };
        if iced::futures::executor::block_on(tx.send(update)).is_err() {
            // The app dropped the stream: dropping `handle` cancels the load.
            return;
        }
        if finished {
            return;
        }
        // The loader's own reports are not needed (the snapshot and
        // `progress()` always hold the latest): drain them, then wait for
        // the next sample.
        while handle.progress_reports().try_recv().is_ok() {}
        std::thread::sleep(SAMPLE_EVERY.saturating_sub(started.elapsed()));
    }
}

/// The phase of a load as words (the core's `Phase` is not exported).
pub fn phase_label(p: &Progress) -> String {
    format!("{:?}", p.phase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::futures::StreamExt;

    #[test]
    fn samples_end_with_the_whole_capture() {
        let (id, rx) = samples(&crate::demo_capture());
        let all: Vec<Update> = iced::futures::executor::block_on(rx.collect());
        assert!(!all.is_empty());
        assert!(all.iter().all(|u| u.load_id == id));
        let last = all.last().unwrap();
        assert!(last.finished);
        assert_eq!(all.iter().filter(|u| u.finished).count(), 1);
        assert!(last.snapshot.done);
        assert_eq!(last.digest.events, last.snapshot.len() as u64);
        assert!(last.snapshot.len() > 500);
    }

    #[test]
    fn dropping_the_stream_stops_the_worker() {
        let (_, rx) = samples(&crate::demo_capture());
        drop(rx);
        // Nothing to observe but that this neither hangs nor panics: the
        // worker's next send fails and it drops the load.
    }

    #[test]
    fn a_missing_file_ends_with_an_open_error() {
        let (_, rx) = samples(Path::new("/nonexistent/capture.scap"));
        let all: Vec<Update> = iced::futures::executor::block_on(rx.collect());
        let last = all.last().unwrap();
        assert!(last.finished);
        assert!(last.snapshot.open_error.is_some());
    }
}

/// How long the warm-up worker waits for a step before it samples anyway.
const WARM_SAMPLE_EVERY: Duration = Duration::from_millis(500);

/// One sample of the views' warm-up for a load.
#[derive(Debug, Clone)]
pub struct WarmUpdate {
    /// The load whose warmer it is.
    pub load_id: u64,
    /// Where the warmer stands.
    pub status: scapscope_core::views::WarmStatus,
}

/// Follows the warm-up of `load_id`'s views: samples at each of its steps
/// (at least twice a second while it works), until it is finished or
/// dropped, or nobody listens.
pub fn warm_samples(load_id: u64, watch: scapscope_core::views::WarmWatch) -> Task<WarmUpdate> {
    let (mut tx, rx) = mpsc::channel(1);
    let spawned = std::thread::Builder::new()
        .name(format!("scapscope-gui-warm-{load_id}"))
        .spawn(move || {
            let mut last: Option<(usize, usize, bool, bool)> = None;
            loop {
                let status = watch.wait(WARM_SAMPLE_EVERY);
                let key = (
                    status.chunks_computed,
                    status.ready.len(),
                    status.overview_ready,
                    status.finished,
                );
                let done = status.finished || watch.stopped();
                if last != Some(key) {
                    last = Some(key);
                    let sent =
                        iced::futures::executor::block_on(tx.send(WarmUpdate { load_id, status }));
                    if sent.is_err() {
                        return;
                    }
                }
                if done {
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("scapscope: cannot start the warm-up worker: {e}");
    }
    Task::run(rx, |u| u)
}
