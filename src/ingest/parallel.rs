//! Native only: a long text file read by two or more threads.
//!
//! The file is read in blocks on the calling thread and cut at the last newline of each block;
//! the parts go in turn to forks of the sniffed [`TextState`] (same plan, their own panel
//! builder), which parse them concurrently. At the end the forks' rows are merged into the main
//! state in file order: codes keep their first-seen order, duplicates across parts are caught
//! with both rows named, suppression counts add up. A part is only cut where the parse is between
//! records, so the result is the sequential loader's; the first part that contains a quote (a
//! quoted field may hold a newline) and everything after it are read sequentially.

use super::loader::{LongLoader, TextState};
use super::read_block;
use super::{IngestReport, LoadOptions};
use crate::error::{Error, ErrorCode, Location, Result};
use crate::panel::Panel;
use std::io::Read;
use std::sync::mpsc::{sync_channel, Receiver};

/// Where the file is cut.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cuts {
    /// Bytes read on the calling thread before forking (small files stay on one thread).
    pub sequential_bytes: u64,
    /// Bytes read per block; each block's whole lines are one part.
    pub part_bytes: usize,
}

impl Default for Cuts {
    fn default() -> Self {
        Cuts {
            sequential_bytes: 4 << 20,
            part_bytes: 2 << 20,
        }
    }
}

struct Part {
    bytes: Vec<u8>,
    lines_before: u64,
    offset: u64,
}

/// How many threads to parse with (1 = sequential).
pub(crate) fn threads(opts: &LoadOptions) -> usize {
    opts.threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(4)))
        .max(1)
}

fn cancelled(name: &str) -> Error {
    Error::new(ErrorCode::Cancelled, "loading was cancelled").at(Location::file(name))
}

