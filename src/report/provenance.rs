//! What produced a `classify` jsonl output, in a sidecar file beside it
//! (`out.jsonl.provenance.json`), so `--resume` can refuse to continue an output made
//! from other inputs, in another format or by another model.
//!
//! A sidecar, not a header line: the output stays plain articles, one per line, that
//! `eval`, `export` and any JSON Lines tool read unchanged.

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The inputs, settings and model that produced an output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The inputs as canonical paths (`-` for stdin).
    pub inputs: Vec<String>,
    pub format: String,
    /// sha256 of the stance model's weights and of the base encoder it applies to.
    pub stance_sha256: String,
    pub base_sha256: String,
    /// Extra cue and party files, as canonical paths.
    pub cues: Vec<String>,
    pub parties: Vec<String>,
    /// The stancemap version that wrote it (recorded, not compared).
    pub stancemap: String,
}

impl Provenance {
    /// The fields that differ from `other`, by name (the version is not compared).
    pub fn differences(&self, other: &Provenance) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.inputs != other.inputs {
            out.push("inputs");
        }
        if self.format != other.format {
            out.push("format");
        }
        if self.stance_sha256 != other.stance_sha256 || self.base_sha256 != other.base_sha256 {
            out.push("model");
        }
        if self.cues != other.cues {
            out.push("cues");
        }
        if self.parties != other.parties {
            out.push("parties");
        }
        out
    }
}

/// Canonical paths of `paths`, as recorded (a path that cannot be resolved stays as given).
pub fn canonical(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                return "-".to_string();
            }
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// The sidecar of `out`: `out.jsonl.provenance.json`.
pub fn sidecar_path(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".provenance.json");
    PathBuf::from(name)
}

/// Write the sidecar of `out` (to a temporary file, then renamed over the old one).
pub fn write(out: &Path, provenance: &Provenance) -> Result<()> {
    let path = sidecar_path(out);
    let tmp = {
        let mut name = path.as_os_str().to_owned();
        name.push(".tmp");
        PathBuf::from(name)
    };
    let text = serde_json::to_string_pretty(provenance).context("cannot encode provenance")?;
    std::fs::write(&tmp, text + "\n")
        .and_then(|()| std::fs::rename(&tmp, &path))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Refuse to resume `out` unless its sidecar matches `expected`. An output that is
/// missing or empty has nothing to resume, so anything goes.
pub fn check_resume(out: &Path, expected: &Provenance) -> Result<()> {
    let empty = std::fs::metadata(out).map_or(true, |m| m.len() == 0);
    if empty {
        return Ok(());
    }
    let path = sidecar_path(out);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "cannot resume {}: {} is missing, so what produced it is unknown; run without \
             --resume to start over",
            out.display(),
            path.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let found: Provenance = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a provenance record", path.display()))?;
    let differences = expected.differences(&found);
    if !differences.is_empty() {
        bail!(
            "cannot resume {}: it was made with other {} (see {}); run without --resume to \
             start over, or choose another output file",
            out.display(),
            differences.join(", "),
            path.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Provenance {
        Provenance {
            inputs: vec!["/data/a.jsonl".into()],
            format: "jsonl".into(),
            stance_sha256: "aa".into(),
            base_sha256: "bb".into(),
            cues: vec![],
            parties: vec![],
            stancemap: "0.1.0".into(),
        }
    }

    #[test]
    fn a_resume_is_checked_against_the_sidecar() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.jsonl");
        // Nothing written yet: anything may start it.
        check_resume(&out, &sample()).unwrap();
        std::fs::write(&out, "{}\n").unwrap();
        let err = check_resume(&out, &sample()).unwrap_err().to_string();
        assert!(err.contains("missing"), "{err}");
        write(&out, &sample()).unwrap();
        check_resume(&out, &sample()).unwrap();
        let mut other = sample();
        other.inputs = vec!["/data/b.jsonl".into()];
        other.stance_sha256 = "cc".into();
        other.stancemap = "0.2.0".into();
        let err = check_resume(&out, &other).unwrap_err().to_string();
        assert!(err.contains("inputs, model"), "{err}");
    }
}
