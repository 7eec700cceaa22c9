//! Expanding the command-line inputs into the files to read, each with the name its
//! articles' ids start from.
//!
//! Folders are walked in sorted order. Each folder is entered once (by device and
//! inode), so a symlink loop cannot repeat the corpus; a folder that cannot be read is
//! reported and skipped; inside folders only regular `.txt` and `.jsonl` files are read
//! (a FIFO or a device would block or never end).

use super::{Origin, SkippedRecord};
use anyhow::Result;
use std::collections::{HashMap, HashSet};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// One file to read, or `-` for stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    /// Unique among the inputs of a run: the path relative to its input folder without
    /// the extension (`a/x` for `corpus/a/x.txt`), or the stem of a file named on the
    /// command line (the path as given when two stems collide).
    pub name: String,
    /// Size in bytes when it is a regular file (for progress; never read twice).
    pub size: Option<u64>,
}

/// A listed input: a file to read or a folder entry that is reported and skipped.
pub type Listed = std::result::Result<InputFile, SkippedRecord>;

/// Device and inode: one identity for every path to the same file or folder.
pub type FileId = (u64, u64);

/// The identity of what `path` points to (following symlinks).
pub fn file_id(path: &Path) -> std::io::Result<FileId> {
    let meta = std::fs::metadata(path)?;
    Ok((meta.dev(), meta.ino()))
}

/// List the files of the inputs, in order; a missing top-level input is an error.
pub fn list_inputs(inputs: &[PathBuf]) -> Result<Vec<Listed>> {
    let mut listed = Vec::new();
    let mut visited = HashSet::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            listed.push(Ok(InputFile {
                path: input.clone(),
                name: "stdin".to_string(),
                size: None,
            }));
            continue;
        }
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                anyhow::bail!("{}: no such file or folder", input.display())
            }
            Err(e) => {
                listed.push(Err(skipped(input, format!("cannot read: {e}"))));
                continue;
            }
        };
        if meta.is_dir() {
            if visited.insert((meta.dev(), meta.ino())) {
                walk(input, input, &mut visited, &mut listed);
            }
        } else {
            // A file named on the command line is read whatever it is (`<(cmd)` is a FIFO).
            listed.push(Ok(InputFile {
                path: input.clone(),
                name: stem(input),
                size: meta.is_file().then_some(meta.len()),
            }));
        }
    }
    make_names_unique(&mut listed);
    Ok(listed)
}

fn walk(root: &Path, dir: &Path, visited: &mut HashSet<FileId>, out: &mut Vec<Listed>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Err(skipped(dir, format!("cannot read folder: {e}"))));
            return;
        }
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry.path()),
            Err(e) => out.push(Err(skipped(dir, format!("cannot read folder: {e}")))),
        }
    }
    children.sort();
    for path in children {
        let wanted = is_article_file(&path);
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if wanted => {
                out.push(Err(skipped(&path, format!("cannot read: {e}"))));
                continue;
            }
            Err(_) => continue, // a dangling link that is no article file
        };
        if meta.is_dir() {
            if visited.insert((meta.dev(), meta.ino())) {
                walk(root, &path, visited, out);
            }
        } else if !wanted {
            continue;
        } else if meta.is_file() {
            out.push(Ok(InputFile {
                name: relative_name(root, &path),
                path,
                size: Some(meta.len()),
            }));
        } else {
            out.push(Err(skipped(
                &path,
                "not a regular file (a FIFO, socket or device)".into(),
            )));
        }
    }
}

/// True for the file names read inside folders.
fn is_article_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt") | Some("jsonl")
    )
}

fn skipped(path: &Path, reason: String) -> SkippedRecord {
    SkippedRecord {
        origin: Origin {
            path: path.to_path_buf(),
            line: None,
        },
        reason,
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `a/x` for `root/a/x.txt`.
fn relative_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Two files named on the command line can share a stem (`a/x.txt b/x.txt`): those
/// take their path as given, without the extension. A `.txt` and a `.jsonl` of the same
/// name cannot clash (line ids carry a `:hash` suffix).
fn make_names_unique(listed: &mut [Listed]) {
    let key = |f: &InputFile| (f.name.clone(), super::is_jsonl(&f.path));
    let mut counts: HashMap<(String, bool), usize> = HashMap::new();
    for file in listed.iter().flatten() {
        *counts.entry(key(file)).or_default() += 1;
    }
    for file in listed.iter_mut().flatten() {
        if counts[&key(file)] > 1 && file.path.as_os_str() != "-" {
            file.name = file.path.with_extension("").to_string_lossy().into_owned();
        }
    }
}