/// Load from a reader, in parallel where the file allows it. Same result as the sequential
/// [`LongLoader`]; `progress(bytes_read, 0)` returning false cancels.
pub(crate) fn load<R: Read>(
    reader: R,
    name: &str,
    opts: &LoadOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<(Panel, IngestReport)> {
    load_cut(reader, name, opts, progress, Cuts::default())
}

pub(crate) fn load_cut<R: Read>(
    mut reader: R,
    name: &str,
    opts: &LoadOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
    cuts: Cuts,
) -> Result<(Panel, IngestReport)> {
    let mut l = LongLoader::new(opts.clone(), name);
    let mut buf = vec![0u8; cuts.part_bytes.clamp(1, 1 << 18)];
    let workers = threads(opts);
    // Sequential until the format is known and the parse sits at a line start.
    let rest: Vec<u8> = loop {
        let n = read_block(&mut reader, &mut buf, name)?;
        if n == 0 {
            return l.finish();
        }
        let block = buf.get(..n).unwrap_or(&[]);
        let ready = workers > 1
            && l.progress().bytes >= cuts.sequential_bytes
            && l.text_mut().is_some_and(|t| t.can_fork());
        match memchr::memchr(b'\n', block).filter(|_| ready) {
            Some(p) => {
                let (head, tail) = block.split_at(p + 1);
                l.push(head)?;
                if l.text_mut().is_some_and(|t| t.can_fork()) {
                    break tail.to_vec();
                }
                l.push(tail)?;
            }
            None => l.push(block)?,
        }
        if !progress(l.progress().bytes as usize, 0) {
            return Err(cancelled(name));
        }
    };
    let Some(main) = l.text_mut() else {
        return Err(Error::new(ErrorCode::Internal, "no text state to fork"));
    };
    let (lines0, offset0) = main.position();
    let forks: Vec<TextState> = (0..workers).map(|_| main.fork()).collect();
    let mut sequential_tail: Option<Vec<u8>> = None;
    let mut lines = lines0;
    let mut offset = offset0;
    let mut read_error: Option<Error> = None;
    let results: Vec<Result<(TextState, Option<Error>)>> = std::thread::scope(|s| {
        let mut senders = Vec::new();
        let mut handles = Vec::new();
        for fork in forks {
            let (tx, rx) = sync_channel::<Part>(2);
            senders.push(tx);
            handles.push(s.spawn(move || run_fork(fork, &rx)));
        }
        let mut carry = rest;
        let mut turn = 0usize;
        let mut big = vec![0u8; cuts.part_bytes.max(1)];
        loop {
            let n = match read_block(&mut reader, &mut big, name) {
                Ok(n) => n,
                Err(e) => {
                    read_error = Some(e);
                    break;
                }
            };
            carry.extend_from_slice(big.get(..n).unwrap_or(&[]));
            let cut = if n == 0 {
                None
            } else {
                memchr::memrchr(b'\n', &carry)
            };
            let Some(cut) = cut else {
                if n == 0 {
                    sequential_tail = Some(std::mem::take(&mut carry));
                    break;
                }
                continue;
            };
            let tail = carry.split_off(cut + 1);
            let part = std::mem::replace(&mut carry, tail);
            if memchr::memchr(b'"', &part).is_some() {
                // Quotes may hide newlines: the rest is read in order, on this thread.
                let mut seq = part;
                seq.append(&mut carry);
                sequential_tail = Some(seq);
                break;
            }
            let part_lines = memchr::memchr_iter(b'\n', &part).count() as u64;
            let len = part.len() as u64;
            let Some(tx) = senders.get(turn % senders.len()) else {
                break;
            };
            if tx
                .send(Part {
                    bytes: part,
                    lines_before: lines,
                    offset,
                })
                .is_err()
            {
                break;
            }
            turn += 1;
            lines += part_lines;
            offset += len;
            if let Err(e) = l.count_bytes(len) {
                read_error = Some(e);
                break;
            }
            if !progress(l.progress().bytes as usize, 0) {
                read_error = Some(cancelled(name));
                break;
            }
        }
        drop(senders);
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .map_err(|_| Error::new(ErrorCode::Internal, "a parsing thread failed"))
            })
            .collect()
    });
    if let Some(e) = read_error {
        return Err(e);
    }
    let Some(main) = l.text_mut() else {
        return Err(Error::new(
            ErrorCode::Internal,
            "no text state to merge into",
        ));
    };
    main.skip_ahead(lines - lines0, offset - offset0);
    // Each fork stopped at its first error; with the rows read up to there, a row that repeats
    // one of another part is found too. The earliest error in the file wins, as in a sequential
    // read.
    let mut errors = Vec::new();
    for r in results {
        let (fork, err) = r?;
        errors.extend(err);
        if let Err(e) = main.absorb(fork) {
            errors.push(e);
        }
    }
    errors.extend(main.cross_part_duplicate());
    if let Some(e) = errors
        .into_iter()
        .min_by_key(|e| e.location.row.unwrap_or(u64::MAX))
    {
        return Err(e);
    }
    if let Some(tail) = sequential_tail {
        l.push(&tail)?;
        loop {
            let n = read_block(&mut reader, &mut buf, name)?;
            if n == 0 {
                break;
            }
            l.push(buf.get(..n).unwrap_or(&[]))?;
            if !progress(l.progress().bytes as usize, 0) {
                return Err(cancelled(name));
            }
        }
    }
    l.finish()
}

