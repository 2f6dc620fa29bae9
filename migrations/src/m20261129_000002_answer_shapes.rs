//! Stored answers get a shape per kind (`app::domain::Answer`): a single choice was a bare
//! string (`"a"`) and "weet niet" the string `"wn"`, indistinguishable from open text. They
//! become `{"choice": "a"}` and `{"dont_know": true}`, decided by the question's kind.
//! Numbers, open text and lists of choices keep their shape. `down` writes the old shapes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000002_answer_shapes"
    }
}

/// One stored answer in the new shape (`up`) or the old (`!up`), given its question's kind;
/// `None` when it stays as it is.
fn reshape(kind: &str, answer: &Value, up: bool) -> Option<Value> {
    match (up, kind, answer) {
        (true, "single", Value::String(c)) => Some(json!({ "choice": c })),
        (true, "likert", Value::String(s)) if s == "wn" => Some(json!({ "dont_know": true })),
        (false, "single", Value::Object(o)) => o.get("choice").cloned(),
        (false, "likert", Value::Object(o)) if o.get("dont_know") == Some(&json!(true)) => {
            Some(json!("wn"))
        }
        _ => None,
    }
}

async fn rewrite(manager: &SchemaManager<'_>, up: bool) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = db.get_database_backend();
    let kinds: HashMap<String, String> = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT code, kind FROM question",
        ))
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get::<String>("", "code")?,
                r.try_get::<String>("", "kind")?,
            ))
        })
        .collect::<Result<_, DbErr>>()?;
    for table in ["response", "response_buffer"] {
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                format!("SELECT id, answers FROM {table}"),
            ))
            .await?;
        let update = match backend {
            sea_orm_migration::sea_orm::DbBackend::Postgres => {
                format!("UPDATE {table} SET answers = $1 WHERE id = $2")
            }
            _ => format!("UPDATE {table} SET answers = ? WHERE id = ?"),
        };
        for row in rows {
            let id: String = row.try_get("", "id")?;
            let text: String = row.try_get("", "answers")?;
            // A row that does not parse is left for the service layer to report.
            let Ok(Value::Object(answers)) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            let mut changed = false;
            let mut out = Map::new();
            for (code, answer) in answers {
                let kind = kinds.get(&code).map(String::as_str).unwrap_or("");
                match reshape(kind, &answer, up) {
                    Some(new) => {
                        changed = true;
                        out.insert(code, new);
                    }
                    None => {
                        out.insert(code, answer);
                    }
                }
            }
            if changed {
                db.execute_raw(Statement::from_sql_and_values(
                    backend,
                    update.clone(),
                    [Value::Object(out).to_string().into(), id.into()],
                ))
                .await?;
            }
        }
    }
    Ok(())
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rewrite(manager, true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rewrite(manager, false).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_shapes_become_new_ones_and_back() {
        let cases = [
            ("single", json!("a"), json!({ "choice": "a" })),
            ("likert", json!("wn"), json!({ "dont_know": true })),
        ];
        for (kind, old, new) in cases {
            assert_eq!(reshape(kind, &old, true), Some(new.clone()));
            assert_eq!(reshape(kind, &new, false), Some(old));
        }
        assert_eq!(
            reshape("text", &json!("wn"), true),
            None,
            "open text stays text"
        );
        assert_eq!(reshape("likert", &json!(4), true), None);
        assert_eq!(reshape("multi", &json!(["a"]), true), None);
    }
}
