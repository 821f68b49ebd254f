//! The one place Flowlane runs git: plumbing commands on a private bare repository beside the
//! library (never a working tree), so no hook, filter, attribute or fsmonitor from the shared
//! repository ever runs. Remote content is only ever read as blobs and parsed as data.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub use super::signing_key::{SigningKey, OPENPGP_KEY};
use super::SyncError;

/// A bare repository Flowlane owns: objects fetched from the shared repository and commits
/// written for a push.
pub struct Repository {
    dir: PathBuf,
    /// The key commits are signed with, when the user set one.
    signing_key: Option<SigningKey>,
}

/// Where the allowed signers of one check are written for git to read: inside the private
/// repository, never in the shared one.
const ALLOWED_SIGNERS_FILE: &str = "flowlane-allowed-signers";

/// What git says about a commit's signature, checked against an allowed-signers file.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitSignature {
    pub commit: String,
    /// git's `%G?`: G good, U good but its key is not an allowed signer, N none, B bad (the
    /// commit was changed after signing), E cannot be checked.
    pub status: char,
    /// The allowed signer's name, for a good signature.
    pub signer: Option<String>,
    /// The key's fingerprint, for any signature git could read.
    pub key: Option<String>,
    /// A GPG signature's primary key fingerprint (none for SSH).
    pub primary: Option<String>,
}

/// The ref a fetch writes the shared branch to.
const FETCHED: &str = "refs/flowlane/remote";

/// Settings for every call, whatever the user's own git config says: no hooks (a hostile
/// repository cannot bring any, but the user's global `core.hooksPath` could), no `ext::`
/// transport (it runs commands), no signing prompt, and incoming objects are checked.
const SAFE: &[&str] = &[
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "protocol.ext.allow=never",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "transfer.fsckObjects=true",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "user.useConfigOnly=false",
];

/// Variables that would point git at another repository than ours.
const FOREIGN_ENV: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_COMMON_DIR",
];

/// Who wrote a commit and when (seconds since the epoch, UTC).
pub struct Signature<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub seconds: i64,
}

/// One entry of a tree: mode, object id and name.
pub struct TreeEntry {
    pub mode: String,
    pub kind: String,
    pub id: String,
    pub name: String,
}

impl Repository {
    /// Opens the private repository at `dir`, creating it (bare, without template hooks) the
    /// first time.
    pub fn open_or_init(dir: &Path) -> Result<Repository, SyncError> {
        let repo = Repository {
            dir: dir.to_path_buf(),
            signing_key: None,
        };
        if !dir.join("HEAD").exists() {
            let mut cmd = base_command();
            cmd.args(["init", "--quiet", "--bare", "--template="])
                .arg(dir);
            run(cmd, "init", None)?;
        }
        Ok(repo)
    }

    /// Signs every commit written from now on with `key`.
    pub fn sign_with(&mut self, key: SigningKey) {
        self.signing_key = Some(key);
    }

