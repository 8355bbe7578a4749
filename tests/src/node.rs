//! `huzhu-node` processes on loopback ports.

use std::{
	fs,
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::{
		atomic::{AtomicU32, Ordering},
		Mutex,
	},
	time::Duration,
};

/// The `huzhu-node` binary under test.
pub fn node_binary() -> PathBuf {
	if let Some(path) = std::env::var_os("HUZHU_NODE") {
		return PathBuf::from(path);
	}
	// Test executables live in `<target>/<profile>/deps/`; the node in `<target>/<profile>/`.
	let exe = std::env::current_exe().expect("the test executable has a path");
	let profile_dir = exe
		.parent()
		.and_then(Path::parent)
		.expect("the test executable is inside a target directory");
	let candidate = profile_dir.join("huzhu-node");
	assert!(
		candidate.exists(),
		"{} does not exist: run `cargo build --release -p huzhu-node` or set HUZHU_NODE",
		candidate.display()
	);
	candidate
}

/// A free TCP port on 127.0.0.1. The port is released before the node binds it; the harness
/// hands out each port once per test process, so two nodes of one test never race for one.
pub fn free_port() -> u16 {
	static HANDED_OUT: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
	loop {
		let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
		let port = listener.local_addr().expect("local address").port();
		let mut handed_out = HANDED_OUT.lock().expect("port list lock");
		if !handed_out.contains(&port) {
			handed_out.push(port);
			return port;
		}
	}
}

/// A new random libp2p secret key, hex encoded (what `--node-key` takes).
pub fn new_node_key() -> String {
	let mut seed = [0u8; 32];
	let entropy = (std::process::id(), std::time::SystemTime::now(), free_port());
	seed.copy_from_slice(&sp_io::hashing::blake2_256(format!("{entropy:?}").as_bytes()));
	sp_core::hexdisplay::HexDisplay::from(&seed).to_string()
}

/// A fresh, empty directory under the system's temporary directory.
pub fn temp_dir(label: &str) -> PathBuf {
	static COUNTER: AtomicU32 = AtomicU32::new(0);
	let dir = std::env::temp_dir().join(format!(
		"huzhu-test-{}-{}-{}",
		label,
		std::process::id(),
		COUNTER.fetch_add(1, Ordering::SeqCst)
	));
	let _ = fs::remove_dir_all(&dir);
	fs::create_dir_all(&dir).expect("create a temporary directory");
	dir
}

/// How to start one node.
#[derive(Clone, Debug)]
pub struct NodeConfig {
	/// `--chain` value: `dev`, `local`, `testnet_21` or a spec file.
	pub chain: String,
	/// A development key name (`alice`, `bob`, …) passed as `--<name>`: the node then is a
	/// validator with that key in an in-memory keystore.
	pub dev_key: Option<String>,
	/// Where the node keeps its database and keystore.
	pub base_path: PathBuf,
	/// The JSON-RPC (HTTP and WebSocket) port.
	pub rpc_port: u16,
	/// The libp2p port.
	pub p2p_port: u16,
	/// The libp2p secret key (hex): fixed for the node's life, so its peer id survives restarts.
	pub node_key: String,
	/// `--bootnodes` addresses.
	pub bootnodes: Vec<String>,
	/// Further arguments.
	pub extra_args: Vec<String>,
}

impl NodeConfig {
	/// A single-validator development chain, Alice authoring, on fresh ports: what `--dev`
	/// starts, with an explicit base path. `--force-authoring` lets the lone validator author
	/// without peers.
	pub fn dev() -> Self {
		Self {
			chain: "dev".into(),
			dev_key: Some("alice".into()),
			base_path: temp_dir("dev"),
			rpc_port: free_port(),
			p2p_port: free_port(),
			node_key: new_node_key(),
			bootnodes: Vec::new(),
			extra_args: vec!["--force-authoring".into()],
		}
	}

	/// The arguments `huzhu-node` is started with.
	pub fn args(&self) -> Vec<String> {
		let mut args = vec![
			"--chain".to_string(),
			self.chain.clone(),
			"--base-path".into(),
			self.base_path.display().to_string(),
			"--rpc-port".into(),
			self.rpc_port.to_string(),
			"--listen-addr".into(),
			format!("/ip4/127.0.0.1/tcp/{}", self.p2p_port),
			"--node-key".into(),
			self.node_key.clone(),
			"--no-mdns".into(),
			"--no-prometheus".into(),
			"--no-telemetry".into(),
			"--rpc-cors".into(),
			"all".into(),
			"--allow-private-ip".into(),
		];
		if let Some(key) = &self.dev_key {
			args.push(format!("--{key}"));
			args.push("--validator".into());
		}
		for bootnode in &self.bootnodes {
			args.push("--bootnodes".into());
			args.push(bootnode.clone());
		}
		args.extend(self.extra_args.iter().cloned());
		args
	}
}

/// A running `huzhu-node` process. Dropping it kills the process and removes its base path.
pub struct Node {
	/// How it was started; `restart` starts it the same way again.
	pub config: NodeConfig,
	child: Mutex<Option<Child>>,
	log_path: PathBuf,
	/// Keep the base path on drop (set by a network that owns the directory).
	keep_base_path: bool,
}

