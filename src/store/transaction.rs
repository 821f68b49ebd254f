//! The one way the library is written: an IMMEDIATE transaction, waited for while another
//! writer (a second CLI, the app's autosave, a sync) holds the file, and retried a few times if
//! the wait runs out.
//!
//! A deferred transaction that reads and then writes cannot wait for a busy lock: SQLite fails
//! it at once, because its snapshot may already be stale. Taking the write lock at BEGIN means
//! every read inside the change sees the latest version and waiting is always allowed.

use std::time::Duration;

use rusqlite::{Transaction, TransactionBehavior};

use super::{fault, Library, Result, StoreError};

/// How long one attempt waits for another writer to finish.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Further attempts after a wait ran out, each after a longer pause.
const RETRIES: u32 = 3;

impl Library {
    /// Runs `change` in an IMMEDIATE transaction and commits it; a change that fails leaves
    /// nothing behind. `change` may run more than once (after the library was busy), so it
    /// must do all its writing through `tx`.
    pub(super) fn write<T>(&self, mut change: impl FnMut(&Transaction) -> Result<T>) -> Result<T> {
        if let Some(why) = self.read_only {
            return Err(why.refusal(&self.path));
        }
        let mut attempt = 0;
        loop {
            match self.attempt(&mut change) {
                Err(err) if is_busy(&err) && attempt < RETRIES => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(50 << attempt));
                }
                other => return other.map_err(|err| fault::explain(err, &self.path)),
            }
        }
    }

    fn attempt<T>(&self, change: &mut impl FnMut(&Transaction) -> Result<T>) -> Result<T> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let value = change(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

fn is_busy(err: &StoreError) -> bool {
    matches!(err, StoreError::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::Library;

    /// Another writer holds the file and commits while this save waits: a deferred transaction
    /// would have read a snapshot that is then stale and failed at once with "database is locked".
    #[test]
    fn a_save_waits_for_another_writer_and_then_lands() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.flowlane");
        let mut library = Library::create(&path).unwrap();
        let (process, _) = crate::samples::versions().swap_remove(0);
        let other = rusqlite::Connection::open(&path).unwrap();
        other
            .execute_batch("BEGIN IMMEDIATE; INSERT INTO settings VALUES ('rule.deadlock', 'off');")
            .unwrap();
        let holder = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            other.execute_batch("COMMIT").unwrap();
        });
        let saved = library.save_version(&process, "ana", "first", chrono::Utc::now());
        holder.join().unwrap();
        assert_eq!(saved.unwrap().number, 1);
        assert_eq!(library.rule_levels().unwrap().len(), 1);
    }
}
