//! Reading report files on several threads, handed back one by one in the order given.
//!
//! Each thread reads a whole file and the core reads its reports into a [`FilePart`]; the
//! calling thread adds the parts up in order, so the figures are those of reading the files one
//! after another. Larger files are read first, so that one large report does not run alone at
//! the end; files read but not yet handed back are at most [`AHEAD_BYTES`] (and the oldest file
//! is always free to be read). A thread keeps its buffer for the next file only when it is
//! small, so memory follows the number of threads and the largest files, not the set.
//!
//! Standard input, pipes and devices are streams: two threads must not read one at once, and a
//! stream may never end. When any input is not a regular file, one thread reads every input in
//! the order given. The threads are not waited for: the first file that cannot be read ends the
//! command at once, even while another thread still waits on a stream.

use std::mem;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;

use mta_sts_check::FilePart;

use crate::error::CliError;
use crate::input::{self, Input};

/// How many bytes of files may be taken and not yet handed back, the oldest one aside.
const AHEAD_BYTES: u64 = 256 * 1024 * 1024;

/// The most threads chosen by default: each holds a file of up to 128 MiB and its report
/// decompressed, up to 128 MiB more.
pub(crate) const DEFAULT_MAX_THREADS: usize = 4;

/// The largest buffer a thread keeps for its next file.
const KEPT_BUFFER_BYTES: usize = 8 * 1024 * 1024;

/// Which files are taken, and how far the calling thread has got.
struct Queue {
    /// The files by size, largest first (standard input counts as empty).
    by_size: Vec<usize>,
    /// Where to look in `by_size` for the next file not taken.
    cursor: usize,
    /// Each file's size and whether it is taken.
    sizes: Vec<u64>,
    taken: Vec<bool>,
    /// Bytes of the files taken and not yet handed back.
    in_flight: u64,
    /// Files handed back so far.
    done: usize,
    /// Set when the calling thread stops early.
    stopped: bool,
}

impl Queue {
    /// The queue for `paths`, and whether they are all regular files (otherwise they are to be
    /// read one at a time, in order).
    fn new(paths: &[PathBuf]) -> (Self, bool) {
        let mut regular = true;
        let sizes = paths
            .iter()
            .map(|path| {
                let metadata = std::fs::metadata(path)
                    .ok()
                    .filter(|_| path.as_os_str() != "-");
                match metadata {
                    Some(metadata) if metadata.is_file() => metadata.len(),
                    _ => {
                        regular = false;
                        0
                    }
                }
            })
            .collect();
        (Self::with_sizes(sizes, regular), regular)
    }

    /// With `by_size`, larger files come first; otherwise the files come in the order given.
    fn with_sizes(sizes: Vec<u64>, by_size: bool) -> Self {
        let mut order: Vec<usize> = (0..sizes.len()).collect();
        if by_size {
            order.sort_by_key(|&index| std::cmp::Reverse(sizes[index]));
        }
        let by_size = order;
        Self {
            by_size,
            cursor: 0,
            taken: vec![false; sizes.len()],
            sizes,
            in_flight: 0,
            done: 0,
            stopped: false,
        }
    }

    /// The next file to read, if one may be read now.
    fn take(&mut self) -> Next {
        while let Some(&index) = self.by_size.get(self.cursor) {
            if !self.taken[index] {
                break;
            }
            self.cursor += 1;
        }
        let Some(&largest) = self.by_size.get(self.cursor) else {
            return Next::Finished;
        };
        let index = if self.in_flight.saturating_add(self.sizes[largest]) <= AHEAD_BYTES {
            largest
        } else if self.taken.get(self.done) == Some(&false) {
            // The oldest file is the one the calling thread waits for.
            self.done
        } else {
            return Next::Wait;
        };
        self.taken[index] = true;
        self.in_flight = self.in_flight.saturating_add(self.sizes[index]);
        Next::Read(index)
    }

    /// File `index` was handed back.
    fn hand_back(&mut self, index: usize) {
        self.in_flight = self.in_flight.saturating_sub(self.sizes[index]);
        self.done = index + 1;
    }
}

/// What a thread does next.
enum Next {
    /// Reads the file with this index.
    Read(usize),
    /// Waits until a file is handed back.
    Wait,
    /// Stops: every file is taken.
    Finished,
}

/// A file as read: its name and its text when a finding points into it, and its part.
type Read = Result<(Input, FilePart), CliError>;

