//! One connection, SQLite or PostgreSQL, behind the handful of calls the
//! store makes: run a statement, read rows, begin and end a transaction.
//!
//! Statements are constant text written once with numbered parameters
//! (`?1`, `?2`...), which SQLite reads as they are and PostgreSQL reads as
//! `$1`, `$2`... ([`pg_text`]); where the two dialects differ (full-text
//! search, the schema) the caller picks one of two constants by
//! [`Conn::dialect`]. Values are always bound, never spliced into the text.
//!
//! PostgreSQL is driven through tokio-postgres on a runtime of the
//! connection's own (one thread, the caller's), so the store keeps one
//! blocking interface for both backends.

use std::cell::RefCell;
use std::collections::HashMap;

use bytes::BytesMut;
use tokio_postgres::types::{to_sql_checked, IsNull, ToSql, Type};

/// A value bound to or read from a statement.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
    /// Arrays, for PostgreSQL's `= ANY(?1)` and `unnest(?1)`: one statement
    /// for a whole batch instead of a round trip per row.
    Ints(Vec<i64>),
    Texts(Vec<String>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}
impl From<&i64> for Value {
    fn from(v: &i64) -> Value {
        Value::Int(*v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_string())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Value {
        Value::Text(v.clone())
    }
}
impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Value {
        Value::Bytes(v)
    }
}
impl From<Vec<i64>> for Value {
    fn from(v: Vec<i64>) -> Value {
        Value::Ints(v)
    }
}
impl From<Vec<String>> for Value {
    fn from(v: Vec<String>) -> Value {
        Value::Texts(v)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// Bound values of a statement: `vals![a, b, c]`.
macro_rules! vals {
    ($($v:expr),* $(,)?) => { &[$($crate::db::Value::from($v)),*][..] };
}
pub(crate) use vals;

/// What went wrong in the database, from either driver.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}", pg_message(.0))]
    Postgres(#[from] tokio_postgres::Error),
    #[error("column {column}: {why}")]
    Type { column: usize, why: String },
}

/// tokio-postgres's own message for a server error is only "db error";
/// the server's message and code say what happened.
fn pg_message(e: &tokio_postgres::Error) -> String {
    use std::error::Error;
    match (e.as_db_error(), e.source()) {
        (Some(db), _) => format!("{} ({})", db.message(), db.code().code()),
        (None, Some(cause)) => format!("{e}: {cause}"),
        (None, None) => e.to_string(),
    }
}

/// One row read: its values in column order.
#[derive(Debug, Clone)]
pub(crate) struct DbRow(Vec<Value>);

impl DbRow {
    fn at(&self, i: usize) -> Result<&Value, DbError> {
        self.0.get(i).ok_or(DbError::Type {
            column: i,
            why: "no such column".into(),
        })
    }

    pub(crate) fn int(&self, i: usize) -> Result<i64, DbError> {
        self.opt_int(i)?.ok_or(DbError::Type {
            column: i,
            why: "NULL where a number was expected".into(),
        })
    }

    pub(crate) fn opt_int(&self, i: usize) -> Result<Option<i64>, DbError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::Int(v) => Ok(Some(*v)),
            other => Err(DbError::Type {
                column: i,
                why: format!("expected a number, found {other:?}"),
            }),
        }
    }

    pub(crate) fn text(&self, i: usize) -> Result<String, DbError> {
        self.opt_text(i)?.ok_or(DbError::Type {
            column: i,
            why: "NULL where text was expected".into(),
        })
    }

    pub(crate) fn opt_text(&self, i: usize) -> Result<Option<String>, DbError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::Text(v) => Ok(Some(v.clone())),
            other => Err(DbError::Type {
                column: i,
                why: format!("expected text, found {other:?}"),
            }),
        }
    }

    pub(crate) fn bytes(&self, i: usize) -> Result<Vec<u8>, DbError> {
        match self.at(i)? {
            Value::Bytes(v) => Ok(v.clone()),
            other => Err(DbError::Type {
                column: i,
                why: format!("expected bytes, found {other:?}"),
            }),
        }
    }
}

/// Which SQL the connection speaks, for the statements written twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// An open connection to either backend.
pub(crate) enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Pg),
}

/// A PostgreSQL connection with its runtime and prepared statements.
pub(crate) struct Pg {
    rt: tokio::runtime::Runtime,
    client: tokio_postgres::Client,
    prepared: RefCell<HashMap<String, tokio_postgres::Statement>>,
    /// `NOTIFY`s on the channels this connection `LISTEN`s to.
    notes: RefCell<tokio::sync::mpsc::UnboundedReceiver<()>>,
}