    /// The signatures of `commits`, each checked against `allowed` (an allowed-signers list,
    /// SSH and GPG signers), in the order given; one git call for all of them.
    pub fn signatures(
        &self,
        commits: &[&str],
        allowed: &[u8],
    ) -> Result<Vec<CommitSignature>, SyncError> {
        if commits.is_empty() {
            return Ok(Vec::new());
        }
        let allowed = String::from_utf8_lossy(allowed);
        // GPG signatures are checked against the listed keys only, never the user's keyring.
        let keyring = super::gpg::keyring(&allowed)?;
        let file = self.dir.join(ALLOWED_SIGNERS_FILE);
        let ssh = super::openpgp::ssh_part(&allowed);
        std::fs::write(&file, ssh).map_err(|e| SyncError::Git {
            command: "log".into(),
            message: format!("cannot write {}: {e}", file.display()),
        })?;
        let mut cmd = self.git();
        cmd.env("GNUPGHOME", keyring.path());
        cmd.arg("-c")
            .arg(format!("gpg.ssh.allowedSignersFile={}", file.display()))
            .args([
                "log",
                "--no-walk=unsorted",
                "--format=%H%x1f%G?%x1f%GS%x1f%GK%x1f%GP",
                "--end-of-options",
            ])
            .args(commits);
        let out = run(cmd, "log", None)?;
        let text = String::from_utf8_lossy(&out);
        let present = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Ok(text
            .lines()
            .filter_map(|line| {
                let mut parts = line.split('\x1f');
                let commit = parts.next()?.to_string();
                let status = parts.next()?.chars().next().unwrap_or('E');
                let signer = parts.next().and_then(present);
                let key = parts.next().and_then(present);
                let primary = parts.next().and_then(present);
                let mut signature = CommitSignature {
                    commit,
                    status,
                    signer: signer.filter(|_| status == 'G'),
                    key,
                    primary,
                };
                super::openpgp::vouch(&mut signature, &allowed);
                Some(signature)
            })
            .collect())
    }

    /// The object each of `specs` (`COMMIT^:PATH` and the like) names, or `None` where there
    /// is none; one git call for all of them.
    pub fn object_ids(&self, specs: &[String]) -> Result<Vec<Option<String>>, SyncError> {
        let mut input = String::new();
        for spec in specs {
            input.push_str(spec);
            input.push('\n');
        }
        let out = self.run(
            &["cat-file", "--batch-check=%(objectname)"],
            Some(input.as_bytes()),
        )?;
        let text = String::from_utf8_lossy(&out);
        // A spec that names nothing comes back as "SPEC missing" (or "ambiguous").
        Ok(text
            .lines()
            .map(|line| {
                let found = line.len() >= 40 && line.bytes().all(|b| b.is_ascii_hexdigit());
                found.then(|| line.to_string())
            })
            .collect())
    }

    /// A top-level file of a commit's tree, if it has one.
    pub fn top_file(&self, commit: &str, name: &str) -> Result<Option<Vec<u8>>, SyncError> {
        let entry = self
            .entries(commit)?
            .into_iter()
            .find(|e| e.name == name && e.kind == "blob");
        match entry {
            Some(e) if self.blob_size(&e.id)? <= 1024 * 1024 => Ok(Some(self.blob(&e.id)?)),
            Some(_) => Err(SyncError::BrokenCommit {
                commit: commit.get(..10).unwrap_or(commit).to_string(),
                problem: format!("{name} is larger than any list of signers needs"),
            }),
            None => Ok(None),
        }
    }

    fn git(&self) -> Command {
        let mut cmd = base_command();
        cmd.arg("--git-dir").arg(&self.dir);
        cmd
    }