/// Reads `paths` on `threads` threads and hands each file to `each` in order; stops at the first
/// file, in order, that cannot be read, and returns its error.
pub(crate) fn read_in_order(
    paths: &[PathBuf],
    threads: usize,
    mut each: impl FnMut(Input, FilePart),
) -> Result<(), CliError> {
    let (queue, regular) = Queue::new(paths);
    let threads = if regular { threads } else { 1 };
    let shared = Arc::new(Shared {
        paths: paths.to_vec(),
        queue: Mutex::new(queue),
        turn: Condvar::new(),
    });
    let (sender, receiver) = mpsc::channel::<(usize, Read)>();

    for _ in 0..threads.clamp(1, paths.len().max(1)) {
        let (shared, sender) = (Arc::clone(&shared), sender.clone());
        // A thread the system refuses is one reader fewer; with none, every file is an error.
        let _ = thread::Builder::new().spawn(move || read_files(&shared, &sender));
    }
    drop(sender);

    // However the calling thread leaves, even by a panic, no thread waits for a turn that will
    // not come; a thread stuck reading a stream ends with the process.
    let _stop = StopOnDrop(&shared);
    hand_back(paths.len(), &receiver, &shared, &mut each)
}

/// What the calling thread and the reading threads share.
struct Shared {
    paths: Vec<PathBuf>,
    queue: Mutex<Queue>,
    turn: Condvar,
}

/// Stops every thread when dropped.
struct StopOnDrop<'a>(&'a Shared);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        lock(&self.0.queue).stopped = true;
        self.0.turn.notify_all();
    }
}

/// One thread: claims the next file while it is not too far ahead, reads it, sends it back.
fn read_files(shared: &Shared, sender: &mpsc::Sender<(usize, Read)>) {
    // One buffer serves the small files whose text is not kept.
    let mut buffer = Vec::new();
    loop {
        let index = {
            let mut state = lock(&shared.queue);
            loop {
                if state.stopped {
                    return;
                }
                match state.take() {
                    Next::Read(index) => break index,
                    Next::Finished => return,
                    Next::Wait => {
                        state = shared
                            .turn
                            .wait(state)
                            .unwrap_or_else(PoisonError::into_inner);
                    }
                }
            }
        };

        let path = &shared.paths[index];
        let read = input::read_file_into(path, mem::take(&mut buffer)).map(|mut input| {
            let part = FilePart::read(index, &input.text);
            // Only a JSON syntax error points into a file's bytes; otherwise the name is enough.
            // FIXME: the whole text of a file with a syntax error is kept for the excerpt under
            // its finding, so a set of many large broken files is held in memory at once.
            let located = part
                .file()
                .diagnostics
                .iter()
                .any(|finding| finding.span.is_some());
            if !located && input.text.capacity() <= KEPT_BUFFER_BYTES {
                buffer = mem::take(&mut input.text);
            } else if !located {
                input.text = Vec::new();
            }
            (input, part)
        });

        if sender.send((index, read)).is_err() {
            return;
        }
    }
}

/// The calling thread: receives files in any order and hands them to `each` in order.
fn hand_back(
    count: usize,
    receiver: &mpsc::Receiver<(usize, Read)>,
    shared: &Shared,
    each: &mut impl FnMut(Input, FilePart),
) -> Result<(), CliError> {
    let mut waiting: Vec<Option<Read>> = Vec::new();
    waiting.resize_with(count, || None);
    let mut done = 0;
    while done < count {
        // The threads stop only when each file was sent, or when one of them failed.
        let Ok((index, read)) = receiver.recv() else {
            return Err(CliError::Read {
                name: shared.paths[done].display().to_string(),
                source: std::io::Error::other("the thread reading it stopped"),
            });
        };
        if let Some(slot) = waiting.get_mut(index) {
            *slot = Some(read);
        }
        while let Some(read) = waiting.get_mut(done).and_then(Option::take) {
            let (input, part) = read?;
            each(input, part);
            lock(&shared.queue).hand_back(done);
            shared.turn.notify_all();
            done += 1;
        }
    }
    Ok(())
}

/// The queue; a thread that panicked while holding it left it consistent (it only counts).
fn lock(queue: &Mutex<Queue>) -> std::sync::MutexGuard<'_, Queue> {
    queue.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1024 * 1024;

    #[test]
    fn larger_files_first_within_the_budget_and_the_oldest_always() {
        let mut queue = Queue::with_sizes(vec![100 * MIB, 200 * MIB, 150 * MIB], true);
        // The largest first; the next largest would pass the budget, but the oldest may go.
        assert!(matches!(queue.take(), Next::Read(1)));
        assert!(matches!(queue.take(), Next::Read(0)));
        assert!(matches!(queue.take(), Next::Wait));

        queue.hand_back(0);
        assert!(
            matches!(queue.take(), Next::Wait),
            "200 + 150 MiB are over the budget"
        );
        queue.hand_back(1);
        assert!(matches!(queue.take(), Next::Read(2)));
        assert!(matches!(queue.take(), Next::Finished));
    }
}

#[cfg(test)]
mod order_tests {
    use super::*;

    #[test]
    fn streams_are_read_in_the_order_given() {
        let (queue, regular) = Queue::new(&["-".into(), "Cargo.toml".into()]);
        assert!(!regular);
        assert_eq!(queue.by_size, [0, 1]);
    }
}