impl Pg {
    pub(crate) fn connect(url: &str) -> Result<Pg, DbError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| DbError::Type {
                column: 0,
                why: format!("cannot start the PostgreSQL client runtime: {e}"),
            })?;
        let (client, mut connection) =
            rt.block_on(tokio_postgres::connect(url, tokio_postgres::NoTls))?;
        // The connection task runs whenever a query is driven on this
        // runtime; it passes notifications on and ends with the connection.
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        rt.spawn(async move {
            while let Some(Ok(msg)) = std::future::poll_fn(|cx| connection.poll_message(cx)).await {
                if let tokio_postgres::AsyncMessage::Notification(_) = msg {
                    let _ = tx.send(());
                }
            }
        });
        Ok(Pg {
            rt,
            client,
            prepared: RefCell::new(HashMap::new()),
            notes: RefCell::new(rx),
        })
    }

    /// Wait for a notification, at most `timeout`; true when one came.
    /// Several pending ones count as one: the waiter looks at the queue anyway.
    pub(crate) fn wait_notification(&self, timeout: std::time::Duration) -> Result<bool, DbError> {
        let mut rx = self.notes.borrow_mut();
        let mut got = false;
        while rx.try_recv().is_ok() {
            got = true;
        }
        if got {
            return Ok(true);
        }
        // A closed connection shows up here as a failed query, which the
        // caller treats as any other lost connection.
        self.rt.block_on(self.client.simple_query(""))?;
        let woke = self
            .rt
            .block_on(async { tokio::time::timeout(timeout, rx.recv()).await });
        Ok(matches!(woke, Ok(Some(()))))
    }

    fn statement(&self, sql: &str) -> Result<tokio_postgres::Statement, DbError> {
        if let Some(st) = self.prepared.borrow().get(sql) {
            return Ok(st.clone());
        }
        let st = self.rt.block_on(self.client.prepare(&pg_text(sql)))?;
        self.prepared
            .borrow_mut()
            .insert(sql.to_string(), st.clone());
        Ok(st)
    }
}

/// `?N` parameters as PostgreSQL's `$N` (the statements hold no `?` otherwise).
pub(crate) fn pg_text(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(v) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Value::Text(v) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
            Value::Bytes(v) => ToSqlOutput::Borrowed(ValueRef::Blob(v)),
            Value::Ints(_) | Value::Texts(_) => {
                return Err(rusqlite::Error::ToSqlConversionFailure(
                    "arrays are bound in PostgreSQL statements only".into(),
                ))
            }
        })
    }
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(v) => match *ty {
                Type::INT4 => i32::try_from(*v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*v)?.to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => v.to_string().to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Value::Text(v) => v.as_str().to_sql(ty, out),
            Value::Bytes(v) => v.as_slice().to_sql(ty, out),
            Value::Ints(v) => v.to_sql(ty, out),
            Value::Texts(v) => v.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        // Checked per value in `to_sql`, against the type the server asks for.
        true
    }

    to_sql_checked!();
}

fn sqlite_row(r: &rusqlite::Row<'_>, n: usize) -> rusqlite::Result<DbRow> {
    use rusqlite::types::ValueRef;
    let mut v = Vec::with_capacity(n);
    for i in 0..n {
        v.push(match r.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(x) => Value::Int(x),
            // Reals are not stored; read one as its integer part.
            ValueRef::Real(x) => Value::Int(x as i64),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
        });
    }
    Ok(DbRow(v))
}

fn pg_row(r: &tokio_postgres::Row) -> Result<DbRow, DbError> {
    let mut v = Vec::with_capacity(r.len());
    for (i, col) in r.columns().iter().enumerate() {
        let val = match *col.type_() {
            Type::INT8 => r.try_get::<_, Option<i64>>(i)?.into(),
            Type::INT4 => r.try_get::<_, Option<i32>>(i)?.map(i64::from).into(),
            Type::INT2 => r.try_get::<_, Option<i16>>(i)?.map(i64::from).into(),
            Type::BOOL => r.try_get::<_, Option<bool>>(i)?.map(i64::from).into(),
            Type::BYTEA => r.try_get::<_, Option<Vec<u8>>>(i)?.into(),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
                r.try_get::<_, Option<String>>(i)?.into()
            }
            ref other => {
                return Err(DbError::Type {
                    column: i,
                    why: format!("unexpected column type {other}"),
                })
            }
        };
        v.push(val);
    }
    Ok(DbRow(v))
}

