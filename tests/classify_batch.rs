//! An article's record does not depend on the articles batched with it: the CLI's
//! batches, the Python package's and Ray's must give the same probabilities, to the
//! last digit (the stance head once summed a single row in another order than many).

use std::path::Path;
use std::process::Command;

mod common;

fn classify(input: &Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .args(["--threads", "1", "classify", "--format", "jsonl"])
        .arg(input)
        .output()
        .expect("stancemap runs");
    common::assert_success(&out);
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn an_article_classified_alone_matches_it_classified_in_a_batch() {
    let pool = common::shared_dir().join("datasets/news-pool/pool.jsonl");
    let lines: Vec<String> = std::fs::read_to_string(&pool)
        .expect("the news pool beside the clone")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(70)
        .map(str::to_string)
        .collect();
    let dir = std::env::temp_dir().join(format!("stancemap-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let batch = dir.join("batch.jsonl");
    std::fs::write(&batch, lines.join("\n") + "\n").expect("write batch");
    let together = classify(&batch);
    assert_eq!(together.len(), lines.len());
    // Articles whose probabilities moved in the last digit with the batch, before the fix.
    for k in [11, 62, 65, 68] {
        let alone_file = dir.join(format!("alone-{k}.jsonl"));
        std::fs::write(&alone_file, format!("{}\n", lines[k])).expect("write article");
        let alone = classify(&alone_file);
        assert_eq!(
            alone,
            vec![together[k].clone()],
            "article {k} differs alone"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
