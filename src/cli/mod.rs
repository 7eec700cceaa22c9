//! One module per subcommand; each defines its flags (with their docs) and a `run`.

pub mod bench;
pub mod classify;
pub mod eval;
pub mod export;
pub mod model;
pub mod quotes;
pub mod train;

/// Fix the number of compute threads once, before any tensor work.
///
/// candle re-reads /proc/cpuinfo on every op while `RAYON_NUM_THREADS` is unset.
pub fn init_threads(threads: Option<usize>) {
    let n = threads
        .or_else(|| {
            std::env::var("RAYON_NUM_THREADS")
                .ok()
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        });
    // SAFETY: called at start-up before any other thread exists.
    unsafe { std::env::set_var("RAYON_NUM_THREADS", n.to_string()) };
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global();
}

/// Write to stdout; a closed pipe (`| head`) ends the output quietly instead of panicking.
pub fn print_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("cannot write to stdout"))
        }
        _ => Ok(()),
    }
}
