//! Builds the runtime's WebAssembly blob (with the RFC-78 metadata hash when the
//! `metadata-hash` feature is on).
//!
//! The blob is made reproducible across checkouts: the absolute paths that end up in panic
//! locations (this workspace, the cargo home, the target directory) are remapped to fixed
//! prefixes, so two clones at different paths build the same wasm and the committed raw chain
//! specs (`chain-specs/`) stay comparable byte for byte.

#[cfg(feature = "std")]
fn main() {
	use std::path::{Path, PathBuf};

	let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
	let workspace = manifest_dir.parent().map(Path::to_path_buf).unwrap_or(manifest_dir);
	let cargo_home = std::env::var("CARGO_HOME").map(PathBuf::from).unwrap_or_else(|_| {
		PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
	});
	// OUT_DIR is <target>/<profile>/build/<crate>-<hash>/out.
	let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
	let target_dir = out_dir.ancestors().nth(4).map(Path::to_path_buf).unwrap_or_default();
	let remap = |from: &Path, to: &str| {
		let from = from.canonicalize().unwrap_or_else(|_| from.to_path_buf());
		format!("--remap-path-prefix={}={to}", from.display())
	};

	let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.append_to_rust_flags(remap(&target_dir, "/target"))
		.append_to_rust_flags(remap(&workspace, "/huzhu"))
		.append_to_rust_flags(remap(&cargo_home, "/cargo"));
	// The token as `huzhu_primitives::{TOKEN_SYMBOL, TOKEN_DECIMALS}` define it (a build
	// script using the crate would compile sp-core a second time for the host).
	#[cfg(feature = "metadata-hash")]
	let builder = builder.enable_metadata_hash("HUZ", 12);
	builder.build();
}

/// Compiling the runtime for wasm itself: nothing to build.
#[cfg(not(feature = "std"))]
fn main() {}
