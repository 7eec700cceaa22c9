//! Opening an output file without losing data: never one of the inputs, never two
//! writers at once.
//!
//! [`refuse_if_input`] compares device and inode (so a hard link, a symlink or
//! `./x` vs `x` are caught) before anything is opened for writing. [`OutputFile`] then
//! takes an exclusive advisory lock (`flock`) on the file before truncating it, so a
//! second stancemap writing the same file stops with an error and leaves it intact.

use crate::ingest::{FileId, file_id, list_inputs};
use anyhow::{Context, Result, bail};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// Refuse when `out` is one of `inputs` (a file, a file inside an input folder, or
/// what stdin reads). A missing `out` is never an input.
pub fn refuse_if_input(out: &Path, inputs: &[PathBuf]) -> Result<()> {
    let Ok(target) = file_id(out) else {
        return Ok(());
    };
    for input in inputs {
        if let Some(same) = same_file_among(input, target)? {
            bail!(
                "{} is also an input ({}); refusing to write over it (choose another output file)",
                out.display(),
                same.display()
            );
        }
    }
    Ok(())
}

/// The path of `input` (or a file in it) that is the file `target`, if any.
fn same_file_among(input: &Path, target: FileId) -> Result<Option<PathBuf>> {
    if input.as_os_str() == "-" {
        // What stdin reads, when it is a file: `classify - -o x.jsonl < x.jsonl`.
        let same = file_id(Path::new("/dev/stdin")).is_ok_and(|id| id == target);
        return Ok(same.then(|| input.to_path_buf()));
    }
    if file_id(input).is_ok_and(|id| id == target) {
        return Ok(Some(input.to_path_buf()));
    }
    if input.is_dir() {
        for file in list_inputs(std::slice::from_ref(&input.to_path_buf()))?
            .into_iter()
            .flatten()
        {
            if file_id(&file.path).is_ok_and(|id| id == target) {
                return Ok(Some(file.path));
            }
        }
    }
    Ok(None)
}

/// An output file held under an exclusive lock until it is dropped.
#[derive(Debug)]
pub struct OutputFile {
    pub file: File,
    pub path: PathBuf,
}

impl OutputFile {
    /// Create `path` (or empty it) for writing, once the lock is held.
    pub fn create(path: &Path) -> Result<Self> {
        let out = Self::open_locked(path)?;
        out.file
            .set_len(0)
            .with_context(|| format!("cannot truncate {}", path.display()))?;
        Ok(out)
    }

    /// Open `path` for appending (created when missing), once the lock is held.
    pub fn append(path: &Path) -> Result<Self> {
        Self::open_locked(path)
    }

    fn open_locked(path: &Path) -> Result<Self> {
        // Not truncated here: the file stays as it is until the lock is ours.
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => bail!(
                "{} is being written by another process (it holds the lock); wait for it to \
                 finish or choose another output file",
                path.display()
            ),
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
        Ok(OutputFile {
            file,
            path: path.to_path_buf(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hard_link_to_an_input_is_refused_and_another_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.jsonl");
        std::fs::write(&input, "{}\n").unwrap();
        let link = dir.path().join("link.jsonl");
        std::fs::hard_link(&input, &link).unwrap();
        assert!(refuse_if_input(&link, std::slice::from_ref(&input)).is_err());
        let folder = vec![dir.path().to_path_buf()];
        assert!(refuse_if_input(&input, &folder).is_err());
        let other = dir.path().join("out.jsonl");
        assert!(refuse_if_input(&other, &folder).is_ok());
        std::fs::write(&other, "").unwrap();
        assert!(refuse_if_input(&other, std::slice::from_ref(&input)).is_ok());
    }

    #[test]
    fn a_locked_output_is_refused_and_left_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        std::fs::write(&path, "kept\n").unwrap();
        let first = OutputFile::append(&path).unwrap();
        let err = OutputFile::create(&path).unwrap_err();
        assert!(err.to_string().contains("another process"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept\n");
        drop(first);
        OutputFile::create(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "");
    }
}
