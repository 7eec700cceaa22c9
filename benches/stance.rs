//! Speed of the encoder and of the two stance input designs, on our own labeled
//! statements (data/stance/own-test.pairs.jsonl): `cargo bench --bench stance`.
//!
//! Prints sentences/s of the encoder at batch 1, 8 and 32, and (statement, target)
//! pairs/s of the stance model in `pair` mode (one pass per pair) and `statement`
//! mode (one pass per statement, targets pooled from their mentions), with peak memory.

use candle_core::DType;
use candle_nn::{VarBuilder, VarMap};
use stancemap::encoder::{Encoder, files};
use stancemap::memory::peak_rss_mb;
use stancemap::stance::InputMode;
use stancemap::stance::data::{StanceInput, read_pairs};
use stancemap::stance::model::{HeadRows, StanceHead, StanceModel};
use std::time::Instant;

fn best_of<F: FnMut()>(runs: usize, mut f: F) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

fn main() -> anyhow::Result<()> {
    let threads = std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "2".into());
    // SAFETY: set before any thread starts; candle re-reads cpuinfo on every op otherwise.
    unsafe { std::env::set_var("RAYON_NUM_THREADS", &threads) };
    let started = Instant::now();
    let Some(found) = files::resolve(None)? else {
        anyhow::bail!("no base encoder; run `stancemap model fetch`")
    };
    let encoder = Encoder::load(&found, stancemap::encoder::Backend::best())?;
    println!(
        "threads {threads}; model load {:.3} s",
        started.elapsed().as_secs_f64()
    );

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let pairs = read_pairs(
        &root.join("data/stance/own-test.pairs.jsonl"),
        &stancemap::parties::Gazetteer::builtin()?,
    )?;
    let mut texts: Vec<&str> = pairs.iter().map(|p| p.input.text.as_str()).collect();
    texts.dedup();
    let n = texts.len();
    for batch in [1usize, 8, 32] {
        let secs = best_of(3, || {
            for chunk in texts.chunks(batch) {
                encoder.embed(chunk).ok();
            }
        });
        println!(
            "encoder  batch {batch:>2}: {:>6.1} sentences/s ({n} statements)",
            n as f64 / secs
        );
    }

    let hidden = encoder.config.hidden_size;
    let head_vars = VarMap::new();
    let head = StanceHead::load(
        VarBuilder::from_varmap(&head_vars, DType::F32, &encoder.device).pp("head"),
        hidden,
        false,
    )?;
    let mut model = StanceModel {
        logit_bias: [0.0; 3],
        temperature: 1.0,
        relevance_threshold: None,
        relevance_dev_threshold: None,
        encoder,
        head: HeadRows::new(&head)?,
        mode: InputMode::Pair,
    };
    let inputs: Vec<&StanceInput> = pairs.iter().map(|p| &p.input).collect();
    for mode in [InputMode::Pair, InputMode::Statement] {
        model.mode = mode;
        let secs = best_of(3, || {
            model.predict(&inputs, 32).ok();
        });
        println!(
            "stance   {mode:?} mode: {:>6.1} pairs/s ({} pairs over {n} statements)",
            inputs.len() as f64 / secs,
            inputs.len()
        );
    }
    println!("peak memory {:.0} MB", peak_rss_mb());
    Ok(())
}