    fn run(&self, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, SyncError> {
        let mut cmd = self.git();
        cmd.args(args);
        run(cmd, args.first().copied().unwrap_or("git"), input)
    }

    fn text(&self, args: &[&str]) -> Result<String, SyncError> {
        let out = self.run(args, None)?;
        Ok(String::from_utf8_lossy(&out).trim_end().to_string())
    }

    /// The commit at the tip of `branch` in the shared repository, fetched here; `None` when the
    /// branch does not exist there yet (a new, empty repository).
    pub fn fetch(&self, url: &str, branch: &str) -> Result<Option<String>, SyncError> {
        let head = format!("refs/heads/{branch}");
        let listed = self
            .text(&["ls-remote", "--", url, &head])
            .map_err(|e| reaching(url, e))?;
        if listed.is_empty() {
            return Ok(None);
        }
        let refspec = format!("+{head}:{FETCHED}");
        self.run(
            &[
                "fetch",
                "--quiet",
                "--no-tags",
                "--no-write-fetch-head",
                "--",
                url,
                &refspec,
            ],
            None,
        )
        .map_err(|e| reaching(url, e))?;
        Ok(Some(self.text(&["rev-parse", "--verify", FETCHED])?))
    }

    /// Sends `commit` as the new tip of `branch`. Git refuses anything but a fast-forward, so
    /// a push that raced someone else's is refused rather than overwriting it.
    pub fn push(&self, url: &str, branch: &str, commit: &str) -> Result<(), SyncError> {
        let refspec = format!("{commit}:refs/heads/{branch}");
        let mut args = vec!["push", "--quiet"];
        // Pushing to a path runs receive-pack here, in the shared repository, which would run
        // whatever hooks someone put in that folder: switch them off there too.
        if is_local(url) {
            args.push("--receive-pack=git -c core.hooksPath=/dev/null receive-pack");
        }
        args.extend(["--", url, &refspec]);
        match self.run(&args, None) {
            Err(SyncError::Git { message, .. })
                if message.contains("fetch first") || message.contains("non-fast-forward") =>
            {
                return Err(SyncError::RemoteMoved);
            }
            other => other.map_err(|e| reaching(url, e))?,
        };
        point_head(url, branch);
        Ok(())
    }

    /// The e-mail for commits of `author`'s versions pushed by `actor`: the user's git
    /// `user.email` for their own versions, else a placeholder that names the author (never
    /// empty, so every git tool shows a proper identity).
    pub fn email(&self, author: &str, actor: &str) -> String {
        let configured = (author == actor)
            .then(|| self.text(&["config", "--get", "user.email"]).ok())
            .flatten()
            .filter(|e| !e.trim().is_empty());
        configured.unwrap_or_else(|| {
            let local: String = author
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '.' })
                .collect();
            let local = local.trim_matches('.');
            format!(
                "{}@users.flowlane.invalid",
                if local.is_empty() { "someone" } else { local }
            )
        })
    }

    /// Whether `ancestor` is `commit` or one of its ancestors (both fetched here).
    pub fn is_ancestor(&self, ancestor: &str, commit: &str) -> Result<bool, SyncError> {
        match self.run(&["merge-base", "--is-ancestor", ancestor, commit], None) {
            Ok(_) => Ok(true),
            // Exit 1 is "no"; a commit we do not have is "no" as well (git says so on stderr).
            Err(SyncError::Git { .. }) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// Whether the commit is in this repository.
    pub fn has_commit(&self, commit: &str) -> bool {
        let spec = format!("{commit}^{{commit}}");
        self.run(&["cat-file", "-e", &spec], None).is_ok()
    }

    /// Commits from `tip` back along first parents, newest first.
    pub fn first_parents(&self, tip: &str) -> Result<Vec<String>, SyncError> {
        let out = self.text(&["rev-list", "--first-parent", tip])?;
        Ok(out.lines().map(String::from).collect())
    }

    /// Every commit `tip` has that `stop` has not (all of them without `stop`), side branches
    /// of merges included, parents before children.
    pub fn all_since(&self, tip: &str, stop: Option<&str>) -> Result<Vec<String>, SyncError> {
        let mut args = vec!["rev-list", "--topo-order", "--reverse", tip];
        let not = stop.map(|s| format!("^{s}"));
        if let Some(not) = &not {
            args.push(not);
        }
        let out = self.text(&args)?;
        Ok(out.lines().map(String::from).collect())
    }

    /// Commits from `tip` back along first parents down to `stop` (left out), newest first.
    pub fn first_parents_until(&self, tip: &str, stop: &str) -> Result<Vec<String>, SyncError> {
        let range = format!("{stop}..{tip}");
        let out = self.text(&["rev-list", "--first-parent", &range])?;
        Ok(out.lines().map(String::from).collect())
    }

    /// The raw commit object: headers, a blank line, the message.
    pub fn commit_object(&self, commit: &str) -> Result<String, SyncError> {
        let out = self.run(&["cat-file", "commit", commit], None)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// The top-level entries of a commit's tree, or of a tree.
    pub fn entries(&self, tree_ish: &str) -> Result<Vec<TreeEntry>, SyncError> {
        let out = self.run(&["ls-tree", "-z", tree_ish], None)?;
        let mut entries = Vec::new();
        for record in out.split(|b| *b == 0).filter(|r| !r.is_empty()) {
            let record = String::from_utf8_lossy(record);
            let (meta, name) = record.split_once('\t').unwrap_or((&record, ""));
            let mut parts = meta.split(' ');
            let (Some(mode), Some(kind), Some(id)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            entries.push(TreeEntry {
                mode: mode.into(),
                kind: kind.into(),
                id: id.into(),
                name: name.into(),
            });
        }
        Ok(entries)
    }

    /// The size of a blob in bytes, read before the blob so a huge one is refused unread.
    pub fn blob_size(&self, id: &str) -> Result<u64, SyncError> {
        let text = self.text(&["cat-file", "-s", id])?;
        text.parse().map_err(|_| SyncError::Git {
            command: "cat-file".into(),
            message: format!("unexpected size {text:?}"),
        })
    }

    pub fn blob(&self, id: &str) -> Result<Vec<u8>, SyncError> {
        self.run(&["cat-file", "blob", id], None)
    }

    pub fn write_blob(&self, bytes: &[u8]) -> Result<String, SyncError> {
        let out = self.run(&["hash-object", "-w", "--stdin"], Some(bytes))?;
        Ok(String::from_utf8_lossy(&out).trim().to_string())
    }

    pub fn write_tree(&self, entries: &[TreeEntry]) -> Result<String, SyncError> {
        let mut input = Vec::new();
        for e in entries {
            write!(input, "{} {} {}\t{}\0", e.mode, e.kind, e.id, e.name)
                .expect("writing to a Vec cannot fail");
        }
        let out = self.run(&["mktree", "-z"], Some(&input))?;
        Ok(String::from_utf8_lossy(&out).trim().to_string())
    }

    /// Writes a commit whose author and committer are the version's author at the version's
    /// time, so the same version on the same parents is always the same commit.
    pub fn write_commit(
        &self,
        tree: &str,
        parents: &[&str],
        message: &str,
        who: &Signature,
    ) -> Result<String, SyncError> {
        let mut cmd = self.git();
        // git's own signing, so `git log --show-signature` checks it too.
        match &self.signing_key {
            Some(SigningKey::Ssh(key)) => {
                cmd.args(["-c", "gpg.format=ssh", "-c"])
                    .arg(format!("user.signingkey={}", key.display()));
            }
            Some(SigningKey::OpenPgp(fingerprint)) => {
                cmd.args(["-c", "gpg.format=openpgp", "-c"])
                    .arg(format!("user.signingkey={fingerprint}"));
            }
            None => {}
        }
        cmd.args(["commit-tree", tree]);
        if self.signing_key.is_some() {
            cmd.arg("-S");
        }
        for p in parents {
            cmd.args(["-p", p]);
        }
        cmd.args(["-F", "-"]);
        let name = ident(who.name);
        let date = format!("@{} +0000", who.seconds);
        for (key, value) in [
            ("GIT_AUTHOR_NAME", name.as_str()),
            ("GIT_AUTHOR_EMAIL", who.email),
            ("GIT_AUTHOR_DATE", date.as_str()),
            ("GIT_COMMITTER_NAME", name.as_str()),
            ("GIT_COMMITTER_EMAIL", who.email),
            ("GIT_COMMITTER_DATE", date.as_str()),
        ] {
            cmd.env(key, value);
        }
        let out = match (
            run(cmd, "commit-tree", Some(message.as_bytes())),
            &self.signing_key,
        ) {
            (Err(SyncError::Git { message, .. }), Some(key)) => {
                return Err(SyncError::SigningFailed {
                    key: key.describe(),
                    reason: message.lines().last().unwrap_or("").to_string(),
                })
            }
            (other, _) => other?,
        };
        Ok(String::from_utf8_lossy(&out).trim().to_string())
    }
}

/// So a plain `git clone` of a shared repository reached as a path checks out the shared branch:
/// a HEAD naming a branch that does not exist (a new bare repository's `master`) is pointed at
/// it. Best effort: a repository over the network keeps the HEAD its server gives it.
fn point_head(url: &str, branch: &str) {
    if !is_local(url) {
        return;
    }
    let dir = url.strip_prefix("file://").unwrap_or(url);
    let git = |args: &[&str]| {
        let mut cmd = base_command();
        cmd.arg("--git-dir").arg(dir).args(args);
        run(cmd, args[0], None)
    };
    let Ok(head) = git(&["symbolic-ref", "--quiet", "HEAD"]) else {
        return;
    };
    let head = String::from_utf8_lossy(&head).trim().to_string();
    if git(&["rev-parse", "--verify", "--quiet", &head]).is_err() {
        let _ = git(&["symbolic-ref", "HEAD", &format!("refs/heads/{branch}")]);
    }
}

/// A repository reached as a path (or file:// URL) rather than over a network transport.
fn is_local(url: &str) -> bool {
    url.starts_with("file://")
        || Path::new(url).is_absolute()
        || url.starts_with('.')
        || !url.contains(':')
}

/// A name git accepts in an ident: no angle brackets or line breaks, never empty.
fn ident(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if matches!(c, '<' | '>' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        "unknown".into()
    } else {
        clean.into()
    }
}

fn base_command() -> Command {
    let mut cmd = Command::new("git");
    cmd.args(SAFE);
    for var in FOREIGN_ENV {
        cmd.env_remove(var);
    }
    // A password prompt would hang the app; a refusal is reported instead (`reaching`).
    cmd.env("GIT_TERMINAL_PROMPT", "0");
    cmd
}

fn run(mut cmd: Command, what: &str, input: Option<&[u8]>) -> Result<Vec<u8>, SyncError> {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| SyncError::GitMissing(e.to_string()))?;
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin.write_all(bytes).map_err(|e| SyncError::Git {
            command: what.into(),
            message: e.to_string(),
        })?;
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().map_err(|e| SyncError::Git {
        command: what.into(),
        message: e.to_string(),
    })?;
    if status.success() {
        Ok(stdout)
    } else {
        Err(SyncError::Git {
            command: what.into(),
            message: String::from_utf8_lossy(&stderr).trim().to_string(),
        })
    }
}

/// What git said when it could not talk to the shared repository, as the one plain message a
/// person can act on; anything else passes through.
fn reaching(url: &str, error: SyncError) -> SyncError {
    let SyncError::Git { message, .. } = &error else {
        return error;
    };
    let lower = message.to_lowercase();
    // git's own verdict is its `fatal:` line; what follows it is advice in several lines.
    let reason = message
        .lines()
        .find(|l| l.starts_with("fatal: "))
        .or_else(|| message.lines().rev().find(|l| !l.trim().is_empty()))
        .unwrap_or("")
        .trim_start_matches("fatal: ")
        .to_string();
    const DENIED: &[&str] = &[
        "permission denied",
        "authentication failed",
        "could not read username",
        "could not read password",
        "terminal prompts disabled",
        "access denied",
        "403",
        "host key verification failed",
    ];
    const UNREACHABLE: &[&str] = &[
        "does not appear to be a git repository",
        "could not resolve host",
        "connection refused",
        "connection timed out",
        "no route to host",
        "network is unreachable",
        "could not read from remote repository",
        "unable to access",
        "repository not found",
        "not found",
    ];
    if DENIED.iter().any(|d| lower.contains(d)) {
        SyncError::AccessDenied {
            url: url.to_string(),
            reason,
        }
    } else if UNREACHABLE.iter().any(|u| lower.contains(u)) {
        SyncError::Unreachable {
            url: url.to_string(),
            reason,
        }
    } else {
        error
    }
}