impl Node {
	/// Starts a node. Returns once the process runs; use [`Node::client`] to wait for RPC.
	pub fn start(config: NodeConfig) -> Self {
		let log_path = config
			.base_path
			.parent()
			.unwrap_or(&config.base_path)
			.join(format!("{}.log", dir_name(&config.base_path)));
		let mut node = Self { config, child: Mutex::new(None), log_path, keep_base_path: false };
		node.spawn();
		node
	}

	fn spawn(&mut self) {
		let log = fs::OpenOptions::new()
			.create(true)
			.append(true)
			.open(&self.log_path)
			.expect("open the node log");
		let mut command = Command::new(node_binary());
		command
			.args(self.config.args())
			.env("RUST_LOG", std::env::var("HUZHU_NODE_LOG").unwrap_or_else(|_| "info".into()))
			.stdin(Stdio::null())
			.stdout(log.try_clone().expect("clone log handle"))
			.stderr(log);
		// The node must not outlive the test process, even if that is killed.
		unsafe {
			use std::os::unix::process::CommandExt;
			command.pre_exec(|| {
				if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
					return Err(std::io::Error::last_os_error());
				}
				Ok(())
			});
		}
		*self.child.get_mut().expect("child lock") =
			Some(command.spawn().expect("start huzhu-node"));
	}

	/// The node's WebSocket JSON-RPC address.
	pub fn ws_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.config.rpc_port)
	}

	/// A connected JSON-RPC client; waits (up to a minute) for the node's RPC server, and fails
	/// at once with the node's log if the process exits before that.
	pub async fn client(&self) -> crate::Client {
		let deadline = std::time::Instant::now() + Duration::from_secs(60);
		loop {
			match crate::Client::connect(&self.ws_url(), Duration::from_secs(1)).await {
				Ok(client) => return client,
				Err(error) if !self.is_running() || std::time::Instant::now() >= deadline => {
					panic!(
						"{error} (node running: {})\n--- node log ---\n{}",
						self.is_running(),
						self.log_tail()
					)
				}
				Err(_) => {}
			}
		}
	}

	/// Whether the process still runs.
	pub fn is_running(&self) -> bool {
		match self.child.lock().expect("child lock").as_mut() {
			Some(child) => matches!(child.try_wait(), Ok(None)),
			None => false,
		}
	}

	/// Stops the node gracefully (SIGINT, as Ctrl-C) and waits for it to exit.
	pub fn stop(&mut self) {
		if let Some(mut child) = self.child.get_mut().expect("child lock").take() {
			let pid = child.id() as libc::pid_t;
			unsafe {
				libc::kill(pid, libc::SIGINT);
			}
			let deadline = std::time::Instant::now() + Duration::from_secs(60);
			while std::time::Instant::now() < deadline {
				if let Ok(Some(_)) = child.try_wait() {
					return;
				}
				std::thread::sleep(Duration::from_millis(100));
			}
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	/// Kills the node at once (SIGKILL), as a crash or power loss would.
	pub fn kill(&mut self) {
		if let Some(mut child) = self.child.get_mut().expect("child lock").take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	/// Starts the node again with the same configuration and base path.
	pub fn restart(&mut self) {
		assert!(!self.is_running(), "stop or kill the node before restarting it");
		self.spawn();
	}

	/// The last lines of the node's log, for failure messages.
	pub fn log_tail(&self) -> String {
		let log = fs::read_to_string(&self.log_path).unwrap_or_default();
		let lines: Vec<&str> = log.lines().collect();
		lines[lines.len().saturating_sub(40)..].join("\n")
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.kill();
		if !self.keep_base_path {
			let _ = fs::remove_dir_all(&self.config.base_path);
			if !std::thread::panicking() {
				let _ = fs::remove_file(&self.log_path);
			} else {
				eprintln!("node log kept at {}", self.log_path.display());
			}
		}
	}
}

fn dir_name(path: &Path) -> String {
	path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Several validators of one chain on loopback, the first acting as bootnode of the others.
pub struct Network {
	/// The validators, in the order of their keys.
	pub nodes: Vec<Node>,
	root: PathBuf,
}

impl Network {
	/// Starts one validator per development key name (`alice`, `bob`, …) on chain `chain`.
	pub async fn start(chain: &str, dev_keys: &[&str]) -> Self {
		let root = temp_dir("net");
		let mut nodes: Vec<Node> = Vec::new();
		let mut bootnodes = Vec::new();
		for key in dev_keys {
			let config = NodeConfig {
				chain: chain.into(),
				dev_key: Some((*key).into()),
				base_path: root.join(key),
				rpc_port: free_port(),
				p2p_port: free_port(),
				node_key: new_node_key(),
				bootnodes: bootnodes.clone(),
				extra_args: Vec::new(),
			};
			fs::create_dir_all(&config.base_path).expect("create node directory");
			let mut node = Node::start(config);
			node.keep_base_path = true;
			if bootnodes.is_empty() {
				let peer_id: String = node.client().await.call("system_localPeerId", ()).await;
				bootnodes
					.push(format!("/ip4/127.0.0.1/tcp/{}/p2p/{peer_id}", node.config.p2p_port));
			}
			nodes.push(node);
		}
		Self { nodes, root }
	}
}

impl Drop for Network {
	fn drop(&mut self) {
		for node in &mut self.nodes {
			node.kill();
		}
		if std::thread::panicking() {
			eprintln!("network logs kept under {}", self.root.display());
		} else {
			let _ = fs::remove_dir_all(&self.root);
		}
	}
}