impl Conn {
    pub(crate) fn dialect(&self) -> Dialect {
        match self {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Run one statement; the number of rows it changed.
    pub(crate) fn exec(&self, sql: &str, p: &[Value]) -> Result<u64, DbError> {
        match self {
            Conn::Sqlite(c) => {
                let n = c
                    .prepare_cached(sql)?
                    .execute(rusqlite::params_from_iter(p))?;
                Ok(n as u64)
            }
            Conn::Postgres(pg) => {
                let st = pg.statement(sql)?;
                let refs: Vec<&(dyn ToSql + Sync)> =
                    p.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
                Ok(pg.rt.block_on(pg.client.execute(&st, &refs))?)
            }
        }
    }

    /// Run several statements without parameters (schema, transaction control).
    pub(crate) fn batch(&self, sql: &str) -> Result<(), DbError> {
        match self {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Postgres(pg) => Ok(pg.rt.block_on(pg.client.batch_execute(sql))?),
        }
    }

    /// Every row a query returns.
    pub(crate) fn rows(&self, sql: &str, p: &[Value]) -> Result<Vec<DbRow>, DbError> {
        match self {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let n = st.column_count();
                let rows = st
                    .query_map(rusqlite::params_from_iter(p), |r| sqlite_row(r, n))?
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(rows)
            }
            Conn::Postgres(pg) => {
                let st = pg.statement(sql)?;
                let refs: Vec<&(dyn ToSql + Sync)> =
                    p.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
                let rows = pg.rt.block_on(pg.client.query(&st, &refs))?;
                rows.iter().map(pg_row).collect()
            }
        }
    }

    /// The first row, if any.
    pub(crate) fn row(&self, sql: &str, p: &[Value]) -> Result<Option<DbRow>, DbError> {
        Ok(self.rows(sql, p)?.into_iter().next())
    }

    /// Start a transaction; `write` asks SQLite for the write lock at once
    /// (so two writers queue instead of failing on upgrade).
    pub(crate) fn begin(&self, write: bool) -> Result<Tx<'_>, DbError> {
        let sql = match (self, write) {
            (Conn::Sqlite(_), true) => "BEGIN IMMEDIATE",
            _ => "BEGIN",
        };
        self.batch(sql)?;
        Ok(Tx {
            conn: self,
            done: false,
        })
    }
}

/// An open transaction: rolled back when dropped without [`Tx::commit`].
pub(crate) struct Tx<'c> {
    conn: &'c Conn,
    done: bool,
}

impl Tx<'_> {
    pub(crate) fn commit(mut self) -> Result<(), DbError> {
        self.done = true;
        self.conn.batch("COMMIT")
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            // Nothing to report to: the error that ended the transaction
            // early is already on its way to the caller.
            let _ = self.conn.batch("ROLLBACK");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_parameters_become_dollars_and_nothing_else_changes() {
        assert_eq!(
            pg_text("SELECT a FROM t WHERE x = ?1 AND y = ?12 AND z = '?'"),
            "SELECT a FROM t WHERE x = $1 AND y = $12 AND z = '?'"
        );
    }

    #[test]
    fn sqlite_rows_read_back_typed() {
        let c = Conn::Sqlite(rusqlite::Connection::open_in_memory().unwrap());
        c.batch("CREATE TABLE t (a INTEGER, b TEXT, c BLOB)")
            .unwrap();
        c.exec(
            "INSERT INTO t VALUES (?1, ?2, ?3)",
            vals![7i64, "x", vec![1u8, 2]],
        )
        .unwrap();
        c.exec(
            "INSERT INTO t VALUES (?1, ?2, ?3)",
            vals![None::<i64>, None::<String>, Vec::<u8>::new()],
        )
        .unwrap();
        let rows = c.rows("SELECT a, b, c FROM t ORDER BY a", vals![]).unwrap();
        assert_eq!(rows[0].opt_int(0).unwrap(), None);
        assert!(rows[0].int(0).is_err());
        assert_eq!(rows[1].int(0).unwrap(), 7);
        assert_eq!(rows[1].text(1).unwrap(), "x");
        assert_eq!(rows[1].bytes(2).unwrap(), vec![1, 2]);
        assert!(rows[1].text(0).is_err());
    }
}
