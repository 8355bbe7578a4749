//! Builds the runtime's WebAssembly blob (with the RFC-78 metadata hash when the
//! `metadata-hash` feature is on), byte for byte the same from any checkout.
//!
//! # Why a plain build is not reproducible, and what this script does about it
//!
//! The wasm-builder compiles the blob in a workspace of its own, under the target directory
//! (`<target>/<profile>/wbuild/huzhu-runtime`), which depends on this checkout's crates by
//! absolute path. Cargo hashes a path package's location into its `-C metadata` relative to the
//! building workspace's root when the package lies under it, and **by absolute path otherwise**
//! — and every crate of this checkout lies outside the wasm-builder's workspace. So the
//! checkout's path went into the stable crate id of the runtime, the pallets and the primitives,
//! hence into every symbol hash; symbol names decide how rustc splits crates into codegen units
//! and orders their functions, and so which functions are inlined and merged: a clone at another
//! path built a different blob (one function fewer). `--remap-path-prefix` cannot help there: it
//! rewrites paths in panic locations and debug info, and cargo keeps it out of `-C metadata`.
//!
//! The fix is to build the blob from a path that is the same everywhere, as srtool's fixed
//! `/build` does: the wasm-builder is pointed at [`SOURCE_LINK`] (`/tmp/huzhu-runtime-source`), a
//! symbolic link to this checkout. Cargo keeps a manifest path as given (it does not resolve
//! links), so every path package is hashed under the same name on every machine.
//!
//! - **Two checkouts building at once** take turns: a lock ([`SOURCE_LINK`]`.lock`) is held from
//!   pointing the link to the end of the wasm build. A build waits for it at most
//!   [`LOCK_WAIT`], then builds from its own path with a warning.
//! - **The link is remade by every build** (a new link renamed over the old one), so it is never
//!   another user's (in a sticky `/tmp`, renaming over someone else's link fails, and the build
//!   falls back with a warning) and never old enough for a `/tmp` cleaner.
//! - **Other absolute paths** in panic locations are remapped to fixed prefixes: the link and
//!   the checkout to `/huzhu`, the cargo home to `/cargo`, the target directory to `/target`
//!   (each as given and canonical; the most specific prefix wins). A path with a space is left
//!   alone, with a warning: `RUSTFLAGS` cannot carry it.
//! - **Checkouts sharing one target directory** share the wasm-builder's workspace too. This
//!   script reruns when the checkout changes (it watches `WASM_BUILD_WORKSPACE_HINT`, which
//!   `.cargo/config.toml` sets to the checkout's path), and when the wasm-builder's workspace was
//!   last built from another checkout, it removes the fingerprints of the workspace's own crates
//!   there, so they are compiled from this checkout's sources even when its files are older.
//!
//! What the blob then depends on: the toolchain (`rust-toolchain.toml`, whose `wasm32v1-none`
//! target ships a prebuilt `core` and `alloc`: no sources under the toolchain's path are
//! compiled), `Cargo.lock`, the crates.io registry's directory name (the same for every cargo
//! of that toolchain using the default sparse index) and cargo profile settings (none outside
//! the workspace: a `CARGO_PROFILE_*` variable in the environment changes the blob). The
//! integration test `chain_specs` compares the committed raw specs, `:code` included, with what
//! the node built from the checkout under test produces: on every CI run, on another machine.
//!
//! `HUZHU_RUNTIME_SOURCE_LINK` names another link path (absolute; the blob then differs from the
//! committed specs'), and `HUZHU_RUNTIME_SOURCE_LINK=off` turns the link off.

/// The fixed path the blob is built through.
#[cfg(feature = "std")]
const SOURCE_LINK: &str = "/tmp/huzhu-runtime-source";

/// How long a build waits for another checkout's wasm build to release the link.
#[cfg(feature = "std")]
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(30 * 60);

