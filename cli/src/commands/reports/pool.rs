//! Reading report files on several threads, handed back one by one in the order given.
//!
//! Each thread reads a whole file and the core reads its reports into a [`FilePart`]; the
//! calling thread adds the parts up in order, so the figures are those of reading the files one
//! after another. Larger files are read first, so that one large report does not run alone at
//! the end; files read but not yet handed back are at most [`AHEAD_BYTES`] (and the oldest file
//! is always free to be read), so memory follows the number of threads and the largest files,
//! not the set.

use std::mem;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};
use std::thread;

use mta_sts_check::FilePart;

use crate::error::CliError;
use crate::input::{self, Input};

/// How many bytes of files may be taken and not yet handed back, the oldest one aside.
const AHEAD_BYTES: u64 = 256 * 1024 * 1024;

/// The most threads chosen by default: each holds a file of up to 128 MiB.
pub(crate) const DEFAULT_MAX_THREADS: usize = 4;

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
    fn new(paths: &[PathBuf]) -> Self {
        let sizes = paths
            .iter()
            .map(|path| std::fs::metadata(path).map_or(0, |metadata| metadata.len()))
            .collect();
        Self::with_sizes(sizes)
    }

    fn with_sizes(sizes: Vec<u64>) -> Self {
        let mut by_size: Vec<usize> = (0..sizes.len()).collect();
        by_size.sort_by_key(|&index| std::cmp::Reverse(sizes[index]));
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
    let queue = Mutex::new(Queue::new(paths));
    let turn = Condvar::new();
    let (sender, receiver) = mpsc::channel::<(usize, Read)>();

    thread::scope(|scope| {
        for _ in 0..threads.clamp(1, paths.len().max(1)) {
            let sender = sender.clone();
            let (queue, turn) = (&queue, &turn);
            scope.spawn(move || read_files(paths, queue, turn, &sender));
        }
        drop(sender);

        // However the calling thread leaves, even by a panic, no thread waits for a turn that
        // will not come.
        let _stop = StopOnDrop(&queue, &turn);
        hand_back(paths.len(), &receiver, &queue, &turn, &mut each)
    })
}

/// Stops every thread when dropped.
struct StopOnDrop<'a>(&'a Mutex<Queue>, &'a Condvar);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        lock(self.0).stopped = true;
        self.1.notify_all();
    }
}

/// One thread: claims the next file while it is not too far ahead, reads it, sends it back.
fn read_files(
    paths: &[PathBuf],
    queue: &Mutex<Queue>,
    turn: &Condvar,
    sender: &mpsc::Sender<(usize, Read)>,
) {
    // One buffer serves every file whose text is not kept.
    let mut buffer = Vec::new();
    loop {
        let index = {
            let mut state = lock(queue);
            loop {
                if state.stopped {
                    return;
                }
                match state.take() {
                    Next::Read(index) => break index,
                    Next::Finished => return,
                    Next::Wait => state = turn.wait(state).unwrap_or_else(PoisonError::into_inner),
                }
            }
        };

        let read = input::read_file_into(&paths[index], mem::take(&mut buffer)).map(|mut input| {
            let part = FilePart::read(index, &input.text);
            // Only a JSON syntax error points into a file's bytes; otherwise the name is enough.
            // FIXME: the whole text of a file with a syntax error is kept for the excerpt under
            // its finding, so a set of many large broken files is held in memory at once.
            let located = part
                .file()
                .diagnostics
                .iter()
                .any(|finding| finding.span.is_some());
            if !located {
                buffer = mem::take(&mut input.text);
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
    queue: &Mutex<Queue>,
    turn: &Condvar,
    each: &mut impl FnMut(Input, FilePart),
) -> Result<(), CliError> {
    let mut waiting: Vec<Option<Read>> = Vec::new();
    waiting.resize_with(count, || None);
    let mut done = 0;
    while done < count {
        // Every thread has stopped only when each file was sent, so this waits for one.
        let Ok((index, read)) = receiver.recv() else {
            break;
        };
        if let Some(slot) = waiting.get_mut(index) {
            *slot = Some(read);
        }
        while let Some(read) = waiting.get_mut(done).and_then(Option::take) {
            let (input, part) = read?;
            each(input, part);
            lock(queue).hand_back(done);
            turn.notify_all();
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
        let mut queue = Queue::with_sizes(vec![100 * MIB, 200 * MIB, 150 * MIB]);
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
