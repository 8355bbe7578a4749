//! Running the `@polkadot/api` scripts of `scripts/polkadot-js/` against a node.

use std::{path::PathBuf, process::Command};

/// What a script printed: its exit status, stdout and stderr.
pub struct ScriptOutput {
	/// Whether it exited with status 0.
	pub success: bool,
	/// Its standard output.
	pub stdout: String,
	/// Its standard error.
	pub stderr: String,
}

/// Runs `node <script> <args…>` in `scripts/polkadot-js` (whose packages `scripts/setup.sh`
/// installs) and echoes its output to the test log.
pub async fn run(script: &str, args: Vec<String>) -> ScriptOutput {
	let scripts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/polkadot-js");
	assert!(
		scripts.join("node_modules/@polkadot/api").exists(),
		"polkadot-js packages are missing: run scripts/setup.sh"
	);
	let script = script.to_string();
	let output = tokio::task::spawn_blocking(move || {
		Command::new("node").arg(script).args(args).current_dir(scripts).output()
	})
	.await
	.expect("the script's thread joins")
	.expect("node runs");
	let result = ScriptOutput {
		success: output.status.success(),
		stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
		stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
	};
	eprintln!("{}", result.stdout);
	result
}