/// A fork's loop: parse its parts in order; after an error, drain the rest unread.
fn run_fork(mut fork: TextState, rx: &Receiver<Part>) -> (TextState, Option<Error>) {
    let mut error = None;
    for part in rx.iter() {
        if error.is_none() {
            if let Err(e) = fork.push_part(&part.bytes, part.lines_before, part.offset) {
                error = Some(e);
            }
        }
    }
    (fork, error)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// A long file with the features that make cutting hard: codes first seen late, totals rows,
    /// suppression markers, CRLF and empty lines, Windows-1252-free UTF-8 names.
    fn file(rows: usize, crlf_every: usize, tail_quotes: bool) -> Vec<u8> {
        let mut s = String::from("region,region_name,industry,year,employment,establishments\n");
        for k in 0..rows {
            let r = (k * 7919) % 37;
            let i = (k * 31) % 53;
            let y = 2013 + (k % 9);
            let emp = match k % 17 {
                3 => "(D)".to_string(),
                5 => String::new(),
                _ => format!("{}.5", k % 1000),
            };
            let nl = if crlf_every > 0 && k % crlf_every == 0 {
                "\r\n"
            } else {
                "\n"
            };
            // Each (region, industry, year) once: k determines all three uniquely below 37*53*3.
            s.push_str(&format!(
                "R{r:03},Zürich {r},{i:04},{y},{emp},{}{nl}",
                k % 9
            ));
            if k % 101 == 0 {
                s.push('\n');
            }
        }
        s.push_str("Total,,0000,2019,5,5\n");
        if tail_quotes {
            s.push_str("\"R900\",\"Name, with comma\",0001,2019,1,1\n");
            s.push_str("R901,x,0002,2019,2,2");
        }
        s.into_bytes()
    }

    fn both(bytes: &[u8], cuts: Cuts, threads: usize) -> (String, String) {
        let opts = LoadOptions {
            threads: Some(threads),
            ..LoadOptions::default()
        };
        let one = LoadOptions {
            threads: Some(1),
            ..LoadOptions::default()
        };
        let seq = crate::ingest::load_panel_from_reader(bytes, "f.csv", &one);
        let par = load_cut(bytes, "f.csv", &opts, &mut |_, _| true, cuts);
        (format!("{seq:?}"), format!("{par:?}"))
    }

    #[test]
    fn parts_in_any_cut_give_the_sequential_panel() {
        let rows = 37 * 53 * 3;
        for (crlf, quotes) in [(0, false), (5, false), (0, true), (3, true)] {
            let bytes = file(rows, crlf, quotes);
            for (seq_bytes, part) in [(64, 40), (500, 1000), (3000, 7), (100_000, 4096)] {
                for threads in [2, 3] {
                    let cuts = Cuts {
                        sequential_bytes: seq_bytes,
                        part_bytes: part,
                    };
                    let (a, b) = both(&bytes, cuts, threads);
                    assert!(a.starts_with("Ok"), "{}", &a[..300.min(a.len())]);
                    assert!(
                        a == b,
                        "cuts {cuts:?}, {threads} threads, crlf {crlf}, quotes {quotes}"
                    );
                }
            }
        }
    }

    #[test]
    fn errors_are_the_sequential_ones() {
        let rows = 37 * 53 * 9;
        let base = String::from_utf8(file(rows, 0, false)).unwrap();
        let mut lines: Vec<String> = base.lines().map(String::from).collect();
        // A duplicate across parts (the later row named second), then a bad value further on.
        let data: Vec<usize> = (0..lines.len())
            .filter(|&k| lines[k].starts_with('R'))
            .collect();
        let (early, dup_at, bad_at) = (data[40], data[3000], data[4000]);
        lines[dup_at] = lines[early].clone();
        let mut f: Vec<String> = lines[bad_at].split(',').map(String::from).collect();
        f[4] = "abc".into();
        lines[bad_at] = f.join(",");
        let dup_then_bad = lines.join("\n").into_bytes();
        let mut bad_only = lines.clone();
        bad_only[dup_at] = base.lines().nth(dup_at).unwrap().to_string();
        let bad_only = bad_only.join("\n").into_bytes();
        let mut bad_utf8 = base.clone().into_bytes();
        // Past the first block (sniffed whole, where a bad byte would mean Windows-1252).
        let at = bad_utf8.len() * 3 / 4;
        bad_utf8[at] = 0xFF;
        for (case, bytes) in [&dup_then_bad, &bad_only, &bad_utf8]
            .into_iter()
            .enumerate()
        {
            for part in [50, 333, 50_000] {
                let cuts = Cuts {
                    sequential_bytes: 100,
                    part_bytes: part,
                };
                let (a, b) = both(bytes, cuts, 2);
                assert!(
                    a.starts_with("Err"),
                    "case {case}: {}",
                    &a[..100.min(a.len())]
                );
                assert!(a == b, "part {part}: {a}\nvs\n{}", &b[..600.min(b.len())]);
            }
        }
    }
}