#[cfg(feature = "std")]
fn main() {
	use std::path::{Path, PathBuf};

	let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
	let manifest_dir = manifest_dir.canonicalize().unwrap_or(manifest_dir);
	let workspace = manifest_dir.parent().map(Path::to_path_buf).unwrap_or(manifest_dir.clone());
	let cargo_home = std::env::var("CARGO_HOME").map(PathBuf::from).unwrap_or_else(|_| {
		PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
	});
	// As the wasm-builder finds them: the profile directory is the parent of the `build`
	// directory OUT_DIR lies in; the wasm-builder's workspace is under it.
	let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
	let profile_dir = out_dir
		.ancestors()
		.find(|dir| dir.ends_with("build"))
		.and_then(Path::parent)
		.map(Path::to_path_buf)
		.unwrap_or_default();
	let target_dir = profile_dir.parent().map(Path::to_path_buf).unwrap_or_default();
	let wasm_project = profile_dir.join("wbuild").join(env!("CARGO_PKG_NAME"));

	println!("cargo:rerun-if-env-changed=HUZHU_RUNTIME_SOURCE_LINK");
	// The checkout's path, from `.cargo/config.toml`: another checkout sharing the target
	// directory reruns this script.
	println!("cargo:rerun-if-env-changed=WASM_BUILD_WORKSPACE_HINT");
	// With the wasm build skipped (`SKIP_WASM_BUILD`, as clippy and rustdoc run here), nothing is
	// built through the link: it is left alone, and so is its lock, which a build may hold. The
	// same test as the wasm-builder's.
	let skipped = ["SKIP_WASM_BUILD", "SKIP_HUZHU_RUNTIME_WASM_BUILD", "DOCS_RS"]
		.iter()
		.any(|name| std::env::var(name).is_ok());
	let link = match std::env::var("HUZHU_RUNTIME_SOURCE_LINK") {
		_ if skipped => None,
		Ok(value) if value == "off" => None,
		Ok(value) => Some(PathBuf::from(value)),
		Err(_) => Some(PathBuf::from(SOURCE_LINK)),
	};
	// Held until the end of `main`, after the wasm build.
	let mut _lock = None;
	let mut source = workspace.clone();
	if let Some(link) = link {
		match reproducible::point_link(&link, &workspace, LOCK_WAIT) {
			Ok(lock) => {
				_lock = Some(lock);
				source = link;
				let crates = reproducible::workspace_crates(&workspace);
				reproducible::forget_other_checkout(&wasm_project, &workspace, &crates);
				// The wasm-builder asks cargo to rerun this script when the sources change, by
				// their paths through the link, which may point elsewhere by the next build: the
				// checkout's own crates are watched as well.
				for (_, dir) in &crates {
					println!("cargo:rerun-if-changed={}", dir.display());
				}
				println!("cargo:rerun-if-changed={}", workspace.join("Cargo.lock").display());
				println!("cargo:rerun-if-changed={}", workspace.join("Cargo.toml").display());
			}
			Err(error) => println!(
				"cargo:warning=building the runtime from {} instead of the fixed path {}: {error}; \
				 the blob will not be byte-identical to the committed chain specs'",
				workspace.display(),
				link.display(),
			),
		}
	}
	let project = source.join("runtime").join("Cargo.toml");

	let mut builder = substrate_wasm_builder::WasmBuilder::new()
		.with_project(project)
		.unwrap_or_else(|error| {
			panic!("the runtime's Cargo.toml under {}: {error}", source.display())
		})
		.export_heap_base()
		.import_memory();
	let remaps = [(&target_dir, "/target"), (&cargo_home, "/cargo"), (&workspace, "/huzhu")]
		.into_iter()
		.chain((source != workspace).then_some((&source, "/huzhu")));
	for flag in reproducible::remap_flags(remaps) {
		builder = builder.append_to_rust_flags(flag);
	}
	// The token as `huzhu_primitives::{TOKEN_SYMBOL, TOKEN_DECIMALS}` define it (a build
	// script using the crate would compile sp-core a second time for the host).
	#[cfg(feature = "metadata-hash")]
	let builder = builder.enable_metadata_hash("HUZ", 12);
	builder.build();
}

#[cfg(feature = "std")]
mod reproducible {
	use std::{
		fs,
		os::unix::fs::MetadataExt,
		path::{Path, PathBuf},
		time::{Duration, Instant},
	};

	/// Takes the link's lock (waiting at most `wait`) and points the link at `workspace`; the
	/// lock is released when the returned file is dropped.
	pub fn point_link(link: &Path, workspace: &Path, wait: Duration) -> Result<fs::File, String> {
		if !link.is_absolute() {
			return Err(format!("{} is not an absolute path", link.display()));
		}
		let with_suffix = |suffix: &str| {
			let mut path = link.as_os_str().to_owned();
			path.push(suffix);
			PathBuf::from(path)
		};
		let lock_path = with_suffix(".lock");
		let deadline = Instant::now() + wait;
		let lock = loop {
			let lock = fs::OpenOptions::new()
				.create(true)
				.truncate(false)
				.write(true)
				.open(&lock_path)
				.map_err(|e| format!("opening {}: {e}", lock_path.display()))?;
			match lock.try_lock() {
				// The file locked is still the one at the path (not removed by a cleaner).
				Ok(()) if same_file(&lock, &lock_path) => break lock,
				Ok(()) => continue,
				Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
					std::thread::sleep(Duration::from_millis(500))
				}
				Err(fs::TryLockError::WouldBlock) => {
					return Err(format!("{} stayed locked for {wait:?}", lock_path.display()))
				}
				Err(fs::TryLockError::Error(e)) => {
					return Err(format!("locking {}: {e}", lock_path.display()))
				}
			}
		};
		// Touch the lock (a cleaner of old files leaves it), then remake the link: a new link
		// under a temporary name, renamed over the old one.
		let _ = lock.set_len(0);
		let temporary = with_suffix(&format!(".{}", std::process::id()));
		let _ = fs::remove_file(&temporary);
		std::os::unix::fs::symlink(workspace, &temporary)
			.map_err(|e| format!("creating {}: {e}", temporary.display()))?;
		fs::rename(&temporary, link).map_err(|e| {
			let _ = fs::remove_file(&temporary);
			format!("replacing {}: {e}", link.display())
		})?;
		Ok(lock)
	}

	fn same_file(file: &fs::File, path: &Path) -> bool {
		match (file.metadata(), fs::metadata(path)) {
			(Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
			_ => false,
		}
	}

	/// The workspace's crates the blob is built from: (package name, directory) of the runtime
	/// and of its path dependencies, transitively (not its dev-dependencies), from
	/// `cargo metadata --no-deps`.
	pub fn workspace_crates(workspace: &Path) -> Vec<(String, PathBuf)> {
		let metadata = cargo_metadata::MetadataCommand::new()
			.manifest_path(workspace.join("Cargo.toml"))
			.no_deps()
			.other_options(vec!["--offline".into()])
			.exec();
		let packages = match metadata {
			Ok(metadata) => metadata.packages,
			Err(error) => {
				println!("cargo:warning=cargo metadata of {}: {error}", workspace.display());
				return Vec::new();
			}
		};
		let dir_of = |package: &cargo_metadata::Package| {
			package.manifest_path.parent().map(|dir| dir.as_std_path().to_path_buf())
		};
		let runtime = workspace.join("runtime");
		let mut crates: Vec<(String, PathBuf)> = Vec::new();
		let mut pending = vec![runtime];
		while let Some(dir) = pending.pop() {
			if crates.iter().any(|(_, known)| *known == dir) {
				continue;
			}
			let Some(package) =
				packages.iter().find(|package| dir_of(package) == Some(dir.clone()))
			else {
				continue;
			};
			pending.extend(
				package
					.dependencies
					.iter()
					.filter(|dep| dep.kind != cargo_metadata::DependencyKind::Development)
					.filter_map(|dep| {
						dep.path.as_ref().map(|path| path.as_std_path().to_path_buf())
					}),
			);
			crates.push((package.name.clone(), dir));
		}
		crates
	}

	/// When the wasm-builder's workspace was last built from another checkout, removes the
	/// fingerprints of this workspace's `crates` in it: cargo, which compares file times only,
	/// would otherwise take an older checkout's files for up to date.
	pub fn forget_other_checkout(
		wasm_project: &Path,
		workspace: &Path,
		crates: &[(String, PathBuf)],
	) {
		let marker = wasm_project.join(".huzhu-source");
		let current = workspace.display().to_string();
		let last = fs::read_to_string(&marker).ok();
		if last.as_deref() == Some(current.as_str()) {
			return;
		}
		if last.is_some() {
			let mut removed = 0;
			for fingerprints in fingerprint_dirs(&wasm_project.join("target")) {
				let Ok(entries) = fs::read_dir(&fingerprints) else { continue };
				for entry in entries.flatten() {
					// `<package>-<hash>`: the name up to the last dash is the package's.
					let name = entry.file_name().to_string_lossy().into_owned();
					let owner = name.rsplit_once('-').map(|(owner, _)| owner);
					if owner.is_some_and(|owner| crates.iter().any(|(name, _)| name == owner))
						&& fs::remove_dir_all(entry.path()).is_ok()
					{
						removed += 1;
					}
				}
			}
			if removed == 0 {
				println!(
					"cargo:warning=the runtime's wasm was last built from {}, but no fingerprint \
					 of this workspace's crates was found under {} to rebuild them from {current}",
					last.unwrap_or_default(),
					wasm_project.join("target").display(),
				);
			}
		}
		let _ = fs::create_dir_all(wasm_project);
		let _ = fs::write(&marker, current);
	}

	/// Every `.fingerprint` directory within three levels of `target` (`<profile>/.fingerprint`,
	/// `<triple>/<profile>/.fingerprint`).
	fn fingerprint_dirs(target: &Path) -> Vec<PathBuf> {
		let mut found = Vec::new();
		let mut level = vec![target.to_path_buf()];
		for _ in 0..3 {
			let mut next = Vec::new();
			for dir in level {
				let Ok(entries) = fs::read_dir(&dir) else { continue };
				for entry in entries.flatten().filter(|entry| entry.path().is_dir()) {
					if entry.file_name() == ".fingerprint" {
						found.push(entry.path());
					} else {
						next.push(entry.path());
					}
				}
			}
			level = next;
		}
		found
	}

	/// `--remap-path-prefix` flags for `(from, to)`, each path as given and canonical. rustc
	/// applies the last matching flag, so they are ordered shortest prefix first: a target
	/// directory inside the cargo home still maps to `/target`. A path with whitespace is
	/// skipped, with a warning (the wasm-builder passes flags in a space-separated `RUSTFLAGS`).
	pub fn remap_flags<'a>(remaps: impl Iterator<Item = (&'a PathBuf, &'a str)>) -> Vec<String> {
		let mut prefixes: Vec<(String, &str)> = Vec::new();
		for (from, to) in remaps {
			let canonical = from.canonicalize().unwrap_or_else(|_| from.clone());
			for path in [from.clone(), canonical] {
				let path = path.display().to_string();
				if path.is_empty() || prefixes.iter().any(|(known, _)| *known == path) {
					continue;
				}
				if path.chars().any(char::is_whitespace) {
					println!("cargo:warning=not remapping {path} (it has a space) in the runtime");
					continue;
				}
				prefixes.push((path, to));
			}
		}
		prefixes.sort_by_key(|(path, _)| path.len());
		prefixes.into_iter().map(|(from, to)| format!("--remap-path-prefix={from}={to}")).collect()
	}
}

/// Compiling the runtime for wasm itself: nothing to build.
#[cfg(not(feature = "std"))]
fn main() {}
